package route53

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// Private hosted zones (R53_VPC). A domain that declares at least one VPC
// is a private zone: push creates it private with its first VPC of the
// zone's own account, and associates the others before the record
// changes; VPCs the zone has and the domain no longer declares are
// disassociated after them, so the zone always keeps one. A domain that
// declares no VPC leaves its zone's VPCs alone and costs no call for them.
//
// Split horizon: a domain with R53_VPC is found among the private zones
// of its name, one without among the public ones, so D("x.tld") and
// D("x.tld!inside", R53_VPC(…)) need no R53_ZONE (which still wins).
//
// A VPC of another AWS account (R53_VPC(id, region, {account: "entry"}))
// is associated in three steps: the zone's account authorizes it
// (CreateVPCAssociationAuthorization), the entry's account associates it,
// and the zone's account deletes the authorization, which is needed no
// longer. The zone's account disassociates it.

// privateZoneAPI lists the Route 53 calls of private hosted zones and their VPCs (R53_VPC).
type privateZoneAPI interface {
	AssociateVPCWithHostedZone(context.Context, *route53.AssociateVPCWithHostedZoneInput, ...func(*route53.Options)) (*route53.AssociateVPCWithHostedZoneOutput, error)
	DisassociateVPCFromHostedZone(context.Context, *route53.DisassociateVPCFromHostedZoneInput, ...func(*route53.Options)) (*route53.DisassociateVPCFromHostedZoneOutput, error)
	CreateVPCAssociationAuthorization(context.Context, *route53.CreateVPCAssociationAuthorizationInput, ...func(*route53.Options)) (*route53.CreateVPCAssociationAuthorizationOutput, error)
	DeleteVPCAssociationAuthorization(context.Context, *route53.DeleteVPCAssociationAuthorizationInput, ...func(*route53.Options)) (*route53.DeleteVPCAssociationAuthorizationOutput, error)
}

// privateZoneServers are the name servers Route 53 names in the apex NS
// set of every private hosted zone (which has no delegation).
var privateZoneServers = []string{"ns-0.awsdns-00.com.", "ns-512.awsdns-00.net.", "ns-1024.awsdns-00.org.", "ns-1536.awsdns-00.co.uk."}

// wantsPrivate reports whether the configuration's domain of the zone key
// declares VPCs (a private zone).
func (p *Provider) wantsPrivate(key string) bool {
	d := p.decl.domains[key]
	return d != nil && len(d.SettingsOf(estate.KindVPC)) > 0
}

// declaredVPCs returns the VPCs the domain of key declares; one of the
// provider's own creds.json entry counts as the zone's account.
func (p *Provider) declaredVPCs(key string) ([]estate.VPC, error) {
	d := p.decl.domains[key]
	if d == nil {
		return nil, nil
	}
	vs, err := estate.ParseVPCs(d.SettingsOf(estate.KindVPC))
	if err != nil {
		return nil, err
	}
	for i := range vs {
		if vs[i].Account == p.cfg.EntryName {
			vs[i].Account = ""
		}
	}
	return vs, nil
}

// ofKind narrows refs, the zones of key's name not taken by siblings, to
// those of the kind key's domain wants: private when it declares VPCs,
// else public. looseOther says a sibling of the other kind is left to be
// found by name, and so claims the zones of its kind. When only zones of
// the other kind remain, a domain without VPCs keeps using them (as
// before VPCs could be declared); a private domain named without a view
// tag gets an error rather than a second zone of its name, since its
// public zone cannot become private.
func (p *Provider) ofKind(key string, refs []zoneRef, looseOther bool) ([]zoneRef, error) {
	private := p.wantsPrivate(key)
	var same, other []zoneRef
	for _, r := range refs {
		if r.Private == private {
			same = append(same, r)
		} else {
			other = append(other, r)
		}
	}
	if len(same) > 0 || len(other) == 0 || looseOther {
		return same, nil
	}
	if !private {
		return other, nil
	}
	if strings.Contains(key, "!") {
		return nil, nil // a private view beside the public zone: push creates it
	}
	ids := make([]string, len(other))
	for i, r := range other {
		ids[i] = r.ID
	}
	return nil, fmt.Errorf("zone %s: the domain declares R53_VPC, but the hosted zone of that name (%s) is public, and a public zone cannot become private; remove R53_VPC to manage the public zone, or declare the private zone as a view of its own, D(%q, ..., R53_VPC(...)), which push creates beside the public one", key, strings.Join(ids, ", "), key+"!inside")
}

// creationVPC returns the VPC a zone is created with: for a domain with
// VPCs, its first VPC of the zone's own account (Route 53 creates a
// private zone with one VPC, which must be the creator's).
func (p *Provider) creationVPC(key string) (*types.VPC, bool, error) {
	vs, err := p.declaredVPCs(key)
	if err != nil || len(vs) == 0 {
		return nil, false, err
	}
	v, ok := estate.OwnVPC(vs)
	if !ok {
		return nil, false, fmt.Errorf("zone %s: a private zone is created with a VPC of its own AWS account, and every R53_VPC of the domain names another account; declare one without account", key)
	}
	return apiVPC(v), true, nil
}

func apiVPC(v estate.VPC) *types.VPC {
	return &types.VPC{VPCId: aws.String(v.ID), VPCRegion: types.VPCRegion(v.Region)}
}

// vpcFeature manages the VPC associations of private zones (R53_VPC).
type vpcFeature struct{}

var _ settingsExporter = vpcFeature{}

func (vpcFeature) planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error) {
	if len(z.settings(estate.KindVPC)) == 0 {
		return nil, nil
	}
	want, err := p.declaredVPCs(z.key)
	if err != nil {
		return nil, err
	}
	// Every account named must be a Route 53 entry of the creds file
	// before anything is changed.
	for _, v := range want {
		if v.Account != "" {
			if _, err := p.peerProvider(ctx, v.Account); err != nil {
				return nil, err
			}
		}
	}
	if z.id == "" {
		return planNewPrivateZone(p, z, want)
	}
	private, have, err := p.zoneVPCs(ctx, zoneName(z.key), z.id)
	if err != nil {
		return nil, err
	}
	if !private {
		return nil, fmt.Errorf("the domain declares R53_VPC, but its hosted zone %s is public, and a public zone cannot become private; remove R53_VPC to manage the public zone, or declare the private zone as a view of its own, D(%q, ..., R53_VPC(...)) without R53_ZONE, which push creates beside the public one", z.id, zoneName(z.key)+"!inside")
	}
	var out []diff.Change
	for _, v := range want {
		if !slices.ContainsFunc(have, func(h estate.VPC) bool { return h.Key() == v.Key() }) {
			out = append(out, vpcChange(z.key, diff.Create, v, associateOp{v}, ""))
		}
	}
	for _, h := range have {
		if !slices.ContainsFunc(want, func(v estate.VPC) bool { return v.Key() == h.Key() }) {
			out = append(out, vpcChange(z.key, diff.Delete, h, disassociateOp{h}, ""))
		}
	}
	return out, nil
}

// planNewPrivateZone shows the VPCs of a private zone push will create:
// the first of its own account comes with the zone, the others are
// associated once it exists (push plans again then).
func planNewPrivateZone(p *Provider, z *settingsZone, want []estate.VPC) ([]diff.Change, error) {
	first, ok := estate.OwnVPC(want)
	if !ok {
		_, _, err := p.creationVPC(z.key)
		return nil, err
	}
	var out []diff.Change
	for _, v := range want {
		note := ""
		if v.Key() == first.Key() {
			note = "with the private zone push creates"
		}
		out = append(out, vpcChange(z.key, diff.Create, v, associateOp{v}, note))
	}
	if p.cfg.DelegationSet != "" && z.plan != nil {
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("zone %s is private: push creates it without the delegation set %s (private zones have no delegation)", z.key, p.cfg.DelegationSet))
	}
	return out, nil
}

// vpcChange is the plan line of an association (Create) or a
// disassociation (Delete, made after the record changes).
func vpcChange(key string, kind diff.Kind, v estate.VPC, op settingOp, note string) diff.Change {
	s := &diff.Setting{Note: note, Op: op}
	switch kind {
	case diff.Create:
		s.New = "associate"
		if v.Account != "" {
			s.New = fmt.Sprintf("associate (a VPC of account %s: authorized by this account, associated by %s)", v.Account, v.Account)
		}
	default:
		s.Old, s.After = "disassociate", true
	}
	return diff.Change{Kind: kind, Key: model.Key{Name: key, Type: estate.KindVPC, SetID: v.Label()}, Setting: s}
}

// zoneVPCs reads whether the hosted zone id is private and its VPCs (one
// GetHostedZone call).
func (p *Provider) zoneVPCs(ctx context.Context, zone, id string) (bool, []estate.VPC, error) {
	var out *route53.GetHostedZoneOutput
	err := p.call(ctx, "route53:GetHostedZone", zone, callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
		return err
	})
	if err != nil {
		return false, nil, err
	}
	private := out.HostedZone != nil && out.HostedZone.Config != nil && out.HostedZone.Config.PrivateZone
	var vs []estate.VPC
	for _, v := range out.VPCs {
		vs = append(vs, estate.VPC{ID: aws.ToString(v.VPCId), Region: string(v.VPCRegion)})
	}
	return private, vs, nil
}

// hasVPC reports whether the zone is now associated with v (after an
// ambiguous failure of a call that may have taken effect).
func (p *Provider) hasVPC(ctx context.Context, t zoneTarget, v estate.VPC) (bool, error) {
	_, have, err := p.zoneVPCs(context.WithoutCancel(ctx), t.name, t.id)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(have, func(h estate.VPC) bool { return h.Key() == v.Key() }), nil
}

// settled returns err, unless it is an ambiguous failure after which the
// zone's association with v is as wanted (associated or not).
func (p *Provider) settled(ctx context.Context, t zoneTarget, v estate.VPC, err error, associated bool) error {
	var amb *ambiguousError
	if !errors.As(err, &amb) {
		return err
	}
	if has, herr := p.hasVPC(ctx, t, v); herr == nil && has == associated {
		return nil
	}
	return amb.err
}

// peerProvider returns the Route 53 provider of the creds.json entry name
// (the account of a VPC of another account).
func (p *Provider) peerProvider(ctx context.Context, name string) (*Provider, error) {
	if p.peer == nil {
		return nil, fmt.Errorf("R53_VPC account %q: this run has no creds.json to build that entry from", name)
	}
	v, err := p.peer(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("R53_VPC account %q: %w", name, err)
	}
	pp, ok := v.(*Provider)
	if !ok {
		return nil, fmt.Errorf("R53_VPC account %q: the creds.json entry is not of TYPE %s", name, TypeName)
	}
	return pp, nil
}

// associateOp associates a VPC with the zone.
type associateOp struct{ vpc estate.VPC }

func (o associateOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if o.vpc.Account == "" {
		return p.associate(ctx, p, t, o.vpc)
	}
	peer, err := p.peerProvider(ctx, o.vpc.Account)
	if err != nil {
		return err
	}
	err = p.call(ctx, "route53:CreateVPCAssociationAuthorization", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.r53.CreateVPCAssociationAuthorization(ctx, &route53.CreateVPCAssociationAuthorizationInput{HostedZoneId: aws.String(t.id), VPC: apiVPC(o.vpc)})
		return err
	})
	if err != nil {
		return fmt.Errorf("authorizing account %s to associate it: %w", o.vpc.Account, err)
	}
	err = p.associate(ctx, peer, t, o.vpc)
	// The authorization has served (or failed to): delete it either way.
	derr := p.call(ctx, "route53:DeleteVPCAssociationAuthorization", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.r53.DeleteVPCAssociationAuthorization(ctx, &route53.DeleteVPCAssociationAuthorizationInput{HostedZoneId: aws.String(t.id), VPC: apiVPC(o.vpc)})
		return err
	})
	switch {
	case err != nil && derr != nil:
		return fmt.Errorf("associating it from account %s: %w (and deleting the authorization failed: %v)", o.vpc.Account, err, derr)
	case err != nil:
		return fmt.Errorf("associating it from account %s: %w", o.vpc.Account, err)
	case derr != nil:
		return fmt.Errorf("associated from account %s, but deleting the authorization, no longer needed, failed: %w", o.vpc.Account, derr)
	}
	return nil
}

// associate makes the association with the credentials of by (the zone's
// account, or the VPC's for another account's VPC); after an ambiguous
// failure, the zone's account p looks whether it took effect.
func (p *Provider) associate(ctx context.Context, by *Provider, t zoneTarget, v estate.VPC) error {
	err := by.call(ctx, "route53:AssociateVPCWithHostedZone", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
		_, err := by.r53.AssociateVPCWithHostedZone(ctx, &route53.AssociateVPCWithHostedZoneInput{HostedZoneId: aws.String(t.id), VPC: apiVPC(v)})
		return err
	})
	return p.settled(ctx, t, v, err, true)
}

// disassociateOp disassociates a VPC from the zone (by the zone's account,
// whoever owns the VPC).
type disassociateOp struct{ vpc estate.VPC }

func (o disassociateOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	err := p.call(ctx, "route53:DisassociateVPCFromHostedZone", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
		_, err := p.r53.DisassociateVPCFromHostedZone(ctx, &route53.DisassociateVPCFromHostedZoneInput{HostedZoneId: aws.String(t.id), VPC: apiVPC(o.vpc)})
		return err
	})
	return p.settled(ctx, t, o.vpc, err, false)
}

// exportSettings writes a private zone's VPCs as R53_VPC declarations
// (their accounts are not known: each is written as of the zone's
// account). A public zone costs no call.
func (vpcFeature) exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error) {
	if known, private := p.knownPrivate(z.key, z.id); known && !private {
		return nil, nil
	}
	private, vs, err := p.zoneVPCs(ctx, zoneName(z.key), z.id)
	if err != nil || !private {
		return nil, err
	}
	out := make([]*model.Setting, 0, len(vs))
	for _, v := range vs {
		out = append(out, &model.Setting{Kind: estate.KindVPC, Args: v.Args()})
	}
	return out, nil
}

// knownPrivate reports whether the zone listing the run made knows the
// hosted zone id, and whether it is private.
func (p *Provider) knownPrivate(key, id string) (known, private bool) {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	for _, r := range p.zones.byName[zoneName(key)] {
		if r.ID == id {
			return true, r.Private
		}
	}
	return false, false
}
