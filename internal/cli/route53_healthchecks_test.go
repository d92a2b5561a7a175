package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/rogpeppe/go-internal/testscript"
)

// r53HealthChecks implements the health check subcommands of r53:
//
//	r53 health-checks ZONE...          print the checks of those zones, one a line:
//	                                   Name tag, type, interval, owner tag, zone tag
//	r53 health-checks create NAME IP   create a TCP check (port 22) tagged Name=NAME only
//
// The moto account is shared by the scripts running in parallel, so the
// listing shows only the checks of the zones named (by their dnsctl:zone
// tag, view tags aside) and those this script made by hand.
func r53HealthChecks(ts *testscript.TestScript, ctx context.Context, st *r53State, r *route53.Client, args []string) {
	if len(args) == 3 && args[0] == "create" {
		out, err := r.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("test-" + args[1]),
			HealthCheckConfig: &types.HealthCheckConfig{Type: types.HealthCheckTypeTcp, IPAddress: aws.String(args[2]), Port: aws.Int32(22)}})
		ts.Check(err)
		_, err = r.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck,
			ResourceId: out.HealthCheck.Id, AddTags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(args[1])}}})
		ts.Check(err)
		if st.handChecks == nil {
			st.handChecks = map[string]bool{}
		}
		st.handChecks[aws.ToString(out.HealthCheck.Id)] = true
		return
	}
	if len(args) == 0 || args[0] == "create" {
		ts.Fatalf("usage: r53 health-checks ZONE... | r53 health-checks create NAME IP")
	}
	zones := map[string]bool{}
	for _, z := range args {
		zones[z] = true
	}
	out, err := r.ListHealthChecks(ctx, &route53.ListHealthChecksInput{})
	ts.Check(err)
	var lines []string
	for _, h := range out.HealthChecks {
		tags, err := r.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck, ResourceId: h.Id})
		ts.Check(err)
		m := map[string]string{}
		for _, t := range tags.ResourceTagSet.Tags {
			m[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		zone, _, _ := strings.Cut(m["dnsctl:zone"], "!")
		if !zones[zone] && !st.handChecks[aws.ToString(h.Id)] {
			continue
		}
		c := h.HealthCheckConfig
		lines = append(lines, fmt.Sprintf("%s %s %ds owner=%s zone=%s", m["Name"], c.Type, aws.ToInt32(c.RequestInterval), m["dnsctl:owner"], m["dnsctl:zone"]))
	}
	slices.Sort(lines)
	fmt.Fprint(ts.Stdout(), strings.Join(lines, "\n"))
	if len(lines) > 0 {
		fmt.Fprintln(ts.Stdout())
	}
}
