package route53

import (
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/conformance"
)

// The provider suite shared by every DNS provider, against moto through
// the real SDK, followed by Route 53-only steps (aliases, weighted sets).
func TestConformance(t *testing.T) {
	e := newEnv(t)
	zone := "example.com"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	steps := conformance.Steps()
	// Cleanup last, after the Route 53 steps.
	cleanup := steps[len(steps)-1]
	steps = steps[:len(steps)-1]
	r53 := func(z string) []*model.Record {
		return []*model.Record{
			{Name: z, Type: model.AliasType, Data: "www." + z + ".", Meta: map[string]string{MetaAliasType: "A"}},
			{Name: "www." + z, Type: "A", TTL: 300, Data: "192.0.2.2"},
			{Name: "lb." + z, Type: "A", TTL: 60, Data: "192.0.2.10", SetID: "lb-a", Meta: map[string]string{MetaWeight: "70"}},
			{Name: "lb." + z, Type: "A", TTL: 60, Data: "192.0.2.11", SetID: "lb-b", Meta: map[string]string{MetaWeight: "30"}},
			{Name: "wc." + z, Type: "CNAME", TTL: 60, Data: "blue.example.net.", SetID: "wc-blue", Meta: map[string]string{MetaWeight: "1"}},
		}
	}
	steps = append(steps,
		conformance.Step{Name: "R53 aliases and weights", Zone: "", Records: r53, Expect: -1},
		conformance.Step{Name: "R53 weights change", Zone: "", Records: func(z string) []*model.Record {
			rs := r53(z)
			rs[2].Meta[MetaWeight] = "10"
			rs[4].Data = "green.example.net."
			rs[0].Meta[MetaEvaluateHealth] = "true"
			return rs
		}, Expect: -1},
		cleanup,
	)
	conformance.Run(t, e.p, zone, steps)
}
