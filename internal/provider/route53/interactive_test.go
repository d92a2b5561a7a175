package route53

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// onlyChange returns the one-change plan push -i applies when the user
// accepts the plan's change whose line starts with prefix.
func onlyChange(t *testing.T, plan *diff.Plan, prefix string) *diff.Plan {
	t.Helper()
	for i, l := range planLines(plan) {
		if strings.HasPrefix(l, prefix) {
			return &diff.Plan{Zone: plan.Zone, MetaKeys: plan.MetaKeys, Changes: []diff.Change{plan.Changes[i]}}
		}
	}
	t.Fatalf("no change %q in the plan:\n%s", prefix, strings.Join(planLines(plan), "\n"))
	return nil
}

// push -i: the user skips turning signing on (or it fails) but accepts the
// DS that follows it. Publishing the DS of a zone that does not sign makes
// the domain fail validation for every validating resolver, so the DS is
// refused and nothing is sent to Route 53 Domains; accepted once signing
// is on, it goes ahead. (DNSSEC calls are served by the stub: moto does
// not serve them.)
func TestDNSSECDSRefusedUntilSigningIsOn(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("skip.tld")
	// A KSK is there, active, but the zone does not sign: enabling is the
	// only work, and the DS is known at plan time.
	z := de.r53.zone(id)
	z.ksks = append(z.ksks, stubKSK("dnsctl", stubKMS, 4242))
	d := dnssecDomain(t, "skip.tld", "r53_reg", onArgs(true)...)
	plan, _ := de.planDomain(de.p, d)
	on := onlyChange(t, plan, "+ CREATE R53_DNSSEC skip.tld:")
	ds := onlyChange(t, plan, "+ CREATE R53_DNSSEC skip.tld DS:")
	de.p.SkipChange(plan.Zone, on.Changes[0])
	de.log.take()
	err := de.p.Apply(ctx(t), ds)
	if err == nil || !strings.Contains(err.Error(), "signing of skip.tld is not on") {
		t.Fatalf("DS applied without signing: %v", err)
	}
	for _, c := range de.log.take() {
		if strings.HasPrefix(c, "AssociateDelegationSignerToDomain") {
			t.Fatalf("the DS was sent to the registry: %s", c)
		}
	}
	if n := len(de.domains.ds["skip.tld"]); n != 0 {
		t.Fatalf("registry holds %d DS records, want none", n)
	}
	// The next plan still has both changes; made in order they succeed.
	plan, _ = de.planDomain(de.p, d)
	if err := de.p.Apply(ctx(t), onlyChange(t, plan, "+ CREATE R53_DNSSEC skip.tld:")); err != nil {
		t.Fatalf("signing on: %v", err)
	}
	if err := de.p.Apply(ctx(t), onlyChange(t, plan, "+ CREATE R53_DNSSEC skip.tld DS:")); err != nil {
		t.Fatalf("DS after signing: %v", err)
	}
	if n := len(de.domains.ds["skip.tld"]); n != 1 {
		t.Fatalf("registry holds %d DS records, want 1", n)
	}
}

// A check zone a.tld owns but no longer declares, whose ID the records of
// another zone of the configuration name (R53_HEALTH_CHECK_ID): Route 53
// would delete it from under them, so it is kept, with a note.
func TestHealthCheckKeptForOtherZones(t *testing.T) {
	e := newEnv(t)
	e.createZone("a.tld")
	e.createZone("b.tld")
	api := map[string]any{"type": "HTTPS", "fqdn": "api.a.tld"}
	a := &model.Domain{Name: "a.tld", Settings: []*model.Setting{hcSetting("api", api)},
		Records: []*model.Record{usingCheck(weighted(rec(t, "a.tld", "api", "A", 300, "192.0.2.1"), "one", 10), "api")}}
	e.pushDomain(e.p, a)
	id := e.recordCheckIDs("a.tld")["one"]
	if id == "" {
		t.Fatal("the record got no check")
	}
	b := &model.Domain{Name: "b.tld", Records: []*model.Record{
		weighted(rec(t, "b.tld", "www", "A", 300, "192.0.2.7", MetaHealthCheckID, id), "x", 10)}}
	a2 := &model.Domain{Name: "a.tld", Records: []*model.Record{weighted(rec(t, "a.tld", "api", "A", 300, "192.0.2.1"), "one", 10)}}
	p := e.provider()
	p.UseConfiguration([]*model.Domain{a2, b}, nil)
	plan, _ := e.planZone(p, a2)
	for _, l := range planLines(plan) {
		if strings.Contains(l, "DELETE R53_HEALTH_CHECK") {
			t.Fatalf("plan deletes the check zone b.tld uses: %s", l)
		}
	}
	assertNote(t, plan, "health check api ("+id+") is no longer declared but records of zone b.tld use it (R53_HEALTH_CHECK_ID): kept")
	// Without the other zone's use it goes.
	p = e.provider()
	p.UseConfiguration([]*model.Domain{a2}, nil)
	plan, _ = e.planZone(p, a2)
	if !slices.ContainsFunc(planLines(plan), func(l string) bool { return strings.HasPrefix(l, "- DELETE R53_HEALTH_CHECK api:") }) {
		t.Errorf("undeclared and unused, the check is not deleted:\n%s", strings.Join(planLines(plan), "\n"))
	}
}

// A replacement half made (the new check created, then the record batch
// failed, or push -i stopped after the CREATE): the zone owns two checks
// of one name. The next plan must adopt the one that matches the
// declaration, not replace once more (a third check) because the stale
// one happens to sort first; the stale one is deleted once unused.
func TestHealthCheckHalfReplacedConverges(t *testing.T) {
	e := newEnv(t)
	e.createZone("hc.tld")
	api := map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld"}
	d := &model.Domain{Name: "hc.tld", Settings: []*model.Setting{hcSetting("api", api)},
		Records: []*model.Record{usingCheck(weighted(rec(t, "hc.tld", "api", "A", 300, "192.0.2.1"), "one", 10), "api")}}
	e.pushDomain(e.p, d)
	old := e.recordCheckIDs("hc.tld")["one"]
	// The declaration changes the interval (a replacement); the new check
	// exists, the records still use the old one. Which of the two IDs
	// sorts first is up to moto's random IDs; TestAdoptKeepsTheCheckThat
	// NeedsNoReplacement covers both orders without it.
	api["interval"] = float64(10)
	want, err := estate.ParseHealthCheck([]any{"api", api})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.provider().createHealthCheck(ctx(t), "hc.tld", want, nil); err != nil {
		t.Fatal(err)
	}
	plan, _ := e.planDomain(e.provider(), d)
	for _, l := range planLines(plan) {
		if strings.HasPrefix(l, "+ CREATE R53_HEALTH_CHECK") {
			t.Fatalf("a third check is created:\n%s", strings.Join(planLines(plan), "\n"))
		}
	}
	p := e.provider()
	plan, _ = e.planDomain(p, d)
	if err := p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("not converged:\n%s", strings.Join(planLines(plan), "\n"))
	}
	checks := e.accountChecks()
	if len(checks) != 1 || checks[old] != nil {
		t.Errorf("after the push moto holds %d checks (old kept: %v), want only the new one", len(checks), checks[old] != nil)
	}
}

// A stand-in ID (a check or a CIDR collection push has yet to make) is
// never written into a record set sent to Route 53, whichever path brings
// it there (a plan whose creation was skipped, an IR file that holds one).
func TestStandInsNeverSent(t *testing.T) {
	for _, tc := range []struct{ key, value string }{
		{MetaHealthCheckID, "(new check api)"},
		{MetaCIDRCollection, cidrPending("nets")},
	} {
		var s types.ResourceRecordSet
		m := map[string]string{tc.key: tc.value, MetaCIDRLocation: "home"}
		if err := applyRouting(&s, m); err == nil || !strings.Contains(err.Error(), "has not been created") {
			t.Errorf("%s=%s: %v, want a refusal", tc.key, tc.value, err)
		}
	}
}

// adopt keeps, among two owned checks of one name, the one that matches the
// declaration, whichever sorts first; with none matching, the first (the
// plan replaces it).
func TestAdoptKeepsTheCheckThatNeedsNoReplacement(t *testing.T) {
	parse := func(opts map[string]any) estate.HealthCheck {
		h, err := estate.ParseHealthCheck([]any{"api", opts})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	stale := &liveCheck{id: "1-stale", hc: parse(map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld"})}
	fresh := &liveCheck{id: "2-fresh", hc: parse(map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld", "interval": float64(10)})}
	want := parse(map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld", "interval": float64(10)})
	for _, owned := range [][]*liveCheck{{stale, fresh}, {fresh, stale}} {
		if got := adopt(owned, want); got != fresh {
			t.Errorf("adopt(%s, %s) = %s, want %s", owned[0].id, owned[1].id, got.id, fresh.id)
		}
	}
	other := parse(map[string]any{"type": "TCP", "ip": "198.51.100.1", "port": float64(22)})
	if got := adopt([]*liveCheck{stale, fresh}, other); got != stale {
		t.Errorf("with no check matching, adopt = %v, want the first", got)
	}
	if got := adopt(nil, want); got != nil {
		t.Errorf("adopt(nil) = %v", got)
	}
}
