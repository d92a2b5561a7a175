package route53

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

func TestAssignedApexNS(t *testing.T) {
	aws4 := []string{"ns-1234.awsdns-12.org.", "ns-567.awsdns-07.net", "NS-89.AWSDNS-11.COM.", "ns-1890.awsdns-36.co.uk."}
	for _, tc := range []struct {
		name  string
		sets  []types.ResourceRecordSet
		trust bool
	}{
		{"assigned by Route 53", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4...)}, true},
		{"as moto gives them", []types.ResourceRecordSet{rawSet("example.com", "NS", 172800,
			"ns-2048.awsdns-64.com", "ns-2049.awsdns-65.net", "ns-2050.awsdns-66.org", "ns-2051.awsdns-67.co.uk")}, true},
		{"one removed by hand", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4[:3]...)}, false},
		{"one added by hand", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, append(slices.Clone(aws4), "ns1.other.net.")...)}, false},
		{"one replaced by hand", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, append(slices.Clone(aws4[:3]), "ns1.other.net.")...)}, false},
		{"two under one domain", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800,
			"ns-1.awsdns-01.com.", "ns-2.awsdns-02.com.", "ns-1100.awsdns-03.org.", "ns-1600.awsdns-04.co.uk.")}, false},
		{"white label", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800,
			"ns1.example.com.", "ns2.example.com.", "ns3.example.com.", "ns4.example.com.")}, false},
		{"look-alike", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800,
			"ns-1.awsdns-01.com.evil.", "ns-2.awsdns-02.net.", "ns-3.awsdns-03.org.", "ns-4.awsdns-04.co.uk.")}, false},
		{"only below the apex", []types.ResourceRecordSet{rawSet("sub.example.com.", "NS", 172800, aws4...)}, false},
		{"no NS set", []types.ResourceRecordSet{rawSet("example.com.", "A", 300, "192.0.2.1")}, false},
		{"the SOA names one of them", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4...),
			rawSet("example.com.", "SOA", 900, "ns-567.awsdns-07.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")}, true},
		// Replaced by hand with another zone's four servers: the SOA still
		// names the zone's real primary.
		{"the SOA names another", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4...),
			rawSet("example.com.", "SOA", 900, "ns-1000.awsdns-50.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")}, false},
		{"an SOA primary of another form says nothing", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4...),
			rawSet("example.com.", "SOA", 900, "ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 86400")}, true},
		{"moto's malformed SOA says nothing", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800, aws4...),
			rawSet("example.com.", "SOA", 900, "{'Value': 'ns-2048.awsdns-64.com. hostmaster.example.com. 1 7200 900 1209600 86400'}")}, true},
		{"a private zone's", []types.ResourceRecordSet{rawSet("example.com.", "NS", 172800,
			"ns-1536.awsdns-00.co.uk.", "ns-0.awsdns-00.com.", "ns-512.awsdns-00.net.", "ns-1024.awsdns-00.org.")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := assignedApexNS(tc.sets, "example.com")
			if (got != nil) != tc.trust {
				t.Fatalf("assignedApexNS = %v, want trusted=%v", got, tc.trust)
			}
			for _, n := range got {
				if n[len(n)-1] != '.' || n != strings.ToLower(n) {
					t.Errorf("name server %q is not a lower-case FQDN", n)
				}
			}
		})
	}
	// A routed NS set at the apex is not the delegation.
	routed := rawSet("example.com.", "NS", 172800, aws4...)
	routed.SetIdentifier = aws.String("x")
	if got := assignedApexNS([]types.ResourceRecordSet{routed}, "example.com"); got != nil {
		t.Errorf("a set with an identifier was trusted: %v", got)
	}
}

// ListedNameservers against moto: a public zone's servers come from its
// listing (which Records then takes) with no GetHostedZone; a private
// zone, found private by the zone listing, has none, though moto gives its
// apex NS set the same form.
func TestListedNameserversCalls(t *testing.T) {
	e := newEnv(t)
	e.createZone("listed-pub.example")
	e.createPrivate("listed-priv.example", vpcA)
	p := e.provider()
	p.WillUse([]string{"listed-pub.example", "listed-priv.example"})
	e.proxy.ResetCounts()
	ns, err := p.ListedNameservers(ctx(t), "listed-pub.example")
	if err != nil || len(ns) != 4 {
		t.Fatalf("public zone: %v, %v", ns, err)
	}
	if _, err := p.Records(ctx(t), "listed-pub.example"); err != nil {
		t.Fatal(err)
	}
	priv, err := p.ListedNameservers(ctx(t), "listed-priv.example")
	if err != nil || priv != nil {
		t.Errorf("private zone: %v, %v; want no name servers", priv, err)
	}
	if g, l := e.proxy.Calls("GetHostedZone"), e.proxy.Calls("ListResourceRecordSets"); g != 0 || l != 1 {
		t.Errorf("GetHostedZone %d, ListResourceRecordSets %d; want 0 and 1 (the listing read once, for both)", g, l)
	}
	exact, err := p.Nameservers(ctx(t), "listed-pub.example")
	if err != nil || !slices.Equal(exact, ns) {
		t.Errorf("Nameservers %v, %v; the listing said %v", exact, err, ns)
	}
}
