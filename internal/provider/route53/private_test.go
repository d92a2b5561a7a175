package route53

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

const (
	vpcA = "vpc-0a1b2c3d"
	vpcB = "vpc-0123456789abcdef0"
	vpcC = "vpc-0c0c0c0c"
)

// vpcSetting is R53_VPC(id, region[, {account}]) as the DSL makes it.
func vpcSetting(id, region, account string) *model.Setting {
	v := estate.VPC{ID: id, Region: region, Account: account}
	return &model.Setting{Kind: estate.KindVPC, Args: v.Args(), Pos: "dnsconfig.js:1"}
}

// privateDomain is a domain with records and VPCs (id, region pairs).
func privateDomain(t *testing.T, name string, vpcs ...string) *model.Domain {
	d := &model.Domain{Name: zoneName(zoneKey(name)), Records: []*model.Record{rec(t, zoneName(zoneKey(name)), "db", "A", 300, "10.0.0.5")}}
	if _, tag, ok := strings.Cut(name, "!"); ok {
		d.Tag = tag
	}
	for i := 0; i+1 < len(vpcs); i += 2 {
		d.Settings = append(d.Settings, vpcSetting(vpcs[i], vpcs[i+1], ""))
	}
	return d
}

// zoneVPCList reads a zone's VPCs straight from moto, sorted.
func (e *env) zoneVPCList(id string) (bool, []string) {
	e.t.Helper()
	out, err := e.sdk.GetHostedZone(ctx(e.t), &route53.GetHostedZoneInput{Id: aws.String(id)})
	if err != nil {
		e.t.Fatal(err)
	}
	var vs []string
	for _, v := range out.VPCs {
		vs = append(vs, aws.ToString(v.VPCId)+"("+string(v.VPCRegion)+")")
	}
	slices.Sort(vs)
	return out.HostedZone.Config.PrivateZone, vs
}

// createPrivate creates a private zone straight in moto with one VPC.
func (e *env) createPrivate(name, vpc string) string {
	e.t.Helper()
	out, err := e.sdk.CreateHostedZone(ctx(e.t), &route53.CreateHostedZoneInput{
		Name: aws.String(name), CallerReference: aws.String("private-" + name + vpc),
		HostedZoneConfig: &types.HostedZoneConfig{PrivateZone: true},
		VPC:              &types.VPC{VPCId: aws.String(vpc), VPCRegion: types.VPCRegionEuWest1},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return cleanZoneID(aws.ToString(out.HostedZone.Id))
}

// planAll plans d the way preview does, with the configuration's domains
// all (split-horizon views need to know their siblings).
func (e *env) planAll(p *Provider, all []*model.Domain, d *model.Domain) (*diff.Plan, error) {
	e.t.Helper()
	c := ctx(e.t)
	p.UseConfiguration(all, nil)
	var keys []string
	for _, x := range all {
		keys = append(keys, x.UniqueName())
	}
	p.ZoneViews(keys)
	zone := d.UniqueName()
	existing, err := p.Records(c, zone)
	if err != nil && !strings.Contains(err.Error(), "does not exist") {
		return nil, err
	}
	desired := make([]*model.Record, len(d.Records))
	for i, r := range d.Records {
		desired[i] = r.Clone()
	}
	if err := p.Prepare(c, zone, desired); err != nil {
		return nil, err
	}
	for _, r := range existing {
		if r.Type == "SOA" || (r.Type == "NS" && r.Name == d.Name) {
			desired = append(desired, r.Clone())
		}
	}
	plan, err := diff.Compute(d.Name, existing, desired, diff.Options{MetaKeys: MetaKeys, OneTTLPerSet: true})
	if err != nil {
		return nil, err
	}
	plan.Zone = zone
	return plan, p.PlanSettings(c, zone, existing, desired, plan)
}

// Push creates a private zone with its first VPC and associates the
// others before the records; a VPC dropped from the configuration is
// disassociated after them; the round trip ends with an empty plan.
func TestPrivateZoneRoundTrip(t *testing.T) {
	e := newEnv(t)
	d := privateDomain(t, "corp.internal", vpcA, "eu-west-1", vpcB, "us-east-1")
	p := e.p
	p.UseConfiguration([]*model.Domain{d}, nil)

	// Preview of the zone push will create: no delegation, no stand-ins.
	if ns, err := p.Nameservers(ctx(t), "corp.internal"); err != nil || ns != nil {
		t.Errorf("Nameservers of a private zone to create = %v, %v; want none", ns, err)
	}
	if p.AssignsNameservers("corp.internal") {
		t.Error("AssignsNameservers is true for a private zone")
	}
	recs, err := p.NewZoneRecords(ctx(t), "corp.internal")
	if err != nil || len(recs) != 4 || recs[0].Data != "ns-0.awsdns-00.com." {
		t.Errorf("NewZoneRecords = %v, %v; want the four fixed servers of private zones", recs, err)
	}
	plan, _ := e.planDomain(p, d)
	wantLines(t, plan,
		"+ CREATE R53_VPC vpc-0a1b2c3d(eu-west-1): associate [with the private zone push creates]",
		"+ CREATE R53_VPC vpc-0123456789abcdef0(us-east-1): associate",
		"+ CREATE db.corp.internal A 10.0.0.5 ttl=300",
	)

	created, err := p.EnsureZone(ctx(t), "corp.internal")
	if err != nil || !created {
		t.Fatalf("EnsureZone = %v, %v", created, err)
	}
	id := mustZoneID(t, p, "corp.internal")
	if private, vs := e.zoneVPCList(id); !private || !slices.Equal(vs, []string{"vpc-0a1b2c3d(eu-west-1)"}) {
		t.Fatalf("created zone private=%v VPCs %v, want private with its first VPC", private, vs)
	}
	plan = e.pushDomain(p, d)
	wantLines(t, plan,
		"+ CREATE R53_VPC vpc-0123456789abcdef0(us-east-1): associate",
		"+ CREATE db.corp.internal A 10.0.0.5 ttl=300",
	)
	if _, vs := e.zoneVPCList(id); !slices.Equal(vs, []string{"vpc-0123456789abcdef0(us-east-1)", "vpc-0a1b2c3d(eu-west-1)"}) {
		t.Errorf("VPCs after push %v", vs)
	}
	if plan, _ = e.planDomain(p, d); len(plan.Changes) != 0 {
		t.Errorf("plan after push: %q", planLines(plan))
	}

	// Replace the first VPC: associate the new one first, disassociate
	// the old one after the records.
	d.Settings = []*model.Setting{vpcSetting(vpcB, "us-east-1", ""), vpcSetting(vpcC, "eu-west-1", "")}
	d.Records[0] = rec(t, "corp.internal", "db", "A", 300, "10.0.0.6")
	plan = e.pushDomain(p, d)
	wantLines(t, plan,
		"+ CREATE R53_VPC vpc-0c0c0c0c(eu-west-1): associate",
		"± MODIFY db.corp.internal A (10.0.0.5 ttl=300) -> (10.0.0.6 ttl=300)",
		"- DELETE R53_VPC vpc-0a1b2c3d(eu-west-1): disassociate",
	)
	if _, vs := e.zoneVPCList(id); !slices.Equal(vs, []string{"vpc-0123456789abcdef0(us-east-1)", "vpc-0c0c0c0c(eu-west-1)"}) {
		t.Errorf("VPCs after the change %v", vs)
	}
	if plan, _ = e.planDomain(p, d); len(plan.Changes) != 0 {
		t.Errorf("plan after the change: %q", planLines(plan))
	}
}

// A domain without R53_VPC costs no call for VPCs, even on a private zone
// (whose VPCs it leaves alone); a private domain costs one GetHostedZone.
func TestVPCCalls(t *testing.T) {
	e := newEnv(t)
	e.createZone("plain.tld")
	priv := e.createPrivate("legacy.tld", vpcA)
	for _, tc := range []struct {
		name string
		d    *model.Domain
		pin  string
		want int64
	}{
		{"public without VPCs", privateDomain(t, "plain.tld"), "", 0},
		{"private without VPCs", privateDomain(t, "legacy.tld"), priv, 0},
		{"private with VPCs", privateDomain(t, "legacy.tld", vpcA, "eu-west-1"), "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.provider()
			if tc.pin != "" {
				p.UseZoneID(tc.d.UniqueName(), tc.pin)
			}
			plan, existing := e.planDomain(p, tc.d)
			before := p.APICalls()
			plan.Changes = nil
			if err := p.PlanSettings(ctx(t), tc.d.UniqueName(), existing, nil, plan); err != nil {
				t.Fatal(err)
			}
			if n := p.APICalls() - before; n != tc.want {
				t.Errorf("PlanSettings made %d calls, want %d", n, tc.want)
			}
			if len(plan.Changes) != 0 {
				t.Errorf("changes %q", planLines(plan))
			}
			if _, vs := e.zoneVPCList(priv); !slices.Equal(vs, []string{"vpc-0a1b2c3d(eu-west-1)"}) {
				t.Errorf("VPCs of the private zone changed: %v", vs)
			}
		})
	}
	// get-zones: a public zone's VPCs cost no call, a private one's one
	// GetHostedZone (the export of other settings, such as tags, has calls
	// of its own).
	p := e.provider()
	if _, err := p.ListZones(ctx(t)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		zone  string
		calls int64
		want  []string
	}{
		{"plain.tld", 0, nil},
		{"legacy.tld", 1, []string{`R53_VPC "vpc-0a1b2c3d" "eu-west-1"`}},
	} {
		before := int64(e.proxy.Calls("GetHostedZone"))
		ss, err := p.ExportSettings(ctx(t), tc.zone, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range ss {
			got = append(got, fmt.Sprintf("%s %q %q", s.Kind, s.Args[0], s.Args[1]))
		}
		if n := int64(e.proxy.Calls("GetHostedZone")) - before; n != tc.calls || !slices.Equal(got, tc.want) {
			t.Errorf("ExportSettings(%s) = %q in %d calls, want %q in %d", tc.zone, got, n, tc.want, tc.calls)
		}
	}
}

// Split horizon: with a public and a private zone of one name, a domain
// with R53_VPC uses the private one and a domain without the public one,
// without R53_ZONE; the private view missing, push creates it beside the
// public zone. R53_ZONE still wins.
func TestSplitHorizonByVPC(t *testing.T) {
	e := newEnv(t)
	pub := e.createZone("split.tld")
	outside := privateDomain(t, "split.tld")
	inside := privateDomain(t, "split.tld!inside", vpcA, "eu-west-1")
	all := []*model.Domain{outside, inside}

	p := e.provider()
	p.UseConfiguration(all, nil)
	p.ZoneViews([]string{"split.tld", "split.tld!inside"})
	if _, err := p.zoneID(ctx(t), "split.tld!inside"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("the private view before creation: %v, want not found", err)
	}
	plan, err := e.planAll(p, all, inside)
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, plan,
		"+ CREATE R53_VPC vpc-0a1b2c3d(eu-west-1): associate [with the private zone push creates]",
		"+ CREATE db.split.tld A 10.0.0.5 ttl=300",
	)
	if created, err := p.EnsureZone(ctx(t), "split.tld!inside"); err != nil || !created {
		t.Fatalf("EnsureZone = %v, %v", created, err)
	}
	priv := mustZoneID(t, p, "split.tld!inside")
	if priv == pub {
		t.Fatal("the private view found the public zone")
	}
	if got := mustZoneID(t, p, "split.tld"); got != pub {
		t.Errorf("the public view found %s, want %s", got, pub)
	}

	// A new run finds both by kind.
	p = e.provider()
	for _, d := range all {
		plan, err := e.planAll(p, all, d)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Apply(ctx(t), plan); err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range []string{pub, priv} {
		key := all[i].UniqueName()
		if got := mustZoneID(t, p, key); got != id {
			t.Errorf("%s found %s, want %s", key, got, id)
		}
		if plan, err := e.planAll(p, all, all[i]); err != nil || len(plan.Changes) != 0 {
			t.Errorf("replan %s: %v", key, err)
		}
	}
	if private, vs := e.zoneVPCList(priv); !private || len(vs) != 1 {
		t.Errorf("private view: private=%v VPCs %v", private, vs)
	}

	// Two views of one kind left to be found by name: refused.
	p = e.provider()
	twin := privateDomain(t, "split.tld!also", vpcB, "us-east-1")
	if _, err := e.planAll(p, append(slices.Clone(all), twin), twin); err == nil || !strings.Contains(err.Error(), "the configuration also has split.tld!inside") {
		t.Errorf("two private views: %v", err)
	}

	// R53_ZONE wins: the domain without VPCs pinned to the private zone.
	p = e.provider()
	p.UseConfiguration([]*model.Domain{outside}, nil)
	p.UseZoneID("split.tld", priv)
	if got := mustZoneID(t, p, "split.tld"); got != priv {
		t.Errorf("pinned view found %s, want %s", got, priv)
	}
}

// A domain that declares VPCs cannot turn a public zone private: preview
// says so, and push creates nothing.
func TestVPCOnPublicZoneRefused(t *testing.T) {
	e := newEnv(t)
	pub := e.createZone("open.tld")
	d := privateDomain(t, "open.tld", vpcA, "eu-west-1")
	for _, tc := range []struct{ name, pin, want string }{
		{"by name", "", "hosted zone of that name (" + pub + ") is public, and a public zone cannot become private"},
		{"pinned", pub, "its hosted zone " + pub + " is public, and a public zone cannot become private"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.provider()
			p.UseConfiguration([]*model.Domain{d}, nil)
			if tc.pin != "" {
				p.UseZoneID("open.tld", tc.pin)
			}
			_, err := e.planAll(p, []*model.Domain{d}, d)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `D("open.tld!inside", ..., R53_VPC(...))`) {
				t.Errorf("plan error %v, want %q", err, tc.want)
			}
			if _, err := p.EnsureZone(ctx(t), "open.tld"); tc.pin == "" && (err == nil || !strings.Contains(err.Error(), "cannot become private")) {
				t.Errorf("EnsureZone: %v", err)
			}
			if n := e.zoneCount("open.tld"); n != 1 {
				t.Errorf("%d zones of the name", n)
			}
		})
	}
}

func (e *env) zoneCount(name string) int {
	out, err := e.sdk.ListHostedZonesByName(ctx(e.t), &route53.ListHostedZonesByNameInput{DNSName: aws.String(name)})
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, hz := range out.HostedZones {
		if canonicalZone(aws.ToString(hz.Name)) == name {
			n++
		}
	}
	return n
}

// A private zone is created with a VPC of its own account.
func TestPrivateZoneNeedsOwnVPC(t *testing.T) {
	e := newEnv(t)
	d := privateDomain(t, "far.tld")
	d.Settings = []*model.Setting{vpcSetting(vpcA, "eu-west-1", "other")}
	p := e.provider()
	p.UseConfiguration([]*model.Domain{d}, nil)
	p.peer = func(ctx context.Context, name string) (any, error) { return e.provider(), nil }
	_, err := e.planAll(p, []*model.Domain{d}, d)
	if err == nil || !strings.Contains(err.Error(), "declare one without account") {
		t.Errorf("plan: %v", err)
	}
	if _, err := p.EnsureZone(ctx(t), "far.tld"); err == nil || !strings.Contains(err.Error(), "declare one without account") {
		t.Errorf("EnsureZone: %v", err)
	}
	if n := e.zoneCount("far.tld"); n != 0 {
		t.Errorf("%d zones created", n)
	}
}

// authStub answers the VPC association authorization calls, which moto
// 5.2.1 does not serve (it has no CreateVPCAssociationAuthorization nor
// DeleteVPCAssociationAuthorization), with the responses AWS documents
// (the zone ID and VPC; an empty body), and logs them and the association
// calls it passes on to moto.
type authStub struct {
	Route53API
	who string
	mu  *sync.Mutex
	log *[]string
}

func (s authStub) note(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*s.log = append(*s.log, s.who+" "+fmt.Sprintf(format, args...))
}

func (s authStub) CreateVPCAssociationAuthorization(_ context.Context, in *route53.CreateVPCAssociationAuthorizationInput, _ ...func(*route53.Options)) (*route53.CreateVPCAssociationAuthorizationOutput, error) {
	s.note("CreateVPCAssociationAuthorization %s", aws.ToString(in.VPC.VPCId))
	return &route53.CreateVPCAssociationAuthorizationOutput{HostedZoneId: in.HostedZoneId, VPC: in.VPC}, nil
}

func (s authStub) DeleteVPCAssociationAuthorization(_ context.Context, in *route53.DeleteVPCAssociationAuthorizationInput, _ ...func(*route53.Options)) (*route53.DeleteVPCAssociationAuthorizationOutput, error) {
	s.note("DeleteVPCAssociationAuthorization %s", aws.ToString(in.VPC.VPCId))
	return &route53.DeleteVPCAssociationAuthorizationOutput{}, nil
}

func (s authStub) AssociateVPCWithHostedZone(ctx context.Context, in *route53.AssociateVPCWithHostedZoneInput, o ...func(*route53.Options)) (*route53.AssociateVPCWithHostedZoneOutput, error) {
	s.note("AssociateVPCWithHostedZone %s", aws.ToString(in.VPC.VPCId))
	return s.Route53API.AssociateVPCWithHostedZone(ctx, in, o...)
}

func (s authStub) DisassociateVPCFromHostedZone(ctx context.Context, in *route53.DisassociateVPCFromHostedZoneInput, o ...func(*route53.Options)) (*route53.DisassociateVPCFromHostedZoneOutput, error) {
	s.note("DisassociateVPCFromHostedZone %s", aws.ToString(in.VPC.VPCId))
	return s.Route53API.DisassociateVPCFromHostedZone(ctx, in, o...)
}

// A VPC of another account: the zone's account authorizes, the other
// account associates, the zone's account deletes the authorization; the
// zone's account disassociates. moto does not serve the authorization
// calls: authStub answers them (see there); both accounts are moto's one.
func TestCrossAccountVPC(t *testing.T) {
	e := newEnv(t)
	var (
		mu  sync.Mutex
		log []string
	)
	owner := e.provider()
	owner.r53 = authStub{Route53API: owner.r53, who: "owner", mu: &mu, log: &log}
	other := e.provider(func(c *Config) { c.EntryName = "other" })
	other.r53 = authStub{Route53API: other.r53, who: "other", mu: &mu, log: &log}
	var asked []string
	owner.peer = func(_ context.Context, name string) (any, error) {
		asked = append(asked, name)
		if name != "other" {
			return nil, fmt.Errorf("no creds.json entry %q", name)
		}
		return other, nil
	}

	d := privateDomain(t, "shared.tld", vpcA, "eu-west-1")
	d.Settings = append(d.Settings, vpcSetting(vpcB, "us-east-1", "other"))
	plan, _ := e.planDomain(owner, d)
	wantLines(t, plan,
		"+ CREATE R53_VPC vpc-0a1b2c3d(eu-west-1): associate [with the private zone push creates]",
		"+ CREATE R53_VPC vpc-0123456789abcdef0(us-east-1): associate (a VPC of account other: authorized by this account, associated by other)",
		"+ CREATE db.shared.tld A 10.0.0.5 ttl=300",
	)
	if _, err := owner.EnsureZone(ctx(t), "shared.tld"); err != nil {
		t.Fatal(err)
	}
	e.pushDomain(owner, d)
	want := []string{
		"owner CreateVPCAssociationAuthorization " + vpcB,
		"other AssociateVPCWithHostedZone " + vpcB,
		"owner DeleteVPCAssociationAuthorization " + vpcB,
	}
	if !slices.Equal(log, want) {
		t.Errorf("calls %q, want %q", log, want)
	}
	id := mustZoneID(t, owner, "shared.tld")
	if _, vs := e.zoneVPCList(id); len(vs) != 2 {
		t.Errorf("VPCs %v", vs)
	}
	if plan, _ := e.planDomain(owner, d); len(plan.Changes) != 0 {
		t.Errorf("replan %q", planLines(plan))
	}

	// Dropped: the zone's account disassociates it.
	log = nil
	d.Settings = d.Settings[:1]
	e.pushDomain(owner, d)
	if want := []string{"owner DisassociateVPCFromHostedZone " + vpcB}; !slices.Equal(log, want) {
		t.Errorf("calls %q, want %q", log, want)
	}

	// An account that names no ROUTE53 entry is refused at preview.
	d.Settings = append(d.Settings, vpcSetting(vpcC, "eu-west-1", "nobody"))
	p := e.provider()
	p.peer = owner.peer
	p.UseConfiguration([]*model.Domain{d}, nil)
	if _, err := e.planAll(p, []*model.Domain{d}, d); err == nil || !strings.Contains(err.Error(), `R53_VPC account "nobody": no creds.json entry "nobody"`) {
		t.Errorf("unknown account: %v", err)
	}
	p.peer = nil
	if _, err := e.planAll(p, []*model.Domain{d}, d); err == nil || !strings.Contains(err.Error(), "no creds.json to build that entry from") {
		t.Errorf("no peers: %v", err)
	}
}

// ofKind picks the zones of the kind the domain wants among those of its
// name; zoneID then refuses several of one kind.
func TestOfKind(t *testing.T) {
	pub, pub2 := zoneRef{ID: "ZPUB", Name: "x.tld"}, zoneRef{ID: "ZPUB2", Name: "x.tld"}
	priv := zoneRef{ID: "ZPRIV", Name: "x.tld", Private: true}
	p := &Provider{}
	p.UseConfiguration([]*model.Domain{
		privateDomain(t, "x.tld"),
		privateDomain(t, "x.tld!inside", vpcA, "eu-west-1"),
		privateDomain(t, "y.tld", vpcA, "eu-west-1"),
	}, nil)
	ids := func(rs []zoneRef) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.ID)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		name, key  string
		refs       []zoneRef
		looseOther bool
		want, err  string
	}{
		{"public wanted", "x.tld", []zoneRef{priv, pub}, false, "ZPUB", ""},
		{"private wanted", "x.tld!inside", []zoneRef{pub, priv}, false, "ZPRIV", ""},
		{"two public", "x.tld", []zoneRef{pub, pub2, priv}, false, "ZPUB,ZPUB2", ""},
		{"only private, no VPCs: kept", "x.tld", []zoneRef{priv}, false, "ZPRIV", ""},
		{"only private, claimed by a sibling", "x.tld", []zoneRef{priv}, true, "", ""},
		{"private view beside public: created", "x.tld!inside", []zoneRef{pub}, false, "", ""},
		{"public claimed by a sibling", "y.tld", []zoneRef{pub}, true, "", ""},
		{"public cannot become private", "y.tld", []zoneRef{pub}, false, "", "(ZPUB) is public, and a public zone cannot become private"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := p.ofKind(tc.key, tc.refs, tc.looseOther)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || ids(got) != tc.want {
				t.Errorf("ofKind = %s, %v; want %s", ids(got), err, tc.want)
			}
		})
	}
}

// An association or disassociation whose answer is lost may have taken
// effect: the provider looks (GetHostedZone) instead of failing or
// sending it again.
func TestVPCChangeAnswerLost(t *testing.T) {
	e := newEnv(t)
	d := privateDomain(t, "lost.tld", vpcA, "eu-west-1")
	p := e.p
	p.UseConfiguration([]*model.Domain{d}, nil)
	if _, err := p.EnsureZone(ctx(t), "lost.tld"); err != nil {
		t.Fatal(err)
	}
	id := mustZoneID(t, p, "lost.tld")
	// The fault proxy knows these operations by method and path only.
	for _, tc := range []struct {
		op   string
		vpcs []*model.Setting
		want []string
	}{
		{"POST /2013-04-01/hostedzone/" + id + "/associatevpc", []*model.Setting{vpcSetting(vpcA, "eu-west-1", ""), vpcSetting(vpcB, "us-east-1", "")},
			[]string{"vpc-0123456789abcdef0(us-east-1)", "vpc-0a1b2c3d(eu-west-1)"}},
		{"POST /2013-04-01/hostedzone/" + id + "/disassociatevpc", []*model.Setting{vpcSetting(vpcB, "us-east-1", "")},
			[]string{"vpc-0123456789abcdef0(us-east-1)"}},
	} {
		t.Run(path.Base(tc.op), func(t *testing.T) {
			d.Settings = tc.vpcs
			e.proxy.Inject(tc.op, faultproxy.DropAfterForward, 1)
			e.pushDomain(p, d)
			if n, f := e.proxy.Calls(tc.op), e.proxy.Injected(tc.op); n != 1 || f != 1 {
				t.Errorf("%s sent %d times with %d faults, want 1 with 1", tc.op, n, f)
			}
			if _, vs := e.zoneVPCList(id); !slices.Equal(vs, tc.want) {
				t.Errorf("VPCs %v, want %v", vs, tc.want)
			}
		})
	}
}
