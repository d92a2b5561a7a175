package diff

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// TestPlanKept checks the plan's account of the existing records each rule
// keeps: one rule per record (external-dns first, then IGNORE, then
// NO_PURGE), in DNS name order, and only records the plan does not change.
func TestPlanKept(t *testing.T) {
	existing := recs(t,
		"www 300 IN A 192.0.2.1",
		"old 300 IN A 192.0.2.9",
		"theirs 300 IN TXT \"x\"",
		"dev.k8s 300 IN A 10.0.0.1",
		"a.k8s 300 IN A 10.0.0.2",
		"app 300 IN A 10.0.0.3",
		"a-app 300 IN TXT \"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/x/app\"",
	)
	desired := recs(t, "www 300 IN A 192.0.2.2")
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"nothing kept", Options{}, ""},
		{"no purge", Options{KeepUnknown: true},
			"NO_PURGE: a-app.example.com TXT, app.example.com A, a.k8s.example.com A, dev.k8s.example.com A, old.example.com A, theirs.example.com TXT"},
		{"ignore and no purge", Options{KeepUnknown: true, Ignores: []model.Ignore{{Label: "*.k8s"}}},
			"NO_PURGE: a-app.example.com TXT, app.example.com A, old.example.com A, theirs.example.com TXT | IGNORE*(): a.k8s.example.com A, dev.k8s.example.com A"},
		{"external dns", Options{ExternalDNS: true, Ignores: []model.Ignore{{Label: "old"}}},
			"IGNORE_EXTERNAL_DNS: a-app.example.com TXT, app.example.com A | IGNORE*(): old.example.com A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compute(zone, existing, desired, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var groups []string
			for _, k := range p.Kept {
				var names []string
				for _, r := range k.Records {
					names = append(names, r.Name+" "+r.Type)
				}
				groups = append(groups, k.Rule+": "+strings.Join(names, ", "))
			}
			if got := strings.Join(groups, " | "); got != tc.want {
				t.Errorf("kept:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}
