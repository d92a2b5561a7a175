package route53

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// hcStub answers the health check calls as Route 53 does where moto 5.2.1
// is loose: moto neither increments nor checks HealthCheckVersion, ignores
// ResetElements, drops AlarmIdentifier and InsufficientDataHealthStatus
// (so CLOUDWATCH_METRIC checks cannot round-trip), and returns no Regions
// for a check created without them where Route 53 lists every region. The
// answers follow the shapes of the Route 53 API reference
// (CreateHealthCheck, UpdateHealthCheck, ListHealthChecks,
// ListTagsForResources); everything else goes to moto.
type hcStub struct {
	Route53API
	mu      sync.Mutex
	checks  map[string]*types.HealthCheck
	tags    map[string]map[string]string
	n       int
	updates []*route53.UpdateHealthCheckInput
	// failTags makes ChangeTagsForResource fail.
	failTags bool
	// lists and tagLists count ListHealthChecks and ListTagsForResources.
	lists, tagLists int
}

func newHCStubProvider(t *testing.T, e *env) (*Provider, *hcStub) {
	t.Helper()
	client := route53.New(route53.Options{Region: "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(e.proxy.URL()), Retryer: aws.NopRetryer{}})
	stub := &hcStub{Route53API: client, checks: map[string]*types.HealthCheck{}, tags: map[string]map[string]string{}}
	p, err := NewWithClients(Config{EntryName: "stubbed", KeyId: testKeyID, SecretKey: testSecret, RateLimit: 1000}, nil, stub, nil)
	if err != nil {
		t.Fatal(err)
	}
	fastBackoff(p)
	return p, stub
}

func (s *hcStub) CreateHealthCheck(_ context.Context, in *route53.CreateHealthCheckInput, _ ...func(*route53.Options)) (*route53.CreateHealthCheckOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.checks {
		if aws.ToString(h.CallerReference) == aws.ToString(in.CallerReference) {
			return &route53.CreateHealthCheckOutput{HealthCheck: h}, nil // a retried request
		}
	}
	s.n++
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", s.n)
	cfg := *in.HealthCheckConfig
	if len(cfg.Regions) == 0 && cfg.Type != types.HealthCheckTypeCalculated && cfg.Type != types.HealthCheckTypeCloudwatchMetric {
		for _, r := range estate.HealthCheckRegions {
			cfg.Regions = append(cfg.Regions, types.HealthCheckRegion(r))
		}
	}
	h := &types.HealthCheck{Id: aws.String(id), CallerReference: in.CallerReference, HealthCheckConfig: &cfg, HealthCheckVersion: aws.Int64(1)}
	s.checks[id] = h
	return &route53.CreateHealthCheckOutput{HealthCheck: h}, nil
}

func (s *hcStub) UpdateHealthCheck(_ context.Context, in *route53.UpdateHealthCheckInput, _ ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, in)
	h := s.checks[aws.ToString(in.HealthCheckId)]
	if h == nil {
		return nil, &types.NoSuchHealthCheck{Message: aws.String("no such health check")}
	}
	if in.HealthCheckVersion != nil && *in.HealthCheckVersion != *h.HealthCheckVersion {
		return nil, &types.HealthCheckVersionMismatch{Message: aws.String("The value of HealthCheckVersion in the request doesn't match the value of HealthCheckVersion in the health check.")}
	}
	c := *h.HealthCheckConfig
	setIfGiven := func(dst **string, v *string) {
		if v != nil {
			*dst = v
		}
	}
	setIfGiven(&c.FullyQualifiedDomainName, in.FullyQualifiedDomainName)
	setIfGiven(&c.IPAddress, in.IPAddress)
	setIfGiven(&c.ResourcePath, in.ResourcePath)
	setIfGiven(&c.SearchString, in.SearchString)
	for _, p := range []struct {
		dst **int32
		v   *int32
	}{{&c.Port, in.Port}, {&c.FailureThreshold, in.FailureThreshold}, {&c.HealthThreshold, in.HealthThreshold}} {
		if p.v != nil {
			*p.dst = p.v
		}
	}
	for _, p := range []struct {
		dst **bool
		v   *bool
	}{{&c.Inverted, in.Inverted}, {&c.Disabled, in.Disabled}, {&c.EnableSNI, in.EnableSNI}} {
		if p.v != nil {
			*p.dst = p.v
		}
	}
	if in.Regions != nil {
		c.Regions = in.Regions
	}
	if in.ChildHealthChecks != nil {
		c.ChildHealthChecks = in.ChildHealthChecks
	}
	if in.AlarmIdentifier != nil {
		c.AlarmIdentifier = in.AlarmIdentifier
	}
	if in.InsufficientDataHealthStatus != "" {
		c.InsufficientDataHealthStatus = in.InsufficientDataHealthStatus
	}
	for _, r := range in.ResetElements {
		switch r {
		case types.ResettableElementNameFullyQualifiedDomainName:
			c.FullyQualifiedDomainName = nil
		case types.ResettableElementNameResourcePath:
			c.ResourcePath = nil
		case types.ResettableElementNameRegions:
			c.Regions = nil
			for _, r := range estate.HealthCheckRegions {
				c.Regions = append(c.Regions, types.HealthCheckRegion(r))
			}
		case types.ResettableElementNameChildHealthChecks:
			c.ChildHealthChecks = nil
		}
	}
	h.HealthCheckConfig = &c
	h.HealthCheckVersion = aws.Int64(*h.HealthCheckVersion + 1)
	return &route53.UpdateHealthCheckOutput{HealthCheck: h}, nil
}

func (s *hcStub) DeleteHealthCheck(_ context.Context, in *route53.DeleteHealthCheckInput, _ ...func(*route53.Options)) (*route53.DeleteHealthCheckOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.checks[aws.ToString(in.HealthCheckId)] == nil {
		return nil, &types.NoSuchHealthCheck{Message: aws.String("no such health check")}
	}
	delete(s.checks, aws.ToString(in.HealthCheckId))
	return &route53.DeleteHealthCheckOutput{}, nil
}

func (s *hcStub) ListHealthChecks(_ context.Context, in *route53.ListHealthChecksInput, _ ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists++
	// Pages of 10, as Route 53 pages of MaxItems.
	out := &route53.ListHealthChecksOutput{MaxItems: aws.Int32(10)}
	ids := slices.Sorted(maps.Keys(s.checks))
	start := 0
	if in.Marker != nil {
		start = slices.Index(ids, *in.Marker)
	}
	for i := max(start, 0); i < len(ids); i++ {
		if len(out.HealthChecks) == 10 {
			out.IsTruncated, out.NextMarker = true, aws.String(ids[i])
			break
		}
		out.HealthChecks = append(out.HealthChecks, *s.checks[ids[i]])
	}
	return out, nil
}

func (s *hcStub) ChangeTagsForResource(_ context.Context, in *route53.ChangeTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failTags {
		return nil, &types.InvalidInput{Message: aws.String("refused by the test")}
	}
	id := aws.ToString(in.ResourceId)
	if s.tags[id] == nil {
		s.tags[id] = map[string]string{}
	}
	for _, t := range in.AddTags {
		s.tags[id][aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return &route53.ChangeTagsForResourceOutput{}, nil
}

func (s *hcStub) ListTagsForResources(_ context.Context, in *route53.ListTagsForResourcesInput, _ ...func(*route53.Options)) (*route53.ListTagsForResourcesOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tagLists++
	if len(in.ResourceIds) > maxTagIDs {
		return nil, &types.InvalidInput{Message: aws.String("at most 10 resource IDs")}
	}
	out := &route53.ListTagsForResourcesOutput{}
	for _, id := range in.ResourceIds {
		set := types.ResourceTagSet{ResourceId: aws.String(id), ResourceType: in.ResourceType}
		for k, v := range s.tags[id] {
			set.Tags = append(set.Tags, types.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
		out.ResourceTagSets = append(out.ResourceTagSets, set)
	}
	return out, nil
}

// Against the stub (moto is loose here): a CLOUDWATCH_METRIC check
// round-trips; an update sends the version read and resets the fields
// going back to their defaults; Route 53 listing every region for a check
// created without regions is no change; an update after someone else's
// is refused with a message saying to plan again.
func TestHealthChecksStubbedAWS(t *testing.T) {
	e := newEnv(t)
	e.createZone("stub.tld")
	p, stub := newHCStubProvider(t, e)
	alarm := map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "cpu-high", "region": "eu-west-1"}}
	web := map[string]any{"type": "HTTP", "fqdn": "web.stub.tld", "path": "/ping", "regions": []any{"us-east-1", "us-west-1", "eu-west-1"}}
	plain := map[string]any{"type": "TCP", "ip": "2001:db8::1", "port": float64(25)}
	d := &model.Domain{Name: "stub.tld", Settings: []*model.Setting{hcSetting("alarm", alarm), hcSetting("web", web), hcSetting("plain", plain)}}
	e.planAndPush(p, d,
		"+ CREATE R53_HEALTH_CHECK alarm: CLOUDWATCH_METRIC alarm cpu-high in eu-west-1, insufficient data LastKnownStatus",
		"+ CREATE R53_HEALTH_CHECK web: HTTP web.stub.tld:80/ping every 30s, 3 failures, regions eu-west-1,us-east-1,us-west-1",
		"+ CREATE R53_HEALTH_CHECK plain: TCP [2001:db8::1]:25 every 30s, 3 failures, regions all")
	if plan, _ := e.planDomain(p, d); len(plan.Changes) != 0 {
		t.Fatalf("after push, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// Updates: the alarm's insufficient-data status; web's path and
	// regions go back to their defaults.
	alarm["insufficient_data"] = "Unhealthy"
	delete(web, "path")
	delete(web, "regions")
	e.planAndPush(p, d,
		"± MODIFY R53_HEALTH_CHECK alarm: (CLOUDWATCH_METRIC alarm cpu-high in eu-west-1, insufficient data LastKnownStatus) -> (CLOUDWATCH_METRIC alarm cpu-high in eu-west-1, insufficient data Unhealthy)",
		"± MODIFY R53_HEALTH_CHECK web: (HTTP web.stub.tld:80/ping every 30s, 3 failures, regions eu-west-1,us-east-1,us-west-1) -> (HTTP web.stub.tld:80 every 30s, 3 failures, regions all)")
	if len(stub.updates) != 2 {
		t.Fatalf("%d UpdateHealthCheck calls, want 2", len(stub.updates))
	}
	for _, u := range stub.updates {
		if aws.ToInt64(u.HealthCheckVersion) != 1 {
			t.Errorf("UpdateHealthCheck sent version %d, want 1 (the version read)", aws.ToInt64(u.HealthCheckVersion))
		}
	}
	if got := stub.updates[1].ResetElements; !slices.Equal(got, []types.ResettableElementName{"ResourcePath", "Regions"}) {
		t.Errorf("ResetElements = %v, want [ResourcePath Regions]", got)
	}
	if plan, _ := e.planDomain(p, d); len(plan.Changes) != 0 {
		t.Fatalf("after update, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// Someone else updates the check between preview and push.
	plain["failure_threshold"] = float64(1)
	plan, _ := e.planDomain(p, d)
	for id, tags := range stub.tags {
		if tags["Name"] == "plain" {
			stub.checks[id].HealthCheckVersion = aws.Int64(7)
		}
	}
	err := p.Apply(ctx(t), plan)
	if err == nil || !strings.Contains(err.Error(), "was changed by someone else after preview read it; run preview again") {
		t.Errorf("Apply after an intervening update: %v", err)
	}
}

// The listing follows ListHealthChecks' pages and asks for tags ten checks
// at a time; a check whose tags cannot be written is deleted again, and
// the error says so.
func TestHealthChecksStubbedListingAndTagFailure(t *testing.T) {
	e := newEnv(t)
	e.createZone("many.tld")
	p, stub := newHCStubProvider(t, e)
	var settings []*model.Setting
	for i := range 25 {
		settings = append(settings, hcSetting(fmt.Sprintf("c%02d", i), map[string]any{"type": "TCP", "ip": "192.0.2.1", "port": float64(1000 + i)}))
	}
	d := &model.Domain{Name: "many.tld", Settings: settings}
	e.pushDomain(p, d)
	p2, _ := NewWithClients(Config{EntryName: "stubbed", KeyId: testKeyID, SecretKey: testSecret, RateLimit: 1000}, nil, stub, nil)
	stub.lists, stub.tagLists = 0, 0
	if plan, _ := e.planDomain(p2, d); len(plan.Changes) != 0 {
		t.Fatalf("after push of 25 checks, plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}
	if stub.lists != 3 || stub.tagLists != 3 {
		t.Errorf("listing 25 checks took %d ListHealthChecks and %d ListTagsForResources calls, want 3 and 3", stub.lists, stub.tagLists)
	}

	stub.failTags = true
	d.Settings = append(d.Settings, hcSetting("untaggable", map[string]any{"type": "TCP", "ip": "192.0.2.1", "port": float64(1)}))
	plan, _ := e.planDomain(p2, d)
	err := p2.Apply(ctx(t), plan)
	if err == nil || !strings.Contains(err.Error(), "could not tag it, so deleted it again") {
		t.Errorf("Apply with tags refused: %v", err)
	}
	if n := len(stub.checks); n != 25 {
		t.Errorf("the stub holds %d checks after the failed tagging, want 25 (the untagged one deleted)", n)
	}
}
