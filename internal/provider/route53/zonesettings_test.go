package route53

import (
	"context"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// createLogGroup creates a CloudWatch Logs log group in moto (its logs
// service, JSON protocol) and returns the ARN Route 53 takes for it. moto
// insists on the ":*" form DescribeLogGroups writes.
func (e *env) createLogGroup(name string) string {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.moto.URL()+"/", strings.NewReader(`{"logGroupName":`+strconv.Quote(name)+`}`))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328.CreateLogGroup")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+testKeyID+"/20240101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("CreateLogGroup: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		e.t.Fatalf("CreateLogGroup: %s: %s", resp.Status, b)
	}
	return "arn:aws:logs:us-east-1:123456789012:log-group:" + name + ":*"
}

func setting(kind string, args ...any) *model.Setting {
	return &model.Setting{Kind: kind, Args: args, Pos: "dnsconfig.js:7"}
}

func (e *env) zoneTagsNow(id string) map[string]string {
	e.t.Helper()
	out, err := e.sdk.ListTagsForResource(context.Background(), &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id)})
	if err != nil {
		e.t.Fatal(err)
	}
	tags := map[string]string{}
	for _, t := range out.ResourceTagSet.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags
}

func (e *env) commentNow(id string) string {
	e.t.Helper()
	out, err := e.sdk.GetHostedZone(context.Background(), &route53.GetHostedZoneInput{Id: aws.String(id)})
	if err != nil {
		e.t.Fatal(err)
	}
	return aws.ToString(out.HostedZone.Config.Comment)
}

func assertLines(t *testing.T, plan *diff.Plan, want ...string) {
	t.Helper()
	if got := planLines(plan); !slices.Equal(got, want) {
		t.Errorf("plan lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Comment, tags and query logging round-trip on moto: push makes them,
// the next plan is empty, a change is one change each, purge removes
// the undeclared tags but dnsctl's and AWS's, false stops query logging.
func TestZoneSettingsRoundTrip(t *testing.T) {
	e := newEnv(t)
	id := e.createZone("zs.tld")
	if _, err := e.sdk.ChangeTagsForResource(context.Background(), &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id),
		AddTags: []types.Tag{{Key: aws.String("dnsctl:owner"), Value: aws.String("ci")}, {Key: aws.String("aws:cloudformation:stack"), Value: aws.String("s")}, {Key: aws.String("cost"), Value: aws.String("42")}}}); err != nil {
		t.Fatal(err)
	}
	arn := e.createLogGroup("/aws/route53/zs.tld")
	arn2 := e.createLogGroup("/aws/route53/other")
	d := &model.Domain{Name: "zs.tld", Records: []*model.Record{rec(t, "zs.tld", "www", "A", 300, "192.0.2.1")},
		Settings: []*model.Setting{
			setting(estate.KindZoneComment, "web zone"),
			setting(estate.KindZoneTags, map[string]any{"team": "web", "env": "prod"}),
			setting(estate.KindQueryLog, arn),
		}}
	plan := e.pushDomain(e.p, d)
	assertLines(t, plan,
		`+ CREATE R53_ZONE_COMMENT zs.tld: "web zone"`,
		`+ CREATE R53_ZONE_TAGS zs.tld: env=prod, team=web`,
		"+ CREATE R53_QUERY_LOG zs.tld: "+arn,
		"+ CREATE www.zs.tld A 192.0.2.1 ttl=300")
	if got := e.commentNow(id); got != "web zone" {
		t.Errorf("comment = %q", got)
	}
	want := map[string]string{"team": "web", "env": "prod", "dnsctl:owner": "ci", "aws:cloudformation:stack": "s", "cost": "42"}
	if got := e.zoneTagsNow(id); !maps.Equal(got, want) {
		t.Errorf("tags = %v, want %v", got, want)
	}
	p2 := e.provider() // a new run: nothing cached
	if plan, _ := e.planDomain(p2, d); len(plan.Changes) != 0 {
		t.Errorf("second plan has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// Change everything: new comment, tags purged, another log group.
	d.Settings = []*model.Setting{
		setting(estate.KindZoneComment, "edge zone"),
		setting(estate.KindZoneTags, map[string]any{"team": "edge"}, map[string]any{"purge": true}),
		setting(estate.KindQueryLog, arn2),
	}
	plan = e.pushDomain(e.provider(), d)
	assertLines(t, plan,
		`± MODIFY R53_ZONE_COMMENT zs.tld: ("web zone") -> ("edge zone")`,
		`± MODIFY R53_ZONE_TAGS zs.tld: (cost=42, env=prod, team=web) -> (team=edge)`,
		"± MODIFY R53_QUERY_LOG zs.tld: ("+arn+") -> ("+arn2+") [deleted and created again: a zone has one query logging configuration, which cannot be updated]")
	want = map[string]string{"team": "edge", "dnsctl:owner": "ci", "aws:cloudformation:stack": "s"}
	if got := e.zoneTagsNow(id); !maps.Equal(got, want) {
		t.Errorf("tags after purge = %v, want %v", got, want)
	}
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("plan after the change has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}

	// get-zones writes them back (aws:* tags left out, dnsctl:* kept).
	ss := e.exportZone(e.provider(), "zs.tld")
	var calls []string
	for _, s := range ss {
		calls = append(calls, s.Kind+" "+strings.TrimSpace(fmtArgs(s.Args)))
	}
	wantCalls := []string{`R53_ZONE_COMMENT ["edge zone"]`, `R53_ZONE_TAGS [map[dnsctl:owner:ci team:edge]]`, `R53_QUERY_LOG ["` + arn2 + `"]`}
	if !slices.Equal(calls, wantCalls) {
		t.Errorf("exported %q, want %q", calls, wantCalls)
	}

	// Clearing the comment and stopping query logging.
	d.Settings = []*model.Setting{setting(estate.KindZoneComment, ""), setting(estate.KindQueryLog, false)}
	plan = e.pushDomain(e.provider(), d)
	assertLines(t, plan,
		`- DELETE R53_ZONE_COMMENT zs.tld: "edge zone"`,
		"- DELETE R53_QUERY_LOG zs.tld: "+arn2)
	if plan, _ := e.planDomain(e.provider(), d); len(plan.Changes) != 0 {
		t.Errorf("plan after clearing has changes:\n%s", strings.Join(planLines(plan), "\n"))
	}
	if got := e.commentNow(id); got != "" {
		t.Errorf("comment = %q, want none", got)
	}
}

func fmtArgs(as []any) string {
	var parts []string
	for _, a := range as {
		switch x := a.(type) {
		case string:
			parts = append(parts, strconv.Quote(x))
		case map[string]any:
			m := map[string]string{}
			for k, v := range x {
				m[k], _ = v.(string)
			}
			parts = append(parts, "map"+fmtMap(m))
		default:
			parts = append(parts, "?")
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func fmtMap(m map[string]string) string {
	var kv []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		kv = append(kv, k+":"+m[k])
	}
	return "[" + strings.Join(kv, " ") + "]"
}

// What each declaration costs in calls when planning an existing zone:
// nothing for a domain that declares none of them, nothing for the
// comment (it comes with the zone listing), one call for tags, one for
// query logging at Route 53 (two at moto, which refuses the listing of a
// zone's query logging configurations, so that dnsctl lists the
// account's).
func TestZoneSettingsCalls(t *testing.T) {
	e := newEnv(t)
	e.createZone("calls.tld")
	arn := e.createLogGroup("/aws/route53/calls.tld")
	for _, tc := range []struct {
		name     string
		settings []*model.Setting
		want     int64
	}{
		{"none", nil, 0},
		{"comment", []*model.Setting{setting(estate.KindZoneComment, "x")}, 0},
		{"tags", []*model.Setting{setting(estate.KindZoneTags, map[string]any{"a": "b"})}, 1},
		{"query log", []*model.Setting{setting(estate.KindQueryLog, arn)}, 2},
		{"query log off", []*model.Setting{setting(estate.KindQueryLog, false)}, 2},
		{"all", []*model.Setting{setting(estate.KindZoneComment, "x"), setting(estate.KindZoneTags, map[string]any{"a": "b"}), setting(estate.KindQueryLog, arn)}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.provider()
			d := &model.Domain{Name: "calls.tld", Settings: tc.settings}
			p.UseConfiguration([]*model.Domain{d}, nil)
			existing, err := p.Records(ctx(t), "calls.tld") // the record plan's reading
			if err != nil {
				t.Fatal(err)
			}
			before := p.APICalls()
			if err := p.PlanSettings(ctx(t), "calls.tld", existing, nil, &diff.Plan{Zone: "calls.tld"}); err != nil {
				t.Fatal(err)
			}
			if n := p.APICalls() - before; n != tc.want {
				t.Errorf("PlanSettings made %d calls, want %d", n, tc.want)
			}
		})
	}
}

// A zone pinned with R53_ZONE is checked with GetHostedZone; its comment
// comes with that answer, at no further call.
func TestZoneCommentOfPinnedZone(t *testing.T) {
	e := newEnv(t)
	id := e.createZone("pinned.tld")
	if _, err := e.sdk.UpdateHostedZoneComment(context.Background(), &route53.UpdateHostedZoneCommentInput{Id: aws.String(id), Comment: aws.String("old")}); err != nil {
		t.Fatal(err)
	}
	p := e.provider()
	p.UseZoneID("pinned.tld", id)
	d := &model.Domain{Name: "pinned.tld", Settings: []*model.Setting{setting(estate.KindZoneComment, "new")}}
	p.UseConfiguration([]*model.Domain{d}, nil)
	existing, err := p.Records(ctx(t), "pinned.tld")
	if err != nil {
		t.Fatal(err)
	}
	before := p.APICalls()
	plan := &diff.Plan{Zone: "pinned.tld"}
	if err := p.PlanSettings(ctx(t), "pinned.tld", existing, nil, plan); err != nil {
		t.Fatal(err)
	}
	if n := p.APICalls() - before; n != 0 {
		t.Errorf("planning the comment of a pinned zone made %d calls", n)
	}
	assertLines(t, plan, `± MODIFY R53_ZONE_COMMENT pinned.tld: ("old") -> ("new")`)
}

// A zone push creates gets the declared comment (or dnsctl's) at
// creation; tags and query logging are made once it exists.
func TestNewZoneComment(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		zone     string
		settings []*model.Setting
		want     string
	}{
		{"plain-new.tld", nil, defaultZoneComment},
		{"commented-new.tld", []*model.Setting{setting(estate.KindZoneComment, "made by the test")}, "made by the test"},
		{"bare-new.tld", []*model.Setting{setting(estate.KindZoneComment, "")}, ""},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			p := e.provider()
			d := &model.Domain{Name: tc.zone, Settings: append(tc.settings, setting(estate.KindZoneTags, map[string]any{"team": "web"}))}
			p.UseConfiguration([]*model.Domain{d}, nil)
			plan := &diff.Plan{Zone: tc.zone}
			if err := p.PlanSettings(ctx(t), tc.zone, nil, nil, plan); err != nil {
				t.Fatal(err)
			}
			var want []string
			if len(tc.settings) > 0 && tc.want != "" {
				want = append(want, `+ CREATE R53_ZONE_COMMENT `+tc.zone+`: "`+tc.want+`" [given to the zone push creates]`)
			}
			want = append(want, `+ CREATE R53_ZONE_TAGS `+tc.zone+`: team=web [once push has created the zone]`)
			assertLines(t, plan, want...)
			if _, err := p.EnsureZone(ctx(t), tc.zone); err != nil {
				t.Fatal(err)
			}
			id, err := p.zoneID(ctx(t), tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.commentNow(id); got != tc.want {
				t.Errorf("comment of the new zone = %q, want %q", got, tc.want)
			}
			// Planned again, as push does after creating the zone.
			plan = &diff.Plan{Zone: tc.zone}
			if err := p.PlanSettings(ctx(t), tc.zone, nil, nil, plan); err != nil {
				t.Fatal(err)
			}
			assertLines(t, plan, `+ CREATE R53_ZONE_TAGS `+tc.zone+`: team=web`)
			if err := p.Apply(ctx(t), plan); err != nil {
				t.Fatal(err)
			}
			if got := e.zoneTagsNow(id); got["team"] != "web" {
				t.Errorf("tags = %v", got)
			}
		})
	}
}

// More than ten tags to add take more than one ChangeTagsForResource
// (AWS takes ten per call).
func TestZoneTagsInCallsOfTen(t *testing.T) {
	e := newEnv(t)
	id := e.createZone("many.tld")
	tags := map[string]any{}
	for i := range 23 {
		tags["k"+strconv.Itoa(i)] = "v"
	}
	d := &model.Domain{Name: "many.tld", Settings: []*model.Setting{setting(estate.KindZoneTags, tags)}}
	e.pushDomain(e.p, d)
	if n := e.proxy.Calls("ChangeTagsForResource"); n != 3 {
		t.Errorf("ChangeTagsForResource calls = %d, want 3", n)
	}
	if got := e.zoneTagsNow(id); len(got) != 23 {
		t.Errorf("zone has %d tags, want 23", len(got))
	}
}

// Mistakes found by the provider (those evaluation cannot see: a setting
// given twice, tags that disagree) stop the plan, naming where.
func TestZoneSettingsRefused(t *testing.T) {
	e := newEnv(t)
	e.createZone("bad.tld")
	for _, tc := range []struct {
		name     string
		settings []*model.Setting
		want     string
	}{
		{"two comments", []*model.Setting{setting(estate.KindZoneComment, "a"), {Kind: estate.KindZoneComment, Args: []any{"b"}, Pos: "dnsconfig.js:9"}},
			"R53_ZONE_COMMENT is given 2 times (at dnsconfig.js:7, at dnsconfig.js:9); a hosted zone has one: give it once"},
		{"tags disagree", []*model.Setting{setting(estate.KindZoneTags, map[string]any{"team": "a"}), {Kind: estate.KindZoneTags, Args: []any{map[string]any{"team": "b"}}, Pos: "dnsconfig.js:9"}},
			`dnsconfig.js:9: R53_ZONE_TAGS: tag "team" is "b" here but "a" at dnsconfig.js:7`},
		{"two query logs", []*model.Setting{setting(estate.KindQueryLog, false), setting(estate.KindQueryLog, false)},
			"R53_QUERY_LOG is given 2 times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.provider()
			d := &model.Domain{Name: "bad.tld", Settings: tc.settings}
			p.UseConfiguration([]*model.Domain{d}, nil)
			err := p.PlanSettings(ctx(t), "bad.tld", nil, nil, &diff.Plan{Zone: "bad.tld"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	// Tags merged from DEFAULTS and D when they agree.
	p := e.provider()
	d := &model.Domain{Name: "bad.tld", Settings: []*model.Setting{setting(estate.KindZoneTags, map[string]any{"org": "x"}), setting(estate.KindZoneTags, map[string]any{"team": "y", "org": "x"})}}
	p.UseConfiguration([]*model.Domain{d}, nil)
	plan := &diff.Plan{Zone: "bad.tld"}
	if err := p.PlanSettings(ctx(t), "bad.tld", nil, nil, plan); err != nil {
		t.Fatal(err)
	}
	assertLines(t, plan, "+ CREATE R53_ZONE_TAGS bad.tld: org=x, team=y")
}

// awsLogsClient answers ListQueryLoggingConfigs for one zone as Route 53
// does (moto refuses the zone's ID there): the zone's configurations only.
type awsLogsClient struct{ *route53.Client }

func (c awsLogsClient) ListQueryLoggingConfigs(ctx context.Context, in *route53.ListQueryLoggingConfigsInput, opts ...func(*route53.Options)) (*route53.ListQueryLoggingConfigsOutput, error) {
	all := *in
	all.HostedZoneId = nil
	out, err := c.Client.ListQueryLoggingConfigs(ctx, &all, opts...)
	if err != nil || in.HostedZoneId == nil {
		return out, err
	}
	out.QueryLoggingConfigs = slices.DeleteFunc(out.QueryLoggingConfigs, func(q types.QueryLoggingConfig) bool {
		return aws.ToString(q.HostedZoneId) != *in.HostedZoneId
	})
	return out, nil
}

// At Route 53, query logging costs one call per zone that declares it.
func TestQueryLogOneCallAtRoute53(t *testing.T) {
	e := newEnv(t)
	id := e.createZone("onecall.tld")
	other := e.createZone("other-onecall.tld")
	arn := e.createLogGroup("/aws/route53/onecall.tld")
	if _, err := e.sdk.CreateQueryLoggingConfig(context.Background(), &route53.CreateQueryLoggingConfigInput{HostedZoneId: aws.String(other), CloudWatchLogsLogGroupArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	p, err := NewWithClients(Config{EntryName: "r53_test", RateLimit: 1000}, nil, awsLogsClient{e.sdk}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fastBackoff(p)
	d := &model.Domain{Name: "onecall.tld", Settings: []*model.Setting{setting(estate.KindQueryLog, arn)}}
	p.UseConfiguration([]*model.Domain{d}, nil)
	if _, err := p.zoneID(ctx(t), "onecall.tld"); err != nil {
		t.Fatal(err)
	}
	before := p.APICalls()
	plan := &diff.Plan{Zone: "onecall.tld"}
	if err := p.PlanSettings(ctx(t), "onecall.tld", nil, nil, plan); err != nil {
		t.Fatal(err)
	}
	if n := p.APICalls() - before; n != 1 {
		t.Errorf("planning query logging made %d calls, want 1", n)
	}
	// The other zone's configuration is not this zone's.
	assertLines(t, plan, "+ CREATE R53_QUERY_LOG onecall.tld: "+arn)
	if err := p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	logs, err := p.queryLogs(ctx(t), "onecall.tld", id)
	if err != nil || len(logs) != 1 || aws.ToString(logs[0].CloudWatchLogsLogGroupArn) != arn {
		t.Errorf("query logs of the zone: %v %v", logs, err)
	}
}

// get-zones over many zones reads their tags ten zones a call and the
// account's query logging once, and gives each zone its own.
func TestExportSettingsInBatches(t *testing.T) {
	e := newEnv(t)
	var names, ids []string
	for i := range 12 {
		name := "batch" + strconv.Itoa(i) + ".tld"
		names = append(names, name)
		ids = append(ids, e.createZone(name))
	}
	for _, i := range []int{0, 11} {
		if _, err := e.sdk.ChangeTagsForResource(context.Background(), &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone,
			ResourceId: aws.String(ids[i]), AddTags: []types.Tag{{Key: aws.String("n"), Value: aws.String(strconv.Itoa(i))}}}); err != nil {
			t.Fatal(err)
		}
	}
	arn := e.createLogGroup("/aws/route53/batch5.tld")
	if _, err := e.sdk.CreateQueryLoggingConfig(context.Background(), &route53.CreateQueryLoggingConfigInput{HostedZoneId: aws.String(ids[5]), CloudWatchLogsLogGroupArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.p.ListZones(ctx(t)); err != nil {
		t.Fatal(err)
	}
	e.p.WillExport(names)
	e.proxy.ResetCounts()
	for i, name := range names {
		ss, err := e.p.ExportSettings(ctx(t), name, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range ss {
			got = append(got, s.Kind+fmtArgs(s.Args))
		}
		var want []string
		switch i {
		case 0, 11:
			want = []string{estate.KindZoneTags + "[map[n:" + strconv.Itoa(i) + "]]"}
		case 5:
			want = []string{estate.KindQueryLog + "[" + strconv.Quote(arn) + "]"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: settings %q, want %q", name, got, want)
		}
	}
	for op, want := range map[string]int{"ListTagsForResources": 2, "ListTagsForResource": 0, "ListQueryLoggingConfigs": 1, "GetDNSSEC": 12, "GetHostedZone": 0} {
		if n := e.proxy.Calls(op); n != want {
			t.Errorf("%s calls = %d, want %d", op, n, want)
		}
	}
}

// pagedLogsClient answers ListQueryLoggingConfigs as Route 53 does for a
// zone (that zone's configurations only) and, for the account, one
// configuration a page.
type pagedLogsClient struct {
	*route53.Client
	account, zone *int
}

func (c pagedLogsClient) ListQueryLoggingConfigs(ctx context.Context, in *route53.ListQueryLoggingConfigsInput, opts ...func(*route53.Options)) (*route53.ListQueryLoggingConfigsOutput, error) {
	all := *in
	if in.HostedZoneId == nil {
		*c.account++
		all.MaxResults = aws.Int32(1)
		return c.Client.ListQueryLoggingConfigs(ctx, &all, opts...)
	}
	*c.zone++
	all.HostedZoneId = nil
	out, err := c.Client.ListQueryLoggingConfigs(ctx, &all, opts...)
	if err != nil {
		return nil, err
	}
	out.QueryLoggingConfigs = slices.DeleteFunc(out.QueryLoggingConfigs, func(q types.QueryLoggingConfig) bool {
		return aws.ToString(q.HostedZoneId) != *in.HostedZoneId
	})
	return out, nil
}

// The account's listing of query logging reads no more pages than zones
// are exported; a zone it stopped short of is asked about alone.
func TestExportQueryLogsListingStopsShort(t *testing.T) {
	e := newEnv(t)
	ids := map[string]string{}
	for _, z := range []string{"c.tld", "d.tld", "e.tld", "a.tld", "b.tld"} {
		ids[z] = e.createZone(z)
	}
	arn := e.createLogGroup("/aws/route53/short")
	for _, z := range []string{"c.tld", "d.tld", "e.tld", "a.tld"} {
		if _, err := e.sdk.CreateQueryLoggingConfig(context.Background(), &route53.CreateQueryLoggingConfigInput{HostedZoneId: aws.String(ids[z]), CloudWatchLogsLogGroupArn: aws.String(arn)}); err != nil {
			t.Fatal(err)
		}
	}
	var account, zone int
	p, err := NewWithClients(Config{EntryName: "r53_test", RateLimit: 1000}, nil, pagedLogsClient{Client: e.sdk, account: &account, zone: &zone}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fastBackoff(p)
	p.WillExport([]string{"a.tld", "b.tld"})
	for z, want := range map[string]int{"a.tld": 1, "b.tld": 0} {
		logs, err := p.exportQueryLogs(ctx(t), z, ids[z])
		if err != nil {
			t.Fatal(err)
		}
		if len(logs) != want {
			t.Errorf("%s: %d configurations, want %d", z, len(logs), want)
		}
	}
	// Two pages of the account's four (one a page), then each zone alone.
	if account != 2 || zone != 2 {
		t.Errorf("calls: %d of the account's listing, %d of a zone's; want 2 and 2", account, zone)
	}
}
