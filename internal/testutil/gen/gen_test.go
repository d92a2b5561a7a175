package gen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

func load(t *testing.T, path string) *model.Config {
	t.Helper()
	e, err := engine.Load(context.Background(), engine.Options{ConfigPath: path, SkipCreds: true})
	if err != nil {
		t.Fatal(err)
	}
	return e.Config
}

// TestWriteDirMatchesWrite: the split configuration declares the same
// domains and records as the single file, and a smaller rewrite removes the
// files of the domains it no longer has.
func TestWriteDirMatchesWrite(t *testing.T) {
	for _, o := range []gen.Options{
		{Domains: 3, Records: 40},
		{Domains: 12, Records: 120, Changed: 0.01, Provider: "r53"},
	} {
		one := t.TempDir()
		var b bytes.Buffer
		if err := gen.Write(&b, o); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(one, "dnsconfig.js"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		split := t.TempDir()
		if err := gen.WriteDir(split, gen.Options{Domains: o.Domains + 5, Records: 1}); err != nil {
			t.Fatal(err)
		}
		if err := gen.WriteDir(split, o); err != nil {
			t.Fatal(err)
		}
		a, c := load(t, filepath.Join(one, "dnsconfig.js")), load(t, filepath.Join(split, "dnsconfig.js"))
		if len(a.Domains) != o.Domains || len(c.Domains) != o.Domains {
			t.Fatalf("%+v: %d domains in one file, %d split; want %d", o, len(a.Domains), len(c.Domains), o.Domains)
		}
		for i, d := range a.Domains {
			got := c.Domains[i]
			if got.Name != d.Name || len(got.Records) != len(d.Records) {
				t.Fatalf("%+v: split domain %d is %s with %d records, want %s with %d", o, i, got.Name, len(got.Records), d.Name, len(d.Records))
			}
			for j, r := range d.Records {
				if g := got.Records[j]; g.Name != r.Name || g.Type != r.Type || g.Data != r.Data || g.TTL != r.TTL {
					t.Errorf("%+v: %s record %d: %v, want %v", o, d.Name, j, g, r)
				}
			}
		}
	}
}
