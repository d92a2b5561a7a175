package zonefile

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// An alias into its own hosted zone is exported without R53_ZONE, so the
// export also fits a re-created zone; an alias into another zone keeps it.
func TestJSAliasZoneID(t *testing.T) {
	const zone = "example.com"
	alias := func(label, target, zoneID string, same bool) *model.Record {
		m := map[string]string{"alias_type": "A", "zone_id": zoneID, "evaluate_target_health": "false"}
		if same {
			m[routing.MetaSameZone] = "true"
		}
		return &model.Record{Name: label + "." + zone, Type: model.AliasType, Data: target, Meta: m}
	}
	for _, tc := range []struct {
		name string
		r    *model.Record
		want string
	}{
		{"same zone", alias("www", "app.example.com.", "ZOWN", true), `R53_ALIAS("www", "A", "app.example.com."),`},
		{"other zone of the account", alias("lb", "lb.example.net.", "ZOTHER", false), `R53_ALIAS("lb", "A", "lb.example.net.", R53_ZONE("ZOTHER")),`},
		{"AWS resource", alias("cdn", "d111.cloudfront.net.", "Z2FDTNDATAQYW2", false), `R53_ALIAS("cdn", "A", "d111.cloudfront.net.", R53_ZONE("Z2FDTNDATAQYW2")),`},
	} {
		var b strings.Builder
		if err := Write(&b, "js", Zone{Ref: zone, CredKey: "r53", Records: []*model.Record{tc.r}}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "\t"+tc.want+"\n") {
			t.Errorf("%s: export lacks %s:\n%s", tc.name, tc.want, b.String())
		}
		if strings.Contains(b.String(), routing.MetaSameZone) {
			t.Errorf("%s: export shows the private key:\n%s", tc.name, b.String())
		}
	}
}
