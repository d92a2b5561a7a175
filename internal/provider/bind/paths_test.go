package bind

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Whatever a zone reference or a filename format says, no file outside the
// directory is read, written or listed.
func TestPathsStayInside(t *testing.T) {
	cases := []struct {
		name   string
		format string
		zone   string
		want   string // in the error
	}{
		{"tag climbs out", "", "x.com!/../../escaped", `its tag "/../../escaped" cannot be part of a file name`},
		{"tag reaches /etc", "", "x!../../../etc/passwd", "cannot be part of a file name"},
		{"tag is ..", "%T%?/%a.db", "x.com!..", `has a ".." path component`},
		{"tag is .", "%T%?/%a.db", "x.com!.", `has a "." path component`},
		{"tag is .. after a dotted name", "%T%?/%a.db", "x.com.!..", `has a ".." path component`},
		{"tag holds NUL", "", "x.com!a\x00b", "cannot be part of a file name"},
		{"empty tag makes it absolute", "%T/%a.db", "x.com", "is an absolute path"},
		{"empty tag makes an empty component", "db/%T/%a", "x.com", "has an empty path component"},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "a", "b", "zones")
			p := New(dir, c.format)
			p.SetClock(func() time.Time { return day })
			if p.err != nil {
				t.Fatal(p.err)
			}
			check := func(what string, err error) {
				t.Helper()
				if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bind: ") {
					t.Errorf("%s: error %v, want one saying %q", what, err, c.want)
				}
			}
			_, err := p.Path(c.zone)
			check("Path", err)
			_, err = p.Records(ctx, c.zone)
			check("Records", err)
			_, err = p.NewZoneRecords(ctx, c.zone)
			check("NewZoneRecords", err)
			_, err = p.EnsureZone(ctx, c.zone)
			check("EnsureZone", err)
			origin, _ := model.SplitZone(c.zone)
			plan := createPlan(t, origin, []*model.Record{rec("www."+origin, "A", 300, "192.0.2.1")})
			plan.Zone = c.zone
			check("Apply", p.Apply(ctx, plan))
			if err := p.Apply(ctx, &diff.Plan{Zone: c.zone}); err != nil {
				check("Apply of an empty plan", err)
			}
			// Nothing was written anywhere under the test's directory
			// but the lock file.
			filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && d.Name() != LockName {
					t.Errorf("wrote %s", path)
				}
				return nil
			})
		})
	}
}

// A filename format that leads out of the directory is refused when the
// provider is built, naming the creds.json entry.
func TestFormatStaysInside(t *testing.T) {
	info, err := provider.Lookup(TypeName)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		format string
		ok     bool
	}{
		{"../%U.zone", false},
		{"/etc/%U.zone", false},
		{"%U/../../x", false},
		{"a/./%U", false},
		{"a//%U", false},
		{"sub/../%U.zone", false},
		{"%U.zone", true},
		{"%T%?/%a.db", true},
		{"views/%c/db", true},
		{"..%U.zone", true}, // "..example.com.zone" is a name, not a step up
	}
	for _, c := range cases {
		_, err := info.New(context.Background(), provider.Entry{Name: "b", Type: TypeName,
			Fields: map[string]string{"directory": t.TempDir(), "filenameformat": c.format}})
		switch {
		case c.ok && err != nil:
			t.Errorf("%q: %v", c.format, err)
		case !c.ok && (err == nil || !strings.Contains(err.Error(), "must name files inside the directory")):
			t.Errorf("%q: error %v", c.format, err)
		}
	}
}

// Zones in subdirectories the format names, and tagged views, are fine.
func TestPathsInside(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ format, zone, want string }{
		{"", "example.com!inside", "example.com!inside.zone"},
		{"%T%?/%a.db", "example.com!inside", "inside/example.com.db"},
		{"%T%?/%a.db", "example.com", "example.com.db"},
		{"", "128/25.2.0.192.in-addr.arpa", "128_25.2.0.192.in-addr.arpa.zone"},
	}
	for _, c := range cases {
		got, err := New(dir, c.format).Path(c.zone)
		if err != nil || got != filepath.Join(dir, filepath.FromSlash(c.want)) {
			t.Errorf("%q %s: %q, %v", c.format, c.zone, got, err)
		}
	}
}

// FuzzZonePath: whatever the zone reference and filename format, a path the
// provider would use lies inside its directory.
func FuzzZonePath(f *testing.F) {
	for _, z := range []string{"example.com", "x.com!/../../escaped", "x!../../../etc/passwd", "x.com.!..", "a!b/c", "128/25.2.0.192.in-addr.arpa", "x!\x00"} {
		for _, format := range []string{"%U.zone", "%T%?/%a.db", "%T/%c", "db_%f", "%F/%u"} {
			f.Add(z, format)
		}
	}
	f.Fuzz(func(t *testing.T, zone, format string) {
		dir := filepath.Join("base", "zones")
		p := New(dir, format)
		if p.err != nil {
			return
		}
		path, err := p.Path(zone)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "bind: ") {
				t.Fatalf("error without the provider's name: %v", err)
			}
			return
		}
		rel, rerr := filepath.Rel(dir, path)
		if rerr != nil || !filepath.IsLocal(rel) || strings.ContainsRune(path, 0) {
			t.Fatalf("zone %q, format %q: %q is outside %s", zone, format, path, dir)
		}
	})
}
