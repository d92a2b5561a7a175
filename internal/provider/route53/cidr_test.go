package route53

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// The CIDR collection tests run against moto behind cidrStub, which
// answers the CIDR collection calls moto does not serve (see cidrStub).

// cidrProvider builds a provider (one run) talking to stub.
func (e *env) cidrProvider(stub *cidrStub) *Provider {
	e.t.Helper()
	c := Config{EntryName: "r53_test", KeyId: testKeyID, SecretKey: testSecret, Endpoint: e.proxy.URL(), RateLimit: 1000, RetryTimeout: 20 * time.Second}
	p, err := NewWithClients(c, credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""), stub, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	fastBackoff(p)
	return p
}

func (e *env) newCIDRStub() *cidrStub {
	return newCIDRStub(route53.New(route53.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(e.proxy.URL()),
		Retryer:      aws.NopRetryer{},
	}))
}

func cidrDecl(name string, locs map[string][]string) *model.Setting {
	if locs == nil {
		return &model.Setting{Kind: estate.KindCIDRCollection, Args: []any{name, false}, Pos: "dnsconfig.js:1"}
	}
	return estate.CIDRSetting(&estate.CIDRCollection{Name: name, Locations: locs})
}

func cidrRec(t *testing.T, zone, label, ip, coll, loc, setID string) *model.Record {
	return routed(rec(t, zone, label, "A", 300, ip), setID, MetaCIDRCollection, coll, MetaCIDRLocation, loc)
}

func cidrWantLines(t *testing.T, step string, plan *diff.Plan, want ...string) {
	t.Helper()
	got := planLines(plan)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: plan lines:\n%s\nwant:\n%s", step, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCIDRCollectionRoundTrip(t *testing.T) {
	e := newEnv(t)
	const zone = "cidr.example"
	e.createZone(zone)
	stub := e.newCIDRStub()

	// Each step is one run: plan and push with a new provider, then a new
	// run finds nothing to do.
	step := func(name string, settings []*model.Setting, records []*model.Record, want ...string) {
		t.Helper()
		d := &model.Domain{Name: zone, Records: records}
		p := e.cidrProvider(stub)
		plan := e.planRun(p, settings, d)[0]
		cidrWantLines(t, name, plan, want...)
		if err := p.Apply(ctx(t), plan); err != nil {
			t.Fatalf("%s: Apply: %v", name, err)
		}
		again := e.planRun(e.cidrProvider(stub), settings, d)[0]
		if len(again.Changes) != 0 {
			t.Errorf("%s: after push, plan has %d changes:\n%s", name, len(again.Changes), strings.Join(planLines(again), "\n"))
		}
	}

	// Create the collection and records that use it by name, in one push.
	nets := map[string][]string{"hq": {"192.0.2.0/24", "2001:db8::/48"}, "branch": {"198.51.100.0/24"}}
	step("create", []*model.Setting{cidrDecl("office-nets", nets)}, []*model.Record{
		cidrRec(t, zone, "www", "192.0.2.1", "office-nets", "hq", "hq"),
		cidrRec(t, zone, "www", "192.0.2.2", "office-nets", "*", "default"),
	},
		"+ CREATE R53_CIDR_COLLECTION office-nets: branch=198.51.100.0/24 hq=192.0.2.0/24,2001:db8::/48",
		"+ CREATE www.cidr.example [default] A 192.0.2.2 ttl=300 cidr_collection_id=(new collection office-nets) cidr_location=*",
		"+ CREATE www.cidr.example [hq] A 192.0.2.1 ttl=300 cidr_collection_id=(new collection office-nets) cidr_location=hq",
	)
	if n := stub.calls["CreateCidrCollection"]; n != 1 {
		t.Errorf("CreateCidrCollection calls = %d, want 1", n)
	}
	var id string
	for i, c := range stub.colls {
		id = i
		if c.name != "office-nets" || len(c.blocks) != 3 || c.blocks["198.51.100.0/24"] != "branch" {
			t.Errorf("collection %s: %+v", i, c)
		}
	}
	for k, rc := range stub.routing {
		if aws.ToString(rc.CollectionId) != id {
			t.Errorf("record set %s routes to collection %s, want %s", k, aws.ToString(rc.CollectionId), id)
		}
	}

	// Move a block from a location dropped to another, add a location a
	// new record uses: one change before the records.
	nets = map[string][]string{"hq": {"192.0.2.0/24", "198.51.100.0/24", "2001:db8::/48"}, "lab": {"203.0.113.0/24"}}
	records := []*model.Record{
		cidrRec(t, zone, "www", "192.0.2.1", "office-nets", "hq", "hq"),
		cidrRec(t, zone, "www", "192.0.2.2", "office-nets", "*", "default"),
		cidrRec(t, zone, "www", "192.0.2.3", "office-nets", "lab", "lab"),
	}
	step("move and add", []*model.Setting{cidrDecl("office-nets", nets)}, records,
		"± MODIFY R53_CIDR_COLLECTION office-nets: (branch=198.51.100.0/24 hq=192.0.2.0/24,2001:db8::/48) -> (hq=192.0.2.0/24,198.51.100.0/24,2001:db8::/48 lab=203.0.113.0/24)",
		"+ CREATE www.cidr.example [lab] A 192.0.2.3 ttl=300 cidr_collection_id="+id+" cidr_location=lab",
	)

	// get-zones declares the collection the records use and names it in
	// them.
	p := e.cidrProvider(stub)
	recs, err := p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	exported, err := p.ExportSettings(ctx(t), zone, recs)
	if err != nil {
		t.Fatalf("ExportSettings: %v", err)
	}
	if len(exported) != 1 || !reflect.DeepEqual(exported[0], cidrDecl("office-nets", nets)) {
		t.Errorf("exported settings = %v, want %v", exported[0], cidrDecl("office-nets", nets))
	}
	for _, r := range recs {
		if c := r.Meta[MetaCIDRCollection]; r.Type == "A" && c != "office-nets" {
			t.Errorf("exported record %s [%s] names collection %q", r.Name, r.SetID, c)
		}
	}

	// Remove the location with the record that used it: the location goes
	// after the record (Route 53 refuses to empty a location in use).
	delete(nets, "lab")
	step("remove location", []*model.Setting{cidrDecl("office-nets", nets)}, records[:2],
		"- DELETE www.cidr.example [lab] A 192.0.2.3 ttl=300 cidr_collection_id="+id+" cidr_location=lab",
		"- DELETE R53_CIDR_COLLECTION office-nets locations: lab=203.0.113.0/24 [after the records]",
	)
	if c := stub.colls[id]; c == nil || len(c.blocks) != 3 {
		t.Errorf("collection after removing lab: %+v", c)
	}

	// Declared false, with no record using it any more: deleted after the
	// records, blocks first.
	step("delete", []*model.Setting{cidrDecl("office-nets", nil)}, nil,
		"- DELETE www.cidr.example [default] A 192.0.2.2 ttl=300 cidr_collection_id="+id+" cidr_location=*",
		"- DELETE www.cidr.example [hq] A 192.0.2.1 ttl=300 cidr_collection_id="+id+" cidr_location=hq",
		"- DELETE R53_CIDR_COLLECTION office-nets: hq=192.0.2.0/24,198.51.100.0/24,2001:db8::/48 [after the records]",
	)
	if len(stub.colls) != 0 {
		t.Errorf("collections left: %v", stub.colls)
	}
}

// A collection change shows in the run's first zone only; a zone whose
// records need it makes it first when it is pushed before that zone
// (zones are pushed concurrently), and it is made once.
func TestCIDRCollectionSharedAcrossZones(t *testing.T) {
	e := newEnv(t)
	e.createZone("a.example")
	e.createZone("b.example")
	stub := e.newCIDRStub()
	settings := []*model.Setting{cidrDecl("nets", map[string][]string{"eu": {"10.1.0.0/16"}})}
	a := &model.Domain{Name: "a.example", Records: []*model.Record{rec(t, "a.example", "www", "A", 300, "192.0.2.1")}}
	b := &model.Domain{Name: "b.example", Records: []*model.Record{cidrRec(t, "b.example", "www", "192.0.2.9", "nets", "eu", "eu")}}
	p := e.cidrProvider(stub)
	plans := e.planRun(p, settings, a, b)
	cidrWantLines(t, "zone a", plans[0],
		"+ CREATE R53_CIDR_COLLECTION nets: eu=10.1.0.0/16 [account-wide]",
		"+ CREATE www.a.example A 192.0.2.1 ttl=300")
	cidrWantLines(t, "zone b", plans[1],
		"+ CREATE www.b.example [eu] A 192.0.2.9 ttl=300 cidr_collection_id=(new collection nets) cidr_location=eu")
	if err := p.Apply(ctx(t), plans[1]); err != nil {
		t.Fatalf("Apply b: %v", err)
	}
	if err := p.Apply(ctx(t), plans[0]); err != nil {
		t.Fatalf("Apply a: %v", err)
	}
	if n := stub.calls["CreateCidrCollection"]; n != 1 {
		t.Errorf("CreateCidrCollection calls = %d, want 1", n)
	}
	for _, plan := range e.planRun(e.cidrProvider(stub), settings, a, b) {
		if len(plan.Changes) != 0 {
			t.Errorf("zone %s: after push, %s", plan.Zone, strings.Join(planLines(plan), "\n"))
		}
	}
}

// A configuration that declares no collection and names none costs no
// call: the same plans make as many calls as without the feature.
func TestCIDRNoDeclarationsNoCalls(t *testing.T) {
	e := newEnv(t)
	e.createZone("plain.example")
	stub := e.newCIDRStub()
	d := &model.Domain{Name: "plain.example", Records: []*model.Record{
		rec(t, "plain.example", "www", "A", 300, "192.0.2.1"),
		// By ID: nothing to resolve.
		cidrRec(t, "plain.example", "r", "192.0.2.2", testCollection, "x", "x"),
	}}
	calls := func() int64 {
		p := e.cidrProvider(stub)
		e.planRun(p, nil, d)
		return p.APICalls()
	}
	with := calls()
	saved := features
	features = nil
	without := calls()
	features = saved
	if with != without {
		t.Errorf("planning made %d calls, %d without the CIDR feature", with, without)
	}
	if n := stub.cidrCalls(); n != 0 {
		t.Errorf("%d CIDR collection calls, want 0", n)
	}
	t.Logf("calls per plan: %d", with)
}

func TestCIDRPrepareErrors(t *testing.T) {
	e := newEnv(t)
	const zone = "bad.example"
	e.createZone(zone)
	stub := e.newCIDRStub()
	settings := []*model.Setting{cidrDecl("nets", map[string][]string{"eu": {"10.1.0.0/16"}}), cidrDecl("gone", nil)}
	for _, tc := range []struct {
		name string
		r    *model.Record
		want string
	}{
		{"undeclared", cidrRec(t, zone, "x", "192.0.2.1", "other", "eu", "x"), `CIDR collection ID "other" is not a collection ID (a lower-case UUID) nor the name of a collection declared with R53_CIDR_COLLECTION`},
		{"location", cidrRec(t, zone, "x", "192.0.2.1", "nets", "us", "x"), `CIDR collection nets has no location "us" (its locations: eu)`},
		{"deleted", cidrRec(t, zone, "x", "192.0.2.1", "gone", "*", "x"), "CIDR collection gone, which is declared false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.cidrProvider(stub)
			p.UseConfiguration([]*model.Domain{{Name: zone}}, settings)
			tc.r.Pos = "dnsconfig.js:7"
			err := p.Prepare(ctx(t), zone, []*model.Record{tc.r})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "dnsconfig.js:7") {
				t.Errorf("Prepare error = %v, want %q with the record's position", err, tc.want)
			}
		})
	}
}

// A collection changed by someone else between plan and push is not
// overwritten (CollectionVersion).
func TestCIDRVersionMismatch(t *testing.T) {
	e := newEnv(t)
	e.createZone("v.example")
	stub := e.newCIDRStub()
	d := &model.Domain{Name: "v.example"}
	p := e.cidrProvider(stub)
	plan := e.planRun(p, []*model.Setting{cidrDecl("nets", map[string][]string{"eu": {"10.1.0.0/16"}})}, d)[0]
	if err := p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	p = e.cidrProvider(stub)
	plan = e.planRun(p, []*model.Setting{cidrDecl("nets", map[string][]string{"eu": {"10.2.0.0/16"}})}, d)[0]
	for _, c := range stub.colls {
		c.version++ // someone else's change
	}
	err := p.Apply(ctx(t), plan)
	if err == nil || !strings.Contains(err.Error(), "changed by someone else since it was read") {
		t.Errorf("Apply error = %v, want a version mismatch", err)
	}
}

func TestChunkCIDRChanges(t *testing.T) {
	blocks := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "b"
		}
		return out
	}
	for _, tc := range []struct {
		sizes []int // blocks per change
		max   int
		want  []int // blocks per request
	}{
		{[]int{3}, 1000, []int{3}},
		{[]int{600, 600}, 1000, []int{1000, 200}},
		{[]int{1000}, 1000, []int{1000}},
		{[]int{2, 2, 2}, 3, []int{3, 3}},
		{nil, 1000, nil},
	} {
		var changes []types.CidrCollectionChange
		for i, n := range tc.sizes {
			changes = append(changes, types.CidrCollectionChange{Action: types.CidrCollectionChangeActionPut, LocationName: aws.String(fmt.Sprint(i)), CidrList: blocks(n)})
		}
		var got []int
		for _, req := range chunkCIDRChanges(changes, tc.max) {
			n := 0
			for _, c := range req {
				n += len(c.CidrList)
			}
			got = append(got, n)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("sizes %v max %d: requests %v, want %v", tc.sizes, tc.max, got, tc.want)
		}
	}
}

// Zones pushed concurrently that both need a new collection create it once.
func TestCIDRCollectionConcurrentZones(t *testing.T) {
	e := newEnv(t)
	zones := []string{"c1.example", "c2.example", "c3.example"}
	var ds []*model.Domain
	for i, z := range zones {
		e.createZone(z)
		ds = append(ds, &model.Domain{Name: z, Records: []*model.Record{cidrRec(t, z, "www", fmt.Sprintf("192.0.2.%d", i+1), "nets", "eu", "eu")}})
	}
	stub := e.newCIDRStub()
	settings := []*model.Setting{cidrDecl("nets", map[string][]string{"eu": {"10.1.0.0/16"}})}
	p := e.cidrProvider(stub)
	plans := e.planRun(p, settings, ds...)
	errs := make(chan error, len(plans))
	for _, plan := range plans {
		go func() { errs <- p.Apply(ctx(t), plan) }()
	}
	for range plans {
		if err := <-errs; err != nil {
			t.Errorf("Apply: %v", err)
		}
	}
	if n := stub.calls["CreateCidrCollection"]; n != 1 {
		t.Errorf("CreateCidrCollection calls = %d, want 1", n)
	}
	for _, plan := range e.planRun(e.cidrProvider(stub), settings, ds...) {
		if len(plan.Changes) != 0 {
			t.Errorf("zone %s: after push, %s", plan.Zone, strings.Join(planLines(plan), "\n"))
		}
	}
}
