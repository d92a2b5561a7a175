// Command benchtable measures dnsctl end to end on generated configurations
// and prints a Markdown table: wall time, CPU time (user+system) and peak
// memory (max RSS) of each step, taking the median wall time of -runs runs.
//
//	go run ./scripts/benchtable -dnsctl bin/dnsctl
//
// With -stub it measures account scale instead (1,000 zones × 1,000
// records against the Route 53 stub, then 200 zones on moto):
//
//	go run ./scripts/benchtable -dnsctl bin/dnsctl -stub
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

type measure struct {
	wall, cpu time.Duration
	rssMB     float64
	motoCPU   time.Duration // moto's CPU time during the run (moto table)
}

func main() {
	bin := flag.String("dnsctl", "bin/dnsctl", "the dnsctl binary to measure")
	runs := flag.Int("runs", 3, "runs per step (the median is shown)")
	withMoto := flag.Bool("moto", true, "also measure against moto_server (Route 53 emulator)")
	stub := flag.Bool("stub", false, "measure account scale instead: the Route 53 stub (scripts/r53stub) at -stub-zones × -stub-records, then (with -moto) moto at 200 zones")
	stubZones := flag.Int("stub-zones", 1000, "zones of the stub measurement (0: moto only)")
	stubRecords := flag.Int("stub-records", 1000, "records per zone of the stub measurement")
	minBatchesOf := flag.String("min-batches", "", "internal: print the fewest change batches of these options (JSON) and exit")
	flag.Parse()
	if *minBatchesOf != "" {
		printMinBatches(*minBatchesOf)
		return
	}
	abs, err := filepath.Abs(*bin)
	check(err)
	work, err := os.MkdirTemp("", "dnsctl-bench-")
	check(err)
	defer os.RemoveAll(work)
	if *stub {
		runScale(abs, work, *stubZones, *stubRecords, *withMoto)
		return
	}

	type step struct {
		name string
		opts gen.Options
		// setup runs once before the measured command (push of a baseline).
		setup []string
		args  []string
		// changed writes the measured config with that share changed.
		changed float64
	}
	steps := []step{
		{name: "print-ir, 1 domain × 20,000 records", opts: gen.Options{Domains: 1, Records: 20000}, args: []string{"print-ir"}},
		{name: "print-ir, 1 domain × 50,000 records", opts: gen.Options{Domains: 1, Records: 50000}, args: []string{"print-ir"}},
		{name: "print-ir, 100 domains × 500 records", opts: gen.Options{Domains: 100, Records: 500}, args: []string{"print-ir"}},
		// The CPU-only stages (evaluate + validate + read the zone files +
		// diff) at the sizes of the moto table, then larger.
		{name: "preview (BIND), 1,000 records, 1% changed", opts: gen.Options{Domains: 1, Records: 1000},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
		{name: "preview (BIND), 5,000 records, 1% changed", opts: gen.Options{Domains: 1, Records: 5000},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
		{name: "preview (BIND), 20,000 records, 1% changed", opts: gen.Options{Domains: 1, Records: 20000},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
		{name: "preview (BIND), 200 × 100 records, 1% changed", opts: gen.Options{Domains: 200, Records: 100},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
		{name: "preview (BIND), 50,000 records, 1% changed", opts: gen.Options{Domains: 1, Records: 50000},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
		{name: "preview (BIND), 100 × 500 records, 1% changed", opts: gen.Options{Domains: 100, Records: 500},
			setup: []string{"push"}, changed: 0.01, args: []string{"preview"}},
	}
	fmt.Println("| step | wall (median) | CPU user+sys | peak RSS |")
	fmt.Println("|---|---:|---:|---:|")
	for i, st := range steps {
		dir := filepath.Join(work, fmt.Sprint(i))
		check(os.MkdirAll(dir, 0o755))
		check(os.WriteFile(filepath.Join(dir, "creds.json"), []byte(`{"bind":{"TYPE":"BIND","directory":"zones"}}`), 0o644))
		writeConfig(dir, st.opts)
		if st.setup != nil {
			_, err := run(dir, abs, st.setup...)
			check(err)
		}
		if st.changed > 0 {
			o := st.opts
			o.Changed = st.changed
			writeConfig(dir, o)
		}
		var ms []measure
		for range *runs {
			m, err := run(dir, abs, append(st.args, "--no-colors")...)
			check(err)
			ms = append(ms, m)
		}
		sort.Slice(ms, func(a, b int) bool { return ms[a].wall < ms[b].wall })
		m := ms[len(ms)/2]
		fmt.Printf("| %s | %.2f s | %.2f s | %.0f MB |\n", st.name, m.wall.Seconds(), m.cpu.Seconds(), m.rssMB)
	}
	if *withMoto {
		runMoto(abs, *runs, work)
	}
}

func writeConfig(dir string, o gen.Options) {
	f, err := os.Create(filepath.Join(dir, "dnsconfig.js"))
	check(err)
	w := bufio.NewWriter(f)
	check(gen.Write(w, o))
	check(w.Flush())
	check(f.Close())
}

func run(dir, bin string, args ...string) (measure, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout = nil
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measure{}, fmt.Errorf("%s %v: %w", bin, args, err)
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return measure{wall: wall, cpu: cpu, rssMB: float64(ru.Maxrss) / 1024}, nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}
