package route53

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// hcSetting is R53_HEALTH_CHECK(name, opts).
func hcSetting(name string, opts map[string]any) *model.Setting {
	return &model.Setting{Kind: estate.KindHealthCheck, Args: []any{name, opts}, Pos: "dnsconfig.js:1"}
}

// usingCheck gives r R53_HEALTH_CHECK_NAME(name).
func usingCheck(r *model.Record, name string) *model.Record {
	if r.Meta == nil {
		r.Meta = map[string]string{}
	}
	r.Meta[MetaHealthCheckName] = name
	return r
}

// accountChecks lists the account's checks straight from moto, with tags.
func (e *env) accountChecks() map[string]*liveCheck {
	e.t.Helper()
	p := e.provider()
	m, err := p.listHealthChecks(ctx(e.t))
	if err != nil {
		e.t.Fatalf("listing health checks: %v", err)
	}
	return m
}

// recordCheckIDs returns the health check IDs of the zone's records by
// set identifier.
func (e *env) recordCheckIDs(zone string) map[string]string {
	e.t.Helper()
	recs, err := e.provider().Records(ctx(e.t), zone)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range recs {
		if r.SetID != "" {
			out[r.SetID] = r.Meta[MetaHealthCheckID]
		}
	}
	return out
}

// planAndPush plans d, checks the plan's lines before it is applied, and
// applies it.
func (e *env) planAndPush(p *Provider, d *model.Domain, want ...string) *diff.Plan {
	e.t.Helper()
	plan, _ := e.planDomain(p, d)
	wantLines(e.t, plan, want...)
	if err := p.Apply(ctx(e.t), plan); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	return plan
}

// planDomainRules is planDomain honouring the domain's NO_PURGE and
// IGNORE rules (planDomain purges everything).
func (e *env) planDomainRules(p *Provider, d *model.Domain) *diff.Plan {
	e.t.Helper()
	c := ctx(e.t)
	p.UseConfiguration([]*model.Domain{d}, nil)
	existing, err := p.Records(c, d.Name)
	if err != nil {
		e.t.Fatal(err)
	}
	var desired []*model.Record
	for _, r := range existing {
		if r.Type == "SOA" || r.Type == "NS" {
			desired = append(desired, r.Clone())
		}
	}
	if err := p.Prepare(c, d.Name, desired); err != nil {
		e.t.Fatal(err)
	}
	opts := diff.DomainOptions(d)
	opts.MetaKeys, opts.OneTTLPerSet = MetaKeys, true
	plan, err := diff.Compute(d.Name, existing, desired, opts)
	if err != nil {
		e.t.Fatal(err)
	}
	plan.Zone = d.Name
	if err := p.PlanSettings(c, d.Name, existing, desired, plan); err != nil {
		e.t.Fatal(err)
	}
	return plan
}

// The life of a declared check against moto: created before the records
// that use it (which get its real ID), nothing to do once pushed, updated
// in place, replaced when an immutable field changes, deleted after the
// records once undeclared; a check the entry does not own is never
// touched.
func TestHealthChecksLifecycle(t *testing.T) {
	e := newEnv(t)
	e.createZone("hc.tld")
	api := map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld", "path": "/health"}
	d := &model.Domain{Name: "hc.tld",
		Settings: []*model.Setting{hcSetting("api", api)},
		Records: []*model.Record{
			usingCheck(weighted(rec(t, "hc.tld", "api", "A", 300, "192.0.2.1"), "one", 10), "api"),
			weighted(rec(t, "hc.tld", "api", "A", 300, "192.0.2.2"), "two", 10),
		}}

	// Create: the records show a stand-in until the check exists.
	plan := e.planAndPush(e.p, d,
		"+ CREATE R53_HEALTH_CHECK api: HTTPS api.hc.tld:443/health every 30s, 3 failures, regions all",
		"+ CREATE api.hc.tld [one] A 192.0.2.1 ttl=300 weight=10 health_check_id=(new check api)",
		"+ CREATE api.hc.tld [two] A 192.0.2.2 ttl=300 weight=10")
	checks := e.accountChecks()
	if len(checks) != 1 {
		t.Fatalf("moto holds %d checks, want 1", len(checks))
	}
	var first *liveCheck
	for _, lc := range checks {
		first = lc
	}
	if want := map[string]string{"Name": "api", "dnsctl:owner": "r53_test", "dnsctl:zone": "hc.tld"}; !mapsEqual(first.tags, want) {
		t.Errorf("tags = %v, want %v", first.tags, want)
	}
	if ids := e.recordCheckIDs("hc.tld"); ids["one"] != first.id || ids["two"] != "" {
		t.Errorf("records' health checks = %v, want one=%s", ids, first.id)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("after push, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// Update in place.
	api["failure_threshold"] = float64(5)
	api["regions"] = []any{"us-east-1", "eu-west-1", "ap-southeast-1"}
	p := e.provider()
	plan = e.pushDomain(p, d)
	wantLines(t, plan,
		"± MODIFY R53_HEALTH_CHECK api: (HTTPS api.hc.tld:443/health every 30s, 3 failures, regions all) -> (HTTPS api.hc.tld:443/health every 30s, 5 failures, regions ap-southeast-1,eu-west-1,us-east-1)")
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("after update, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}
	if ids := e.recordCheckIDs("hc.tld"); ids["one"] != first.id {
		t.Errorf("an update changed the record's check: %v", ids)
	}

	// Replacement: the interval cannot be updated.
	api["interval"] = float64(10)
	plan, _ = e.planDomain(e.provider(), d)
	lines := planLines(plan)
	if err := e.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 ||
		lines[0] != "+ CREATE R53_HEALTH_CHECK api: HTTPS api.hc.tld:443/health every 10s, 5 failures, regions ap-southeast-1,eu-west-1,us-east-1 [replaces check "+first.id+": its interval cannot be updated (30s to 10s)]" ||
		!strings.Contains(lines[1], "health_check_id=(new check api)") ||
		!strings.HasPrefix(lines[2], "- DELETE R53_HEALTH_CHECK api: HTTPS api.hc.tld:443/health every 30s") ||
		!strings.HasSuffix(lines[2], "[replaced: its interval cannot be updated (30s to 10s)]") {
		t.Errorf("replacement plan:\n%s", strings.Join(lines, "\n"))
	}
	checks = e.accountChecks()
	if len(checks) != 1 || checks[first.id] != nil {
		t.Fatalf("after the replacement moto holds %d checks (old one kept: %v)", len(checks), checks[first.id] != nil)
	}
	var second *liveCheck
	for _, lc := range checks {
		second = lc
	}
	if ids := e.recordCheckIDs("hc.tld"); ids["one"] != second.id {
		t.Errorf("the record was not re-pointed: %v, want %s", ids, second.id)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("after replacement, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// A check of someone else, used by a record: never touched.
	foreign := e.rawCheck("foreign", map[string]string{"dnsctl:owner": "someone-else", "dnsctl:zone": "hc.tld"})
	d.Records = append(d.Records, func() *model.Record {
		r := weighted(rec(t, "hc.tld", "api", "A", 300, "192.0.2.3"), "three", 10)
		r.Meta[MetaHealthCheckID] = foreign
		return r
	}())
	e.pushDomain(e.provider(), d)

	// Undeclared: deleted after the records stop using it.
	d.Settings = nil
	delete(d.Records[0].Meta, MetaHealthCheckName)
	plan = e.pushDomain(e.provider(), d)
	wantLines(t, plan,
		"± MODIFY api.hc.tld [one] A (192.0.2.1 ttl=300 weight=10 health_check_id="+second.id+") -> (192.0.2.1 ttl=300 weight=10)",
		"- DELETE R53_HEALTH_CHECK api: HTTPS api.hc.tld:443/health every 10s, 5 failures, regions ap-southeast-1,eu-west-1,us-east-1")
	checks = e.accountChecks()
	if len(checks) != 1 || checks[foreign] == nil {
		t.Errorf("after the deletion moto holds %v, want only the foreign check %s", keys(checks), foreign)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("after deletion, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func keys(m map[string]*liveCheck) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// rawCheck creates a TCP check in moto behind dnsctl's back, with tags.
func (e *env) rawCheck(ref string, tags map[string]string) string {
	e.t.Helper()
	out, err := e.sdk.CreateHealthCheck(context.Background(), &route53.CreateHealthCheckInput{
		CallerReference: aws.String(ref),
		HealthCheckConfig: &types.HealthCheckConfig{Type: types.HealthCheckTypeTcp, IPAddress: aws.String("192.0.2.50"),
			Port: aws.Int32(22)},
	})
	if err != nil {
		e.t.Fatalf("CreateHealthCheck: %v", err)
	}
	id := aws.ToString(out.HealthCheck.Id)
	var add []types.Tag
	for k, v := range tags {
		add = append(add, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if len(add) > 0 {
		if _, err := e.sdk.ChangeTagsForResource(context.Background(), &route53.ChangeTagsForResourceInput{
			ResourceType: types.TagResourceTypeHealthcheck, ResourceId: aws.String(id), AddTags: add}); err != nil {
			e.t.Fatalf("ChangeTagsForResource: %v", err)
		}
	}
	return id
}

// A check owned by the entry but no longer declared stays while a record
// kept by NO_PURGE still uses it, with a note saying so; a check of
// another entry, or of another zone of the same entry, is never deleted.
func TestHealthChecksOwnership(t *testing.T) {
	e := newEnv(t)
	zid := e.createZone("own.tld")
	mine := e.rawCheck("mine", map[string]string{"dnsctl:owner": "r53_test", "dnsctl:zone": "own.tld", "Name": "mine"})
	other := e.rawCheck("other", map[string]string{"dnsctl:owner": "r53_test", "dnsctl:zone": "elsewhere.tld", "Name": "mine"})
	e.rawCheck("untagged", nil)
	set := rawSet("kept.own.tld.", "A", 300, "192.0.2.1")
	set.SetIdentifier, set.Weight, set.HealthCheckId = aws.String("k"), aws.Int64(1), aws.String(mine)
	e.rawCreate(zid, set)

	d := &model.Domain{Name: "own.tld", KeepUnknown: true}
	plan := e.planDomainRules(e.p, d)
	if len(plan.Changes) != 0 || len(plan.Notes) != 1 || !strings.Contains(plan.Notes[0], "health check mine ("+mine+") is no longer declared but records that stay use it: kept") {
		t.Errorf("plan with a kept record using an owned check: %q notes %q", planLines(plan), plan.Notes)
	}

	// Replaced while a kept record uses it: the new check is made, the
	// old one stays, and a note says why.
	d.Settings = []*model.Setting{hcSetting("mine", map[string]any{"type": "TCP", "ip": "192.0.2.50", "port": float64(22), "interval": float64(10)})}
	plan = e.planDomainRules(e.provider(), d)
	if lines := planLines(plan); len(lines) != 1 || !strings.Contains(lines[0], "[replaces check "+mine+": its interval cannot be updated (30s to 10s)]") ||
		len(plan.Notes) != 1 || !strings.Contains(plan.Notes[0], "health check mine ("+mine+") is replaced but records that stay use it: kept") {
		t.Errorf("replacement of a check a kept record uses: %q notes %q", lines, plan.Notes)
	}
	d.Settings = nil

	// Without NO_PURGE the record goes, and the check after it; the
	// checks of the other zone and the untagged one stay.
	d.KeepUnknown = false
	plan = e.pushDomain(e.provider(), d)
	wantLines(t, plan,
		"- DELETE kept.own.tld [k] A 192.0.2.1 ttl=300 weight=1 health_check_id="+mine,
		"- DELETE R53_HEALTH_CHECK mine: TCP 192.0.2.50:22 every 30s, 3 failures, regions all")
	checks := e.accountChecks()
	if len(checks) != 2 || checks[mine] != nil || checks[other] == nil {
		t.Errorf("after push moto holds %v; want the other zone's %s and the untagged check", keys(checks), other)
	}
}

// A domain that declares no health check and whose records use none costs
// no health check call: not in Prepare, not in PlanSettings, not in
// get-zones.
func TestHealthChecksNoCallsWithoutThem(t *testing.T) {
	e := newEnv(t)
	e.createZone("plain.tld")
	d := &model.Domain{Name: "plain.tld", Records: []*model.Record{weighted(rec(t, "plain.tld", "www", "A", 300, "192.0.2.1"), "a", 1)}}
	e.pushDomain(e.p, d)
	e.proxy.ResetCounts()
	p := e.provider()
	plan, existing := e.planDomain(p, d)
	if len(plan.Changes) != 0 {
		t.Fatalf("plan: %q", planLines(plan))
	}
	if _, err := p.ExportSettings(ctx(t), "plain.tld", existing); err != nil {
		t.Fatal(err)
	}
	for op, n := range e.proxy.Counts() {
		if strings.Contains(op, "healthcheck") || strings.Contains(op, "tags") {
			t.Errorf("%d health check requests (%s) for a domain without checks", n, op)
		}
	}
	// The same plan with a check declared lists the checks once: one
	// ListHealthChecks and no tags call (moto holds no check).
	before := p.APICalls()
	d.Settings = []*model.Setting{hcSetting("x", map[string]any{"type": "TCP", "ip": "192.0.2.1", "port": float64(22)})}
	e.planDomain(p, d)
	e.planDomain(p, d)
	// planDomain calls Records (1 listing call) and zoneID (cached) each
	// time; the health checks are listed once per provider.
	if n := p.APICalls() - before; n != 3 {
		t.Errorf("two plans with a declared check made %d calls, want 3 (2 record listings + 1 ListHealthChecks)", n)
	}
}

// Calculated checks: children are created first and the parent gets their
// IDs; get-zones writes the owned checks back as declarations (children by
// name, defaults left out) and the records' references as names, and the
// export plans no change.
func TestHealthChecksCalculatedAndExport(t *testing.T) {
	e := newEnv(t)
	e.createZone("calc.tld")
	foreign := e.rawCheck("foreign", nil)
	d := &model.Domain{Name: "calc.tld",
		Settings: []*model.Setting{
			hcSetting("all", map[string]any{"type": "CALCULATED", "children": []any{"web", "api", foreign}, "healthy_threshold": float64(2)}),
			hcSetting("api", map[string]any{"type": "HTTPS_STR_MATCH", "fqdn": "api.calc.tld", "search": "ok", "sni": false}),
			hcSetting("web", map[string]any{"type": "HTTP", "ip": "192.0.2.10", "port": float64(8080), "inverted": true}),
		},
		Records: []*model.Record{
			usingCheck(weighted(rec(t, "calc.tld", "www", "A", 300, "192.0.2.1"), "a", 1), "all"),
			usingCheck(weighted(rec(t, "calc.tld", "www", "A", 300, "192.0.2.2"), "b", 1), "web"),
		}}
	e.planAndPush(e.p, d,
		"+ CREATE R53_HEALTH_CHECK web: HTTP 192.0.2.10:8080 every 30s, 3 failures, regions all, inverted",
		"+ CREATE R53_HEALTH_CHECK api: HTTPS_STR_MATCH api.calc.tld:443 search \"ok\" every 30s, 3 failures, regions all, no SNI",
		"+ CREATE R53_HEALTH_CHECK all: CALCULATED healthy when 2 of 3 healthy: "+strings.Join(sortedStrings("api", "web", foreign), ", "),
		"+ CREATE www.calc.tld [a] A 192.0.2.1 ttl=300 weight=1 health_check_id=(new check all)",
		"+ CREATE www.calc.tld [b] A 192.0.2.2 ttl=300 weight=1 health_check_id=(new check web)")
	checks := e.accountChecks()
	byName := map[string]*liveCheck{}
	for _, lc := range checks {
		byName[lc.hc.Name] = lc
	}
	if all := byName["all"]; all == nil || !slices.Equal(sortedStrings(all.hc.Children...), sortedStrings(byName["web"].id, byName["api"].id, foreign)) {
		t.Fatalf("calculated check's children: %+v", all)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("after push, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// get-zones.
	p := e.provider()
	recs, err := p.Records(ctx(t), "calc.tld")
	if err != nil {
		t.Fatal(err)
	}
	settings, err := p.ExportSettings(ctx(t), "calc.tld", recs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range settings {
		got = append(got, describeSetting(s))
	}
	want := []string{
		`R53_HEALTH_CHECK all map[children:[` + strings.Join(childOrder(byName["all"].hc.Children, byName), " ") + `] healthy_threshold:2 type:CALCULATED]`,
		`R53_HEALTH_CHECK api map[fqdn:api.calc.tld search:ok sni:false type:HTTPS_STR_MATCH]`,
		`R53_HEALTH_CHECK web map[inverted:true ip:192.0.2.10 port:8080 type:HTTP]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("exported settings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	names := map[string]string{}
	for _, r := range recs {
		if r.SetID != "" {
			names[r.SetID] = r.Meta[MetaHealthCheckName] + "|" + r.Meta[MetaHealthCheckID]
		}
	}
	if names["a"] != "all|" || names["b"] != "web|" {
		t.Errorf("exported records' references: %v", names)
	}
	// The export, as a configuration, plans nothing.
	exported := &model.Domain{Name: "calc.tld", Settings: settings}
	for _, r := range recs {
		if r.Type != "SOA" && r.Type != "NS" {
			exported.Records = append(exported.Records, r)
		}
	}
	if plan, _ := e.planDomain(e.provider(), exported); len(plan.Changes) != 0 {
		t.Errorf("the export plans changes:\n%s", strings.Join(planLines(plan), "\n"))
	}
}

func sortedStrings(s ...string) []string { return slices.Sorted(slices.Values(s)) }

// childOrder names children as the export does: owned ones by name.
func childOrder(ids []string, byName map[string]*liveCheck) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for n, lc := range byName {
			if lc.id == id && n != "" {
				out[i] = n
			}
		}
	}
	return out
}

// describeSetting renders a setting as KIND arg arg.
func describeSetting(s *model.Setting) string {
	return s.Kind + " " + strings.TrimSuffix(fmt.Sprintln(s.Args...), "\n")
}

// Zones planned at once by one provider share one listing of the checks.
func TestHealthChecksListedOncePerProvider(t *testing.T) {
	e := newEnv(t)
	var domains []*model.Domain
	for _, z := range []string{"one.tld", "two.tld", "three.tld"} {
		e.createZone(z)
		domains = append(domains, &model.Domain{Name: z, Settings: []*model.Setting{
			hcSetting("web", map[string]any{"type": "HTTP", "fqdn": "www." + z})}})
	}
	e.rawCheck("someone", nil)
	p := e.provider()
	p.UseConfiguration(domains, nil)
	e.proxy.ResetCounts()
	var wg sync.WaitGroup
	errs := make([]error, len(domains))
	for i, d := range domains {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plan := &diff.Plan{Zone: d.Name}
			errs[i] = p.PlanSettings(ctx(t), d.Name, nil, nil, plan)
			if errs[i] == nil && len(plan.Changes) != 1 {
				errs[i] = fmt.Errorf("%s: %d changes, want 1 CREATE", d.Name, len(plan.Changes))
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	counts := e.proxy.Counts()
	var lists, tags int
	for op, n := range counts {
		switch {
		case strings.HasSuffix(op, "/2013-04-01/healthcheck"):
			lists += n
		case strings.Contains(op, "/tags/healthcheck"):
			tags += n
		}
	}
	if lists != 1 || tags != 1 {
		t.Errorf("three zones listed the checks %d times and their tags %d times, want 1 and 1 (requests: %v)", lists, tags, counts)
	}
}
