package estate

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

func TestCanonicalCIDR(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"192.0.2.0/24", "192.0.2.0/24", ""},
		{" 10.0.0.0/8 ", "10.0.0.0/8", ""},
		{"0.0.0.0/0", "0.0.0.0/0", ""},
		{"2001:DB8:0::/48", "2001:db8::/48", ""},
		{"::/0", "::/0", ""},
		{"192.0.2.0/25", "", "IPv4 prefixes from /0 to /24"},
		{"2001:db8::/49", "", "IPv6 prefixes from /0 to /48"},
		{"192.0.2.1/24", "", "has host bits set; the block is 192.0.2.0/24"},
		{"::ffff:192.0.2.0/120", "", "must be a plain IPv4 or IPv6 prefix"},
		{"192.0.2.0", "", "lacks its prefix length"},
		{"", "", "must be 1 to 50 characters"},
		{"192.0.2.0/33", "", "is not an IPv4 or IPv6 prefix"},
	} {
		got, err := CanonicalCIDR(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("CanonicalCIDR(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("CanonicalCIDR(%q) error = %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestCIDRCollections(t *testing.T) {
	decl := func(pos string, args ...any) *model.Setting {
		return &model.Setting{Kind: KindCIDRCollection, Args: args, Pos: pos}
	}
	colls, err := CIDRCollections([]*model.Setting{
		decl("a.js:1", "nets", map[string]any{"b": []any{"10.0.0.0/8", "2001:db8::/32"}, "a": "192.0.2.0/24"}),
		decl("a.js:2", "gone", false),
		{Kind: "R53_OTHER", Args: []any{"nets"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := DescribeCIDRLocations(colls["nets"].Locations); got != "a=192.0.2.0/24 b=10.0.0.0/8,2001:db8::/32" {
		t.Errorf("nets = %s", got)
	}
	if !colls["gone"].Absent || len(colls) != 2 {
		t.Errorf("collections = %v", colls)
	}
	_, err = CIDRCollections([]*model.Setting{decl("a.js:1", "nets", false), decl("a.js:5", "nets", false)})
	if err == nil || err.Error() != "a.js:5: R53_CIDR_COLLECTION: CIDR collection nets is declared twice (also at a.js:1)" {
		t.Errorf("twice: %v", err)
	}
	// What get-zones writes reads back as the same collection.
	c := colls["nets"]
	back, err := ParseCIDRCollection(CIDRSetting(c).Args)
	if err != nil || DescribeCIDRLocations(back.Locations) != DescribeCIDRLocations(c.Locations) {
		t.Errorf("CIDRSetting round trip: %v, %v", back, err)
	}
}
