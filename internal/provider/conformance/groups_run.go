package conformance

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/engine"
)

var runPending = flag.Bool("conformance.pending", false, "run the conformance groups marked pending instead of skipping them")

// Target is a provider the groups run against, through the whole
// pipeline: dnsconfig.js and creds.json files, evaluated, planned and
// applied by the engine as `dnsctl push` does, then planned again as
// `dnsctl preview` does.
type Target struct {
	// Type is the provider type ("BIND", "ROUTE53"), which gates groups.
	Type string
	// Entry holds the fields of the provider's creds.json entry (TYPE
	// excluded).
	Entry map[string]string
	// Zone is the zone the groups work on; it is created by the first
	// push when missing.
	Zone string
	// Modifiers are D() arguments every state gets (for BIND, the
	// NAMESERVER a zone file needs), or "".
	Modifiers string
	// AfterPush, when set, checks the provider after each push (for BIND,
	// that the zone file loads in named-checkzone).
	AfterPush func(t *testing.T)
	// BeforeGroup, when set, runs before each group's clean slate (for
	// moto, a reset: its change journal outlives deleted record sets and
	// refuses a CREATE identical to any earlier one, so groups sharing
	// records would fail by the order they run in).
	BeforeGroup func(t *testing.T)
}

// statePrelude defines what a state's JS may use besides the language:
// DOMAIN (set per target) and manyA.
const statePrelude = `
// manyA returns n A records named prefix0000, prefix0001, ... all with
// address target.
function manyA(prefix, target, n) {
    var out = [];
    for (var i = 0; i < n; i++) {
        out.push(A(prefix + ("000" + i).slice(-4), target));
    }
    return out;
}
`

// RunGroups runs groups against the target: each group that applies to
// the target's type starts from an empty zone and goes through its
// states; a state is pushed, and a preview afterwards must find nothing
// to do. A failing state ends its group (later states build on it); the
// next group starts from an empty zone again. Groups pending on another
// branch are skipped, naming it (run them with -conformance.pending).
func RunGroups(t *testing.T, tg Target, groups []Group) {
	t.Helper()
	r := newRunner(t, tg)
	start := time.Now()
	for _, g := range groups {
		if why := g.skipReason(tg.Type); why != "" {
			continue
		}
		t.Run(g.Name, func(t *testing.T) {
			if pend := g.pendingOn(tg.Type); len(pend) > 0 && !*runPending {
				var why []string
				for _, p := range pend {
					why = append(why, "needs branch "+p.Branch+": "+p.Reason)
				}
				t.Skipf("pending (%s)", strings.Join(why, "; "))
			}
			if tg.BeforeGroup != nil {
				tg.BeforeGroup(t)
			}
			if !t.Run("clean slate", func(t *testing.T) { r.step(t, State{}) }) {
				t.Fatalf("the zone could not be emptied")
			}
			for _, st := range g.States {
				if p := st.Pending; p != nil && p.applies(tg.Type) && !*runPending {
					t.Run(st.Name, func(t *testing.T) {
						t.Skipf("pending (needs branch %s: %s)", p.Branch, p.Reason)
					})
					continue
				}
				if !t.Run(st.Name, func(t *testing.T) { r.step(t, st) }) {
					t.Fatalf("state %q failed; later states build on it", st.Name)
				}
			}
		})
	}
	c := CountFor(groups, tg.Type)
	t.Logf("%s: %d groups (%d states) run in %v; pending: %d groups (%d states), %d more states",
		tg.Type, c.Groups, c.States, time.Since(start).Round(time.Millisecond), c.PendingGroups, c.PendingGroupStates, c.PendingStates)
}

type runner struct {
	tg    Target
	dir   string
	creds string
}

func newRunner(t *testing.T, tg Target) *runner {
	t.Helper()
	dir := t.TempDir()
	entry := map[string]string{"TYPE": tg.Type}
	for k, v := range tg.Entry {
		entry[k] = v
	}
	data, err := json.Marshal(map[string]map[string]string{"target": entry})
	if err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(dir, "creds.json")
	if err := os.WriteFile(creds, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return &runner{tg: tg, dir: dir, creds: creds}
}

// config writes the dnsconfig.js of st and returns its path.
func (r *runner) config(t *testing.T, st State) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("var DOMAIN = " + jsString(r.tg.Zone) + ";\n")
	b.WriteString(statePrelude)
	b.WriteString("var REG = NewRegistrar(\"none\", \"NONE\");\nvar DSP = NewDnsProvider(\"target\");\n")
	b.WriteString("D(DOMAIN, REG, DnsProvider(DSP)")
	for _, part := range []string{r.tg.Modifiers, st.JS} {
		if p := strings.TrimSpace(part); p != "" {
			b.WriteString(",\n" + p)
		}
	}
	b.WriteString("\n);\n")
	path := filepath.Join(r.dir, "dnsconfig.js")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func (r *runner) load(t *testing.T, ctx context.Context, cfg string) (*engine.Engine, error) {
	t.Helper()
	e, err := engine.Load(ctx, engine.Options{ConfigPath: cfg, CredsPath: r.creds})
	if err != nil {
		return nil, err
	}
	for _, w := range e.Warnings {
		t.Logf("warning: %s", w.String())
	}
	return e, nil
}

// plan plans the state's domain; the error is the first of its plan.
func plan(ctx context.Context, e *engine.Engine) (*engine.DomainPlan, error) {
	dp := e.PlanDomain(ctx, e.Config.Domains[0])
	if dp.Err != nil {
		return dp, dp.Err
	}
	for _, pp := range dp.Providers {
		if pp.Err != nil {
			return dp, pp.Err
		}
	}
	return dp, nil
}

func domainCorrections(dp *engine.DomainPlan) int {
	n := 0
	for _, pp := range dp.Providers {
		n += pp.Corrections()
	}
	return n
}

func renderDomain(dp *engine.DomainPlan) string {
	var b strings.Builder
	for _, pp := range dp.Providers {
		if pp.Plan != nil {
			b.WriteString(render(pp.Plan))
		}
	}
	return b.String()
}

// step pushes st, then previews it: nothing may be left to do.
func (r *runner) step(t *testing.T, st State) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cfg := r.config(t, st)

	e, err := r.load(t, ctx, cfg)
	if err == nil {
		err = r.push(t, ctx, e, st)
	}
	if st.Refused != "" {
		switch {
		case err == nil:
			t.Fatalf("the state was accepted; want it refused with %q", st.Refused)
		case !strings.Contains(err.Error(), st.Refused):
			t.Fatalf("refused with %v; want an error with %q", err, st.Refused)
		}
		return
	}
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	if r.tg.AfterPush != nil {
		r.tg.AfterPush(t)
	}

	e, err = r.load(t, ctx, cfg)
	if err != nil {
		t.Fatalf("preview after push: %v", err)
	}
	dp, err := plan(ctx, e)
	if err != nil {
		t.Fatalf("preview after push: %v", err)
	}
	if n := domainCorrections(dp); n != 0 {
		t.Fatalf("preview after push finds %d corrections; the zone does not converge:\n%s", n, renderDomain(dp))
	}
}

// push plans and applies the domain of e, as `dnsctl push` does. The
// first plan is checked against st's expectation.
func (r *runner) push(t *testing.T, ctx context.Context, e *engine.Engine, st State) error {
	release, err := e.Lock(ctx, func(string) {})
	if err != nil {
		return err
	}
	defer release()
	dp, err := plan(ctx, e)
	if err != nil {
		return err
	}
	n := domainCorrections(dp)
	switch {
	case st.Refused != "":
		// The caller reports that nothing refused it.
	case st.NoChanges && n != 0:
		t.Errorf("the first preview must find nothing to do; it finds %d corrections:\n%s", n, renderDomain(dp))
	case !st.NoChanges && st.JS != "" && n == 0:
		t.Errorf("the first preview finds nothing to do; the state expects changes")
	}
	if st.Refused != "" {
		return nil
	}
	if dp, err = e.EnsureZones(ctx, dp); err != nil {
		return err
	}
	for _, pp := range dp.Providers {
		if pp.Err != nil {
			return pp.Err
		}
		if pp.Plan == nil || len(pp.Plan.Changes) == 0 {
			continue
		}
		if err := e.Apply(ctx, pp, pp.Plan); err != nil {
			return err
		}
	}
	return nil
}
