package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdR53ZoneSettings is the part of `r53` for zone comments, tags and
// query logging:
//
//	r53 log-group NAME          create a CloudWatch Logs log group in moto (us-east-1)
//	r53 zone-comment ZONE       print the hosted zone's comment
//	r53 zone-tags ZONE          print the hosted zone's tags, "KEY=VALUE" sorted
//	r53 tag ZONE KEY=VALUE...   set tags of the hosted zone
//	r53 query-logs ZONE         print the log group ARN of each query logging configuration of the zone
func cmdR53ZoneSettings(ctx context.Context, ts *testscript.TestScript, st *r53State, r *route53.Client, args []string) {
	need := func(n int, usage string) {
		if len(args) < n {
			ts.Fatalf("usage: r53 %s", usage)
		}
	}
	w := ts.Stdout()
	switch args[0] {
	case "log-group":
		need(2, "log-group NAME")
		createLogGroup(ctx, ts, st, args[1])
	case "zone-comment":
		need(2, "zone-comment ZONE")
		out, err := r.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zoneIDOf(ts, r, args[1]))})
		ts.Check(err)
		if c := out.HostedZone.Config; c != nil && c.Comment != nil {
			fmt.Fprintln(w, *c.Comment)
		}
	case "zone-tags":
		need(2, "zone-tags ZONE")
		out, err := r.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(zoneIDOf(ts, r, args[1]))})
		ts.Check(err)
		tags := map[string]string{}
		for _, t := range out.ResourceTagSet.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		for _, k := range slices.Sorted(maps.Keys(tags)) {
			fmt.Fprintf(w, "%s=%s\n", k, tags[k])
		}
	case "tag":
		need(3, "tag ZONE KEY=VALUE...")
		in := &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(zoneIDOf(ts, r, args[1]))}
		for _, kv := range args[2:] {
			k, v, _ := strings.Cut(kv, "=")
			in.AddTags = append(in.AddTags, types.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
		_, err := r.ChangeTagsForResource(ctx, in)
		ts.Check(err)
	case "query-logs":
		need(2, "query-logs ZONE")
		id := zoneIDOf(ts, r, args[1])
		// Unfiltered: moto refuses a zone's listing (see the provider).
		out, err := r.ListQueryLoggingConfigs(ctx, &route53.ListQueryLoggingConfigsInput{})
		ts.Check(err)
		for _, c := range out.QueryLoggingConfigs {
			if aws.ToString(c.HostedZoneId) == id {
				fmt.Fprintln(w, aws.ToString(c.CloudWatchLogsLogGroupArn))
			}
		}
	default:
		ts.Fatalf("r53: unknown subcommand %q", args[0])
	}
}

// createLogGroup creates a log group with moto's CloudWatch Logs (JSON
// protocol; moto reads the service from the credential scope), in the
// script's account (r53 account) if it has one.
func createLogGroup(ctx context.Context, ts *testscript.TestScript, st *r53State, name string) {
	keyID := r53KeyID
	if st.account != nil {
		keyID = st.account.Value.AccessKeyID
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, st.moto+"/", strings.NewReader(`{"logGroupName":`+strconv.Quote(name)+`}`))
	ts.Check(err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328.CreateLogGroup")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+keyID+"/20240101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		ts.Fatalf("CreateLogGroup %s: %s: %s", name, resp.Status, b)
	}
}
