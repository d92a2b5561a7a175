package route53

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

// policyClient is the SDK client of moto whose ListResourceRecordSets
// answer also holds the record sets of a traffic policy instance. moto
// does not serve traffic policies (it never lists a
// TrafficPolicyInstanceId), so these are recorded in the shapes Route 53
// lists them: a set with its values, and one listed without values.
type policyClient struct {
	*route53.Client
	extra []types.ResourceRecordSet
}

func (c policyClient) ListResourceRecordSets(ctx context.Context, in *route53.ListResourceRecordSetsInput, opts ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	out, err := c.Client.ListResourceRecordSets(ctx, in, opts...)
	if err == nil && in.StartRecordName == nil {
		out.ResourceRecordSets = append(out.ResourceRecordSets, c.extra...)
	}
	return out, err
}

func policySets() []types.ResourceRecordSet {
	return []types.ResourceRecordSet{
		{Name: aws.String("www.policy.tld."), Type: types.RRTypeA, TTL: aws.Int64(60), TrafficPolicyInstanceId: aws.String("11111111-2222-3333-4444-555555555555"),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String("192.0.2.10")}, {Value: aws.String("192.0.2.11")}}},
		{Name: aws.String("api.policy.tld."), Type: types.RRTypeCname, TrafficPolicyInstanceId: aws.String("66666666-7777-8888-9999-000000000000")},
	}
}

func (e *env) policyProvider() *Provider {
	e.t.Helper()
	sdk := route53.New(route53.Options{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(e.proxy.URL()), Retryer: aws.NopRetryer{}})
	p, err := NewWithClients(Config{EntryName: "r53_test", RateLimit: 1000}, nil, policyClient{sdk, policySets()}, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	fastBackoff(p)
	return p
}

// The record sets of a traffic policy instance are kept: preview says
// so in an INFO line, push neither deletes nor changes them, and a
// configuration that declares a set of the same name and type is refused.
func TestTrafficPolicySetsAreKept(t *testing.T) {
	e := newEnv(t)
	e.createZone("policy.tld")
	p := e.policyProvider()
	d := &model.Domain{Name: "policy.tld", Records: []*model.Record{rec(t, "policy.tld", "mail", "A", 300, "192.0.2.1")}}
	plan := e.pushDomain(p, d)
	assertLines(t, plan, "+ CREATE mail.policy.tld A 192.0.2.1 ttl=300")
	if len(plan.Kept) != 1 || plan.Kept[0].Rule != keptByTrafficPolicy {
		t.Fatalf("Kept = %+v, want the traffic policy's records", plan.Kept)
	}
	var kept []string
	for _, r := range plan.Kept[0].Records {
		kept = append(kept, r.Name+" "+r.Type+" "+r.Data)
	}
	slices.Sort(kept)
	want := []string{"api.policy.tld CNAME (traffic policy instance 66666666-7777-8888-9999-000000000000)", "www.policy.tld A 192.0.2.10", "www.policy.tld A 192.0.2.11"}
	if !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
	if plan, _ := e.planDomain(p, d); len(plan.Changes) != 0 {
		t.Errorf("second plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// Declaring www A (even with a routing policy) is refused.
	for _, r := range []*model.Record{
		rec(t, "policy.tld", "www", "A", 60, "192.0.2.10"),
		weighted(rec(t, "policy.tld", "www", "A", 60, "192.0.2.10"), "w1", 10),
	} {
		r.Pos = "dnsconfig.js:4"
		d := &model.Domain{Name: "policy.tld", Records: []*model.Record{r}}
		p.UseConfiguration([]*model.Domain{d}, nil)
		existing, err := p.Records(ctx(t), "policy.tld")
		if err != nil {
			t.Fatal(err)
		}
		err = p.PlanSettings(ctx(t), "policy.tld", existing, d.Records, planFor("policy.tld", existing, d.Records))
		wantErr := "dnsconfig.js:4: www A: the zone's A record set is made by the Route 53 traffic policy instance 11111111-2222-3333-4444-555555555555, which dnsctl leaves alone"
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("error = %v, want %q", err, wantErr)
		}
	}

	// get-zones writes them as comments, not records.
	recs, err := p.Records(ctx(t), "policy.tld")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := zonefile.Write(&b, "js", zonefile.Zone{Ref: "policy.tld", CredKey: "r53", Records: recs}); err != nil {
		t.Fatal(err)
	}
	js := b.String()
	for _, want := range []string{
		"\t// NOTE: www A is made by the Route 53 traffic policy instance 11111111-2222-3333-4444-555555555555; dnsctl leaves it alone\n\t//A(\"www\", \"192.0.2.10\")\n",
		"\t// NOTE: api CNAME is made by the Route 53 traffic policy instance 66666666-7777-8888-9999-000000000000; dnsctl leaves it alone\n",
		"\tA(\"mail\", \"192.0.2.1\"",
	} {
		if !strings.Contains(js, want) {
			t.Errorf("export lacks %q:\n%s", want, js)
		}
	}
	if strings.Contains(js, "IGNORE(") {
		t.Errorf("export has an IGNORE():\n%s", js)
	}
}
