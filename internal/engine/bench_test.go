package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

// writeConfig writes a generated dnsconfig.js and an empty creds.json into
// dir and returns the config path.
func writeConfig(tb testing.TB, dir string, o gen.Options) string {
	tb.Helper()
	var b bytes.Buffer
	if err := gen.Write(&b, o); err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(dir, "dnsconfig.js")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func loadBench(b *testing.B, o gen.Options) {
	path := writeConfig(b, b.TempDir(), o)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e, err := Load(context.Background(), Options{ConfigPath: path, SkipCreds: true})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(e.Config.Domains[0].Records); n != o.Records {
			b.Fatalf("%d records, want %d", n, o.Records)
		}
	}
}

// Evaluate + normalise + validate.
func BenchmarkLoad20k(b *testing.B)     { loadBench(b, gen.Options{Domains: 1, Records: 20000}) }
func BenchmarkLoad50k(b *testing.B)     { loadBench(b, gen.Options{Domains: 1, Records: 50000}) }
func BenchmarkLoad100x500(b *testing.B) { loadBench(b, gen.Options{Domains: 100, Records: 500}) }

// BenchmarkLoadDiff50k evaluates, validates and diffs 50,000 records
// against a copy with 1% changed: the CPU-only part of a preview.
func BenchmarkLoadDiff50k(b *testing.B) {
	dir := b.TempDir()
	base := writeConfig(b, dir, gen.Options{Domains: 1, Records: 50000})
	e0, err := Load(context.Background(), Options{ConfigPath: base, SkipCreds: true})
	if err != nil {
		b.Fatal(err)
	}
	existing := e0.Config.Domains[0].Records
	changedDir := filepath.Join(dir, "changed")
	os.Mkdir(changedDir, 0o755)
	path := writeConfig(b, changedDir, gen.Options{Domains: 1, Records: 50000, Changed: 0.01})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e, err := Load(context.Background(), Options{ConfigPath: path, SkipCreds: true})
		if err != nil {
			b.Fatal(err)
		}
		d := e.Config.Domains[0]
		plan, err := diff.Compute(d.Name, existing, d.Records, diff.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(plan.Changes) < 400 {
			b.Fatalf("only %d changes", len(plan.Changes))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sysMB")
}

func TestGeneratedConfigLoads(t *testing.T) {
	for _, o := range []gen.Options{{Domains: 3, Records: 200}, {Domains: 1, Records: 1000, Changed: 0.01}} {
		t.Run(fmt.Sprint(o.Domains, "x", o.Records), func(t *testing.T) {
			path := writeConfig(t, t.TempDir(), o)
			e, err := Load(context.Background(), Options{ConfigPath: path, SkipCreds: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Config.Domains) != o.Domains || len(e.Config.Domains[0].Records) != o.Records {
				t.Fatalf("got %d domains, %d records", len(e.Config.Domains), len(e.Config.Domains[0].Records))
			}
		})
	}
}
