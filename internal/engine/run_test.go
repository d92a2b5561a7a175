package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// recorder is an observer that keeps the events of each zone as short
// strings ("Held", "Applied 2", …) and the run's stages.
type recorder struct {
	mu     sync.Mutex
	zones  map[string][]string
	stages []string
}

func (r *recorder) Observe(ev Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.zones == nil {
		r.zones = map[string][]string{}
	}
	name := strings.TrimPrefix(reflect.TypeOf(ev).String(), "engine.")
	switch ev := ev.(type) {
	case StageStarted:
		r.stages = append(r.stages, fmt.Sprintf("%s applying=%v", ev.Stage, ev.Applying))
		return
	case ChangesListed:
		name += fmt.Sprint(" ", len(ev.Changes))
	case BatchSent:
		name += fmt.Sprintf(" %d/%d", ev.Batch.N, ev.Batch.Of)
	case Applied:
		name += fmt.Sprint(" ", len(ev.Sent.Changes))
		if ev.Err != nil {
			name += " err"
		}
	}
	d := reflect.ValueOf(ev).FieldByName("Domain").Interface().(*model.Domain)
	r.zones[d.Name] = append(r.zones[d.Name], name)
}

// runEngine loads a configuration served by FAKE providers with opts.
func runEngine(t *testing.T, config, creds string, opts Options) *Engine {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(config), 0o644)
	os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644)
	t.Chdir(dir)
	opts.ConfigPath, opts.CredsPath = "dnsconfig.js", "creds.json"
	e, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const twoZones = `
D("a.test", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"}, A("@", "192.0.2.1"), A("www", "192.0.2.2"));
D("b.test", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"}, A("@", "192.0.2.3"));
`

const fakeDNS = `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake."}}`

// outcomes lists "zone provider/registrar outcome" for every target.
func outcomes(res *RunResult) []string {
	var out []string
	for _, z := range res.Zones {
		for _, t := range z.Targets {
			out = append(out, strings.Join(strings.Fields(fmt.Sprintf("%s %s%s %s", z.Domain.Name, t.Provider, t.Registrar, t.Outcome)), " "))
		}
	}
	return out
}

// Push plans every zone before it changes any: a zone that cannot be read
// holds back the others, and the run says why once.
func TestRunHoldsEveryZoneWhenOneCannotBePlanned(t *testing.T) {
	e := runEngine(t, twoZones, fakeDNS, Options{})
	f := fakes["dns"]
	f.zones["a.test"], f.zones["b.test"] = nil, nil
	f.failRead = map[string]error{"b.test": errors.New("access denied")}
	rec := &recorder{}
	res := e.Run(context.Background(), RunOptions{Push: true, Workers: 4, Observer: rec})

	if f.applied != 0 {
		t.Errorf("the provider applied %d plans while a zone could not be planned", f.applied)
	}
	if !strings.HasPrefix(res.NothingPushed, "1 zone could not be planned (b.test)") {
		t.Errorf("NothingPushed = %q", res.NothingPushed)
	}
	if want := []string{"a.test dns not applied", "a.test none", "b.test dns failed", "b.test none"}; !slices.Equal(outcomes(res), want) {
		t.Errorf("outcomes %q, want %q", outcomes(res), want)
	}
	a := res.Zones[0]
	if !a.Held || !a.Failed || a.Corrections != 2 || a.Applied != 0 {
		t.Errorf("a.test result %+v", a)
	}
	if want := []string{"planning applying=false", "pushing applying=false"}; !slices.Equal(rec.stages, want) {
		t.Errorf("stages %q, want %q", rec.stages, want)
	}
	if want := []string{"ZonePlanned", "ZoneStarted", "ZoneReady", "ProviderPlanned", "ChangesListed 2", "Held", "RegistrarPlanned", "ZoneFinished"}; !slices.Equal(rec.zones["a.test"], want) {
		t.Errorf("a.test events %q, want %q", rec.zones["a.test"], want)
	}
	if want := []string{"ZonePlanned", "ZoneStarted", "ZoneReady", "ProviderFailed", "RegistrarPlanned", "ZoneFinished"}; !slices.Equal(rec.zones["b.test"], want) {
		t.Errorf("b.test events %q, want %q", rec.zones["b.test"], want)
	}
	if c, a, failed := res.Totals(); c != 2 || a != 0 || !failed {
		t.Errorf("totals %d %d %v", c, a, failed)
	}
}

// A preview changes nothing, not even a missing zone; push creates it,
// plans it again against what the new zone holds, applies, and updates the
// registrar with the zone's name servers; a second push has nothing to do.
func TestRunPushCreatesAppliesAndConverges(t *testing.T) {
	e := runEngine(t, `
D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")), A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake.,ns2.fake."}, "reg": {"TYPE": "FAKE", "ns": "x.", "registered": "old.ns."}}`, Options{})
	ctx := context.Background()
	prev := e.Run(ctx, RunOptions{Workers: 2})
	if _, ok := fakes["dns"].zones["example.com"]; ok || fakes["dns"].applied != 0 {
		t.Fatal("preview created or changed the zone")
	}
	z := prev.Zones[0]
	if !z.Targets[0].Plan.ZoneMissing || z.Targets[0].Outcome != "" || z.Corrections != 4 || z.Failed {
		t.Errorf("preview result %+v, targets %v", z, outcomes(prev))
	}

	rec := &recorder{}
	res := e.Run(ctx, RunOptions{Push: true, Workers: 2, Observer: rec})
	if want := []string{"example.com dns applied", "example.com reg applied"}; !slices.Equal(outcomes(res), want) {
		t.Fatalf("outcomes %q, want %q", outcomes(res), want)
	}
	if !res.Zones[0].Targets[0].ZoneCreated || res.NothingPushed != "" {
		t.Errorf("result %+v", res)
	}
	if got := fakes["reg"].registered["example.com"]; !slices.Equal(got, []string{"ns1.fake.", "ns2.fake."}) {
		t.Errorf("registrar holds %v", got)
	}
	if want := []string{"ZonePlanned", "ZoneStarted", "ZoneReady", "ProviderPlanned", "ChangesListed 2", "BatchSent 1/1", "Applied 2",
		"RegistrarPlanned", "RegistrarApplied", "ZoneFinished"}; !slices.Equal(rec.zones["example.com"], want) {
		t.Errorf("events %q, want %q", rec.zones["example.com"], want)
	}
	if want := []string{"planning applying=false", "pushing applying=true"}; !slices.Equal(rec.stages, want) {
		t.Errorf("stages %q, want %q", rec.stages, want)
	}
	c, a, failed := res.Totals()
	if c != a || failed {
		t.Errorf("totals %d planned, %d applied, failed %v", c, a, failed)
	}
	again := e.Run(ctx, RunOptions{Push: true, Workers: 2})
	if c, _, _ := again.Totals(); c != 0 {
		t.Errorf("second push plans %d corrections: %q", c, outcomes(again))
	}
}

// A plan above its enforced safety threshold is refused, and applied with
// Force (which the plan then records).
func TestRunRefusesAboveThresholdUnlessForced(t *testing.T) {
	for _, force := range []bool{false, true} {
		t.Run(fmt.Sprint("force=", force), func(t *testing.T) {
			e := runEngine(t, `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"}, A("@", "192.0.2.1"));`,
				fakeDNS, Options{MaxChange: "30%"})
			var rs []*model.Record
			for i := range 10 {
				rs = append(rs, &model.Record{Name: fmt.Sprintf("h%d.example.com", i), Type: "A", TTL: 300, Data: "192.0.2.9"})
			}
			fakes["dns"].zones["example.com"] = rs
			rec := &recorder{}
			res := e.Run(context.Background(), RunOptions{Push: true, Workers: 1, Force: force, Observer: rec})
			t0 := res.Zones[0].Targets[0]
			if force {
				if t0.Outcome != OutcomeApplied || fakes["dns"].applied != 1 || !t0.Plan.Risk.Forced || res.Zones[0].Failed {
					t.Errorf("forced: outcome %q, applied %d, risk %+v", t0.Outcome, fakes["dns"].applied, t0.Plan.Risk)
				}
				return
			}
			if t0.Outcome != OutcomeRefused || fakes["dns"].applied != 0 || !res.Zones[0].Failed {
				t.Errorf("outcome %q, applied %d", t0.Outcome, fakes["dns"].applied)
			}
			if got := rec.zones["example.com"]; !slices.Contains(got, "Refused") || slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Applied") }) {
				t.Errorf("events %q", got)
			}
		})
	}
}

// With Confirm, push asks before each change; a declined change is told
// to the provider (ChangeSkipper) and counted as skipped.
func TestRunConfirmSkipsDeclinedChanges(t *testing.T) {
	e := runEngine(t, twoZones, fakeDNS, Options{})
	f := fakes["dns"]
	f.zones["a.test"], f.zones["b.test"] = nil, nil
	answers := []bool{false, true, false} // a.test @, a.test www, b.test @
	asked := 0
	res := e.Run(context.Background(), RunOptions{Push: true, Workers: 8, Confirm: func() bool {
		asked++
		return answers[asked-1]
	}})
	if asked != 3 {
		t.Fatalf("asked %d times, want 3", asked)
	}
	if want := []string{"a.test dns partly applied (1 skipped)", "a.test none", "b.test dns skipped", "b.test none"}; !slices.Equal(outcomes(res), want) {
		t.Errorf("outcomes %q, want %q", outcomes(res), want)
	}
	if len(f.skipped) != 2 || f.skipped[0].Key.Name != "a.test" || f.skipped[1].Key.Name != "b.test" {
		t.Errorf("provider told of skipped changes %v", f.skipped)
	}
	if got := len(f.zones["a.test"]); got != 1 {
		t.Errorf("a.test holds %d records, want the one accepted", got)
	}
	if c, a, failed := res.Totals(); c != 3 || a != 1 || failed {
		t.Errorf("totals %d planned, %d applied, failed %v", c, a, failed)
	}
}

// A failed apply fails the zone and says so; the other zone is applied.
func TestRunApplyFailure(t *testing.T) {
	e := runEngine(t, twoZones, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake."}, "other": {"TYPE": "FAKE", "ns": "ns1.other."}}`, Options{})
	f := fakes["dns"]
	f.zones["a.test"], f.zones["b.test"] = nil, nil
	f.failApply = errors.New("throttled")
	rec := &recorder{}
	res := e.Run(context.Background(), RunOptions{Push: true, Workers: 2, Observer: rec})
	if want := []string{"a.test dns failed", "a.test none", "b.test dns failed", "b.test none"}; !slices.Equal(outcomes(res), want) {
		t.Errorf("outcomes %q, want %q", outcomes(res), want)
	}
	if err := res.Zones[0].Targets[0].Err; err == nil || !strings.Contains(err.Error(), "dns: throttled") {
		t.Errorf("error %v", err)
	}
	if !slices.Contains(rec.zones["a.test"], "Applied 2 err") || res.NothingPushed != "" {
		t.Errorf("events %q, nothing pushed %q", rec.zones["a.test"], res.NothingPushed)
	}
}

// An interrupted run: a preview reads nothing more, a push interrupted
// while planning changes nothing and says so.
func TestRunInterrupted(t *testing.T) {
	e := runEngine(t, twoZones, fakeDNS, Options{})
	fakes["dns"].zones["a.test"], fakes["dns"].zones["b.test"] = nil, nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	prev := e.Run(ctx, RunOptions{Workers: 2})
	for _, z := range prev.Zones {
		if !z.Failed || !errors.Is(z.Targets[0].Err, ErrNotRead) || z.Targets[0].Outcome != "" {
			t.Errorf("preview of %s: %+v %+v", z.Domain.Name, z, z.Targets[0])
		}
	}
	res := e.Run(ctx, RunOptions{Push: true, Workers: 2})
	if !strings.Contains(res.NothingPushed, "interrupted while planning") || fakes["dns"].applied != 0 {
		t.Errorf("push: nothing pushed %q, applied %d", res.NothingPushed, fakes["dns"].applied)
	}
	if want := []string{"a.test interrupted", "b.test interrupted"}; !slices.Equal(outcomes(res), want) {
		t.Errorf("outcomes %q, want %q", outcomes(res), want)
	}
}

// listing is a FAKE provider that can also answer name servers from its
// listing (provider.ListedNameservers), with an answer that differs from
// its real delegation, so a test sees which one the engine asked.
type listing struct{ *fake }

func (l listing) ListedNameservers(context.Context, string) ([]string, error) {
	return []string{"listed.fake."}, nil
}

func init() {
	provider.Register(provider.Info{
		Type: "FAKELISTED", DNS: true, Capabilities: fakeCaps,
		New: func(_ context.Context, e provider.Entry) (any, error) {
			f := &fake{ns: []string{"real.fake."}, zones: map[string][]*model.Record{}, registered: map[string][]string{}}
			fakes[e.Name] = f
			return listing{f}, nil
		},
	})
}

// The engine takes name servers from a provider's listing only where
// nothing is delegated from them: with a registrar to update, or a count
// of servers to delegate, it reads the real delegation.
func TestListedNameserversOnlyWithoutDelegation(t *testing.T) {
	creds := `{"dns": {"TYPE": "FAKELISTED"}, "reg": {"TYPE": "FAKE", "ns": "x.", "registered": "old.ns."}}`
	for _, tc := range []struct {
		name, config string
		want         string
	}{
		{"registrar NONE", `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")));`, "listed.fake."},
		{"a registrar", `D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")));`, "real.fake."},
		{"a server count", `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns"), 1));`, "real.fake."},
		{"another DNS provider", `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), DnsProvider(NewDnsProvider("reg")));`, "real.fake."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := runEngine(t, tc.config, creds, Options{})
			fakes["dns"].zones["example.com"] = nil
			dp := e.PlanDomain(context.Background(), e.Config.Domains[0])
			if dp.Err != nil {
				t.Fatal(dp.Err)
			}
			if got := strings.Join(lines(dp.Providers[0]), "\n"); !strings.Contains(got, "NS "+tc.want) {
				t.Errorf("apex NS plan does not name %s:\n%s", tc.want, got)
			}
			if rp := dp.Registrar; rp != nil && rp.Registrar.Impl != nil && !slices.Equal(rp.New, []string{"real.fake."}) {
				t.Errorf("registrar plan %v, want the real delegation", rp.New)
			}
		})
	}
}
