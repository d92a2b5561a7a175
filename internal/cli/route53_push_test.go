package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

// buildDnsctl builds the dnsctl binary into a temporary directory.
func buildDnsctl(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dnsctl")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dnsctl")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dnsctl: %v\n%s", err, out)
	}
	return bin
}

// bigZone is a zone whose push needs several ChangeResourceRecordSets
// requests: records to delete, to modify and to create (more than 3,000
// ResourceRecord elements, at most 1,000 per request), plus records nobody
// manages, protected by IGNORE.
type bigZone struct {
	t      *testing.T
	name   string
	dir    string // the dnsctl working directory
	bin    string
	sdk    *route53.Client
	zoneID string
	proxy  *faultproxy.Proxy
	// motoURL is moto's own address (the proxy forwards there).
	motoURL string

	old, desired map[string]bool // record set lines (see setLine), NS included
	legacy       []string        // the unmanaged lines
}

const (
	bigDelete = 300  // old-NNNN: deleted
	bigModify = 200  // mod-NNNN: value changed (DELETE + CREATE)
	bigKeep   = 100  // keep-NNNN: unchanged
	bigCreate = 2500 // new-NNNN: created
	bigLegacy = 50   // legacy-NNNN TXT: unmanaged, under IGNORE
)

func newBigZone(t *testing.T, name string) *bigZone {
	t.Helper()
	srv := moto.Start(t)
	t.Cleanup(moto.Stop)
	z := &bigZone{t: t, name: name, dir: t.TempDir(), bin: buildDnsctl(t), old: map[string]bool{}, desired: map[string]bool{}}
	z.proxy = faultproxy.New(t, srv.URL())
	z.motoURL = srv.URL()
	z.sdk = route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL()),
		Credentials: credentials.NewStaticCredentialsProvider(r53KeyID, r53Secret, "")})
	ctx := context.Background()
	out, err := z.sdk.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(name), CallerReference: aws.String("big-" + name)})
	if err != nil {
		t.Fatal(err)
	}
	z.zoneID = cleanID(aws.ToString(out.HostedZone.Id))
	ns := z.lines()
	for _, l := range ns {
		z.old[l], z.desired[l] = true, true
	}

	var sets []types.ResourceRecordSet
	add := func(label, typ, value string, into map[string]bool) {
		s := types.ResourceRecordSet{Name: aws.String(label + "." + name + "."), Type: types.RRType(typ), TTL: aws.Int64(300),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(value)}}}
		into[setLine(s)] = true
	}
	seed := func(label, typ, value string, alsoDesired bool) {
		s := types.ResourceRecordSet{Name: aws.String(label + "." + name + "."), Type: types.RRType(typ), TTL: aws.Int64(300),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(value)}}}
		sets = append(sets, s)
		z.old[setLine(s)] = true
		if alsoDesired {
			z.desired[setLine(s)] = true
		}
	}
	for i := range bigDelete {
		seed(fmt.Sprintf("old-%04d", i), "A", "192.0.2.1", false)
	}
	for i := range bigModify {
		seed(fmt.Sprintf("mod-%04d", i), "A", "192.0.2.2", false)
		add(fmt.Sprintf("mod-%04d", i), "A", "198.51.100.2", z.desired)
	}
	for i := range bigKeep {
		seed(fmt.Sprintf("keep-%04d", i), "A", "192.0.2.3", true)
	}
	for i := range bigLegacy {
		seed(fmt.Sprintf("legacy-%04d", i), "TXT", `"unmanaged"`, true)
	}
	for i := range bigCreate {
		add(fmt.Sprintf("new-%04d", i), "A", fmt.Sprintf("203.0.113.%d", i%250+1), z.desired)
	}
	for l := range z.old {
		if strings.HasPrefix(l, "legacy-") {
			z.legacy = append(z.legacy, l)
		}
	}
	slices.Sort(z.legacy)
	for chunk := range slices.Chunk(sets, 500) {
		var changes []types.Change
		for i := range chunk {
			changes = append(changes, types.Change{Action: types.ChangeActionCreate, ResourceRecordSet: &chunk[i]})
		}
		if _, err := z.sdk.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(z.zoneID),
			ChangeBatch: &types.ChangeBatch{Changes: changes}}); err != nil {
			t.Fatalf("seeding %s: %v", name, err)
		}
	}
	if got := len(z.lines()); got != len(z.old) {
		t.Fatalf("seeded zone has %d record sets, want %d", got, len(z.old))
	}

	js := fmt.Sprintf(`var REG_NONE = NewRegistrar("none");
var DSP_R53 = NewDnsProvider("r53");
function pad(i) { return ("000" + i).slice(-4); }
var recs = [];
for (var i = 0; i < %d; i++) recs.push(A("mod-" + pad(i), "198.51.100.2"));
for (var i = 0; i < %d; i++) recs.push(A("keep-" + pad(i), "192.0.2.3"));
for (var i = 0; i < %d; i++) recs.push(A("new-" + pad(i), "203.0.113." + (i %% 250 + 1)));
D(%q, REG_NONE, DnsProvider(DSP_R53), IGNORE("legacy-*"), recs);
`, bigModify, bigKeep, bigCreate, name)
	creds := fmt.Sprintf(`{ "r53": { "TYPE": "ROUTE53", "KeyId": %q, "SecretKey": %q, "Endpoint": %q, "RateLimit": "100", "RetryTimeout": "60s" } }`,
		r53KeyID, r53Secret, z.proxy.URL())
	for f, data := range map[string]string{"dnsconfig.js": js, "creds.json": creds, ".aws-config": "", ".aws-credentials": ""} {
		if err := os.WriteFile(filepath.Join(z.dir, f), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return z
}

// lines returns the zone's record sets as setLine lines, sorted, SOA left out.
func (z *bigZone) lines() []string {
	z.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return zoneSets(ctx, checker{z.t}, z.sdk, z.zoneID)
}

type checker struct{ t *testing.T }

func (c checker) Check(err error) {
	if err != nil {
		c.t.Helper()
		c.t.Fatal(err)
	}
}

// command returns dnsctl with args, in the zone's directory, with an
// environment holding nothing of the machine's AWS configuration.
func (z *bigZone) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, z.bin, append(args, "--no-colors")...)
	cmd.Dir = z.dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + z.dir,
		"AWS_CONFIG_FILE=" + filepath.Join(z.dir, ".aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(z.dir, ".aws-credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_REGION=us-east-1",
	}
	return cmd
}

// run runs dnsctl to the end and returns its output and exit status.
func (z *bigZone) run(args ...string) (stdout, stderr string, code int) {
	z.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := z.command(ctx, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code <= 0 {
		z.t.Fatalf("dnsctl %s: %v\n%s%s", strings.Join(args, " "), err, o.String(), e.String())
	}
	if strings.Contains(o.String()+e.String(), r53Secret) {
		z.t.Errorf("dnsctl %s printed the secret key", strings.Join(args, " "))
	}
	return o.String(), e.String(), code
}

// assertWithinPlan checks that every record set of the zone is one that was
// there before or one the configuration wants, and that the unmanaged
// records are untouched.
func (z *bigZone) assertWithinPlan() []string {
	z.t.Helper()
	got := z.lines()
	var outside []string
	for _, l := range got {
		if !z.old[l] && !z.desired[l] {
			outside = append(outside, l)
		}
	}
	if len(outside) > 0 {
		z.t.Errorf("%d record sets are neither old nor desired, e.g. %q", len(outside), outside[0])
	}
	var legacy []string
	for _, l := range got {
		if strings.HasPrefix(l, "legacy-") {
			legacy = append(legacy, l)
		}
	}
	if !slices.Equal(legacy, z.legacy) {
		z.t.Errorf("the unmanaged (IGNOREd) records changed: %d of %d left", len(legacy), len(z.legacy))
	}
	return got
}

// assertConverged checks that the zone holds exactly the desired record
// sets, each once, and that preview has nothing left to do.
func (z *bigZone) assertConverged() {
	z.t.Helper()
	got := z.assertWithinPlan()
	want := slices.Sorted(func(yield func(string) bool) {
		for l := range z.desired {
			if !yield(l) {
				return
			}
		}
	})
	if !slices.Equal(got, want) {
		missing, extra := 0, 0
		for _, l := range want {
			if !slices.Contains(got, l) {
				missing++
			}
		}
		extra = len(got) - (len(want) - missing)
		z.t.Errorf("zone has %d record sets, want %d (%d missing, %d unexpected or doubled)", len(got), len(want), missing, extra)
	}
	out, errOut, code := z.run("preview", "--expect-no-changes")
	if code != 0 || !strings.HasSuffix(out, "Done. 0 corrections.\n") {
		z.t.Errorf("preview after push: exit %d\n%s%s", code, tail(out, 20), errOut)
	}
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

var batchesRE = regexp.MustCompile(`(?m)^(?:Applying in|Push will use) (\d+) API batches\.$`)

func appliedBatches(t *testing.T, out string) int {
	t.Helper()
	m := batchesRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("push did not say how many API batches it uses:\n%s", tail(out, 10))
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestPushKilledMidway kills dnsctl (SIGKILL, no chance to clean up) while
// a multi-request push is under way, right after Route 53 accepted its
// first change batch. Nothing outside the plan may have been touched, and
// the next push completes the job.
func TestPushKilledMidway(t *testing.T) {
	z := newBigZone(t, "killed.tld")

	hb := holdBatches(z, 5*time.Second)
	preview, _, _ := z.run("preview")
	batches := appliedBatches(t, preview)
	if batches < 3 {
		t.Fatalf("the push uses %d API batches; the test needs at least 3", batches)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := z.command(ctx, "push")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	hb.waitAccepted(cmd, &out)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("dnsctl was not killed: %v\n%s", err, tail(out.String(), 20))
	}
	hb.inflight.Wait()
	if n := hb.accepted.Load(); n != 1 {
		t.Fatalf("%d change batches were accepted before the kill, want 1", n)
	}
	if strings.Contains(out.String(), "SUCCESS") {
		t.Fatalf("push finished before it was killed:\n%s", tail(out.String(), 10))
	}
	// Output is not held back until the zone is done: what push was
	// doing when it was killed is on screen.
	if !strings.Contains(out.String(), fmt.Sprintf("Applying in %d API batches.", batches)) {
		t.Errorf("the killed push showed nothing of its plan:\n%s", tail(out.String(), 10))
	}

	// Part of the plan happened, nothing else did.
	got := z.assertWithinPlan()
	if slices.Equal(got, slices.Sorted(mapKeys(z.old))) {
		t.Error("the zone is unchanged: the first batch did not take effect")
	}

	// The next push finishes the job.
	hb.hold.Store(false)
	hb.accepted.Store(0)
	stdout, stderr, code := z.run("push")
	if code != 0 || !strings.Contains(stdout, "SUCCESS!") {
		t.Fatalf("push after the kill: exit %d\n%s%s", code, tail(stdout, 20), stderr)
	}
	if n := int(hb.accepted.Load()); n == 0 || n >= batches {
		t.Errorf("the rerun sent %d accepted batches; the first push planned %d and one of them was done", n, batches)
	}
	t.Logf("killed after batch 1 of %d; the rerun took %d batches", batches, hb.accepted.Load())
	z.assertConverged()
}

// batchHolder forwards change batches to moto at once but, while hold is
// set, holds back Route 53's answer, so a test can act on dnsctl between
// two batches.
type batchHolder struct {
	t        *testing.T
	accepted atomic.Int32
	hold     atomic.Bool
	inflight sync.WaitGroup
}

func holdBatches(z *bigZone, delay time.Duration) *batchHolder {
	hb := &batchHolder{t: z.t}
	hb.hold.Store(true)
	upstream, _ := url.Parse(z.motoURL)
	rp := httputil.NewSingleHostReverseProxy(upstream)
	z.proxy.Stub("ChangeResourceRecordSets", func(w http.ResponseWriter, r *http.Request, body []byte) {
		hb.inflight.Add(1)
		defer hb.inflight.Done()
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		rec := httptest.NewRecorder()
		rp.ServeHTTP(rec, r)
		if rec.Code == http.StatusOK {
			hb.accepted.Add(1)
		}
		if hb.hold.Load() {
			time.Sleep(delay)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
	return hb
}

// waitAccepted waits until moto has accepted a change batch from cmd.
func (hb *batchHolder) waitAccepted(cmd *exec.Cmd, out *bytes.Buffer) {
	hb.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for hb.accepted.Load() == 0 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			hb.t.Fatalf("no change batch was accepted in time; dnsctl said:\n%s", tail(out.String(), 20))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// interrupted runs dnsctl with args, waits for ready (given the command and
// its output so far) and interrupts it (SIGINT, as Ctrl-C does); it returns
// once the command has exited.
func (z *bigZone) interrupted(ready func(cmd *exec.Cmd, out *bytes.Buffer), args ...string) (stdout, stderr string, code int) {
	z.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := z.command(ctx, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		z.t.Fatal(err)
	}
	ready(cmd, &out)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		z.t.Fatal(err)
	}
	cmd.Wait()
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// TestPushInterrupted interrupts dnsctl (SIGINT, as Ctrl-C does) while
// Route 53 is answering the first of several change batches: push sees
// that batch through, sends no other, says which changes were applied and
// which were not, exits 1, and the next push completes the job.
func TestPushInterrupted(t *testing.T) {
	z := newBigZone(t, "interrupted.tld")
	hb := holdBatches(z, 2*time.Second)
	out, errOut, code := z.interrupted(hb.waitAccepted, "push")
	hb.inflight.Wait()
	if code != 1 {
		t.Fatalf("interrupted push exited %d, want 1\n%s%s", code, tail(out, 20), errOut)
	}
	if n := hb.accepted.Load(); n != 1 {
		t.Errorf("%d change batches were accepted, want only the one in flight at the interrupt", n)
	}
	for _, want := range []string{"stopped before change batch 2 of ", "applied by earlier batches (", "not applied (", "Run push again"} {
		if !strings.Contains(out, want) {
			t.Errorf("push output lacks %q:\n%s", want, tail(out, 12))
		}
	}
	if !strings.Contains(errOut, "interrupted") {
		t.Errorf("stderr does not say the run was interrupted: %q", errOut)
	}
	z.assertWithinPlan()
	hb.hold.Store(false)
	if stdout, stderr, code := z.run("push"); code != 0 {
		t.Fatalf("push after the interrupt: exit %d\n%s%s", code, tail(stdout, 20), stderr)
	}
	z.assertConverged()
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// A change batch that Route 53 carried out but whose answer was lost (the
// connection cut after forwarding): dnsctl reads the zone back, sees the
// batch took effect, and goes on without sending it again.
func TestPushAnswerLost(t *testing.T) {
	z := newBigZone(t, "lost.tld")
	z.proxy.InjectFault(faultproxy.Fault{Op: "ChangeResourceRecordSets", Kind: faultproxy.DropAfterForward, Times: 1, After: 1})
	stdout, stderr, code := z.run("push")
	if z.proxy.Injected("ChangeResourceRecordSets") != 1 {
		t.Fatalf("the connection was not cut")
	}
	batches := appliedBatches(t, stdout)
	if batches < 3 {
		t.Fatalf("the push uses %d API batches; the test needs at least 3", batches)
	}
	// The read-back shows the batch took effect: push goes on and finishes,
	// and no batch reaches Route 53 twice.
	if code != 0 || !strings.Contains(stdout, "SUCCESS!") {
		t.Fatalf("push did not recover from the lost answer: exit %d\n%s%s", code, tail(stdout, 20), stderr)
	}
	if got := z.proxy.Forwarded("ChangeResourceRecordSets"); got != batches {
		t.Errorf("%d change batches reached Route 53 for a %d-batch push: a batch was sent twice or lost", got, batches)
	}
	t.Logf("push: exit %d, %d batches, counts %v", code, batches, z.proxy.Counts())
	z.assertConverged()
}

// Throttling bursts, PriorRequestNotComplete and server errors during a
// multi-request push: retried within RetryTimeout, nothing lost or doubled.
func TestPushThroughThrottlingAndServerErrors(t *testing.T) {
	z := newBigZone(t, "bumpy.tld")
	for _, f := range []faultproxy.Fault{
		{Op: "ListResourceRecordSets", Kind: faultproxy.Throttling, Times: 3, After: 2},
		{Op: "ChangeResourceRecordSets", Kind: faultproxy.Throttling, Times: 3},
		{Op: "ChangeResourceRecordSets", Kind: faultproxy.PriorRequestNotComplete, Times: 2, After: 1},
		{Op: "ChangeResourceRecordSets", Kind: faultproxy.InternalError, Times: 1},
		{Op: "ChangeResourceRecordSets", Kind: faultproxy.ServiceUnavailable, Times: 1, After: 1},
		{Op: "ChangeResourceRecordSets", Kind: faultproxy.DropBeforeForward, Times: 1},
	} {
		z.proxy.InjectFault(f)
	}
	stdout, stderr, code := z.run("push")
	if n := z.proxy.Pending(); n != 0 {
		t.Errorf("%d scripted faults did not fire", n)
	}
	batches := appliedBatches(t, stdout)
	if batches < 3 {
		t.Fatalf("the push uses %d API batches; the test needs at least 3", batches)
	}
	if code != 0 {
		if !strings.Contains(stdout, "push again") {
			t.Fatalf("push failed without saying what to do: exit %d\n%s%s", code, tail(stdout, 20), stderr)
		}
		z.assertWithinPlan()
		if _, _, code := z.run("push"); code != 0 {
			t.Fatalf("rerun of push failed")
		}
	} else if got := z.proxy.Forwarded("ChangeResourceRecordSets"); got != batches {
		// Every injected fault was answered by the proxy without reaching
		// moto, so each batch reached it exactly once.
		t.Errorf("%d change batches reached Route 53 for a %d-batch push", got, batches)
	}
	t.Logf("push: exit %d, %d batches, counts %v", code, batches, z.proxy.Counts())
	z.assertConverged()
}

// TestPushInterruptedManyZones interrupts a paced push of several zones
// while the first change batch is in flight and the other zones' batches
// wait for the pacer: only that batch reaches Route 53, and the report
// accounts for every zone (the applied one, the interrupted ones).
// newSmallZones makes n empty hosted zones (prefix1.tld …) and a
// configuration that puts one A record in each, with creds.json pacing at 1
// request/s (to hold requests back at an interrupt) and fast.json at 100/s
// (for the checks afterwards). It returns the zones' IDs by name.
func newSmallZones(t *testing.T, prefix string, n int) (*bigZone, map[string]string) {
	t.Helper()
	srv := moto.Start(t)
	t.Cleanup(moto.Stop)
	z := &bigZone{t: t, dir: t.TempDir(), bin: buildDnsctl(t), motoURL: srv.URL()}
	z.proxy = faultproxy.New(t, srv.URL())
	z.sdk = route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL()),
		Credentials: credentials.NewStaticCredentialsProvider(r53KeyID, r53Secret, "")})
	ids := map[string]string{}
	var names []string
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("%s%d.tld", prefix, i)
		out, err := z.sdk.CreateHostedZone(context.Background(), &route53.CreateHostedZoneInput{Name: aws.String(name), CallerReference: aws.String(prefix + "-" + name)})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = cleanID(aws.ToString(out.HostedZone.Id))
		names = append(names, strconv.Quote(name))
	}
	js := `var R = NewRegistrar("none"), P = NewDnsProvider("r53");
[` + strings.Join(names, ", ") + `].forEach(z => D(z, R, DnsProvider(P), A("www", "192.0.2.1")));`
	creds := fmt.Sprintf(`{ "r53": { "TYPE": "ROUTE53", "KeyId": %q, "SecretKey": %q, "Endpoint": %q, "RateLimit": "1" } }`, r53KeyID, r53Secret, z.proxy.URL())
	fast := strings.Replace(creds, `"RateLimit": "1"`, `"RateLimit": "100"`, 1)
	for f, data := range map[string]string{"dnsconfig.js": js, "creds.json": creds, "fast.json": fast, ".aws-config": "", ".aws-credentials": ""} {
		if err := os.WriteFile(filepath.Join(z.dir, f), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return z, ids
}

// readReport reads a --report JSON file of dir.
func readReport(t *testing.T, dir, name string) ([]reportEntry, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var all []reportEntry
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	// Every domain's registrar has an entry, as in DNSControl; those with
	// nothing to do and nothing to report are left out here.
	report := slices.DeleteFunc(all, func(e reportEntry) bool {
		return e.Registrar != "" && e.Corrections == 0 && e.Error == "" && e.Outcome == ""
	})
	return report, data
}

// TestPushInterruptedWhilePlanning interrupts a push before it has planned
// every zone: it changes nothing at all, says so, and the report marks
// every zone interrupted.
func TestPushInterruptedWhilePlanning(t *testing.T) {
	z, ids := newSmallZones(t, "plint", 4)
	var once sync.Once
	listed := make(chan struct{})
	z.proxy.Observe("ListResourceRecordSets", func(int) { once.Do(func() { close(listed) }) })
	out, errOut, code := z.interrupted(func(cmd *exec.Cmd, out *bytes.Buffer) {
		select {
		case <-listed:
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("push never read a zone:\n%s", out.String())
		}
	}, "push", "--report", "report.json")
	if code != 1 {
		t.Fatalf("interrupted push exited %d, want 1\n%s%s", code, out, errOut)
	}
	if n := z.proxy.Calls("ChangeResourceRecordSets"); n != 0 {
		t.Errorf("%d change batches sent by a push interrupted while planning", n)
	}
	if !strings.Contains(out, "NOTHING PUSHED: the run was interrupted while planning") {
		t.Errorf("push does not say it changed nothing:\n%s", out)
	}
	report, data := readReport(t, z.dir, "report.json")
	for _, e := range report {
		if e.Outcome != "interrupted" {
			t.Errorf("report entry %s: outcome %q, want interrupted\n%s", e.Domain, e.Outcome, data)
		}
	}
	if len(report) != len(ids) {
		t.Errorf("report has %d entries for %d zones\n%s", len(report), len(ids), data)
	}
}

func TestPushInterruptedManyZones(t *testing.T) {
	z, ids := newSmallZones(t, "intr", 6)
	hb := holdBatches(z, 2*time.Second)
	out, errOut, code := z.interrupted(hb.waitAccepted, "push", "--report", "report.json")
	hb.inflight.Wait()
	if code != 1 {
		t.Fatalf("interrupted push exited %d, want 1\n%s%s", code, out, errOut)
	}
	if n := hb.accepted.Load(); n != 1 {
		t.Errorf("%d change batches reached Route 53, want only the one in flight at the interrupt\n%s", n, out)
	}
	report, data := readReport(t, z.dir, "report.json")
	outcomes := map[string]int{}
	applied := ""
	for _, e := range report {
		outcomes[e.Outcome]++
		if e.Outcome == "applied" {
			applied = e.Domain
		}
	}
	if len(report) != 6 || outcomes["applied"] != 1 || outcomes["interrupted"] != 5 {
		t.Errorf("report has %d entries with outcomes %v; want the 6 zones, 1 applied and 5 interrupted\n%s", len(report), outcomes, data)
	}
	if !strings.Contains(out, "Done. 6 corrections, 1 applied.") {
		t.Errorf("push does not say how much it applied:\n%s", out)
	}
	for name, id := range ids {
		has := slices.ContainsFunc(zoneSets(context.Background(), checker{t}, z.sdk, id), func(l string) bool { return strings.HasPrefix(l, "www.") })
		if has != (name == applied) {
			t.Errorf("zone %s holds www: %v; the report says the applied zone is %q", name, has, applied)
		}
	}
	hb.hold.Store(false)
	if stdout, stderr, code := z.run("push", "--creds", "fast.json"); code != 0 || !strings.Contains(stdout, "Done. 5 corrections.") {
		t.Fatalf("push after the interrupt: exit %d\n%s%s", code, stdout, stderr)
	}
	if stdout, _, code := z.run("preview", "--expect-no-changes", "--creds", "fast.json"); code != 0 {
		t.Errorf("preview after the second push: exit %d\n%s", code, stdout)
	}
}
