//go:build unix

package bind

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// addWWW applies a plan adding www's A record to zone (a zone reference:
// the records are named in its origin, without the tag), with the apex NS
// a zone needs to load in BIND (a no-op where the file holds it already).
func addWWW(t *testing.T, p *Provider, zone, ip string) {
	t.Helper()
	origin, _ := model.SplitZone(zone)
	plan := createPlan(t, origin, withNS(origin, rec("www."+origin, "A", 300, ip)))
	plan.Zone = zone
	if err := p.Apply(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
}

// A zone file that is a symbolic link (to the file named loads) is written
// through: the link stays, its target gets the content, and the temporary
// file lives beside the target.
func TestWriteThroughSymlink(t *testing.T) {
	cases := []struct {
		name   string
		link   string // the link's text, relative to zones/
		target string // where it leads, relative to the test directory
	}{
		{"relative, outside the directory", "../named/example.com.db", "named/example.com.db"},
		{"absolute", "", "named/example.com.db"},
		{"a link to a link", "example.com.link", "named/example.com.db"},
		{"dangling: the target is created", "../named/new.db", "named/new.db"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			p := New(filepath.Join(base, "zones"), "")
			target := filepath.Join(base, c.target)
			if !strings.HasSuffix(c.target, "new.db") {
				writeFile(t, target, "@ 300 IN A 192.0.2.1\n"+apexNS)
			} else if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(base, "zones", "example.com.zone")
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			text := c.link
			switch text {
			case "":
				text = target
			case "example.com.link":
				if err := os.Symlink(target, filepath.Join(base, "zones", text)); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Symlink(text, link); err != nil {
				t.Fatal(err)
			}
			addWWW(t, p, "example.com", "192.0.2.2")

			fi, err := os.Lstat(link)
			if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
			}
			if got, _ := os.Readlink(link); got != text {
				t.Errorf("the link now reads %q", got)
			}
			b, err := os.ReadFile(target)
			if err != nil || !strings.Contains(string(b), "192.0.2.2") {
				t.Errorf("target not updated: %s %v", b, err)
			}
			ents, _ := os.ReadDir(filepath.Dir(target))
			if len(ents) != 1 {
				t.Errorf("beside the target: %v", ents)
			}
		})
	}
}

// Rewriting a file keeps its owner, group and mode: a root:bind 0640 file
// stays readable by named.
func TestWriteKeepsOwnerGroupMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("changing a file's owner takes root")
	}
	p, dir := newTest(t)
	path := filepath.Join(dir, "example.com.zone")
	writeFile(t, path, "@ 300 IN A 192.0.2.1\n"+apexNS)
	if err := os.Chown(path, 1, 1); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	addWWW(t, p, "example.com", "192.0.2.2")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 1 || st.Gid != 1 || fi.Mode()&(fs.ModePerm|fs.ModeSetgid) != 0o640|fs.ModeSetgid {
		t.Errorf("after the write: uid %d gid %d mode %v, want 1 1 0640 and setgid", st.Uid, st.Gid, fi.Mode())
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "192.0.2.2") {
		t.Errorf("not written:\n%s", b)
	}
}

// New files and directories take the umask: 0666 and 0777 less it.
func TestWriteHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p, dir := newTest(t)
	addWWW(t, p, "example.com", "192.0.2.1")
	for path, want := range map[string]fs.FileMode{
		dir:                                    0o750 | fs.ModeDir,
		filepath.Join(dir, "example.com.zone"): 0o640,
		filepath.Join(dir, LockName):           0o640,
	} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode() != want {
			t.Errorf("%s: mode %v (%v), want %v", path, fi.Mode(), err, want)
		}
	}
}

// A run killed while writing leaves ".<file>.tmpNNN" behind: the next run
// that takes the lock removes it, and only files of that naming.
func TestStaleTempsRemoved(t *testing.T) {
	cases := []struct {
		name   string
		format string
		run    func(t *testing.T, p *Provider)
	}{
		{"Apply of another zone", "", func(t *testing.T, p *Provider) { addWWW(t, p, "example.net", "192.0.2.1") }},
		{"create-domains", "", func(t *testing.T, p *Provider) {
			// create-domains writes the new zone with its apex NS.
			if _, err := p.EnsureZone(context.Background(), "example.net"); err != nil {
				t.Fatal(err)
			}
			if err := p.Apply(context.Background(), createPlan(t, "example.net", withNS("example.net"))); err != nil {
				t.Fatal(err)
			}
		}},
		{"push's lock", "", func(t *testing.T, p *Provider) {
			release, err := p.Lock(context.Background(), []string{"example.net"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			release()
		}},
		{"subdirectories of the format", "%T%?/%a.zone", func(t *testing.T, p *Provider) { addWWW(t, p, "example.net!v", "192.0.2.1") }},
	}
	stale := []string{".example.com.zone.tmp123456", "v/.example.com.zone.tmp9"}
	kept := []string{"example.com.zone", ".example.com.zone.tmpx1", "notes.tmp1", ".example.com.zone.tmp", "v/example.org.zone"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "zones")
			p := New(dir, c.format)
			for _, f := range append(slices.Clone(stale), kept...) {
				writeFile(t, filepath.Join(dir, filepath.FromSlash(f)), "@ 300 IN A 192.0.2.1\n$TTL 30")
			}
			c.run(t, p)
			for _, f := range stale {
				if strings.Contains(f, "/") && c.format == "" {
					continue // not a directory of this format
				}
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					t.Errorf("stale %s was kept", f)
				}
			}
			for _, f := range kept {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("%s was removed: %v", f, err)
				}
			}
		})
	}
}

// Writing a zone removes the stale temporary files of its own file, even
// beside a symlink's target outside the directory.
func TestStaleTempsBesideTarget(t *testing.T) {
	base := t.TempDir()
	p := New(filepath.Join(base, "zones"), "")
	target := filepath.Join(base, "named", "example.com.db")
	writeFile(t, target, "@ 300 IN A 192.0.2.1\n"+apexNS)
	writeFile(t, filepath.Join(base, "named", ".example.com.db.tmp42"), "partial")
	writeFile(t, filepath.Join(base, "named", ".other.db.tmp42"), "someone else's")
	if err := os.MkdirAll(filepath.Join(base, "zones"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(base, "zones", "example.com.zone")); err != nil {
		t.Fatal(err)
	}
	addWWW(t, p, "example.com", "192.0.2.2")
	ents, _ := os.ReadDir(filepath.Join(base, "named"))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".other.db.tmp42", "example.com.db"}) {
		t.Errorf("beside the target: %v", names)
	}
}

// EnsureZone writes nothing: the file of a new zone appears when Apply
// writes its content, so an Apply that fails (or never comes) leaves no
// SOA-only file behind.
func TestNewZoneFileOnlyWithContent(t *testing.T) {
	cases := []struct {
		name  string
		apply func(p *Provider) error
	}{
		{"no Apply (push declined or refused)", func(*Provider) error { return nil }},
		{"a record refused", func(p *Provider) error {
			w := &model.Record{Name: "example.com", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "blue"}
			return p.Apply(context.Background(), &diff.Plan{Zone: "example.com", Changes: []diff.Change{{Kind: diff.Create, Key: w.Key(), New: []*model.Record{w}}}})
		}},
		{"interrupted", func(p *Provider) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return p.Apply(ctx, &diff.Plan{Zone: "example.com"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, dir := newTest(t)
			created, err := p.EnsureZone(context.Background(), "example.com")
			if err != nil || !created {
				t.Fatalf("EnsureZone = %v, %v", created, err)
			}
			// Planned against the zone as created.
			recs, err := p.Records(context.Background(), "example.com")
			if err != nil || len(recs) != 1 || recs[0].Type != "SOA" {
				t.Fatalf("Records of the new zone = %v, %v", recs, err)
			}
			c.apply(p)
			if _, err := os.Stat(filepath.Join(dir, "example.com.zone")); err == nil {
				t.Error("a zone file was left behind")
			}
		})
	}
}
