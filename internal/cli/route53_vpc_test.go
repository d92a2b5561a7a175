package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdR53VPCs implements "r53 vpcs ZONE|ID": it prints whether the hosted
// zone is private or public, then its VPCs as "VPCID(REGION)", sorted.
func cmdR53VPCs(ctx context.Context, ts *testscript.TestScript, r *route53.Client, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: r53 vpcs ZONE|ID")
	}
	out, err := r.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zoneIDOf(ts, r, args[1]))})
	ts.Check(err)
	kind := "public"
	if out.HostedZone.Config != nil && out.HostedZone.Config.PrivateZone {
		kind = "private"
	}
	var vs []string
	for _, v := range out.VPCs {
		vs = append(vs, aws.ToString(v.VPCId)+"("+string(v.VPCRegion)+")")
	}
	slices.Sort(vs)
	w := ts.Stdout()
	fmt.Fprintln(w, kind)
	for _, v := range vs {
		fmt.Fprintln(w, v)
	}
}
