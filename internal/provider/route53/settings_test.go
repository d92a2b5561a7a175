package route53

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// planDomain plans one configured domain the way preview does: read the
// zone (or nothing when it does not exist), prepare, diff, then add the
// settings changes. The provider learns the configuration first.
func (e *env) planDomain(p *Provider, d *model.Domain) (plan *diff.Plan, existing []*model.Record) {
	e.t.Helper()
	p.UseConfiguration([]*model.Domain{d}, nil)
	return e.planConfigured(p, d)
}

// planConfigured is planDomain for a provider that already knows the
// configuration (UseConfiguration).
func (e *env) planConfigured(p *Provider, d *model.Domain) (plan *diff.Plan, existing []*model.Record) {
	e.t.Helper()
	c := ctx(e.t)
	zone := d.UniqueName()
	existing, err := p.Records(c, zone)
	if err != nil && !strings.Contains(err.Error(), "does not exist") {
		e.t.Fatalf("Records: %v", err)
	}
	desired := make([]*model.Record, len(d.Records))
	for i, r := range d.Records {
		desired[i] = r.Clone()
	}
	if err := p.Prepare(c, zone, desired); err != nil {
		e.t.Fatalf("Prepare: %v", err)
	}
	// The apex NS and SOA are the engine's business: keep what exists.
	for _, r := range existing {
		if r.Type == "SOA" || (r.Type == "NS" && r.Name == d.Name) {
			desired = append(desired, r.Clone())
		}
	}
	plan, err = diff.Compute(d.Name, existing, desired, diff.Options{MetaKeys: MetaKeys, OneTTLPerSet: true})
	if err != nil {
		e.t.Fatalf("Compute: %v", err)
	}
	plan.Zone = zone
	if err := p.PlanSettings(c, zone, existing, desired, plan); err != nil {
		e.t.Fatalf("PlanSettings: %v", err)
	}
	return plan, existing
}

// pushDomain plans d and applies the plan; it returns the plan applied.
func (e *env) pushDomain(p *Provider, d *model.Domain) *diff.Plan {
	e.t.Helper()
	plan, _ := e.planDomain(p, d)
	if err := p.Apply(ctx(e.t), plan); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	return plan
}

// planLines renders a plan as preview prints its corrections.
func planLines(plan *diff.Plan) []string {
	var out []string
	for _, c := range plan.Changes {
		for _, l := range c.Lines(plan.MetaKeys) {
			out = append(out, l.Text)
		}
	}
	return out
}

// wantLines fails unless the plan's correction lines are want.
func wantLines(t *testing.T, plan *diff.Plan, want ...string) {
	t.Helper()
	if got := planLines(plan); !slices.Equal(got, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// orderFeature is a feature for tests: one change before the records and
// one after, each noting whether www exists when it runs.
type orderFeature struct{ log *[]string }

type orderOp struct {
	name string
	log  *[]string
	fail bool
}

func (o orderOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	recs, err := p.records(ctx, t.key)
	if err != nil {
		return err
	}
	www := slices.ContainsFunc(recs, func(r *model.Record) bool { return strings.HasPrefix(r.Name, "www.") })
	*o.log = append(*o.log, fmt.Sprintf("%s www=%v", o.name, www))
	if o.fail {
		return fmt.Errorf("refused by the test")
	}
	return nil
}

func (f orderFeature) planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error) {
	if len(z.settings("TEST_SETTING")) == 0 {
		return nil, nil
	}
	fail := z.settings("TEST_SETTING")[0].Args[0] == "fail-after"
	return []diff.Change{
		{Kind: diff.Create, Key: model.Key{Name: z.key, Type: "TEST_SETTING", SetID: "first"}, Setting: &diff.Setting{New: "made first", Op: orderOp{"before", f.log, false}}},
		{Kind: diff.Delete, Key: model.Key{Name: z.key, Type: "TEST_SETTING", SetID: "last"}, Setting: &diff.Setting{Old: "removed last", After: true, Note: "after the records", Op: orderOp{"after", f.log, fail}}},
	}, nil
}

func TestSettingsChangesFrameTheRecordChanges(t *testing.T) {
	e := newEnv(t)
	e.createZone("order.tld")
	var log []string
	saved := features
	features = append(slices.Clone(features), orderFeature{&log})
	t.Cleanup(func() { features = saved })

	d := &model.Domain{Name: "order.tld", Records: []*model.Record{rec(t, "order.tld", "www", "A", 300, "192.0.2.1")},
		Settings: []*model.Setting{{Kind: "TEST_SETTING", Args: []any{"ok"}}}}
	plan := e.pushDomain(e.p, d)
	want := []string{
		"+ CREATE TEST_SETTING first: made first",
		"+ CREATE www.order.tld A 192.0.2.1 ttl=300",
		"- DELETE TEST_SETTING last: removed last [after the records]",
	}
	if got := planLines(plan); !slices.Equal(got, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if want := []string{"before www=false", "after www=true"}; !slices.Equal(log, want) {
		t.Errorf("settings ops ran as %q, want %q", log, want)
	}
	if n := e.p.Batches(plan); n != 1 {
		t.Errorf("Batches = %d, want 1 (settings changes are not record batches)", n)
	}

	// A failing change after the records: the error says what took
	// effect, so the CLI counts it.
	log = nil
	d.Settings[0].Args[0] = "fail-after"
	d.Records[0] = rec(t, "order.tld", "www", "A", 300, "192.0.2.2")
	plan, _ = e.planDomain(e.p, d)
	err := e.p.Apply(ctx(t), plan)
	var se *SettingsError
	if !errors.As(err, &se) {
		t.Fatalf("Apply error = %v, want a *SettingsError", err)
	}
	if len(se.Applied) != 2 || len(se.NotApplied) != 1 || !strings.Contains(err.Error(), "refused by the test") {
		t.Errorf("SettingsError applied %d, not applied %d: %v", len(se.Applied), len(se.NotApplied), err)
	}
}

// A domain that declares no settings costs no call beyond the record
// plan's.
func TestNoSettingsNoCalls(t *testing.T) {
	e := newEnv(t)
	e.createZone("plain.tld")
	d := &model.Domain{Name: "plain.tld", Records: []*model.Record{rec(t, "plain.tld", "www", "A", 300, "192.0.2.1")}}
	_, _ = e.planDomain(e.p, d)
	before := e.p.APICalls()
	if err := e.p.PlanSettings(ctx(t), "plain.tld", nil, nil, &diff.Plan{Zone: "plain.tld"}); err != nil {
		t.Fatal(err)
	}
	if n := e.p.APICalls() - before; n != 0 {
		t.Errorf("PlanSettings of a domain without settings made %d calls", n)
	}
}
