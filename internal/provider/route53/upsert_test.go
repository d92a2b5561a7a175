package route53

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// Which Change element each kind of plan change becomes, and in what order
// within a request.
func TestPlanActions(t *testing.T) {
	zone := "act.example"
	a := func(label, data string) *model.Record { return rec(t, zone, label, "A", 300, data) }
	al := func(label, target string, meta ...string) *model.Record {
		return rec(t, zone, label, model.AliasType, 0, target, append([]string{MetaAliasType, "A", MetaZoneID, "Z1", MetaEvaluateHealth, "false"}, meta...)...)
	}
	modify := func(old, nw []*model.Record) diff.Change {
		return diff.Change{Kind: diff.Modify, Key: old[0].Key(), Old: old, New: nw}
	}
	recs := func(rs ...*model.Record) []*model.Record { return rs }
	for _, tc := range []struct {
		name    string
		changes []diff.Change
		want    []string
	}{
		{"new set", []diff.Change{{Kind: diff.Create, Key: a("n", "192.0.2.1").Key(), New: recs(a("n", "192.0.2.1"))}},
			[]string{"C n.act.example A"}},
		{"removed set", []diff.Change{{Kind: diff.Delete, Key: a("o", "192.0.2.1").Key(), Old: recs(a("o", "192.0.2.1"))}},
			[]string{"D o.act.example A"}},
		{"changed value", []diff.Change{modify(recs(a("www", "192.0.2.1")), recs(a("www", "192.0.2.2")))},
			[]string{"U www.act.example A"}},
		{"value added to a set", []diff.Change{modify(recs(a("www", "192.0.2.1")), recs(a("www", "192.0.2.1"), a("www", "192.0.2.2")))},
			[]string{"U www.act.example A"}},
		{"weighted set keeps its identifier", []diff.Change{modify(
			recs(weighted(a("w", "192.0.2.1"), "west", 10)), recs(weighted(a("w", "192.0.2.2"), "west", 20)))},
			[]string{"U w.act.example A [west]"}},
		{"routing policy changes kind: delete, then create", []diff.Change{modify(
			recs(weighted(a("w", "192.0.2.1"), "west", 10)), recs(failover(rec(t, zone, "w", "A", 300, "192.0.2.1"), "west", "PRIMARY")))},
			[]string{"D w.act.example A [west]", "C w.act.example A [west]"}},
		{"alias to plain set", []diff.Change{modify(recs(al("x", "www.act.example.")), recs(a("x", "192.0.2.9")))},
			[]string{"U x.act.example A"}},
		{"alias moves to a new target: target first", []diff.Change{
			modify(recs(al("x", "old.act.example.")), recs(al("x", "new.act.example."))),
			{Kind: diff.Create, Key: a("new", "192.0.2.7").Key(), New: recs(a("new", "192.0.2.7"))},
		}, []string{"C new.act.example A", "Ualias x.act.example A"}},
		{"CNAME replaces an A: deletion first", []diff.Change{
			{Kind: diff.Create, Key: rec(t, zone, "c", "CNAME", 300, "t.example.net.").Key(), New: recs(rec(t, zone, "c", "CNAME", 300, "t.example.net."))},
			{Kind: diff.Delete, Key: a("c", "192.0.2.1").Key(), Old: recs(a("c", "192.0.2.1"))},
		}, []string{"D c.act.example A", "C c.act.example CNAME"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs, err := buildBatches(&diff.Plan{Zone: zone, Changes: tc.changes}, zone, "Z1")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range bs {
				got = append(got, opsSummary(b)...)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// An UPSERT counts its new set twice, or the old and the new set when the
// old one is larger: both readings of AWS's documentation fit the limits.
func TestUpsertCost(t *testing.T) {
	zone := "cost.example"
	var old []*model.Record
	for i := range 10 {
		old = append(old, rec(t, zone, "www", "TXT", 300, fmt.Sprintf("old value %d", i)))
	}
	nw := []*model.Record{rec(t, zone, "www", "TXT", 300, "new")}
	for _, tc := range []struct {
		name       string
		old, nw    []*model.Record
		rrs, chars int
	}{
		{"shrinks: old + new", old, nw, 1 + 10, len(`"new"`) + 10*len(`"old value 0"`)},
		{"grows: new twice", nw, old, 2 * 10, 2 * 10 * len(`"old value 0"`)},
	} {
		plan := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Modify, Key: tc.old[0].Key(), Old: tc.old, New: tc.nw}}}
		bs, err := buildBatches(plan, zone, "Z1")
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 1 || len(bs[0].ops) != 1 || bs[0].ops[0].action != "UPSERT" {
			t.Fatalf("%s: %d batches", tc.name, len(bs))
		}
		if bs[0].rrs != tc.rrs || bs[0].chars != tc.chars {
			t.Errorf("%s: counted %d elements and %d characters, want %d and %d", tc.name, bs[0].rrs, bs[0].chars, tc.rrs, tc.chars)
		}
	}
}

// moto 5.2.1 deletes every set of the zone that has the set identifier of
// a DELETE: a weighted A and AAAA sharing "www-west", changed as DELETE +
// CREATE of the AAAA, lost the A. An UPSERT keeps it.
func TestMotoChangeKeepsSetOfSameIdentifier(t *testing.T) {
	e := newEnv(t)
	zone := "shared-id.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	desired := func(v6 string) []*model.Record {
		return []*model.Record{
			weighted(rec(t, zone, "www", "A", 300, "192.0.2.1"), "www-west", 10),
			weighted(rec(t, zone, "www", "A", 300, "192.0.2.2"), "www-east", 20),
			weighted(rec(t, zone, "www", "AAAA", 300, v6), "www-west", 10),
			weighted(rec(t, zone, "www", "AAAA", 300, "2001:db8::2"), "www-east", 20),
		}
	}
	e.push(e.p, zone, desired("2001:db8::1"))
	e.assertConverged(e.provider(), zone, desired("2001:db8::1"))
	e.proxy.ResetCounts()
	plan := e.push(e.p, zone, desired("2001:db8::99"))
	if len(plan.Changes) != 1 {
		t.Fatalf("plan has %d changes, want the AAAA only", len(plan.Changes))
	}
	reqs := changeRequests(t, e.proxy)
	if len(reqs) != 1 || len(reqs[0].Changes) != 1 || reqs[0].Changes[0].Action != "UPSERT" {
		t.Errorf("change sent as %+v", reqs)
	}
	e.assertConverged(e.provider(), zone, desired("2001:db8::99"))
}

// moto 5.2.1 refuses a CREATE identical to any earlier CREATE in the zone's
// journal as "already exists", even though the set was replaced since:
// changing a value back to an earlier one failed as DELETE + CREATE.
func TestMotoChangeBackToEarlierValue(t *testing.T) {
	e := newEnv(t)
	zone := "back.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.1", "192.0.2.2"} {
		desired := []*model.Record{
			rec(t, zone, "www", "A", 300, v),
			rec(t, zone, "zzz", "TXT", 300, "after www in moto's order"),
		}
		e.push(e.p, zone, desired)
		e.assertConverged(e.provider(), zone, desired)
	}
}

// Route 53 checks an alias's target when the alias is written: a push that
// deletes the target of an alias it leaves alone is accepted, one that
// creates or changes an alias to a missing target is not.
func TestPrepareAliasOutlivesTarget(t *testing.T) {
	e := newEnv(t)
	zone := "outlive.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	first := []*model.Record{
		rec(t, zone, "app", "A", 300, "192.0.2.1"),
		alias(t, zone, "www", "A", "app.outlive.example."),
	}
	e.push(e.p, zone, first)

	// The target goes, the alias stays as it is: accepted and pushed.
	kept := []*model.Record{alias(t, zone, "www", "A", "app.outlive.example.")}
	e.push(e.provider(), zone, kept)
	e.assertConverged(e.provider(), zone, kept)

	for _, tc := range []struct {
		name    string
		records []*model.Record
	}{
		{"changed alias", []*model.Record{alias(t, zone, "www", "A", "app.outlive.example.", MetaEvaluateHealth, "true")}},
		{"new alias", []*model.Record{alias(t, zone, "www", "A", "app.outlive.example."), alias(t, zone, "api", "A", "app.outlive.example.")}},
	} {
		err := e.provider().Prepare(ctx(t), zone, tc.records)
		if err == nil || !strings.Contains(err.Error(), "the alias target app.outlive.example. has no A record in this configuration") {
			t.Errorf("%s: err = %v", tc.name, err)
		}
		if tc.name == "new alias" && strings.Contains(err.Error(), "R53_ALIAS www") {
			t.Errorf("%s: the unchanged alias is reported too: %v", tc.name, err)
		}
	}
}

func failover(r *model.Record, setID, kind string) *model.Record {
	r.SetID = setID
	if r.Meta == nil {
		r.Meta = map[string]string{}
	}
	r.Meta[MetaFailover] = kind
	return r
}
