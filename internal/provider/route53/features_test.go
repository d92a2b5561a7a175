package route53

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	dtypes "github.com/aws/aws-sdk-go-v2/service/route53domains/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

func alias(t *testing.T, zone, label, typ, target string, meta ...string) *model.Record {
	return rec(t, zone, label, model.AliasType, 300, target, append([]string{MetaAliasType, typ}, meta...)...)
}

func TestAliases(t *testing.T) {
	e := newEnv(t)
	zone := "alias.example"
	otherID := e.createZone("other.example")
	e.rawCreate(otherID, rawSet("v6.other.example.", "AAAA", 300, "2001:db8::6"))
	desired := []*model.Record{
		rec(t, zone, "www", "A", 300, "192.0.2.1"),
		alias(t, zone, "@", "A", "www.alias.example."),
		alias(t, zone, "@", "AAAA", "v6.other.example."),
		alias(t, zone, "lb", "A", "dualstack.my-lb-123.us-east-1.elb.amazonaws.com.", MetaZoneID, "Z35SXDOTRQ7X7K", MetaEvaluateHealth, "true"),
		alias(t, zone, "chain", "A", "alias.example."), // alias to an alias
		rec(t, zone, "old", "CNAME", 300, "legacy.example.net."),
	}
	// The zone does not exist yet: Prepare leaves a placeholder that Apply
	// resolves after EnsureZone.
	if err := e.p.Prepare(ctx(t), zone, desired); err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	if got := desired[1].Meta[MetaZoneID]; got != zoneIDPending {
		t.Errorf("same-zone alias zone_id before the zone exists = %q", got)
	}
	if got := desired[2].Meta[MetaZoneID]; got != otherID {
		t.Errorf("alias into another zone of the account: zone_id = %q, want %s", got, otherID)
	}
	if desired[1].Meta[MetaEvaluateHealth] != "false" || desired[3].Meta[MetaEvaluateHealth] != "true" {
		t.Errorf("evaluate_target_health defaults: %v %v", desired[1].Meta, desired[3].Meta)
	}
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	plan := planFor(zone, nil, desired)
	if err := e.p.Apply(ctx(t), plan); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	reqs := changeRequests(t, e.proxy)
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	pos := map[string]int{}
	for i, c := range reqs[0].Changes {
		pos[c.Set.Name+c.Set.Type] = i
	}
	if pos["www.alias.example.A"] > pos["alias.example.A"] || pos["alias.example.A"] > pos["chain.alias.example.A"] {
		t.Errorf("alias created before its target: %v", pos)
	}

	// After creation, Prepare fills in the real zone ID and a fresh read
	// compares equal.
	for _, r := range desired {
		if r.Type == model.AliasType && r.Meta[MetaZoneID] == zoneIDPending {
			delete(r.Meta, MetaZoneID)
		}
	}
	p := e.provider()
	if err := p.Prepare(ctx(t), zone, desired); err != nil {
		t.Fatal(err)
	}
	e.assertConverged(p, zone, desired)
	recs, _ := p.Records(ctx(t), zone)
	for _, r := range recs {
		if r.Type == model.AliasType && r.TTL != 0 {
			t.Errorf("alias %s read with TTL %d", r.Name, r.TTL)
		}
	}

	// Convert: alias -> CNAME (DNSControl's #3493 case) and CNAME -> alias,
	// change an alias target and its evaluate_target_health, in one push.
	desired = []*model.Record{
		rec(t, zone, "www", "A", 300, "192.0.2.1"),
		rec(t, zone, "www2", "A", 300, "192.0.2.2"),
		alias(t, zone, "@", "A", "www2.alias.example.", MetaEvaluateHealth, "true"),
		alias(t, zone, "@", "AAAA", "v6.other.example."),
		rec(t, zone, "lb", "CNAME", 300, "my-lb-123.us-east-1.elb.amazonaws.com."),
		alias(t, zone, "chain", "A", "alias.example."),
		alias(t, zone, "old", "A", "www.alias.example."),
	}
	e.proxy.ResetCounts()
	e.push(p, zone, desired)
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("conversion took %d requests", n)
	}
	e.assertConverged(e.provider(), zone, desired)
}

func TestPrepareRejects(t *testing.T) {
	e := newEnv(t)
	zone := "prep.example"
	e.createZone(zone)
	otherID := e.createZone("other.example")
	_ = otherID
	for _, tc := range []struct {
		name    string
		records []*model.Record
		want    string
	}{
		{"undefined target", []*model.Record{alias(t, zone, "@", "A", "nothing.prep.example.")},
			"R53_ALIAS @ (A): the alias target nothing.prep.example. has no A record in this configuration"},
		{"target of another type", []*model.Record{rec(t, zone, "v6", "AAAA", 300, "2001:db8::1"), alias(t, zone, "@", "A", "v6.prep.example.")},
			"has no A record"},
		{"loop", []*model.Record{alias(t, zone, "a", "A", "b.prep.example."), alias(t, zone, "b", "A", "a.prep.example.")},
			"alias loop: a (A) -> b (A) -> a (A)"},
		{"self loop", []*model.Record{alias(t, zone, "s", "CNAME", "s.prep.example.")},
			"alias loop: s (CNAME) -> s (CNAME)"},
		{"wrong zone id for a target in this account", []*model.Record{alias(t, zone, "x", "A", "host.other.example.", MetaZoneID, "ZWRONG")},
			`R53_ZONE("ZWRONG") is not the hosted zone of the target host.other.example., which lies in other.example`},
		{"wrong zone id for a target in this zone", []*model.Record{rec(t, zone, "t", "A", 300, "192.0.2.1"), alias(t, zone, "x", "A", "t.prep.example.", MetaZoneID, "ZWRONG")},
			`R53_ZONE("ZWRONG") is not the hosted zone of the target t.prep.example.`},
		{"external target without zone", []*model.Record{alias(t, zone, "cdn", "A", "d111111abcdef8.cloudfront.net.")},
			"R53_ZONE(\"hosted zone ID of the target\") is required"},
		{"bad weight", []*model.Record{weighted(rec(t, zone, "w", "A", 300, "192.0.2.1"), "one", 300)},
			"R53_WEIGHT \"300\" must be a whole number from 0 to 255"},
		{"weight without set id", []*model.Record{rec(t, zone, "w", "A", 300, "192.0.2.1", MetaWeight, "5")},
			"needs a set identifier"},
		{"set id without routing", []*model.Record{{Name: "w.prep.example", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "x"}},
			"without a routing policy"},
	} {
		err := e.p.Prepare(ctx(t), zone, tc.records)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v\nwant %q", tc.name, err, tc.want)
		}
		noSecrets(t, err)
	}
	// A correct R53_ZONE and a weighted CNAME are accepted.
	ok := []*model.Record{
		alias(t, zone, "x", "A", "host.other.example.", MetaZoneID, otherID),
		weighted(rec(t, zone, "wc", "CNAME", 300, "a.example.net."), "wc-a", 10),
		weighted(rec(t, zone, "wc", "CNAME", 300, "b.example.net."), "wc-b", 0),
	}
	if err := e.p.Prepare(ctx(t), zone, ok); err != nil {
		t.Errorf("Prepare rejected valid records: %v", err)
	}
}

func TestWeightedSets(t *testing.T) {
	e := newEnv(t)
	zone := "weight.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	hc := "abcdef11-2222-3333-4444-555555fedcba"
	desired := []*model.Record{
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.1"), "lb-a", 10),
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.2"), "lb-a", 10),
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.3", MetaHealthCheckID, hc), "lb-b", 20),
		weighted(rec(t, zone, "wc", "CNAME", 300, "blue.example.net."), "wc-blue", 90),
		weighted(rec(t, zone, "wc", "CNAME", 300, "green.example.net."), "wc-green", 10),
		alias(t, zone, "wa", "A", "lb.weight.example.", MetaWeight, "1"),
		rec(t, zone, "plain", "A", 300, "192.0.2.50"),
	}
	desired[5].SetID = "wa-1"
	e.push(e.p, zone, desired)
	e.assertConverged(e.provider(), zone, desired)
	recs, _ := e.provider().Records(ctx(t), zone)
	found := false
	for _, r := range recs {
		if r.SetID == "lb-b" && r.Meta[MetaHealthCheckID] == hc && r.Meta[MetaWeight] == "20" {
			found = true
		}
	}
	if !found {
		t.Error("weighted record with health check not read back")
	}

	// Shift the weights and turn the plain record into a weighted pair.
	desired = []*model.Record{
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.1"), "lb-a", 0),
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.2"), "lb-a", 0),
		weighted(rec(t, zone, "lb", "A", 60, "192.0.2.3"), "lb-b", 100),
		weighted(rec(t, zone, "wc", "CNAME", 300, "blue.example.net."), "wc-blue", 10),
		weighted(rec(t, zone, "wc", "CNAME", 300, "green.example.net."), "wc-green", 90),
		alias(t, zone, "wa", "A", "lb.weight.example.", MetaWeight, "1"),
		weighted(rec(t, zone, "plain", "A", 300, "192.0.2.50"), "plain-1", 1),
		weighted(rec(t, zone, "plain", "A", 300, "192.0.2.51"), "plain-2", 1),
	}
	desired[5].SetID = "wa-1"
	e.proxy.ResetCounts()
	e.push(e.p, zone, desired)
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("%d requests", n)
	}
	e.assertConverged(e.provider(), zone, desired)
}

// Records created in the console without a final dot: Route 53 treats them
// as fully qualified, and so do we. They compare equal to the configuration
// written with the dot (nothing to push), and when the configuration
// changes them, one push fixes them all.
func TestDotlessTargetsFromTheConsole(t *testing.T) {
	e := newEnv(t)
	zone := "dotless.example"
	id := e.createZone(zone)
	e.rawCreate(id,
		rawSet("test1.dotless.example.", "CNAME", 300, "test1.example.com"),
		rawSet("test2.dotless.example.", "CNAME", 300, "test2.example.com"),
		rawSet("test3.dotless.example.", "CNAME", 300, "Test3.Example.COM"),
		rawSet("mail.dotless.example.", "MX", 300, "10 mx1.example.com", "20 mx2.example.com"),
		rawSet("_sip._tcp.dotless.example.", "SRV", 300, "1 1 5060 sip.example.com"),
		rawSet("deleg.dotless.example.", "NS", 300, "ns1.example.com", "ns2.example.com"),
	)
	recs, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if strings.Contains(r.Data, "dotless.example") && r.Type != "SOA" && r.Type != "NS" {
			t.Errorf("%s %s = %q: the zone was appended to a fully qualified target", r.Name, r.Type, r.Data)
		}
	}
	desired := []*model.Record{
		rec(t, zone, "test1", "CNAME", 300, "test1.example.com."),
		rec(t, zone, "test2", "CNAME", 300, "test2.example.com."),
		rec(t, zone, "test3", "CNAME", 300, "test3.example.com."),
		rec(t, zone, "mail", "MX", 300, "10 mx1.example.com."),
		rec(t, zone, "mail", "MX", 300, "20 mx2.example.com."),
		rec(t, zone, "_sip._tcp", "SRV", 300, "1 1 5060 sip.example.com."),
		rec(t, zone, "deleg", "NS", 300, "ns1.example.com."),
		rec(t, zone, "deleg", "NS", 300, "ns2.example.com."),
	}
	e.assertConverged(e.p, zone, desired)

	// Change every one of them: one Apply, then nothing remains.
	desired = []*model.Record{
		rec(t, zone, "test1", "CNAME", 300, "new1.example.com."),
		rec(t, zone, "test2", "CNAME", 300, "new2.example.com."),
		rec(t, zone, "test3", "CNAME", 600, "test3.example.com."),
		rec(t, zone, "mail", "MX", 300, "10 mx1.example.com."),
		rec(t, zone, "mail", "MX", 300, "30 mx3.example.com."),
		rec(t, zone, "_sip._tcp", "SRV", 300, "1 1 5061 sip.example.com."),
		rec(t, zone, "deleg", "NS", 300, "ns1.example.com."),
	}
	e.proxy.ResetCounts()
	plan := e.push(e.p, zone, desired)
	if len(plan.Changes) != 6 {
		t.Errorf("plan has %d changes, want 6", len(plan.Changes))
	}
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	// The deletions carried the exact stored text.
	for _, c := range changeRequests(t, e.proxy)[0].Changes {
		if c.Action == "DELETE" && c.Set.Name == "test3.dotless.example." && (len(c.Set.Values) != 1 || c.Set.Values[0] != "Test3.Example.COM") {
			t.Errorf("DELETE test3 sent %q", c.Set.Values)
		}
	}
	e.assertConverged(e.provider(), zone, desired)
}

func TestDelegationSet(t *testing.T) {
	e := newEnv(t)
	out, err := e.sdk.CreateReusableDelegationSet(ctx(t), &route53.CreateReusableDelegationSetInput{CallerReference: aws.String("dnsctl-test")})
	if err != nil {
		t.Fatal(err)
	}
	setID := aws.ToString(out.DelegationSet.Id) // "/delegationset/..."
	want := model.FQDNs(out.DelegationSet.NameServers)
	for i, form := range []string{"/delegationset/" + strings.TrimPrefix(setID, "/delegationset/"), strings.TrimPrefix(setID, "/delegationset/")} {
		p := e.provider(func(c *Config) { c.DelegationSet = form })
		zone := fmt.Sprintf("ds%d.example", i)
		ns, err := p.Nameservers(ctx(t), zone)
		if err != nil || strings.Join(ns, ",") != strings.Join(want, ",") || len(ns) == 0 {
			t.Errorf("Nameservers before creation = %v, %v; want the set's %v", ns, err, want)
		}
		created, err := p.EnsureZone(ctx(t), zone)
		if err != nil || !created {
			t.Fatalf("EnsureZone = %v, %v", created, err)
		}
		hz, err := e.sdk.GetHostedZone(ctx(t), &route53.GetHostedZoneInput{Id: aws.String(mustZoneID(t, p, zone))})
		if err != nil {
			t.Fatal(err)
		}
		if hz.DelegationSet == nil || !strings.HasSuffix(aws.ToString(hz.DelegationSet.Id), strings.TrimPrefix(setID, "/delegationset/")) {
			t.Errorf("zone created outside the delegation set: %+v", hz.DelegationSet)
		}
		ns, err = e.provider(func(c *Config) { c.DelegationSet = form }).Nameservers(ctx(t), zone)
		if err != nil || strings.Join(ns, ",") != strings.Join(want, ",") {
			t.Errorf("Nameservers after creation = %v, %v; want %v", ns, err, want)
		}
	}
	// moto accepts any delegation set ID; AWS answers NoSuchDelegationSet,
	// whose message is checked in TestTranslateCodes.
}

func TestSameNamedZones(t *testing.T) {
	e := newEnv(t)
	zone := "twin.example"
	public := e.createZone(zone)
	out, err := e.sdk.CreateHostedZone(ctx(t), &route53.CreateHostedZoneInput{
		Name: aws.String(zone), CallerReference: aws.String("private-twin"),
		HostedZoneConfig: &types.HostedZoneConfig{PrivateZone: true},
		VPC:              &types.VPC{VPCId: aws.String("vpc-12345678"), VPCRegion: types.VPCRegionUsEast1},
	})
	if err != nil {
		t.Fatal(err)
	}
	private := cleanZoneID(aws.ToString(out.HostedZone.Id))
	e.rawCreate(private, rawSet("inside.twin.example.", "A", 300, "10.0.0.1"))
	// A domain without R53_VPC is found among the public zones (one
	// with R53_VPC among the private ones: see TestSplitHorizonByVPC).
	if id, err := e.p.zoneID(ctx(t), zone); err != nil || id != public {
		t.Fatalf("zone found by name = %s, %v; want the public %s", id, err, public)
	}
	e.p.UseZoneID(zone, "/hostedzone/"+private)
	recs, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		found = found || r.Name == "inside.twin.example"
	}
	if !found {
		t.Error("UseZoneID did not select the private zone")
	}
	// Split horizon: D("twin.example!inside") pinned to the private zone,
	// D("twin.example") to the public one, on one provider.
	e.p.UseZoneID(zone+"!inside", private)
	e.p.UseZoneID(zone, public)
	in := []*model.Record{rec(t, zone, "inside", "A", 300, "10.0.0.1"), rec(t, zone, "db", "A", 300, "10.0.0.2")}
	out2 := []*model.Record{rec(t, zone, "www", "A", 300, "192.0.2.1")}
	for key, desired := range map[string][]*model.Record{zone + "!inside": in, zone: out2} {
		existing, err := e.p.Records(ctx(t), key)
		if err != nil {
			t.Fatal(err)
		}
		plan := planFor(zone, existing, desired)
		plan.Zone = key
		if err := e.p.Apply(ctx(t), plan); err != nil {
			t.Fatalf("Apply %s: %v", key, err)
		}
	}
	e.assertConverged(e.p, zone+"!inside", in)
	e.assertConverged(e.p, zone, out2)
	priv, _ := e.sdk.ListResourceRecordSets(ctx(t), &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(private)})
	for _, s := range priv.ResourceRecordSets {
		if strings.HasPrefix(aws.ToString(s.Name), "www.") {
			t.Error("public record written to the private zone")
		}
	}

	e.p.UseZoneID(zone, e.createZone("not-twin.example"))
	if _, err := e.p.Records(ctx(t), zone); err == nil || !strings.Contains(err.Error(), "is the hosted zone of not-twin.example") {
		t.Errorf("R53_ZONE of another name: %v", err)
	}
}

func TestWaitForSync(t *testing.T) {
	e := newEnv(t)
	e.p.WaitForSync() // push --wait; the creds field is used below
	zone := "sync.example"
	desired := smallZone(t, e, zone)
	var polls atomic.Int32
	stubGetChange(e, func() string {
		if polls.Add(1) >= 3 {
			return "INSYNC"
		}
		return "PENDING"
	})
	e.push(e.p, zone, desired)
	if n := polls.Load(); n != 3 {
		t.Errorf("GetChange polled %d times, want 3", n)
	}
	// Never in sync: bounded by SyncTimeout.
	polls.Store(-1 << 20)
	p := e.provider(func(c *Config) { c.WaitForSync = true; c.SyncTimeout = 50_000_000 })
	for _, r := range desired {
		r.TTL = 1234
	}
	existing, _ := p.Records(ctx(t), zone)
	err := p.Apply(ctx(t), planFor(zone, existing, desired))
	if err == nil || !strings.Contains(err.Error(), "still PENDING") {
		t.Errorf("err = %v", err)
	}
}

func (e *env) domainsSDK() *route53domains.Client {
	return route53domains.New(route53domains.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(e.moto.URL()),
	})
}

func TestRegistrar(t *testing.T) {
	e := newEnv(t)
	contact := &dtypes.ContactDetail{ContactType: dtypes.ContactTypePerson, FirstName: aws.String("Test"), LastName: aws.String("User"),
		AddressLine1: aws.String("1 Main St"), City: aws.String("Town"), CountryCode: dtypes.CountryCodeUs, ZipCode: aws.String("12345"),
		Email: aws.String("test@example.com"), PhoneNumber: aws.String("+1.5555555555"), State: aws.String("CA")}
	_, err := e.domainsSDK().RegisterDomain(ctx(t), &route53domains.RegisterDomainInput{DomainName: aws.String("registered.com"), DurationInYears: aws.Int32(2),
		AdminContact: contact, RegistrantContact: contact, TechContact: contact})
	if err != nil {
		t.Fatalf("RegisterDomain in moto: %v", err)
	}
	p := e.p
	// A stand-in for servers not assigned yet is never sent.
	if err := p.SetNameservers(ctx(t), "registered.com", []string{"ns-1.r53.assigned-by-route53.invalid."}); err == nil || e.proxy.Calls("UpdateDomainNameservers") != 0 {
		t.Errorf("a stand-in name server was accepted: %v", err)
	}
	// Interrupted (Ctrl-C) while the update is on its way: it is seen
	// through, not abandoned half-way.
	run, interrupt := context.WithCancel(ctx(t))
	e.proxy.Observe("UpdateDomainNameservers", func(int) {
		interrupt()
		time.Sleep(50 * time.Millisecond) // let a careless client abandon the request
	})
	want := []string{"ns-1.awsdns-01.org.", "ns-2.awsdns-02.net."}
	if err := p.SetNameservers(run, "registered.com", want); err != nil {
		t.Fatalf("SetNameservers: %v", err)
	}
	e.proxy.Observe("UpdateDomainNameservers", nil)
	got, err := e.provider().RegisteredNameservers(ctx(t), "Registered.com.")
	if err != nil || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("RegisteredNameservers = %v, %v; want %v", got, err, want)
	}
	// The registrar calls Route 53 Domains only: no Route 53 permission is
	// needed when another provider serves the DNS.
	for op := range e.proxy.Counts() {
		if op != "GetDomainDetail" && op != "UpdateDomainNameservers" {
			t.Errorf("registrar use called %s", op)
		}
	}

	// Denied: the message names the IAM actions.
	e.proxy.Inject("GetDomainDetail", faultproxy.AccessDenied, 1)
	_, err = e.provider(func(c *Config) { c.Region = "eu-west-1" }).RegisteredNameservers(ctx(t), "registered.com")
	for _, w := range []string{"route53domains:GetDomainDetail", "route53domains:UpdateDomainNameservers", "AccessDeniedException", "docs/providers/route53.md"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("AccessDenied error lacks %q: %v", w, err)
		}
	}
	noSecrets(t, err)
	// Route 53 Domains always in us-east-1, whatever the region.
	reqs := e.proxy.Requests("GetDomainDetail")
	if len(reqs) != 2 {
		t.Errorf("%d GetDomainDetail requests", len(reqs))
	}
	for _, r := range reqs {
		if !strings.Contains(r.Header.Get("Authorization"), "/us-east-1/route53domains/") {
			t.Errorf("Route 53 Domains request signed for %s", r.Header.Get("Authorization"))
		}
	}
	// Not registered in this account.
	_, err = e.p.RegisteredNameservers(ctx(t), "elsewhere.com")
	if err == nil || !strings.Contains(err.Error(), "not registered with Route 53 Domains in this AWS account") {
		t.Errorf("unregistered domain: %v", err)
	}
	// AWS_ENDPOINT_URL_ROUTE_53_DOMAINS is honoured.
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53_DOMAINS", e.proxy.URL())
	e.proxy.ResetCounts()
	p2 := e.provider(func(c *Config) { c.Endpoint = "" })
	if _, err := p2.RegisteredNameservers(ctx(t), "registered.com"); err != nil {
		t.Fatal(err)
	}
	if e.proxy.Calls("GetDomainDetail") != 1 {
		t.Error("AWS_ENDPOINT_URL_ROUTE_53_DOMAINS not honoured")
	}
}

// One provider instance, several zones at once (the CLI's concurrency).
func TestConcurrentZones(t *testing.T) {
	e := newEnv(t)
	type result struct {
		zone string
		err  error
	}
	done := make(chan result)
	want := map[string][]*model.Record{}
	for i := 0; i < 6; i++ {
		zone := fmt.Sprintf("c%d.example", i)
		want[zone] = []*model.Record{rec(t, zone, "www", "A", 300, fmt.Sprintf("192.0.2.%d", i)), rec(t, zone, "@", "TXT", 300, zone)}
	}
	for zone, desired := range want {
		go func() {
			c := context.Background()
			if _, err := e.p.EnsureZone(c, zone); err != nil {
				done <- result{zone, err}
				return
			}
			if err := e.p.Prepare(c, zone, desired); err != nil {
				done <- result{zone, err}
				return
			}
			existing, err := e.p.Records(c, zone)
			if err == nil {
				err = e.p.Apply(c, planFor(zone, existing, desired))
			}
			done <- result{zone, err}
		}()
	}
	for range want {
		if r := <-done; r.err != nil {
			t.Errorf("%s: %v", r.zone, r.err)
		}
	}
	for zone, desired := range want {
		e.assertConverged(e.p, zone, desired)
	}
}
