package route53

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

func smallZone(t *testing.T, e *env, zone string) []*model.Record {
	t.Helper()
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	// The first read of a zone the provider just created is answered from
	// what it knows; these tests count the listings that follow.
	if _, err := e.p.Records(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	return []*model.Record{
		rec(t, zone, "www", "A", 300, "192.0.2.1"),
		rec(t, zone, "www", "A", 300, "192.0.2.2"),
		rec(t, zone, "mail", "MX", 300, "10 mx.example.net."),
		rec(t, zone, "txt", "TXT", 300, "hello"),
	}
}

func TestThrottlingBurstIsRetried(t *testing.T) {
	e := newEnv(t)
	zone := "throttle.example"
	desired := smallZone(t, e, zone)
	e.proxy.ResetCounts()
	e.proxy.Inject("ListResourceRecordSets", faultproxy.Throttling, 3)
	if _, err := e.p.Records(ctx(t), zone); err != nil {
		t.Fatalf("Records: %v", err)
	}
	if got := e.proxy.Calls("ListResourceRecordSets"); got != 4 {
		t.Errorf("ListResourceRecordSets calls = %d, want 4 (3 throttled + 1)", got)
	}
	e.proxy.Inject("ChangeResourceRecordSets", faultproxy.Throttling, 2)
	e.proxy.Inject("ChangeResourceRecordSets", faultproxy.PriorRequestNotComplete, 2)
	e.push(e.p, zone, desired)
	if got, fw := e.proxy.Calls("ChangeResourceRecordSets"), e.proxy.Forwarded("ChangeResourceRecordSets"); got != 5 || fw != 1 {
		t.Errorf("ChangeResourceRecordSets calls = %d (forwarded %d), want 5 (forwarded 1)", got, fw)
	}
	e.assertConverged(e.provider(), zone, desired)
}

func TestServerErrorsOnReadsAreRetried(t *testing.T) {
	e := newEnv(t)
	zone := "five.example"
	smallZone(t, e, zone)
	p := e.provider()
	e.proxy.Inject("ListHostedZones", faultproxy.InternalError, 1)
	e.proxy.Inject("ListHostedZones", faultproxy.ServiceUnavailable, 1)
	e.proxy.Inject("ListResourceRecordSets", faultproxy.DropBeforeForward, 1)
	e.proxy.Inject("ListResourceRecordSets", faultproxy.DropAfterForward, 1)
	if _, err := p.Records(ctx(t), zone); err != nil {
		t.Fatalf("Records: %v", err)
	}
	if e.proxy.Pending() != 0 {
		t.Errorf("%d faults did not fire", e.proxy.Pending())
	}
}

// A change request whose answer is lost: the provider reads the zone back
// and neither loses nor doubles the change.
func TestChangeBatchFateUnknown(t *testing.T) {
	for _, tc := range []struct {
		kind          faultproxy.Kind
		wantForwarded int // ChangeResourceRecordSets requests that reached moto
	}{
		{faultproxy.DropBeforeForward, 1}, // not carried out: sent again
		{faultproxy.DropAfterForward, 1},  // carried out: not sent again
		{faultproxy.InternalError, 1},     // not carried out (the proxy answered): sent again
		{faultproxy.ServiceUnavailable, 1},
	} {
		t.Run(tc.kind.String(), func(t *testing.T) {
			e := newEnv(t)
			zone := "cut.example"
			desired := smallZone(t, e, zone)
			e.proxy.ResetCounts()
			e.proxy.Inject("ChangeResourceRecordSets", tc.kind, 1)
			e.push(e.p, zone, desired)
			if got := e.proxy.Forwarded("ChangeResourceRecordSets"); got != tc.wantForwarded {
				t.Errorf("ChangeResourceRecordSets reached moto %d times, want %d", got, tc.wantForwarded)
			}
			if got := e.proxy.Calls("ListResourceRecordSets"); got < 2 {
				t.Errorf("the zone was not read back after the failure (%d listings)", got)
			}
			e.assertConverged(e.provider(), zone, desired)

			// And a modification (UPSERTs) through the same fault: the
			// read-back compares with the sets the UPSERTs replace.
			for _, r := range desired {
				r.TTL = 900
			}
			e.proxy.Inject("ChangeResourceRecordSets", tc.kind, 1)
			e.push(e.p, zone, desired)
			e.assertConverged(e.provider(), zone, desired)
			if got := e.proxy.Forwarded("ChangeResourceRecordSets"); got != 2*tc.wantForwarded {
				t.Errorf("ChangeResourceRecordSets reached moto %d times in both pushes, want %d", got, 2*tc.wantForwarded)
			}
			reqs := changeRequests(t, e.proxy)
			if last := reqs[len(reqs)-1]; len(last.Changes) == 0 || last.Changes[0].Action != "UPSERT" {
				t.Errorf("modification sent as %+v, want UPSERTs", last.Changes)
			}
		})
	}
}

// A cut in the middle of a multi-request push: the rerun converges.
func TestCutBetweenBatchesRerunConverges(t *testing.T) {
	e := newEnv(t)
	zone := "multi.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	var desired []*model.Record
	for i := 0; i < 2100; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("c%04d", i), "A", 300, "192.0.2.1"))
	}
	// Second request: cut after moto applied it, and the read-back fails too.
	e.proxy.InjectFault(faultproxy.Fault{Op: "ChangeResourceRecordSets", Kind: faultproxy.DropAfterForward, Times: 1, After: 1})
	e.proxy.InjectFault(faultproxy.Fault{Op: "ListResourceRecordSets", Kind: faultproxy.AccessDenied, Times: 1, After: 1})
	existing, _ := e.p.Records(ctx(t), zone)
	plan := planFor(zone, existing, desired)
	err := e.p.Apply(ctx(t), plan)
	var ae *ApplyError
	if !errors.As(err, &ae) || ae.Batch != 2 {
		t.Fatalf("err = %v, want an ApplyError for batch 2", err)
	}
	if !strings.Contains(err.Error(), "reading the zone back") {
		t.Errorf("error does not say the fate is unknown: %v", err)
	}
	e.push(e.provider(), zone, desired)
	e.assertConverged(e.provider(), zone, desired)
}

func TestRetryBoundIsHit(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.RetryTimeout = 300 * time.Millisecond })
	e.proxy.Inject("", faultproxy.Throttling, 100000)
	start := time.Now()
	_, err := e.p.Records(ctx(t), "any.example")
	if err == nil {
		t.Fatal("no error")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %s, bound was 300ms", d)
	}
	for _, want := range []string{"route53: ", "gave up after", "RetryTimeout 300ms", "Throttling", "Rate exceeded", "RateLimit", "request ID faultproxy-"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if n := e.proxy.Calls(""); n < 3 {
		t.Errorf("only %d attempts", n)
	}
}

func TestRateLimiterIsSharedAcrossZones(t *testing.T) {
	e := newEnv(t)
	var zones []string
	for i := 0; i < 4; i++ {
		z := fmt.Sprintf("rate%d.example", i)
		e.createZone(z)
		zones = append(zones, z)
	}
	p := e.provider(func(c *Config) { c.RateLimit = 20 })
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for round := 0; round < 5; round++ {
		for _, z := range zones {
			wg.Add(1)
			go func(z string) {
				defer wg.Done()
				if _, err := p.Records(ctx(t), z); err != nil {
					errs <- err
				}
			}(z)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	calls := e.proxy.Calls("")
	// calls requests at 20 per second with a burst of 1 take at least
	// (calls-1)/20 seconds.
	if min := time.Duration(calls-1) * time.Second / 20; time.Since(start) < min-20*time.Millisecond {
		t.Errorf("%d calls took %s; a shared limit of 20/s needs at least %s", calls, time.Since(start), min)
	}
	if calls < 21 {
		t.Errorf("only %d calls", calls)
	}
}

// A throttling answer to one zone worker pauses the others too.
func TestThrottlingPausesAllWorkers(t *testing.T) {
	e := newEnv(t)
	e.createZone("hold.example")
	p := e.provider()
	p.backoffBase, p.backoffMax = 300*time.Millisecond, 300*time.Millisecond
	if err := p.ensureCredentials(ctx(t)); err != nil { // settles p.pacer before the workers start
		t.Fatal(err)
	}
	e.proxy.Inject("ListHostedZones", faultproxy.Throttling, 1)
	done := make(chan time.Duration)
	go func() {
		start := time.Now()
		if _, err := p.Records(ctx(t), "hold.example"); err != nil {
			t.Error(err)
		}
		done <- time.Since(start)
	}()
	// Wait until the first worker got the throttling answer (the proxy has
	// sent it and the provider has taken note), then start another call.
	held := func() bool {
		pc := p.pacer
		pc.holdMu.Lock()
		defer pc.holdMu.Unlock()
		return !pc.holdUntil.IsZero()
	}
	for e.proxy.Injected("ListHostedZones") == 0 || !held() {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if err := p.call(ctx(t), "route53:Test", "", callOptions{}, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("a second worker went on after %s while the provider was throttled", d)
	}
	<-done
}

// Interrupting a push (Ctrl-C cancels the run's context) while a batch is
// in flight: that batch is seen through, the next is not sent, the error
// says so change by change, and a rerun converges.
func TestInterruptFinishesBatchInFlight(t *testing.T) {
	e := newEnv(t)
	zone := "interrupt.example"
	plan, desired := aRecordsPlan(t, e, zone, "i", 2100)
	run, interrupt := context.WithCancel(ctx(t))
	e.proxy.Observe("ChangeResourceRecordSets", func(n int) {
		if n == 1 {
			interrupt()
			time.Sleep(50 * time.Millisecond) // let a careless client abandon the request
		}
	})
	err := e.p.Apply(run, plan)
	var ae *ApplyError
	if !errors.As(err, &ae) || ae.Batch != 2 || ae.Batches != 3 || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want an interruption before batch 2 of 3", err)
	}
	if !strings.Contains(err.Error(), "stopped before change batch 2 of 3") || len(ae.Applied) != 1000 || len(ae.NotApplied) != 1100 {
		t.Errorf("applied %d, not applied %d: %v", len(ae.Applied), len(ae.NotApplied), err)
	}
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("%d change requests after the interruption, want only the one in flight", n)
	}
	got, err := e.provider().Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	if a := countType(got, "A"); a != 1000 {
		t.Errorf("zone holds %d A records after the interrupted push, want the first batch's 1000", a)
	}
	e.proxy.Observe("ChangeResourceRecordSets", nil)
	e.push(e.provider(), zone, desired)
	e.assertConverged(e.provider(), zone, desired)
}

// aRecordsPlan creates zone and returns the plan that adds n A records
// labelled prefix0000… to it.
func aRecordsPlan(t *testing.T, e *env, zone, prefix string, n int) (plan *diff.Plan, desired []*model.Record) {
	t.Helper()
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("%s%04d", prefix, i), "A", 300, "192.0.2.1"))
	}
	existing, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	return planFor(zone, existing, desired), desired
}

// stubGetChange answers GetChange with the change status status() gives.
func stubGetChange(e *env, status func() string) {
	e.proxy.Stub("GetChange", func(w http.ResponseWriter, r *http.Request, body []byte) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><GetChangeResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeInfo><Id>/change/C1</Id><Status>%s</Status><SubmittedAt>2026-01-01T00:00:00Z</SubmittedAt></ChangeInfo></GetChangeResponse>`, status())
	})
}

func countType(rs []*model.Record, typ string) int {
	n := 0
	for _, r := range rs {
		if r.Type == typ {
			n++
		}
	}
	return n
}

// Two creds.json entries with the same keys speak for one AWS account:
// they share one pacer, at the lower of their rates, and a throttling
// answer to one holds the other too.
func TestPacerSharedBetweenEntriesOfOneIdentity(t *testing.T) {
	e := newEnv(t)
	a := e.provider(func(c *Config) { c.EntryName = "r53_a"; c.RateLimit = 50 })
	b := e.provider(func(c *Config) { c.EntryName = "r53_b"; c.RateLimit = 20 })
	other := e.provider(func(c *Config) { c.EntryName = "r53_other"; c.KeyId = "AKIAOTHEREXAMPLE0001" })
	for _, p := range []*Provider{a, b, other} {
		if _, err := p.ListZones(ctx(t)); err != nil {
			t.Fatal(err)
		}
	}
	if a.pacer != b.pacer {
		t.Fatal("two entries with the same keys have separate pacers")
	}
	if got := a.pacer.limiter.Limit(); got != 20 {
		t.Errorf("shared rate %v/s, want the lower of 50 and 20", got)
	}
	if other.pacer == a.pacer {
		t.Error("an entry with other keys shares their pacer")
	}
	roleA := e.provider(func(c *Config) { c.RoleArn = "arn:aws:iam::123456789012:role/dns-a" })
	roleB := e.provider(func(c *Config) { c.RoleArn = "arn:aws:iam::123456789012:role/dns-b" })
	if roleA.identity("ASIA1") != roleB.identity("ASIA2") {
		t.Error("roles of one account have different identities")
	}

	// Pacing: 41 calls split over both entries at a shared 20/s take at
	// least 2 s; separate pacers would finish in about half that.
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 41 {
		p := a
		if i%2 == 1 {
			p = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := p.call(ctx(t), "route53:Test", "", callOptions{}, func(context.Context) error { return nil }); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if d := time.Since(start); d < 1900*time.Millisecond {
		t.Errorf("41 calls through two entries of one identity took %s; a shared 20/s needs 2 s", d)
	}
}

// An interruption reaches a batch that is still waiting for its turn (the
// pacer is paused by a throttling answer, or its rate is used up by other
// zones): that batch is never sent, and the error says nothing was applied.
func TestInterruptStopsBatchWaitingForPacer(t *testing.T) {
	for _, tc := range []struct {
		name string
		busy func(p *Provider)
	}{
		{"held after throttling", func(p *Provider) { p.hold(5 * time.Second) }},
		{"rate used up", func(p *Provider) {
			for range 2 { // the second call takes the next token: the pacer is 10 s ahead
				if err := p.call(context.Background(), "route53:Test", "", callOptions{}, func(context.Context) error { return nil }); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			zone := "waiting.example"
			desired := smallZone(t, e, zone)
			existing, err := e.p.Records(ctx(t), zone)
			if err != nil {
				t.Fatal(err)
			}
			plan := planFor(zone, existing, desired)
			p := e.provider(func(c *Config) { c.RateLimit = 0.1 })
			if err := p.ensureCredentials(ctx(t)); err != nil {
				t.Fatal(err)
			}
			if _, err := p.zoneID(ctx(t), zone); err != nil { // known before the pacer is made busy
				t.Fatal(err)
			}
			tc.busy(p)
			e.proxy.ResetCounts()
			run, interrupt := context.WithCancel(ctx(t))
			time.AfterFunc(100*time.Millisecond, interrupt)
			start := time.Now()
			err = p.Apply(run, plan)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Apply returned %s after the interrupt, still waiting for the pacer", d)
			}
			var ae *ApplyError
			if !errors.As(err, &ae) || !errors.Is(err, context.Canceled) || len(ae.Applied) != 0 || len(ae.NotApplied) != len(plan.Changes) {
				t.Fatalf("err = %v, want an interruption with nothing applied", err)
			}
			if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 0 {
				t.Errorf("%d change requests sent after the interrupt", n)
			}
		})
	}
}

// push --wait: an interruption while Route 53 reports the change PENDING
// stops the wait at once; the batch is reported applied, the rest not.
func TestInterruptStopsWaitForSync(t *testing.T) {
	e := newEnv(t)
	plan, _ := aRecordsPlan(t, e, "syncstop.example", "s", 1100)
	p := e.provider(func(c *Config) { c.WaitForSync = true; c.SyncTimeout = time.Minute })
	run, interrupt := context.WithCancel(ctx(t))
	stubGetChange(e, func() string { interrupt(); return "PENDING" })
	start := time.Now()
	err := p.Apply(run, plan)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Apply returned after %s: it kept waiting for INSYNC after the interrupt", d)
	}
	var ae *ApplyError
	if !errors.As(err, &ae) || !errors.Is(err, context.Canceled) || ae.Batch != 2 || len(ae.Applied) != 1000 || len(ae.NotApplied) != 100 {
		t.Fatalf("err = %v, want an interruption after batch 1 of 2 with 1000 applied", err)
	}
	if !strings.Contains(err.Error(), "interrupted while waiting for change") {
		t.Errorf("err = %v", err)
	}
	if n := e.proxy.Calls("GetChange"); n != 1 {
		t.Errorf("GetChange polled %d times after the interrupt, want 1", n)
	}
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("%d change batches sent, want 1", n)
	}
}

// push --wait interrupted while the last (here the only) batch is PENDING:
// everything was applied, and the error says so rather than reporting a
// batch "not applied".
func TestInterruptWaitOnLastBatch(t *testing.T) {
	e := newEnv(t)
	zone := "syncone.example"
	desired := smallZone(t, e, zone)
	existing, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	plan := planFor(zone, existing, desired)
	p := e.provider(func(c *Config) { c.WaitForSync = true; c.SyncTimeout = time.Minute })
	run, interrupt := context.WithCancel(ctx(t))
	stubGetChange(e, func() string { interrupt(); return "PENDING" })
	err = p.Apply(run, plan)
	var ae *ApplyError
	var pa interface{ AppliedChanges() []diff.Change }
	switch {
	case err == nil || errors.As(err, &ae):
		t.Fatalf("err = %v, want every change reported applied", err)
	case !errors.As(err, &pa) || len(pa.AppliedChanges()) != len(plan.Changes):
		t.Errorf("err = %v does not count all %d changes applied", err, len(plan.Changes))
	case !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "every change was applied"):
		t.Errorf("err = %v", err)
	}
}
