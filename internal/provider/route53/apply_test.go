package route53

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

// changeRequest is the body of a ChangeResourceRecordSets request.
type changeRequest struct {
	Changes []struct {
		Action string `xml:"Action"`
		Set    struct {
			Name   string   `xml:"Name"`
			Type   string   `xml:"Type"`
			SetID  string   `xml:"SetIdentifier"`
			Values []string `xml:"ResourceRecords>ResourceRecord>Value"`
			Alias  *struct {
				DNSName string `xml:"DNSName"`
			} `xml:"AliasTarget"`
		} `xml:"ResourceRecordSet"`
	} `xml:"ChangeBatch>Changes>Change"`
}

func changeRequests(t *testing.T, p *faultproxy.Proxy) []changeRequest {
	t.Helper()
	var out []changeRequest
	for _, r := range p.Requests("ChangeResourceRecordSets") {
		var cr changeRequest
		if err := xml.Unmarshal(r.Body, &cr); err != nil {
			t.Fatalf("request body: %v", err)
		}
		out = append(out, cr)
	}
	return out
}

// limits counts a request as Route 53's quota page does: an UPSERT's
// ResourceRecord elements and Value characters count twice.
func (cr changeRequest) limits() (records, chars int) {
	for _, c := range cr.Changes {
		n := 1
		if c.Action == "UPSERT" {
			n = 2
		}
		records += n * len(c.Set.Values)
		for _, v := range c.Set.Values {
			chars += n * len(v)
		}
	}
	return
}

func checkLimits(t *testing.T, reqs []changeRequest) {
	t.Helper()
	for i, r := range reqs {
		n, c := r.limits()
		if n > maxBatchRecords || c > maxBatchChars {
			t.Errorf("request %d counts %d ResourceRecord elements and %d characters of values; limits are %d and %d", i+1, n, c, maxBatchRecords, maxBatchChars)
		}
	}
}

func TestBatchingOverRecordLimit(t *testing.T) {
	e := newEnv(t)
	zone := "many.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	var desired []*model.Record
	for i := 0; i < 1200; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("n%04d", i), "A", 300, fmt.Sprintf("10.1.%d.%d", i/256, i%256)))
	}
	// 400 names with two values each: 800 more ResourceRecord elements.
	for i := 0; i < 400; i++ {
		desired = append(desired,
			rec(t, zone, fmt.Sprintf("m%04d", i), "AAAA", 300, fmt.Sprintf("2001:db8::%x", 2*i+1)),
			rec(t, zone, fmt.Sprintf("m%04d", i), "AAAA", 300, fmt.Sprintf("2001:db8::%x", 2*i+2)))
	}
	existing, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	plan := planFor(zone, existing, desired)
	want := e.p.Batches(plan)
	if want != 2 {
		t.Errorf("Batches = %d, want 2 (2,000 ResourceRecord elements)", want)
	}
	// Each batch that took effect is traced, in order.
	var traced []provider.Batch
	trace := provider.WithBatchTrace(ctx(t), func(b provider.Batch) { traced = append(traced, b) })
	if err := e.p.Apply(trace, plan); err != nil {
		t.Fatal(err)
	}
	if got := e.proxy.Calls("ChangeResourceRecordSets"); got != want {
		t.Errorf("Apply sent %d requests, Batches said %d", got, want)
	}
	if len(traced) != want || traced[0].N != 1 || traced[want-1].N != want || traced[0].Of != want ||
		traced[0].Changes+traced[want-1].Changes != len(plan.Changes) {
		t.Errorf("traced batches %+v for %d changes in %d batches", traced, len(plan.Changes), want)
	}
	checkLimits(t, changeRequests(t, e.proxy))
	e.assertConverged(e.provider(), zone, desired)

	// Modify every record: one UPSERT per set, counting twice against the
	// limits, so 4,000 elements in all.
	for _, r := range desired {
		r.TTL = 600
	}
	e.proxy.ResetCounts()
	existing, _ = e.p.Records(ctx(t), zone)
	plan = planFor(zone, existing, desired)
	n := e.p.Batches(plan)
	if n != 4 {
		t.Errorf("Batches for 1,600 modifications = %d, want 4 (4,000 elements)", n)
	}
	if err := e.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	reqs := changeRequests(t, e.proxy)
	if len(reqs) != n {
		t.Errorf("Apply sent %d requests, Batches said %d", len(reqs), n)
	}
	checkLimits(t, reqs)
	for i, r := range reqs {
		actions := map[string]string{}
		for _, c := range r.Changes {
			actions[c.Set.Name+c.Set.Type] += c.Action[:1]
		}
		for k, a := range actions {
			if a != "U" {
				t.Errorf("request %d: %s has actions %q, want one UPSERT", i+1, k, a)
			}
		}
	}
	e.assertConverged(e.provider(), zone, desired)
}

func TestBatchingOverCharacterLimit(t *testing.T) {
	e := newEnv(t)
	zone := "chars.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	var desired []*model.Record
	for i := 0; i < 45; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("t%02d", i), "TXT", 300, strings.Repeat(string(rune('a'+i%26)), 1000)))
	}
	existing, _ := e.p.Records(ctx(t), zone)
	plan := planFor(zone, existing, desired)
	n := e.p.Batches(plan)
	if n != 2 {
		t.Errorf("Batches = %d, want 2 (about 45,500 characters)", n)
	}
	if err := e.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	reqs := changeRequests(t, e.proxy)
	if len(reqs) != n {
		t.Errorf("Apply sent %d requests, Batches said %d", len(reqs), n)
	}
	checkLimits(t, reqs)
	e.assertConverged(e.provider(), zone, desired)
}

func TestBatchesEmptyPlan(t *testing.T) {
	p := &Provider{}
	if n := p.Batches(&diff.Plan{Zone: "x.example"}); n != 0 {
		t.Errorf("Batches of an empty plan = %d", n)
	}
	if n := p.Batches(nil); n != 0 {
		t.Errorf("Batches(nil) = %d", n)
	}
}

func TestSetTooBigForOneRequest(t *testing.T) {
	zone := "big.example"
	var recs []*model.Record
	for i := 0; i < 40; i++ {
		recs = append(recs, rec(t, zone, "@", "TXT", 300, fmt.Sprintf("%02d", i)+strings.Repeat("x", 998)))
	}
	plan := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Create, Key: recs[0].Key(), New: recs}}}
	if _, err := buildBatches(plan, zone, "Z1"); err == nil || !strings.Contains(err.Error(), "more than one Route 53 request can carry") {
		t.Errorf("err = %v", err)
	}
}

// A name whose old and new sets together exceed one request is split with
// the deletion first.
func TestOversizedModifySplitsDeleteFirst(t *testing.T) {
	zone := "split.example"
	var old, nw []*model.Record
	for i := 0; i < 20; i++ {
		o := rec(t, zone, "@", "TXT", 300, fmt.Sprintf("old%02d", i)+strings.Repeat("o", 995))
		o.Meta = map[string]string{metaOrder: fmt.Sprint(i)}
		old = append(old, o)
		nw = append(nw, rec(t, zone, "@", "TXT", 300, fmt.Sprintf("new%02d", i)+strings.Repeat("n", 995)))
	}
	plan := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Modify, Key: old[0].Key(), Old: old, New: nw}}}
	bs, err := buildBatches(plan, zone, "Z1")
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].ops[0].action != "DELETE" || bs[1].ops[0].action != "CREATE" {
		t.Fatalf("batches: %d, first %v", len(bs), bs[0].ops[0].action)
	}
}

func opsSummary(b batch) []string {
	var out []string
	for _, o := range b.ops {
		kind := string(o.action)[:1]
		if o.set.AliasTarget != nil {
			kind += "alias"
		}
		out = append(out, kind+" "+o.id.String())
	}
	return out
}

// Within a request, Route 53 checks changes in order: deletions that free
// a name come first, alias targets are created before the aliases, and an
// alias is deleted before its target.
func TestOrderWithinBatch(t *testing.T) {
	zone := "order.example"
	alias := func(label, typ, target string) *model.Record {
		return rec(t, zone, label, model.AliasType, 0, target, MetaAliasType, typ, MetaZoneID, "Z1", MetaEvaluateHealth, "false")
	}
	a := alias("a", "A", "b.order.example.")
	b := alias("b", "A", "c.order.example.")
	c := rec(t, zone, "c", "A", 300, "192.0.2.3")
	oldCNAME := rec(t, zone, "www", "CNAME", 300, "elsewhere.example.net.")
	newA := rec(t, zone, "www", "A", 300, "192.0.2.80")
	oldAlias := alias("gone", "A", "target.order.example.")
	oldTarget := rec(t, zone, "target", "A", 300, "192.0.2.9")
	plan := &diff.Plan{Zone: zone, Changes: []diff.Change{
		{Kind: diff.Delete, Key: oldAlias.Key(), Old: []*model.Record{oldAlias}},
		{Kind: diff.Delete, Key: oldCNAME.Key(), Old: []*model.Record{oldCNAME}},
		{Kind: diff.Delete, Key: oldTarget.Key(), Old: []*model.Record{oldTarget}},
		{Kind: diff.Create, Key: a.Key(), New: []*model.Record{a}},
		{Kind: diff.Create, Key: b.Key(), New: []*model.Record{b}},
		{Kind: diff.Create, Key: c.Key(), New: []*model.Record{c}},
		{Kind: diff.Create, Key: newA.Key(), New: []*model.Record{newA}},
	}}
	bs, err := buildBatches(plan, zone, "Z1")
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 {
		t.Fatalf("%d batches", len(bs))
	}
	got := strings.Join(opsSummary(bs[0]), "\n")
	// Independent changes (www) follow the packing order; the constraints
	// are: deletions first, an alias deleted before its target, targets
	// created before their aliases.
	want := strings.Join([]string{
		"Dalias gone.order.example A",
		"D target.order.example A",
		"D www.order.example CNAME",
		"C c.order.example A",
		"C www.order.example A",
		"Calias b.order.example A",
		"Calias a.order.example A",
	}, "\n")
	if got != want {
		t.Errorf("order:\n%s\nwant:\n%s", got, want)
	}
}

// Across requests, an alias target is created in an earlier request than
// the alias.
func TestOrderAcrossBatches(t *testing.T) {
	zone := "across.example"
	var changes []diff.Change
	// 999 plain records come first in plan order; the alias "aaa" sorts
	// before its target "zzz", which would land in the second request
	// without ordering.
	al := rec(t, zone, "aaa", model.AliasType, 0, "zzz.across.example.", MetaAliasType, "A", MetaZoneID, "Z1", MetaEvaluateHealth, "false")
	changes = append(changes, diff.Change{Kind: diff.Create, Key: al.Key(), New: []*model.Record{al}})
	for i := 0; i < 999; i++ {
		r := rec(t, zone, fmt.Sprintf("h%03d", i), "A", 300, "192.0.2.1")
		changes = append(changes, diff.Change{Kind: diff.Create, Key: r.Key(), New: []*model.Record{r}})
	}
	tgt := rec(t, zone, "zzz", "A", 300, "192.0.2.2")
	changes = append(changes, diff.Change{Kind: diff.Create, Key: tgt.Key(), New: []*model.Record{tgt}})
	bs, err := buildBatches(&diff.Plan{Zone: zone, Changes: changes}, zone, "Z1")
	if err != nil {
		t.Fatal(err)
	}
	batchOf := map[string]int{}
	for i, b := range bs {
		for _, o := range b.ops {
			batchOf[o.id.name] = i
		}
	}
	if batchOf["zzz.across.example"] > batchOf["aaa.across.example"] {
		t.Errorf("target in batch %d, alias in batch %d", batchOf["zzz.across.example"], batchOf["aaa.across.example"])
	}
}

// A batch that fails stops the zone; the error says what was applied, and
// a second push converges.
func TestFailedBatchReportsAndRerunConverges(t *testing.T) {
	e := newEnv(t)
	zone := "fail.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	var desired []*model.Record
	for i := 0; i < 2500; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("r%04d", i), "A", 300, "192.0.2.1"))
	}
	existing, _ := e.p.Records(ctx(t), zone)
	plan := planFor(zone, existing, desired)
	if n := e.p.Batches(plan); n != 3 {
		t.Fatalf("Batches = %d, want 3", n)
	}
	e.proxy.InjectFault(faultproxy.Fault{Op: "ChangeResourceRecordSets", Kind: faultproxy.InvalidChangeBatch, Times: 1, After: 1, Message: "Tried to create resource record set [name='r1500.fail.example.', type='A'] but it already exists"})
	err := e.p.Apply(ctx(t), plan)
	var ae *ApplyError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want *ApplyError", err)
	}
	if ae.Batch != 2 || ae.Batches != 3 || len(ae.Applied) != 1000 || len(ae.NotApplied) != 1500 {
		t.Errorf("ApplyError batch %d/%d applied %d not applied %d", ae.Batch, ae.Batches, len(ae.Applied), len(ae.NotApplied))
	}
	msg := err.Error()
	for _, want := range []string{"route53: zone fail.example: change batch 2 of 3 failed", "InvalidChangeBatch", "already exists", "applied by earlier batches (1000)", "not applied (1500)", "and 980 more", "Run push again", "request ID faultproxy-"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if got := e.proxy.Calls("ChangeResourceRecordSets"); got != 2 {
		t.Errorf("requests after the failure: %d calls, want 2 (no third batch)", got)
	}
	// Rerun.
	e.push(e.provider(), zone, desired)
	e.assertConverged(e.provider(), zone, desired)
}

// The zone's own NS set cannot be deleted on Route 53, not even to be
// created again in the same request: it is replaced with UPSERT.
func TestApexNSIsUpserted(t *testing.T) {
	e := newEnv(t)
	zone := "apex.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	existing, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	var old []*model.Record
	for _, r := range existing {
		if r.Type == "NS" && r.Name == zone {
			old = append(old, r)
		}
	}
	if len(old) == 0 {
		t.Fatal("no apex NS")
	}
	var nw []*model.Record
	for _, r := range old {
		c := r.Clone()
		c.TTL = 3600
		delete(c.Meta, metaOrder)
		nw = append(nw, c)
	}
	plan := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Modify, Key: old[0].Key(), Old: old, New: nw}}}
	if err := e.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	reqs := changeRequests(t, e.proxy)
	last := reqs[len(reqs)-1]
	if len(last.Changes) != 1 || last.Changes[0].Action != "UPSERT" {
		t.Errorf("apex NS change sent as %+v", last.Changes)
	}
	after, _ := e.p.Records(ctx(t), zone)
	for _, r := range after {
		if r.Type == "NS" && r.Name == zone && r.TTL != 3600 {
			t.Errorf("apex NS TTL = %d", r.TTL)
		}
	}
	del := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Delete, Key: old[0].Key(), Old: old}}}
	if err := e.p.Apply(ctx(t), del); err == nil || !strings.Contains(err.Error(), "does not allow deleting a zone's own NS") {
		t.Errorf("deleting the apex NS: %v", err)
	}
}

// Long TXT values and short addresses share requests, so a big first push
// needs the fewest requests the limits allow, not one per run of TXT.
func TestBatchesFillBothLimits(t *testing.T) {
	zone := "pack.example"
	var changes []diff.Change
	txt := strings.Repeat("v=spf1 include:_spf.example.net ~all ", 3) // ~110 characters
	for i := 0; i < 6000; i++ {
		var r *model.Record
		if i%7 == 0 {
			r = rec(t, zone, fmt.Sprintf("t%05d", i), "TXT", 300, txt)
		} else {
			r = rec(t, zone, fmt.Sprintf("h%05d", i), "A", 300, fmt.Sprintf("10.0.%d.%d", i/250, i%250))
		}
		changes = append(changes, diff.Change{Kind: diff.Create, Key: r.Key(), New: []*model.Record{r}})
	}
	plan := &diff.Plan{Zone: zone, Changes: changes}
	bs, err := buildBatches(plan, zone, "Z1")
	if err != nil {
		t.Fatal(err)
	}
	values, chars := 0, 0
	for _, b := range bs {
		values += b.rrs
		chars += b.chars
		if b.rrs > maxBatchRecords || b.chars > maxBatchChars {
			t.Fatalf("batch over the limits: %d values, %d characters", b.rrs, b.chars)
		}
	}
	lower := max((values+maxBatchRecords-1)/maxBatchRecords, (chars+maxBatchChars-1)/maxBatchChars)
	if len(bs) > lower {
		t.Errorf("%d batches for %d values and %d characters; the limits allow %d", len(bs), values, chars, lower)
	}
}
