package route53

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// A calculated check whose child is replaced is updated to point at the
// new child; its preview line names the child, whose description is the
// same on both sides, so it says why it changes.
func TestHealthChecksCalculatedChildReplacedSaysWhy(t *testing.T) {
	e := newEnv(t)
	e.createZone("repoint.tld")
	domain := func(interval float64) *model.Domain {
		return &model.Domain{Name: "repoint.tld",
			Settings: []*model.Setting{
				hcSetting("db", map[string]any{"type": "TCP", "ip": "192.0.2.30", "port": float64(5432), "interval": interval}),
				hcSetting("site", map[string]any{"type": "CALCULATED", "children": []any{"db"}}),
			},
			Records: []*model.Record{
				usingCheck(failover(rec(t, "repoint.tld", "www", "A", 300, "192.0.2.1"), "p", "PRIMARY"), "site"),
				failover(rec(t, "repoint.tld", "www", "A", 300, "192.0.2.2"), "s", "SECONDARY"),
			}}
	}
	e.pushDomain(e.p, domain(10))
	plan, _ := e.planDomain(e.provider(), domain(30))
	var got string
	for _, l := range planLines(plan) {
		if strings.HasPrefix(l, "± MODIFY R53_HEALTH_CHECK site:") {
			got = l
		}
	}
	want := "± MODIFY R53_HEALTH_CHECK site: (CALCULATED healthy when 1 of 1 healthy: db) -> (CALCULATED healthy when 1 of 1 healthy: db) [children re-pointed to the new check of db]"
	if got != want {
		t.Errorf("calculated check's line:\n got %q\nwant %q\nplan:\n%v", got, want, planLines(plan))
	}
}
