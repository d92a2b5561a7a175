package r53stub_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

// BenchmarkPreviewAccount runs a no-change preview of zones × 1,000
// records against the stub in process, for profiling (-cpuprofile,
// -memprofile); R53STUB_BENCH_ZONES sets zones (default 100).
func BenchmarkPreviewAccount(b *testing.B) {
	zones := 100
	if v, err := strconv.Atoi(os.Getenv("R53STUB_BENCH_ZONES")); err == nil && v > 0 {
		zones = v
	}
	e := newEnv(b, zones, 1000)
	if err := gen.WriteDir(e.dir, gen.Options{Domains: zones, Records: 1000, Provider: "r53"}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if n, _ := e.run("preview"); n != 0 {
			b.Fatalf("%d corrections, want 0", n)
		}
	}
}
