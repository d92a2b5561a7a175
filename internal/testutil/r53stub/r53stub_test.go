package r53stub_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go"

	"github.com/dnsctl/dnsctl/internal/testutil/r53stub"
)

func client(t *testing.T, zones, records int) (*route53.Client, *r53stub.Stub, string) {
	t.Helper()
	stub := r53stub.New(zones, records)
	srv := httptest.NewServer(stub)
	t.Cleanup(srv.Close)
	c := route53.New(route53.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "stub", ""),
		BaseEndpoint: aws.String(srv.URL),
	})
	return c, stub, srv.URL
}

// TestListingsPage: the SDK reads every zone and every record set once,
// page by page, in the sizes asked for.
func TestListingsPage(t *testing.T) {
	ctx := context.Background()
	c, stub, _ := client(t, 250, 700)
	var zones []string
	pages := 0
	for p := route53.NewListHostedZonesPaginator(c, &route53.ListHostedZonesInput{MaxItems: aws.Int32(100)}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, z := range out.HostedZones {
			zones = append(zones, aws.ToString(z.Name))
		}
	}
	if pages != 3 || len(zones) != 250 {
		t.Fatalf("%d pages, %d zones; want 3 and 250", pages, len(zones))
	}
	for i := 1; i < len(zones); i++ {
		if zones[i-1] >= zones[i] {
			t.Fatalf("zones not sorted by name: %s before %s", zones[i-1], zones[i])
		}
	}
	for _, tc := range []struct {
		max       int32
		wantPages int
	}{{300, 3}, {100, 8}, {1000, 3}} {
		seen := map[string]bool{}
		in := &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String("/hostedzone/ZSTUB000000007"), MaxItems: aws.Int32(tc.max)}
		pages := 0
		var apexNS int
		for {
			out, err := c.ListResourceRecordSets(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, s := range out.ResourceRecordSets {
				k := aws.ToString(s.Name) + " " + string(s.Type)
				if seen[k] {
					t.Fatalf("MaxItems %d: %s listed twice", tc.max, k)
				}
				seen[k] = true
				if s.Type == types.RRTypeNs {
					apexNS = len(s.ResourceRecords)
				}
			}
			if !out.IsTruncated {
				break
			}
			in.StartRecordName, in.StartRecordType = out.NextRecordName, out.NextRecordType
		}
		if len(seen) != 702 || pages != tc.wantPages || apexNS != 4 {
			t.Errorf("MaxItems %d: %d sets in %d pages, apex NS of %d values; want 702, %d, 4", tc.max, len(seen), pages, apexNS, tc.wantPages)
		}
	}
	if got := stub.Counts(); got["ListHostedZones"] != 3 || got["ListResourceRecordSets"] != 14 {
		t.Errorf("counts %v, want ListHostedZones 3 and ListResourceRecordSets 14", got)
	}
	byName, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String("zone7.example."), MaxItems: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(byName.HostedZones) != 2 || aws.ToString(byName.HostedZones[0].Name) != "zone7.example." ||
		aws.ToString(byName.HostedZones[1].Name) != "zone70.example." || !byName.IsTruncated || aws.ToString(byName.NextDNSName) != "zone71.example." {
		t.Errorf("ListHostedZonesByName from zone7.example: %+v", byName)
	}
	hz, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String("ZSTUB000000007")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(hz.HostedZone.Name) != "zone7.example." || len(hz.DelegationSet.NameServers) != 4 {
		t.Errorf("GetHostedZone: %s with %v", aws.ToString(hz.HostedZone.Name), hz.DelegationSet.NameServers)
	}
}

// TestChanges: a batch applies all or nothing, CREATE of an existing set
// and DELETE of a set with other data fail as on Route 53, and the
// listing shows what was applied.
func TestChanges(t *testing.T) {
	ctx := context.Background()
	c, stub, _ := client(t, 2, 10)
	set := func(name, typ, value string, ttl int64) *types.ResourceRecordSet {
		return &types.ResourceRecordSet{Name: aws.String(name), Type: types.RRType(typ), TTL: aws.Int64(ttl),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(value)}}}
	}
	change := func(action types.ChangeAction, s *types.ResourceRecordSet) types.Change {
		return types.Change{Action: action, ResourceRecordSet: s}
	}
	zone := aws.String("ZSTUB000000001")
	for _, tc := range []struct {
		name    string
		changes []types.Change
		wantErr string // "" for success
	}{
		{"create of an existing set", []types.Change{change(types.ChangeActionCreate, set("h0.zone1.example.", "A", "10.9.9.9", 300))}, "InvalidChangeBatch"},
		{"delete with other data", []types.Change{change(types.ChangeActionDelete, set("h0.zone1.example.", "A", "10.9.9.9", 300))}, "InvalidChangeBatch"},
		{"delete with another TTL", []types.Change{change(types.ChangeActionDelete, set("h0.zone1.example.", "A", "10.0.0.0", 60))}, "InvalidChangeBatch"},
		{"name outside the zone", []types.Change{change(types.ChangeActionCreate, set("x.zone0.example.", "A", "10.9.9.9", 300))}, "InvalidChangeBatch"},
		{"all or nothing", []types.Change{
			change(types.ChangeActionCreate, set("new.zone1.example.", "A", "10.1.1.1", 300)),
			change(types.ChangeActionCreate, set("h1.zone1.example.", "A", "10.1.1.1", 300)),
		}, "InvalidChangeBatch"},
		{"replace and add", []types.Change{
			change(types.ChangeActionDelete, set("h0.zone1.example.", "A", "10.0.0.0", 300)),
			change(types.ChangeActionCreate, set("h0.zone1.example.", "A", "10.9.9.9", 300)),
			change(types.ChangeActionCreate, set("new.zone1.example.", "A", "10.1.1.1", 300)),
			change(types.ChangeActionDelete, set("t8.zone1.example.", "TXT", `"v=spf1 include:_spf8.example.net ~all"`, 300)),
		}, ""},
	} {
		_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: zone, ChangeBatch: &types.ChangeBatch{Changes: tc.changes}})
		var ae smithy.APIError
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr != "" && (!errors.As(err, &ae) || ae.ErrorCode() != tc.wantErr):
			t.Errorf("%s: error %v, want %s", tc.name, err, tc.wantErr)
		}
	}
	out, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zone})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range out.ResourceRecordSets {
		got[aws.ToString(s.Name)+" "+string(s.Type)] = aws.ToString(s.ResourceRecords[0].Value)
	}
	if len(got) != 12 || got["h0.zone1.example. A"] != "10.9.9.9" || got["new.zone1.example. A"] != "10.1.1.1" || got["t8.zone1.example. TXT"] != "" {
		t.Errorf("after the changes: %v", got)
	}
	stub.Restore()
	out, err = c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zone})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.ResourceRecordSets); n != 12 || aws.ToString(out.ResourceRecordSets[2].ResourceRecords[0].Value) != "10.0.0.0" {
		t.Errorf("after Restore: %d sets, the first record %v", n, out.ResourceRecordSets[2].ResourceRecords)
	}
	ch, err := c.GetChange(ctx, &route53.GetChangeInput{Id: aws.String("CSTUB000000001")})
	if err != nil || ch.ChangeInfo.Status != types.ChangeStatusInsync {
		t.Errorf("GetChange: %v, %v", ch, err)
	}
}

// TestUnknownOperation: an operation the stub lacks is a 400 with a
// Route 53 error body, and is counted.
func TestUnknownOperation(t *testing.T) {
	c, stub, url := client(t, 1, 1)
	_, err := c.GetHostedZoneCount(context.Background(), &route53.GetHostedZoneCountInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidAction" {
		t.Errorf("GetHostedZoneCount: %v, want InvalidAction", err)
	}
	if stub.Counts()["GetHostedZoneCount"] != 1 {
		t.Errorf("counts %v", stub.Counts())
	}
	resp, err := http.Get(url + "/stub/counts")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"GetHostedZoneCount":1`) {
		t.Errorf("/stub/counts: %s", body)
	}
	if _, err := http.Post(url+"/stub/reset", "", nil); err != nil {
		t.Fatal(err)
	}
	if n := len(stub.Counts()); n != 0 {
		t.Errorf("after /stub/reset: %v", stub.Counts())
	}
}
