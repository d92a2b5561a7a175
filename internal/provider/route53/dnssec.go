package route53

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	dtypes "github.com/aws/aws-sdk-go-v2/service/route53domains/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// DNSSEC signing as code (R53_DNSSEC). A domain that declares it gets one
// GetDNSSEC per plan (an INFO line shows the status, the key-signing keys
// and their DS records); a domain that does not declares nothing and costs
// no call. Turning signing on creates (or activates) the named KSK and
// enables signing before the record changes, then publishes the DS record
// through Route 53 Domains when asked (registrar: true) after them.
// Turning it off goes the safe way round, over two pushes at least: first
// the DS leaves the parent; signing is disabled (and the KSKs deactivated
// and deleted) only by a later push, once no resolver can still hold the
// DS (estate.ParentDSTTL).

// dnssecAPI lists the Route 53 calls of DNSSEC signing (R53_DNSSEC).
type dnssecAPI interface {
	GetDNSSEC(context.Context, *route53.GetDNSSECInput, ...func(*route53.Options)) (*route53.GetDNSSECOutput, error)
	CreateKeySigningKey(context.Context, *route53.CreateKeySigningKeyInput, ...func(*route53.Options)) (*route53.CreateKeySigningKeyOutput, error)
	ActivateKeySigningKey(context.Context, *route53.ActivateKeySigningKeyInput, ...func(*route53.Options)) (*route53.ActivateKeySigningKeyOutput, error)
	DeactivateKeySigningKey(context.Context, *route53.DeactivateKeySigningKeyInput, ...func(*route53.Options)) (*route53.DeactivateKeySigningKeyOutput, error)
	DeleteKeySigningKey(context.Context, *route53.DeleteKeySigningKeyInput, ...func(*route53.Options)) (*route53.DeleteKeySigningKeyOutput, error)
	EnableHostedZoneDNSSEC(context.Context, *route53.EnableHostedZoneDNSSECInput, ...func(*route53.Options)) (*route53.EnableHostedZoneDNSSECOutput, error)
	DisableHostedZoneDNSSEC(context.Context, *route53.DisableHostedZoneDNSSECInput, ...func(*route53.Options)) (*route53.DisableHostedZoneDNSSECOutput, error)
}

// dnssecDomainsAPI lists the Route 53 Domains calls that publish DS records
// at the registry (besides GetDomainDetail, which reads them).
type dnssecDomainsAPI interface {
	AssociateDelegationSignerToDomain(context.Context, *route53domains.AssociateDelegationSignerToDomainInput, ...func(*route53domains.Options)) (*route53domains.AssociateDelegationSignerToDomainOutput, error)
	DisassociateDelegationSignerFromDomain(context.Context, *route53domains.DisassociateDelegationSignerFromDomainInput, ...func(*route53domains.Options)) (*route53domains.DisassociateDelegationSignerFromDomainOutput, error)
	ListOperations(context.Context, *route53domains.ListOperationsInput, ...func(*route53domains.Options)) (*route53domains.ListOperationsOutput, error)
}

// DNSSEC signing and KSK statuses (GetDNSSEC).
const (
	signing       = "SIGNING"
	notSigning    = "NOT_SIGNING"
	deleting      = "DELETING"
	actionNeeded  = "ACTION_NEEDED"
	internalFault = "INTERNAL_FAILURE"
	kskActive     = "ACTIVE"
	kskInactive   = "INACTIVE"
)

// dnssecNow is the clock of the DS-removal wait (tests move it).
var dnssecNow = time.Now

type dnssecFeature struct{}

// dnssecState is a zone's signing as GetDNSSEC reads it.
type dnssecState struct {
	status, message string
	ksks            []types.KeySigningKey
}

func (s *dnssecState) ksk(name string) *types.KeySigningKey {
	for i := range s.ksks {
		if aws.ToString(s.ksks[i].Name) == name {
			return &s.ksks[i]
		}
	}
	return nil
}

// signingLine describes the zone's signing in one line (the Old side of a
// change).
func (s *dnssecState) signingLine() string {
	var names []string
	for _, k := range s.ksks {
		names = append(names, aws.ToString(k.Name)+" "+aws.ToString(k.Status))
	}
	if len(names) == 0 {
		return strings.ToLower(s.status)
	}
	return strings.ToLower(s.status) + " with KSK " + strings.Join(names, ", ")
}

func (dnssecFeature) planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error) {
	ss := z.settings(estate.KindDNSSEC)
	if len(ss) == 0 {
		if z.domain != nil && z.domain.Meta["autodnssec"] == "on" {
			z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("AUTODNSSEC_ON is ignored by Route 53 (as in DNSControl) for %s: signing needs a KMS key; declare R53_DNSSEC({kms_key: \"arn:aws:kms:us-east-1:…\"}) to sign the zone", zoneName(z.key)))
		}
		return nil, nil
	}
	if len(ss) > 1 {
		return nil, fmt.Errorf("R53_DNSSEC is declared %d times (at %s and %s); a zone has one", len(ss), ss[0].Pos, ss[1].Pos)
	}
	at := "R53_DNSSEC"
	if ss[0].Pos != "" {
		at = ss[0].Pos + ": " + at
	}
	want, err := estate.ParseDNSSEC(ss[0].Args)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", at, err)
	}
	if p.privateZone(z.key, z.id) {
		if !want.On {
			return nil, nil // never signed: nothing to turn off, nothing to ask
		}
		return nil, fmt.Errorf("%s: %s is a private hosted zone; Route 53 signs only public zones", at, zoneName(z.key))
	}
	st := &dnssecState{status: notSigning}
	if z.id != "" {
		if st, err = p.getDNSSEC(ctx, z.key, z.id); err != nil {
			return nil, err
		}
	}
	z.plan.Notes = append(z.plan.Notes, dnssecStatusNote(z, st, want.On))
	if want.On {
		return p.planSigningOn(ctx, z, want, st)
	}
	return p.planSigningOff(ctx, z, want, st)
}

// dnssecStatusNote is the INFO line of a zone's signing: status, and each
// KSK's name, status, key tag and DS record.
func dnssecStatusNote(z *settingsZone, st *dnssecState, on bool) string {
	zone := zoneName(z.key)
	switch {
	case z.id == "" && on:
		return fmt.Sprintf("R53_DNSSEC %s: the zone does not exist yet; push creates it, then signs it", zone)
	case z.id == "":
		return fmt.Sprintf("R53_DNSSEC %s: the zone does not exist yet (nothing to turn off)", zone)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "R53_DNSSEC %s: %s", zone, st.status)
	if st.message != "" {
		fmt.Fprintf(&b, " (%s)", st.message)
	}
	if len(st.ksks) == 0 {
		b.WriteString("; no key-signing key")
	}
	for _, k := range st.ksks {
		fmt.Fprintf(&b, "; KSK %s %s key tag %d", aws.ToString(k.Name), aws.ToString(k.Status), k.KeyTag)
		if ds := aws.ToString(k.DSRecord); ds != "" {
			fmt.Fprintf(&b, " DS %s", dsLine(zone, ds))
		}
		if m := aws.ToString(k.StatusMessage); m != "" {
			fmt.Fprintf(&b, " (%s)", m)
		}
	}
	return b.String()
}

// dsLine writes a KSK's DS record (Route 53 gives "keytag alg digesttype
// digest") as a zone-file line.
func dsLine(zone, ds string) string {
	return zone + ". IN DS " + strings.Join(strings.Fields(ds), " ")
}

func (p *Provider) getDNSSEC(ctx context.Context, key, id string) (*dnssecState, error) {
	var out *route53.GetDNSSECOutput
	err := p.call(ctx, "route53:GetDNSSEC", zoneName(key), callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.GetDNSSEC(ctx, &route53.GetDNSSECInput{HostedZoneId: aws.String(id)})
		return err
	})
	if err != nil {
		return nil, err
	}
	st := &dnssecState{status: notSigning, ksks: out.KeySigningKeys}
	if out.Status != nil {
		st.status = aws.ToString(out.Status.ServeSignature)
		st.message = aws.ToString(out.Status.StatusMessage)
	}
	return st, nil
}

func dnssecKey(z *settingsZone, setID string) model.Key {
	return model.Key{Name: z.key, Type: estate.KindDNSSEC, SetID: setID}
}

// dsSetID names the DS change of a zone.
func dsSetID(z *settingsZone) string { return zoneName(z.key) + " DS" }

// planSigningOn plans signing with want's KSK, then the DS record.
func (p *Provider) planSigningOn(ctx context.Context, z *settingsZone, want *estate.DNSSEC, st *dnssecState) ([]diff.Change, error) {
	zone := zoneName(z.key)
	switch st.status {
	case deleting:
		return nil, fmt.Errorf("R53_DNSSEC: Route 53 is still removing the signing of %s (status DELETING); push again once it is NOT_SIGNING", zone)
	case actionNeeded:
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("WARNING: R53_DNSSEC %s: signing needs action (%s): check the KMS key's policy and state; dnsctl changes nothing until Route 53 reports SIGNING or NOT_SIGNING", zone, st.message))
		return nil, nil
	}
	op := &signingOnOp{ksk: want.KSK, kmsKey: want.KMSKey, shared: &kskShared{}}
	k := st.ksk(want.KSK)
	switch {
	case k == nil:
		op.create = true
	case aws.ToString(k.KmsArn) != want.KMSKey:
		return nil, fmt.Errorf("R53_DNSSEC: KSK %s of %s uses the KMS key %s, the configuration says %s: a KSK's key cannot be changed; to rotate, declare a new ksk name with the new key (see the DNSSEC section of the Route 53 documentation)", want.KSK, zone, aws.ToString(k.KmsArn), want.KMSKey)
	case aws.ToString(k.Status) == kskInactive:
		op.activate = true
		op.shared.key = *k
	case aws.ToString(k.Status) == kskActive:
		op.shared.key = *k
	default:
		return nil, fmt.Errorf("R53_DNSSEC: KSK %s of %s is %s (%s); correct it in Route 53 (KMS key policy, key state) before pushing again", want.KSK, zone, aws.ToString(k.Status), aws.ToString(k.StatusMessage))
	}
	op.enable = st.status != signing
	for _, o := range st.ksks {
		if name := aws.ToString(o.Name); name != want.KSK {
			z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("R53_DNSSEC %s: KSK %s (%s) is not declared and is left alone", zone, name, aws.ToString(o.Status)))
		}
	}
	var out []diff.Change
	if op.create || op.activate || op.enable {
		c := diff.Change{Kind: diff.Create, Key: dnssecKey(z, ""), Setting: &diff.Setting{New: estate.DescribeSigning(want.KSK, want.KMSKey), Op: op}}
		if st.status != notSigning {
			c.Kind, c.Setting.Old = diff.Modify, st.signingLine()
		}
		if op.activate {
			c.Setting.Note = "activates the existing KSK " + want.KSK
		}
		out = append(out, c)
	}
	ds, err := p.planDS(ctx, z, want, op)
	if err != nil {
		return nil, err
	}
	return append(out, ds...), nil
}

// planDS plans the DS record of want's KSK: published through Route 53
// Domains (registrar: true) after signing is on, or shown as an INFO line
// to publish at the parent by hand.
func (p *Provider) planDS(ctx context.Context, z *settingsZone, want *estate.DNSSEC, on *signingOnOp) ([]diff.Change, error) {
	zone := zoneName(z.key)
	known := aws.ToString(on.shared.key.PublicKey) != ""
	if !want.Registrar {
		if known {
			z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("R53_DNSSEC %s: publish this DS record at the parent (through the registrar): %s", zone, dsLine(zone, aws.ToString(on.shared.key.DSRecord))))
		} else {
			z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("R53_DNSSEC %s: the DS record to publish at the parent is known once push has created KSK %s; preview again after the push to see it", zone, want.KSK))
		}
		return nil, nil
	}
	reg, why := p.registrarPeer(ctx, z.domain)
	if reg == nil {
		return nil, fmt.Errorf("R53_DNSSEC: registrar: true needs the domain's registrar to be a ROUTE53 creds entry (Route 53 Domains): %s", why)
	}
	op := &dsAssociateOp{reg: reg, domain: zone, ksk: want.KSK, shared: on.shared, recheck: !known, on: on}
	desc := fmt.Sprintf("DS of KSK %s at the registry (Route 53 Domains, registrar %s)", want.KSK, z.domain.Registrar)
	if known {
		keys, err := reg.registryDS(ctx, zone)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(keys, func(d dtypes.DnssecKey) bool { return dsMatches(d, on.shared.key) }) {
			return nil, nil
		}
		desc = dsLine(zone, aws.ToString(on.shared.key.DSRecord)) + fmt.Sprintf(" at the registry (Route 53 Domains, registrar %s)", z.domain.Registrar)
	}
	return []diff.Change{{Kind: diff.Create, Key: dnssecKey(z, dsSetID(z)), Setting: &diff.Setting{New: desc, After: true, Note: "after signing is on", Op: op}}}, nil
}

// planSigningOff plans the end of signing, DS first (see the top of the
// file).
func (p *Provider) planSigningOff(ctx context.Context, z *settingsZone, want *estate.DNSSEC, st *dnssecState) ([]diff.Change, error) {
	zone := zoneName(z.key)
	switch {
	case st.status == notSigning && len(st.ksks) == 0:
		return nil, nil
	case st.status == deleting:
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("R53_DNSSEC %s: Route 53 is removing the signing (DELETING); push again once it is NOT_SIGNING to delete the KSKs", zone))
		return nil, nil
	}
	off := diff.Change{Kind: diff.Delete, Key: dnssecKey(z, ""), Setting: &diff.Setting{Old: st.signingLine(), After: true,
		Note: "after the records: signing is disabled, then the KSKs are deactivated and deleted", Op: &signingOffOp{disable: st.status != notSigning, ksks: st.ksks}}}
	if st.status == notSigning {
		// Nothing signs with the leftover KSKs: no DS can be in use.
		off.Setting.Note = "the zone is not signed: its KSKs are deactivated and deleted"
		return []diff.Change{off}, nil
	}
	wait := fmt.Sprintf("up to %d h, %d s", estate.ParentDSTTL/3600, estate.ParentDSTTL)
	reg, why := p.registrarPeer(ctx, z.domain)
	if reg == nil {
		if want.DSRemoved {
			return []diff.Change{off}, nil
		}
		var dss []string
		for _, k := range st.ksks {
			if ds := aws.ToString(k.DSRecord); ds != "" {
				dss = append(dss, dsLine(zone, ds))
			}
		}
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("WARNING: R53_DNSSEC(false) %s: signing stays on. dnsctl cannot see the parent's DS records (%s): remove them at the registrar (%s), wait until their TTL has passed (%s), then declare R53_DNSSEC(false, {ds_removed: true}) and push again",
			zone, why, strings.Join(dss, "; "), wait))
		return nil, nil
	}
	keys, err := reg.registryDS(ctx, zone)
	if err != nil {
		return nil, err
	}
	var ids, shown []string
	for _, d := range keys {
		if slices.ContainsFunc(st.ksks, func(k types.KeySigningKey) bool { return dsMatches(d, k) }) {
			ids = append(ids, aws.ToString(d.Id))
			shown = append(shown, fmt.Sprintf("%s. IN DS %d %d %d %s", zone, aws.ToInt32(d.KeyTag), aws.ToInt32(d.Algorithm), aws.ToInt32(d.DigestType), aws.ToString(d.Digest)))
		}
	}
	if len(ids) > 0 {
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("WARNING: R53_DNSSEC(false) %s: this push removes the DS records from the registry and stops there; signing stays on until a later push, after the parent's DS TTL has passed (%s)", zone, wait))
		return []diff.Change{{Kind: diff.Delete, Key: dnssecKey(z, dsSetID(z)), Setting: &diff.Setting{
			Old:  strings.Join(shown, "; ") + fmt.Sprintf(" at the registry (Route 53 Domains, registrar %s)", z.domain.Registrar),
			Note: fmt.Sprintf("signing stays on: a later push turns it off once the DS TTL has passed, %s", wait),
			Op:   &dsDisassociateOp{reg: reg, domain: zone, ids: ids}}}}, nil
	}
	last, err := reg.lastDSRemoval(ctx, zone)
	if err != nil {
		return nil, err
	}
	if safe := last.Add(estate.ParentDSTTL * time.Second); !last.IsZero() && dnssecNow().Before(safe) {
		z.plan.Notes = append(z.plan.Notes, fmt.Sprintf("WARNING: R53_DNSSEC(false) %s: signing stays on: the DS record left the registry at %s and resolvers may hold it until %s (%s); push again after that",
			zone, last.UTC().Format(time.RFC3339), safe.UTC().Format(time.RFC3339), wait))
		return nil, nil
	}
	return []diff.Change{off}, nil
}

// dsMatches tells whether a DS record at the registry is that of the KSK.
func dsMatches(d dtypes.DnssecKey, k types.KeySigningKey) bool {
	if pk := aws.ToString(d.PublicKey); pk != "" && aws.ToString(k.PublicKey) != "" {
		return strings.Join(strings.Fields(pk), "") == strings.Join(strings.Fields(aws.ToString(k.PublicKey)), "")
	}
	return d.KeyTag != nil && *d.KeyTag == k.KeyTag && aws.ToInt32(d.Algorithm) == k.SigningAlgorithmType
}

// registrarPeer returns the Route 53 provider of the domain's registrar
// entry, or nil and why it has none.
func (p *Provider) registrarPeer(ctx context.Context, d *model.Domain) (*Provider, string) {
	if d == nil || d.Registrar == "" {
		return nil, "the domain names no registrar"
	}
	if p.peer == nil {
		return nil, fmt.Sprintf("the registrar %q cannot be reached from here (no creds file)", d.Registrar)
	}
	impl, err := p.peer(ctx, d.Registrar)
	if err != nil {
		return nil, fmt.Sprintf("the registrar %q: %v", d.Registrar, err)
	}
	rp, ok := impl.(*Provider)
	if !ok {
		return nil, fmt.Sprintf("the registrar %q is not a ROUTE53 creds entry", d.Registrar)
	}
	return rp, ""
}

// registryDS returns the DS records Route 53 Domains holds for domain.
func (p *Provider) registryDS(ctx context.Context, domain string) ([]dtypes.DnssecKey, error) {
	out, err := p.domainDetail(ctx, domain)
	if err != nil {
		return nil, err
	}
	return out.DnssecKeys, nil
}

// lastDSRemoval returns when Route 53 Domains last removed a DS record of
// domain within the parent's DS TTL (the zero time when it did not).
func (p *Provider) lastDSRemoval(ctx context.Context, domain string) (time.Time, error) {
	var last time.Time
	in := &route53domains.ListOperationsInput{Type: []dtypes.OperationType{dtypes.OperationTypeRemoveDnssec},
		SubmittedSince: aws.Time(dnssecNow().Add(-estate.ParentDSTTL * time.Second))}
	for page := 0; page < 100; page++ {
		var out *route53domains.ListOperationsOutput
		err := p.call(ctx, "route53domains:ListOperations", domain, callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.domains.ListOperations(ctx, in)
			return err
		})
		if err != nil {
			return time.Time{}, err
		}
		for _, o := range out.Operations {
			if !strings.EqualFold(strings.TrimSuffix(aws.ToString(o.DomainName), "."), domain) {
				continue
			}
			for _, t := range []*time.Time{o.SubmittedDate, o.LastUpdatedDate} {
				if t != nil && t.After(last) {
					last = *t
				}
			}
		}
		if aws.ToString(out.NextPageMarker) == "" {
			return last, nil
		}
		in.Marker = out.NextPageMarker
	}
	return time.Time{}, fmt.Errorf("domain %s: route53domains:ListOperations gave more than 100 pages", domain)
}

// kskShared carries the KSK from the change that creates it to the DS
// change of the same plan.
type kskShared struct{ key types.KeySigningKey }

// signingOnOp creates or activates the KSK, then enables signing.
type signingOnOp struct {
	ksk, kmsKey              string
	create, activate, enable bool
	shared                   *kskShared
	// done is set once its work is made: the DS waits for it (push -i
	// may skip this change and accept the DS).
	done atomic.Bool
}

// signs reports whether the zone signs with the KSK: nothing was left to
// do at plan time, or the work is done.
func (o *signingOnOp) signs() bool {
	return !(o.create || o.activate || o.enable) || o.done.Load()
}

func (o *signingOnOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if o.create {
		var out *route53.CreateKeySigningKeyOutput
		err := p.call(ctx, "route53:CreateKeySigningKey", t.name, callOptions{mutating: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.CreateKeySigningKey(ctx, &route53.CreateKeySigningKeyInput{
				CallerReference:         aws.String(fmt.Sprintf("dnsctl-%s-%d", o.ksk, time.Now().UnixNano())),
				HostedZoneId:            aws.String(t.id),
				KeyManagementServiceArn: aws.String(o.kmsKey),
				Name:                    aws.String(o.ksk),
				Status:                  aws.String(kskActive),
			})
			return err
		})
		if err != nil {
			return fmt.Errorf("creating KSK %s: %w", o.ksk, err)
		}
		if out.KeySigningKey != nil {
			o.shared.key = *out.KeySigningKey
		}
		if err := p.waitChange(ctx, t.name, out.ChangeInfo); err != nil {
			return fmt.Errorf("KSK %s was created: %w", o.ksk, err)
		}
	}
	if o.activate {
		var out *route53.ActivateKeySigningKeyOutput
		err := p.call(ctx, "route53:ActivateKeySigningKey", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ActivateKeySigningKey(ctx, &route53.ActivateKeySigningKeyInput{HostedZoneId: aws.String(t.id), Name: aws.String(o.ksk)})
			return err
		})
		if err != nil {
			return fmt.Errorf("activating KSK %s: %w", o.ksk, err)
		}
		if err := p.waitChange(ctx, t.name, out.ChangeInfo); err != nil {
			return fmt.Errorf("KSK %s was activated: %w", o.ksk, err)
		}
	}
	if o.enable {
		var out *route53.EnableHostedZoneDNSSECOutput
		err := p.call(ctx, "route53:EnableHostedZoneDNSSEC", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.EnableHostedZoneDNSSEC(ctx, &route53.EnableHostedZoneDNSSECInput{HostedZoneId: aws.String(t.id)})
			return err
		})
		if err != nil {
			return fmt.Errorf("enabling signing: %w", err)
		}
		// The DS goes to the parent only once the zone serves signatures.
		if err := p.waitChange(ctx, t.name, out.ChangeInfo); err != nil {
			return fmt.Errorf("signing was enabled: %w", err)
		}
	}
	o.done.Store(true)
	return nil
}

// waitChange waits until a DNSSEC change that Route 53 reports PENDING is
// INSYNC, so the next call finds its effect.
func (p *Provider) waitChange(ctx context.Context, zone string, ci *types.ChangeInfo) error {
	if ci == nil || ci.Status != types.ChangeStatusPending || aws.ToString(ci.Id) == "" {
		return nil
	}
	return p.waitInSync(ctx, zone, cleanChangeID(aws.ToString(ci.Id)))
}

func cleanChangeID(id string) string {
	return strings.TrimPrefix(strings.TrimPrefix(id, "/"), "change/")
}

// dsAssociateOp publishes the KSK's DS record through Route 53 Domains.
type dsAssociateOp struct {
	reg         *Provider
	domain, ksk string
	shared      *kskShared
	// recheck: the KSK was unknown at plan time (created by this push), so
	// whether the registry already has its DS is checked now.
	recheck bool
	// on is the signing the DS follows: a DS published for a zone that
	// does not sign makes the domain fail validation.
	on *signingOnOp
}

func (o *dsAssociateOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if o.on != nil && !o.on.signs() {
		return fmt.Errorf("DS of KSK %s not published: the signing of %s is not on (its change was skipped or not made), and a DS for a zone that does not sign makes the domain fail DNSSEC validation", o.ksk, o.domain)
	}
	k := o.shared.key
	if aws.ToString(k.PublicKey) == "" {
		st, err := p.getDNSSEC(ctx, t.key, t.id)
		if err != nil {
			return err
		}
		found := st.ksk(o.ksk)
		if found == nil || aws.ToString(found.PublicKey) == "" {
			return fmt.Errorf("KSK %s of %s has no public key yet; push again to publish its DS record", o.ksk, o.domain)
		}
		k = *found
	}
	if o.recheck {
		// Asked now, not at plan time: the KSK is new.
		out, err := o.reg.freshDomainDetail(ctx, o.domain)
		if err != nil {
			return err
		}
		keys := out.DnssecKeys
		if slices.ContainsFunc(keys, func(d dtypes.DnssecKey) bool { return dsMatches(d, k) }) {
			return nil
		}
	}
	flags := k.Flag
	if flags == 0 {
		flags = 257
	}
	o.reg.forgetDomainDetail(o.domain)
	// Not repeated after an ambiguous failure: a second association of
	// the same key would be refused as a duplicate, and the next plan
	// sees whether the first one took.
	return o.reg.call(ctx, "route53domains:AssociateDelegationSignerToDomain", o.domain, callOptions{mutating: true}, func(ctx context.Context) error {
		_, err := o.reg.domains.AssociateDelegationSignerToDomain(ctx, &route53domains.AssociateDelegationSignerToDomainInput{
			DomainName: aws.String(o.domain),
			SigningAttributes: &dtypes.DnssecSigningAttributes{
				Algorithm: aws.Int32(k.SigningAlgorithmType),
				Flags:     aws.Int32(flags),
				PublicKey: k.PublicKey,
			},
		})
		return err
	})
}

// dsDisassociateOp removes DS records from the registry.
type dsDisassociateOp struct {
	reg    *Provider
	domain string
	ids    []string
}

func (o *dsDisassociateOp) apply(ctx context.Context, _ *Provider, _ zoneTarget) error {
	o.reg.forgetDomainDetail(o.domain)
	for _, id := range o.ids {
		err := o.reg.call(ctx, "route53domains:DisassociateDelegationSignerFromDomain", o.domain, callOptions{seeThrough: true}, func(ctx context.Context) error {
			_, err := o.reg.domains.DisassociateDelegationSignerFromDomain(ctx, &route53domains.DisassociateDelegationSignerFromDomainInput{DomainName: aws.String(o.domain), Id: aws.String(id)})
			return err
		})
		if err != nil {
			return fmt.Errorf("removing DS %s from the registry: %w", id, err)
		}
	}
	return nil
}

// signingOffOp disables signing, then deactivates and deletes the KSKs.
type signingOffOp struct {
	disable bool
	ksks    []types.KeySigningKey
}

func (o *signingOffOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if o.disable {
		var out *route53.DisableHostedZoneDNSSECOutput
		err := p.call(ctx, "route53:DisableHostedZoneDNSSEC", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.DisableHostedZoneDNSSEC(ctx, &route53.DisableHostedZoneDNSSECInput{HostedZoneId: aws.String(t.id)})
			return err
		})
		if err != nil {
			return fmt.Errorf("disabling signing: %w", err)
		}
		if err := p.waitChange(ctx, t.name, out.ChangeInfo); err != nil {
			return fmt.Errorf("signing was disabled: %w", err)
		}
	}
	for _, k := range o.ksks {
		name := aws.ToString(k.Name)
		if aws.ToString(k.Status) == kskActive {
			var out *route53.DeactivateKeySigningKeyOutput
			err := p.call(ctx, "route53:DeactivateKeySigningKey", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
				var err error
				out, err = p.r53.DeactivateKeySigningKey(ctx, &route53.DeactivateKeySigningKeyInput{HostedZoneId: aws.String(t.id), Name: aws.String(name)})
				return err
			})
			if err != nil {
				return fmt.Errorf("signing is off; deactivating KSK %s: %w", name, err)
			}
			if err := p.waitChange(ctx, t.name, out.ChangeInfo); err != nil {
				return fmt.Errorf("signing is off and KSK %s deactivated: %w", name, err)
			}
		}
		err := p.call(ctx, "route53:DeleteKeySigningKey", t.name, callOptions{seeThrough: true}, func(ctx context.Context) error {
			_, err := p.r53.DeleteKeySigningKey(ctx, &route53.DeleteKeySigningKeyInput{HostedZoneId: aws.String(t.id), Name: aws.String(name)})
			return err
		})
		if err != nil {
			return fmt.Errorf("signing is off; deleting KSK %s: %w", name, err)
		}
	}
	return nil
}

// exportSettings writes R53_DNSSEC for a zone that is signing (one
// GetDNSSEC per exported zone): with its active KSK, the first by name
// when there are several.
func (dnssecFeature) exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error) {
	if p.privateZone(z.key, z.id) {
		return nil, nil
	}
	st, err := p.getDNSSEC(ctx, z.key, z.id)
	if err != nil {
		return nil, err
	}
	if st.status != signing {
		return nil, nil
	}
	var active []types.KeySigningKey
	for _, k := range st.ksks {
		if aws.ToString(k.Status) == kskActive {
			active = append(active, k)
		}
	}
	if len(active) == 0 {
		return nil, nil
	}
	slices.SortFunc(active, func(a, b types.KeySigningKey) int { return strings.Compare(aws.ToString(a.Name), aws.ToString(b.Name)) })
	d := &estate.DNSSEC{On: true, KMSKey: aws.ToString(active[0].KmsArn), KSK: aws.ToString(active[0].Name)}
	return []*model.Setting{{Kind: estate.KindDNSSEC, Args: d.Args()}}, nil
}

// privateZone tells whether the hosted zone id is known to be private
// (from the zone listings already made; no call).
func (p *Provider) privateZone(key, id string) bool {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	for _, r := range p.zones.byName[zoneName(key)] {
		if r.ID == id {
			return r.Private
		}
	}
	return false
}
