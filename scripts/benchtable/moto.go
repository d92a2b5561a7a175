package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

// counter is a reverse proxy in front of moto that counts requests by
// AWS operation.
type counter struct {
	mu     sync.Mutex
	counts map[string]int
	proxy  *httputil.ReverseProxy
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	op := faultproxy.Operation(r, body)
	c.mu.Lock()
	c.counts[op]++
	c.mu.Unlock()
	c.proxy.ServeHTTP(w, r)
}

func (c *counter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.counts
	c.counts = map[string]int{}
	return m
}

// startMoto starts moto_server on a free loopback port; cpu reports the
// CPU time moto has used so far.
func startMoto() (u string, stop func(), cpu func() time.Duration) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var cmd *exec.Cmd
	if p, err := exec.LookPath("moto_server"); err == nil {
		cmd = exec.Command(p, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	} else {
		cmd = exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	}
	check(cmd.Start())
	u = fmt.Sprintf("http://127.0.0.1:%d", port)
	for i := 0; ; i++ {
		resp, err := http.Get(u + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i > 200 {
			check(fmt.Errorf("moto_server did not start: %v", err))
		}
		time.Sleep(100 * time.Millisecond)
	}
	cpu = func() time.Duration { return procCPU(cmd.Process.Pid) }
	return u, func() { cmd.Process.Kill(); cmd.Wait() }, cpu
}

// procCPU returns the user+system CPU time of a process and its waited-for
// children (moto_server may be a shim that runs Python as a child), from
// /proc; 0 where /proc is not there.
func procCPU(pid int) time.Duration {
	var total time.Duration
	var walk func(pid int)
	walk = func(pid int) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		// Fields after the command: state is f[0]; utime f[11], stime f[12].
		var ut, st int64
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &st)
		total += time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100
		kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		for _, k := range strings.Fields(string(kids)) {
			var c int
			fmt.Sscan(k, &c)
			walk(c)
		}
	}
	walk(pid)
	return total
}

// startCountedMoto starts moto_server behind a counting proxy; endpoint is
// the proxy's URL.
func startCountedMoto() (motoURL, endpoint string, c *counter, stop func(), cpu func() time.Duration) {
	motoURL, stopMoto, cpu := startMoto()
	up, _ := url.Parse(motoURL)
	c = &counter{counts: map[string]int{}, proxy: httputil.NewSingleHostReverseProxy(up)}
	srv := &http.Server{Handler: c}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	go srv.Serve(l)
	return motoURL, "http://" + l.Addr().String(), c, func() { srv.Close(); stopMoto() }, cpu
}

type motoCase struct {
	name             string
	domains, records int
}

// runMoto measures dnsctl against moto behind a counting proxy and prints
// one table row per step with the API calls made and the fewest the API
// allows.
func runMoto(bin string, runs int, work string) {
	motoURL, endpoint, c, stop, motoCPU := startCountedMoto()
	defer stop()

	cases := []motoCase{
		{"1 zone × 1,000", 1, 1000},
		{"1 zone × 5,000", 1, 5000},
		{"1 zone × 20,000", 1, 20000},
		{"200 zones × 100", 200, 100},
	}
	fmt.Println()
	fmt.Println("Against moto_server on loopback; RateLimit 1000/s so the pacer never binds. CPU and peak RSS are dnsctl's own (moto runs in its own process).")
	fmt.Println()
	fmt.Println("| zones × records | step | wall | dnsctl CPU | moto CPU | dnsctl peak RSS | API calls (by operation) | total | API minimum |")
	fmt.Println("|---|---|---:|---:|---:|---:|---|---:|---:|")
	for i, mc := range cases {
		resp, err := http.Post(motoURL+"/moto-api/reset", "", nil)
		check(err)
		resp.Body.Close()
		dir := filepath.Join(work, fmt.Sprint("moto", i))
		check(os.MkdirAll(dir, 0o755))
		creds := fmt.Sprintf(`{"r53":{"TYPE":"ROUTE53","KeyId":"AKIAIOSFODNN7EXAMPLE","SecretKey":"bench","Endpoint":%q,"RateLimit":"1000"}}`, endpoint)
		check(os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644))
		base := gen.Options{Domains: mc.domains, Records: mc.records, Provider: "r53"}
		writeConfig(dir, base)

		changedOpts := gen.Options{Domains: mc.domains, Records: mc.records, Provider: "r53", Changed: 0.01}
		createBatches, changeBatches := minBatches(base, changedOpts)
		rrsets := mc.records + 2 // + apex NS and SOA
		zoneLookups := (mc.domains + 99) / 100
		// Reading: the zone listing, then per zone its record sets, 300 a
		// page (the name servers come from the apex NS set listed).
		readMin := zoneLookups + mc.domains*((rrsets+299)/300)
		// Creating: one (empty) zone listing, a CreateHostedZone per zone, the batches.
		createMin := 1 + mc.domains + createBatches
		changeMin := readMin + changeBatches

		row := func(step string, m measure, counts map[string]int, min int) {
			fmt.Printf("| %s | %s | %.2f s | %.2f s | %.2f s | %.0f MB | %s | %d | %d |\n",
				mc.name, step, m.wall.Seconds(), m.cpu.Seconds(), m.motoCPU.Seconds(), m.rssMB, opList(counts), total(counts), min)
		}
		// once runs one dnsctl command and measures moto's CPU with it.
		once := func(args ...string) measure {
			before := motoCPU()
			m, err := run(dir, bin, append(args, "--no-colors")...)
			check(err)
			m.motoCPU = motoCPU() - before
			return m
		}
		c.take()
		m := once("push")
		row("first push (create all)", m, c.take(), createMin)

		var ms []measure
		var counts map[string]int
		for range runs {
			ms = append(ms, once("preview", "--expect-no-changes"))
			counts = c.take()
		}
		row("preview, no change", median(ms), counts, readMin)

		writeConfig(dir, changedOpts)
		row("preview, 1% changed", once("preview"), c.take(), readMin)
		row("push, 1% changed", once("push"), c.take(), changeMin)
	}
}

func median(ms []measure) measure {
	sort.Slice(ms, func(a, b int) bool { return ms[a].wall < ms[b].wall })
	return ms[len(ms)/2]
}

func opList(counts map[string]int) string {
	var ops []string
	for op, n := range counts {
		ops = append(ops, fmt.Sprintf("%s %d", op, n))
	}
	sort.Strings(ops)
	return strings.Join(ops, ", ")
}

func total(counts map[string]int) int {
	n := 0
	for _, v := range counts {
		n += v
	}
	return n
}

// minBatches returns the fewest change batches the API limits allow (1,000
// values and 32,000 value characters per request) for creating every
// record of base, and for going from base to changed (a modified value is
// a DELETE and a CREATE). It is a lower bound: it ignores how sets split.
//
// It runs in a child process (this program with -min-batches): loading a
// million records would raise this process's peak RSS, and Linux counts
// the parent's peak in the peak RSS of every child started afterwards (the
// child shares the parent's memory until it execs), which would inflate the
// dnsctl figures.
func minBatches(base, changed gen.Options) (create, change int) {
	self, err := os.Executable()
	check(err)
	arg, err := json.Marshal([2]gen.Options{base, changed})
	check(err)
	cmd := exec.Command(self, "-min-batches", string(arg))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	check(err)
	_, err = fmt.Sscan(string(out), &create, &change)
	check(err)
	return create, change
}

// printMinBatches is the child of minBatches: arg is the JSON of the two
// options; it prints the two bounds.
func printMinBatches(arg string) {
	var o [2]gen.Options
	check(json.Unmarshal([]byte(arg), &o))
	create, change := computeMinBatches(o[0], o[1])
	fmt.Println(create, change)
}

func computeMinBatches(base, changed gen.Options) (create, change int) {
	load := func(o gen.Options) *model.Config {
		dir, err := os.MkdirTemp("", "dnsctl-min-")
		check(err)
		defer os.RemoveAll(dir)
		check(gen.WriteDir(dir, o))
		e, err := engine.Load(context.Background(), engine.Options{ConfigPath: filepath.Join(dir, "dnsconfig.js"), SkipCreds: true})
		check(err)
		return e.Config
	}
	bound := func(values, chars int) int {
		return max((values+999)/1000, (chars+31999)/32000)
	}
	a, b := load(base), load(changed)
	for i, d := range a.Domains {
		chars := 0
		for _, r := range d.Records {
			chars += len(r.Data)
		}
		create += bound(len(d.Records), chars)
		plan, err := diff.Compute(d.Name, d.Records, b.Domains[i].Records, diff.Options{})
		check(err)
		values, vchars := 0, 0
		for _, c := range plan.Changes {
			for _, r := range append(c.Old, c.New...) {
				values++
				vchars += len(r.Data)
			}
		}
		change += bound(values, vchars)
	}
	return create, change
}
