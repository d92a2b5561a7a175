package zonefile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// A record get-zones gave the name of a collection it declares is written
// with R53_CIDR by name; a name without that mark is not a collection ID
// and cannot be written.
func TestJSCIDRByName(t *testing.T) {
	decl := estate.CIDRSetting(&estate.CIDRCollection{Name: "office-nets", Locations: map[string][]string{"hq": {"192.0.2.0/24"}}})
	for _, tc := range []struct {
		name  string
		named bool
		want  string
	}{
		{"declared by the export", true, `	A("www", "192.0.2.1", R53_CIDR("office-nets", "hq", "hq")),`},
		{"a name from elsewhere", false, `//A("www", "192.0.2.1")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &model.Record{Name: "www.example.com", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "hq",
				Meta: map[string]string{"cidr_collection_id": "office-nets", "cidr_location": "hq"}}
			if tc.named {
				r.Meta[estate.CIDRNamedMeta] = "true"
			}
			var b bytes.Buffer
			z := Zone{Ref: "example.com", CredKey: "r53", Records: []*model.Record{r}, Settings: []*model.Setting{decl}}
			if err := Write(&b, "js", z); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if want := `R53_CIDR_COLLECTION("office-nets", {hq: ["192.0.2.0/24"]}),`; !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		})
	}
}
