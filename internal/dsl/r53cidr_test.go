package dsl

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

const cidrHead = `var REG = NewRegistrar("none");
var R53 = NewDnsProvider("r53");
`

func TestR53CIDRCollection(t *testing.T) {
	src := cidrHead + `R53_CIDR_COLLECTION("office-nets", {hq: ["192.0.2.0/24", "2001:DB8::/48"], branch: "198.51.100.0/24"});
D("example.com", REG, DnsProvider(R53),
  A("www", "192.0.2.1", R53_CIDR("office-nets", "hq", "hq")),
  A("www", "192.0.2.2", R53_CIDR("office-nets", "*", "default")),
  A("old", "192.0.2.3", R53_CIDR("4A1F3C2E-9B7D-4E8A-8C6F-1D2E3F4A5B6C", "x", "id")),
  A("late", "192.0.2.4", R53_CIDR("later", "b", "late")),
  R53_CIDR_COLLECTION("office-nets", {branch: ["198.51.100.0/24"], hq: ["2001:db8::/48", "192.0.2.0/24"]})
);
R53_CIDR_COLLECTION("later", {b: ["10.0.0.0/8"]});
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatalf("valid configuration: %v", err)
	}
	if len(cfg.Settings) != 2 {
		t.Fatalf("account settings = %d, want 2 (the same declaration twice is one)", len(cfg.Settings))
	}
	colls, err := estate.CIDRCollections(cfg.Settings)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"hq": {"192.0.2.0/24", "2001:db8::/48"}, "branch": {"198.51.100.0/24"}}
	if got := colls["office-nets"].Locations; !reflect.DeepEqual(got, want) {
		t.Errorf("office-nets locations = %v, want %v", got, want)
	}
	if cfg.Settings[0].Pos != "dnsconfig.js:3" {
		t.Errorf("Pos = %q", cfg.Settings[0].Pos)
	}
	d := cfg.Domains[0]
	if len(d.Settings) != 0 {
		t.Errorf("the declaration inside D() added domain settings: %v", d.Settings)
	}
	if got := d.Records[0].Meta["cidr_collection_id"]; got != "office-nets" {
		t.Errorf("R53_CIDR by name: cidr_collection_id = %q", got)
	}
	if got := d.Records[2].Meta["cidr_collection_id"]; got != "4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c" {
		t.Errorf("R53_CIDR by ID: cidr_collection_id = %q", got)
	}
}

func TestR53CIDRCollectionErrors(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"bad name", `R53_CIDR_COLLECTION("office nets", {a: ["10.0.0.0/8"]});`,
			`dnsconfig.js:3: R53_CIDR_COLLECTION: collection name "office nets" must be 1 to 64 letters, digits, _ or -`},
		{"long name", `R53_CIDR_COLLECTION("` + strings.Repeat("n", 65) + `", {a: ["10.0.0.0/8"]});`, "must be 1 to 64 letters"},
		{"bad location", `R53_CIDR_COLLECTION("c", {"head office": ["10.0.0.0/8"]});`, `location name "head office" must be 1 to 16 letters`},
		{"star location", `R53_CIDR_COLLECTION("c", {"*": ["10.0.0.0/8"]});`, `location name "*" must be 1 to 16 letters`},
		{"host bits", `R53_CIDR_COLLECTION("c", {a: ["192.0.2.1/24"]});`, `CIDR block "192.0.2.1/24" has host bits set; the block is 192.0.2.0/24`},
		{"too long v4", `R53_CIDR_COLLECTION("c", {a: ["192.0.2.0/25"]});`, "IPv4 prefixes from /0 to /24"},
		{"too long v6", `R53_CIDR_COLLECTION("c", {a: ["2001:db8::/64"]});`, "IPv6 prefixes from /0 to /48"},
		{"no prefix", `R53_CIDR_COLLECTION("c", {a: ["192.0.2.0"]});`, "lacks its prefix length"},
		{"not a prefix", `R53_CIDR_COLLECTION("c", {a: ["example.com/24"]});`, "is not an IPv4 or IPv6 prefix"},
		{"duplicate block", `R53_CIDR_COLLECTION("c", {a: ["10.0.0.0/8", "10.0.0.0/8"]});`, "location a lists 10.0.0.0/8 twice"},
		{"block in two locations", `R53_CIDR_COLLECTION("c", {a: ["10.0.0.0/8"], b: ["10.0.0.0/8"]});`, "10.0.0.0/8 is in locations a and b"},
		{"empty location", `R53_CIDR_COLLECTION("c", {a: []});`, "location a has no CIDR block"},
		{"number block", `R53_CIDR_COLLECTION("c", {a: [10]});`, "block 1 must be a string"},
		{"true", `R53_CIDR_COLLECTION("c", true);`, "true means nothing"},
		{"array", `R53_CIDR_COLLECTION("c", ["10.0.0.0/8"]);`, "locations must be an object"},
		{"args", `R53_CIDR_COLLECTION("c");`, "needs 2 arguments"},
		{"declared twice", "R53_CIDR_COLLECTION(\"c\", {a: [\"10.0.0.0/8\"]});\nR53_CIDR_COLLECTION(\"c\", {a: [\"10.0.0.0/16\"]});",
			"dnsconfig.js:4: R53_CIDR_COLLECTION: CIDR collection c is declared twice, differently (first at dnsconfig.js:3)"},
		{"undeclared name", "D(\"example.com\", REG, DnsProvider(R53),\n  A(\"www\", \"192.0.2.1\", R53_CIDR(\"nets\", \"a\", \"x\")));",
			`dnsconfig.js:4: R53_CIDR: CIDR collection "nets" is neither a collection ID (a UUID) nor declared with R53_CIDR_COLLECTION`},
		{"unknown location", "R53_CIDR_COLLECTION(\"nets\", {a: [\"10.0.0.0/8\"]});\nD(\"example.com\", REG, DnsProvider(R53),\n  A(\"www\", \"192.0.2.1\", R53_CIDR(\"nets\", \"b\", \"x\")));",
			`dnsconfig.js:5: R53_CIDR: CIDR collection nets has no location "b" (its locations: a; "*" is the default location)`},
		{"deleted collection", "R53_CIDR_COLLECTION(\"nets\", false);\nD(\"example.com\", REG, DnsProvider(R53),\n  A(\"www\", \"192.0.2.1\", R53_CIDR(\"nets\", \"*\", \"x\")));",
			"CIDR collection nets is declared false (to be deleted); a record cannot use it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := EvaluateSource("dnsconfig.js", []byte(cidrHead+tc.body), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
