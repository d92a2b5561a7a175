package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

// endpoint is a Route 53 endpoint that counts the calls it serves.
type endpoint struct {
	name  string // "stub" or "moto"
	url   string
	cpu   func() time.Duration
	take  func() map[string]int // the counts since the last take
	reset func()                // forget every zone change (stub) or zone (moto)
}

// startStub builds scripts/r53stub and runs it as a process of its own
// (so that dnsctl's CPU figures are its own) serving zones × records.
func startStub(work string, zones, records int) (endpoint, func()) {
	bin := filepath.Join(work, "r53stub")
	build := exec.Command("go", "build", "-o", bin, "./scripts/r53stub")
	build.Stderr = os.Stderr
	check(build.Run())
	cmd := exec.Command(bin, "-zones", fmt.Sprint(zones), "-records", fmt.Sprint(records))
	out, err := cmd.StdoutPipe()
	check(err)
	cmd.Stderr = os.Stderr
	check(cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	check(err)
	u := strings.TrimSpace(line)
	post := func(path string) {
		resp, err := http.Post(u+path, "", nil)
		check(err)
		resp.Body.Close()
	}
	e := endpoint{
		name: "stub",
		url:  u,
		cpu:  func() time.Duration { return procCPU(cmd.Process.Pid) },
		take: func() map[string]int {
			resp, err := http.Get(u + "/stub/counts")
			check(err)
			defer resp.Body.Close()
			m := map[string]int{}
			check(json.NewDecoder(resp.Body).Decode(&m))
			post("/stub/reset")
			return m
		},
		reset: func() { post("/stub/restore") },
	}
	return e, func() { cmd.Process.Kill(); cmd.Wait() }
}

// scaleCase is one account-scale measurement: preview without change,
// preview and push of 1% changed, on the split configuration of
// gen.WriteDir.
type scaleCase struct {
	zones, records int
	// create pushes the baseline first (moto starts empty; the stub
	// serves it already).
	create bool
	// rateLimit is the creds' RateLimit ("" for the provider's default).
	rateLimit string
	// noChangeOnly measures only the no-change preview.
	noChangeOnly bool
	note         string
}

// runScale prints the account-scale table: the stub at zones × records
// (none if zones is 0) and, with withMoto, moto at the sizes it can serve.
func runScale(bin, work string, zones, records int, withMoto bool) {
	fmt.Println("| zones × records | endpoint | step | wall | dnsctl CPU | endpoint CPU | dnsctl peak RSS | API calls (by operation) | total | API minimum |")
	fmt.Println("|---|---|---|---:|---:|---:|---:|---|---:|---:|")
	if zones > 0 {
		stub, stop := startStub(work, zones, records)
		measureScale(bin, work, stub, scaleCase{zones: zones, records: records, rateLimit: "1000"})
		stop()
	}
	if !withMoto {
		return
	}
	motoURL, url, c, stopMoto, cpu := startCountedMoto()
	defer stopMoto()
	moto := endpoint{name: "moto", url: url, cpu: cpu, take: c.take, reset: func() {
		resp, err := http.Post(motoURL+"/moto-api/reset", "", nil)
		check(err)
		resp.Body.Close()
	}}
	measureScale(bin, work, moto, scaleCase{zones: 200, records: 100, create: true, rateLimit: "1000"})
	measureScale(bin, work, moto, scaleCase{zones: 200, records: 50, create: true, noChangeOnly: true, note: " (default pacer, 5/s)"})
}

func measureScale(bin, work string, ep endpoint, sc scaleCase) {
	dir := filepath.Join(work, fmt.Sprintf("scale-%s-%d-%d", ep.name, sc.zones, sc.records))
	check(os.MkdirAll(dir, 0o755))
	ep.reset()
	writeCreds := func(rate string) {
		f := ""
		if rate != "" {
			f = fmt.Sprintf(`,"RateLimit":%q`, rate)
		}
		creds := fmt.Sprintf(`{"r53":{"TYPE":"ROUTE53","KeyId":"AKIAIOSFODNN7EXAMPLE","SecretKey":"bench","Endpoint":%q%s}}`, ep.url, f)
		check(os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644))
	}
	base := gen.Options{Domains: sc.zones, Records: sc.records, Provider: "r53"}
	changed := base
	changed.Changed = 0.01
	check(gen.WriteDir(dir, base))
	if sc.create {
		writeCreds("1000")
		_, err := run(dir, bin, "push", "--no-colors")
		check(err)
	}
	writeCreds(sc.rateLimit)
	ep.take()

	// The fewest calls: the zone listing (100 a page), then per zone its
	// record sets (300 a page, with the apex NS and SOA); a push adds the
	// fewest batches the change allows.
	readMin := (sc.zones+99)/100 + sc.zones*((sc.records+2+299)/300)
	name := fmt.Sprintf("%s × %s", group(sc.zones), group(sc.records))
	row := func(step string, m measure, counts map[string]int, min int) {
		fmt.Printf("| %s | %s | %s | %.2f s | %.2f s | %.2f s | %.0f MB | %s | %d | %d |\n",
			name, ep.name+sc.note, step, m.wall.Seconds(), m.cpu.Seconds(), m.motoCPU.Seconds(), m.rssMB, opList(counts), total(counts), min)
	}
	once := func(args ...string) (measure, map[string]int) {
		before := ep.cpu()
		m, err := run(dir, bin, append(args, "--no-colors")...)
		check(err)
		m.motoCPU = ep.cpu() - before
		return m, ep.take()
	}
	m, counts := once("preview", "--expect-no-changes")
	row("preview, no change", m, counts, readMin)
	if sc.noChangeOnly {
		return
	}
	_, changeBatches := minBatches(base, changed)
	check(gen.WriteDir(dir, changed))
	m, counts = once("preview")
	row("preview, 1% changed", m, counts, readMin)
	m, counts = once("push")
	row("push, 1% changed", m, counts, readMin+changeBatches)
}

// group writes n with thousands separated by commas.
func group(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
