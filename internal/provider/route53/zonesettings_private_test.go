package route53

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// Route 53 has no query logging for private zones (CreateQueryLoggingConfig
// refuses them; moto accepts it). R53_QUERY_LOG on a domain whose zone is
// private is refused at preview, before anything is changed, and
// R53_QUERY_LOG(false) there is nothing to do and costs no call.
func TestQueryLogPrivateZone(t *testing.T) {
	const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/inside.tld:*"
	e := newEnv(t)
	e.createPrivate("inside.tld", "vpc-0a1b2c3d")
	plan := func(arg any, vpc bool) (*diff.Plan, error) {
		p := e.provider()
		d := &model.Domain{Name: "inside.tld", Settings: []*model.Setting{setting(estate.KindQueryLog, arg)}}
		if vpc {
			d.Settings = append(d.Settings, vpcSetting("vpc-0a1b2c3d", "eu-west-1", ""))
		}
		p.UseConfiguration([]*model.Domain{d}, nil)
		if _, err := p.Records(ctx(t), "inside.tld"); err != nil {
			t.Fatal(err)
		}
		pl := &diff.Plan{Zone: "inside.tld"}
		return pl, p.PlanSettings(ctx(t), "inside.tld", nil, nil, pl)
	}
	for _, vpc := range []bool{false, true} {
		_, err := plan(arn, vpc)
		if err == nil || !strings.Contains(err.Error(), "dnsconfig.js:7: R53_QUERY_LOG: inside.tld is a private hosted zone; Route 53 logs the queries of public zones only") {
			t.Errorf("R53_QUERY_LOG on a private zone (R53_VPC %v): %v", vpc, err)
		}
	}
	e.proxy.ResetCounts()
	pl, err := plan(false, false)
	if err != nil || len(pl.Changes) != 0 {
		t.Errorf("R53_QUERY_LOG(false) on a private zone: %v, %q", err, planLines(pl))
	}
	if n := e.proxy.Calls("ListQueryLoggingConfigs"); n != 0 {
		t.Errorf("ListQueryLoggingConfigs calls for a private zone: %d", n)
	}
}

// Changing the log group deletes the zone's configuration before creating
// the new one (a zone has one). When the creation fails (here the log
// group does not exist), the previous one is made again and the error says
// so: the zone is not left without query logging while push reports
// nothing applied.
func TestQueryLogChangeFailedRestores(t *testing.T) {
	e := newEnv(t)
	id := e.createZone("qlr.tld")
	arn := e.createLogGroup("/aws/route53/qlr.tld")
	missing := "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/missing:*"
	d := &model.Domain{Name: "qlr.tld", Settings: []*model.Setting{setting(estate.KindQueryLog, arn)}}
	e.pushDomain(e.p, d)
	d.Settings = []*model.Setting{setting(estate.KindQueryLog, missing)}
	p := e.provider()
	plan, _ := e.planDomain(p, d)
	err := p.Apply(ctx(t), plan)
	if err == nil || !strings.Contains(err.Error(), "creating query logging to "+missing) ||
		!strings.Contains(err.Error(), "the zone's previous query logging (to "+arn+"), deleted first, was made again") {
		t.Errorf("Apply: %v", err)
	}
	have, err := e.provider().queryLogs(ctx(t), "qlr.tld", id)
	if err != nil {
		t.Fatal(err)
	}
	if len(have) != 1 || !estate.SameLogGroup(aws.ToString(have[0].CloudWatchLogsLogGroupArn), arn) {
		t.Errorf("query logging after the failed change: %v", describeLogs(have))
	}
}
