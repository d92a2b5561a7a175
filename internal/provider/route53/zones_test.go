package route53

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

func TestRefNames(t *testing.T) {
	cases := []struct {
		refs []zoneRef
		want map[string]string
	}{
		{[]zoneRef{{ID: "Z1", Name: "a.tld"}}, map[string]string{"Z1": "a.tld"}},
		{[]zoneRef{{ID: "Z1", Name: "a.tld", Private: true}}, map[string]string{"Z1": "a.tld"}},
		{[]zoneRef{{ID: "Z9", Name: "a.tld", Private: true}, {ID: "Z5", Name: "a.tld"}},
			map[string]string{"Z5": "a.tld", "Z9": "a.tld!private"}},
		{[]zoneRef{{ID: "Z9", Name: "a.tld", Private: true}, {ID: "Z5", Name: "a.tld"}, {ID: "Z3", Name: "a.tld"}, {ID: "Z4", Name: "a.tld", Private: true}},
			map[string]string{"Z3": "a.tld", "Z5": "a.tld!public-z5", "Z4": "a.tld!private-z4", "Z9": "a.tld!private-z9"}},
		{[]zoneRef{{ID: "Z9", Name: "a.tld", Private: true}, {ID: "Z4", Name: "a.tld", Private: true}},
			map[string]string{"Z4": "a.tld!private-z4", "Z9": "a.tld!private-z9"}},
	}
	for _, c := range cases {
		got := refNames(c.refs)
		if len(got) != len(c.want) {
			t.Errorf("refNames(%v) = %v, want %v", c.refs, got, c.want)
			continue
		}
		for id, ref := range c.want {
			if got[id] != ref {
				t.Errorf("refNames(%v) = %v, want %v", c.refs, got, c.want)
				break
			}
		}
	}
}

func TestLooksLikeZoneID(t *testing.T) {
	for s, want := range map[string]bool{
		"Z0123456789ABCDEFGHIJ": true, "/hostedzone/Z1": true, "hostedzone/Z1": true, "ABCDEFGHIJ0123456789XY": true,
		"example.com": false, "Z1.example": false, "z0123456789abc": false, "Z12": false, "ZONE!TAG12": false,
	} {
		if got := looksLikeZoneID(s); got != want {
			t.Errorf("looksLikeZoneID(%q) = %v, want %v", s, got, want)
		}
	}
}

// A public and two private hosted zones of one name: ListZones names each
// distinctly, FindZone finds each by that name or by ID, and Records then
// reads the right one.
func TestListAndFindSameNamedZones(t *testing.T) {
	e := newEnv(t)
	public := e.createZone("twin.tld")
	var private []string
	for _, vpc := range []string{"vpc-11111111", "vpc-22222222"} {
		out, err := e.sdk.CreateHostedZone(ctx(t), &route53.CreateHostedZoneInput{
			Name: aws.String("twin.tld"), CallerReference: aws.String("private-" + vpc),
			HostedZoneConfig: &types.HostedZoneConfig{PrivateZone: true},
			VPC:              &types.VPC{VPCId: aws.String(vpc), VPCRegion: types.VPCRegionUsEast1},
		})
		if err != nil {
			t.Fatal(err)
		}
		private = append(private, cleanZoneID(aws.ToString(out.HostedZone.Id)))
	}
	solo := e.createZone("solo.tld")
	e.rawCreate(public, rawSet("www.twin.tld.", "A", 300, "192.0.2.1"))
	e.rawCreate(private[0], rawSet("www.twin.tld.", "A", 300, "10.0.0.1"))
	e.rawCreate(private[1], rawSet("www.twin.tld.", "A", 300, "10.0.0.2"))
	www := map[string]string{public: "192.0.2.1", private[0]: "10.0.0.1", private[1]: "10.0.0.2"}
	slices.Sort(private)
	ref := func(id string) string { return "twin.tld!private-" + strings.ToLower(id) }

	want := []string{"solo.tld", "twin.tld", ref(private[0]), ref(private[1])}
	slices.Sort(want)
	zones, err := e.provider().ListZones(ctx(t))
	if err != nil || !slices.Equal(zones, want) {
		t.Fatalf("ListZones = %v, %v; want %v", zones, err, want)
	}

	for _, c := range []struct{ arg, ref, id string }{
		{"twin.tld", "twin.tld", public},
		{"TWIN.tld.", "twin.tld", public},
		{public, "twin.tld", public},
		{"/hostedzone/" + private[1], ref(private[1]), private[1]},
		{ref(private[0]), ref(private[0]), private[0]},
		{"solo.tld", "solo.tld", ""},
		{solo, "solo.tld", ""},
		{"solo.tld!inside", "solo.tld!inside", ""},
	} {
		// A fresh provider each time: finding must not rely on a listing.
		p := e.provider()
		gotRef, gotID, err := p.FindZone(ctx(t), c.arg)
		if err != nil || gotRef != c.ref || gotID != c.id {
			t.Errorf("FindZone(%q) = %q, %q, %v; want %q, %q", c.arg, gotRef, gotID, err, c.ref, c.id)
			continue
		}
		if c.id == "" {
			continue
		}
		recs, err := p.Records(ctx(t), gotRef)
		if err != nil {
			t.Errorf("Records(%q) after FindZone(%q): %v", gotRef, c.arg, err)
			continue
		}
		found := false
		for _, r := range recs {
			found = found || (r.Name == "www.twin.tld" && r.Data == www[c.id])
		}
		if !found {
			t.Errorf("Records(%q) after FindZone(%q) did not read zone %s: %v", gotRef, c.arg, c.id, recs)
		}
	}

	p := e.provider()
	if _, _, err := p.FindZone(ctx(t), "twin.tld!private"); err == nil || !strings.Contains(err.Error(), "3 hosted zones named twin.tld") ||
		!strings.Contains(err.Error(), ref(private[1])+" (private "+private[1]+")") {
		t.Errorf("FindZone of an unknown tag: %v", err)
	}
	if _, _, err := p.FindZone(ctx(t), "/hostedzone/ZNOSUCHZONE"); !errors.Is(err, provider.ErrZoneNotFound) {
		t.Errorf("FindZone of a missing ID: %v", err)
	}
	if _, _, err := p.FindZone(ctx(t), "nosuch.tld"); !errors.Is(err, provider.ErrZoneNotFound) {
		t.Errorf("FindZone of a missing zone: %v", err)
	}
}

// A zone Route 53 has not created yet is planned with stand-ins for the
// name servers it will assign; a plan still holding one is never sent.
func TestStandInNameServersNeverSent(t *testing.T) {
	e := newEnv(t)
	zone := "standin.example"
	ns, err := e.p.Nameservers(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := e.p.NewZoneRecords(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 4 || len(recs) != 4 || recs[0].Data != ns[0] || recs[0].TTL != 172800 || !strings.HasSuffix(ns[0], ".invalid.") {
		t.Fatalf("stand-ins: name servers %v, new-zone records %v", ns, recs)
	}
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	existing, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	// (planFor leaves the apex NS set out; a delegation carries the stand-in.)
	desired := []*model.Record{rec(t, zone, "www", "A", 300, "192.0.2.1"), rec(t, zone, "sub", "NS", 300, ns[0])}
	e.proxy.ResetCounts()
	err = e.p.Apply(ctx(t), planFor(zone, existing, desired))
	if err == nil || !strings.Contains(err.Error(), "stand-in for a name server") {
		t.Errorf("err = %v, want the stand-in refused", err)
	}
	if n := e.proxy.Calls("ChangeResourceRecordSets"); n != 0 {
		t.Errorf("%d change requests sent", n)
	}
}
