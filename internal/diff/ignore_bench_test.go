package diff

import (
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// BenchmarkIgnore50k diffs a 50,000-record zone against an empty
// configuration under five IGNORE rules (label, type and target
// patterns), so every record is matched against every rule.
func BenchmarkIgnore50k(b *testing.B) {
	existing := genZone(50000)
	opts := Options{Ignores: []model.Ignore{
		{Label: "*.k8s"}, {Label: "_acme-challenge.**", Types: "TXT"},
		{Label: "{bar,[fz]oo}", Types: "A,AAAA"}, {Target: "10.200.*"},
		{Label: "h1*", Types: "A", Target: "10.0.*"},
	}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(zone, existing, nil, opts); err != nil {
			b.Fatal(err)
		}
	}
}
