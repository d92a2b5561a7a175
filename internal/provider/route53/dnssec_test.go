package route53

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	dtypes "github.com/aws/aws-sdk-go-v2/service/route53domains/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// dnssecEnv is a test env whose provider talks to the DNSSEC stubs (see
// dnssec_stub_test.go: moto does not serve the DNSSEC calls), with a
// registrar entry "r53_reg" (Route 53 Domains) and "other_reg" (not Route
// 53) reachable as peers.
type dnssecEnv struct {
	*env
	log     *callLog
	r53     *dnssecStub
	domains *domainsStub
	reg     *Provider
}

func newDNSSECEnv(t *testing.T) *dnssecEnv {
	e := newEnv(t)
	log := &callLog{}
	stub := newDNSSECStub(e.proxy.URL(), log)
	doms := &domainsStub{log: log, r53: stub, ds: map[string][]dtypes.DnssecKey{}}
	c := Config{EntryName: "r53_test", KeyId: testKeyID, SecretKey: testSecret, Endpoint: e.proxy.URL(), RateLimit: 1000, RetryTimeout: 20 * time.Second}
	build := func(name string) *Provider {
		c := c
		c.EntryName = name
		p, err := NewWithClients(c, nil, stub, doms)
		if err != nil {
			t.Fatalf("NewWithClients: %v", err)
		}
		fastBackoff(p)
		return p
	}
	de := &dnssecEnv{env: e, log: log, r53: stub, domains: doms, reg: build("r53_reg")}
	e.p = build("r53_test")
	e.p.peer = func(_ context.Context, name string) (any, error) {
		switch name {
		case "r53_reg":
			return de.reg, nil
		case "other_reg":
			return struct{}{}, nil
		}
		return nil, fmt.Errorf("creds entry %q not found", name)
	}
	saved := dnssecNow
	t.Cleanup(func() { dnssecNow = saved })
	return de
}

// signed makes the zone signed with KSK dnsctl, its DS at the registry when
// atRegistry, behind dnsctl's back.
func (de *dnssecEnv) signed(zone, id string, atRegistry bool) {
	k := stubKSK("dnsctl", stubKMS, 31337)
	z := de.r53.zone(id)
	z.status, z.ksks = signing, append(z.ksks, k)
	if atRegistry {
		de.domains.ds[zone] = append(de.domains.ds[zone], dtypes.DnssecKey{Id: aws.String("ds-old"), Algorithm: aws.Int32(13), Flags: aws.Int32(257),
			PublicKey: k.PublicKey, KeyTag: aws.Int32(k.KeyTag), DigestType: aws.Int32(2), Digest: k.DigestValue})
	}
}

func dnssecDomain(t *testing.T, zone, registrar string, args ...any) *model.Domain {
	return &model.Domain{Name: zone, Registrar: registrar,
		Records:  []*model.Record{rec(t, zone, "www", "A", 300, "192.0.2.1")},
		Settings: []*model.Setting{{Kind: "R53_DNSSEC", Args: args, Pos: "dnsconfig.js:7"}}}
}

func onArgs(registrar bool) []any {
	o := map[string]any{"kms_key": stubKMS}
	if registrar {
		o["registrar"] = true
	}
	return []any{o}
}

func assertSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func assertNote(t *testing.T, plan *diff.Plan, want string) {
	t.Helper()
	if !slices.ContainsFunc(plan.Notes, func(n string) bool { return strings.Contains(n, want) }) {
		t.Errorf("notes:\n%s\nwant one containing %q", strings.Join(plan.Notes, "\n"), want)
	}
}

// From nothing: the KSK is created and signing enabled before the
// records, the DS published at the registry after them; then nothing is
// left to do, and get-zones writes back a declaration that plans nothing.
func TestDNSSECOnFromScratch(t *testing.T) {
	de := newDNSSECEnv(t)
	de.createZone("sign.tld")
	d := dnssecDomain(t, "sign.tld", "r53_reg", onArgs(true)...)
	plan, _ := de.planDomain(de.p, d)
	assertSeq(t, "plan", planLines(plan), []string{
		"+ CREATE R53_DNSSEC sign.tld: sign with KSK dnsctl (KMS " + stubKMS + ")",
		"+ CREATE www.sign.tld A 192.0.2.1 ttl=300",
		"+ CREATE R53_DNSSEC sign.tld DS: DS of KSK dnsctl at the registry (Route 53 Domains, registrar r53_reg) [after signing is on]",
	})
	assertNote(t, plan, "R53_DNSSEC sign.tld: NOT_SIGNING; no key-signing key")
	de.log.take()
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	assertSeq(t, "calls of the push", de.log.take(), []string{
		"CreateKeySigningKey dnsctl ACTIVE",
		"EnableHostedZoneDNSSEC",
		"ChangeResourceRecordSets",
		"GetDomainDetail",
		"AssociateDelegationSignerToDomain alg=13 flags=257",
	})
	if n := de.proxy.Calls("GetChange"); n != 2 {
		t.Errorf("GetChange calls = %d, want 2 (waits for the KSK, then for signing, to be in sync)", n)
	}
	ds := de.domains.ds["sign.tld"]
	if len(ds) != 1 || aws.ToString(ds[0].PublicKey) != aws.ToString(de.r53.zone(de.zoneIDOf("sign.tld")).ksks[0].PublicKey) {
		t.Errorf("registry DS = %+v, want the KSK's public key", ds)
	}

	// Already on: 0 changes, the status line shows the KSK and its DS.
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan when on", planLines(plan), nil)
	assertNote(t, plan, "R53_DNSSEC sign.tld: SIGNING; KSK dnsctl ACTIVE key tag ")
	assertNote(t, plan, " DS sign.tld. IN DS ")

	// get-zones writes R53_DNSSEC back (for one GetDNSSEC); declared, it
	// plans nothing.
	de.log.take()
	ss, err := de.p.ExportSettings(ctx(t), "sign.tld", nil)
	if err != nil {
		t.Fatal(err)
	}
	assertSeq(t, "calls of get-zones", de.log.take(), []string{"GetDNSSEC"})
	want := []*model.Setting{{Kind: "R53_DNSSEC", Args: []any{map[string]any{"kms_key": stubKMS}}}}
	if !reflect.DeepEqual(ss, want) {
		t.Fatalf("exported %#v, want %#v", ss, want)
	}
	d.Settings = ss
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan of the exported declaration", planLines(plan), nil)
	assertNote(t, plan, "publish this DS record at the parent (through the registrar): sign.tld. IN DS ")
}

func (e *env) zoneIDOf(zone string) string {
	e.t.Helper()
	id, err := e.p.zoneID(ctx(e.t), zone)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// A zone push creates: the KSK and signing follow the zone's creation,
// and the DS (unknown at preview) follows them.
func TestDNSSECOnNewZone(t *testing.T) {
	de := newDNSSECEnv(t)
	d := dnssecDomain(t, "fresh.tld", "r53_reg", onArgs(true)...)
	plan, _ := de.planDomain(de.p, d)
	assertNote(t, plan, "R53_DNSSEC fresh.tld: the zone does not exist yet; push creates it, then signs it")
	if got := de.log.take(); slices.Contains(got, "GetDNSSEC") {
		t.Errorf("a zone yet to be created was read: %q", got)
	}
	if _, err := de.p.EnsureZone(ctx(t), "fresh.tld"); err != nil {
		t.Fatal(err)
	}
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if z := de.r53.zone(de.zoneIDOf("fresh.tld")); z.status != signing || len(de.domains.ds["fresh.tld"]) != 1 {
		t.Errorf("after push: status %s, registry DS %v", z.status, de.domains.ds["fresh.tld"])
	}
}

// Off, the safe way: the first push removes the DS from the registry and
// stops there; a push within the parent's DS TTL changes nothing; one
// after it disables signing, then deactivates and deletes the KSK.
func TestDNSSECOffInTwoPushes(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("unsign.tld")
	de.signed("unsign.tld", id, true)
	d := dnssecDomain(t, "unsign.tld", "r53_reg", false)

	plan, _ := de.planDomain(de.p, d)
	assertSeq(t, "first plan", planLines(plan), []string{
		"- DELETE R53_DNSSEC unsign.tld DS: unsign.tld. IN DS 31337 13 2 " + fmt.Sprintf("%064X", 31337) + " at the registry (Route 53 Domains, registrar r53_reg) [signing stays on: a later push turns it off once the DS TTL has passed, up to 48 h, 172800 s]",
		"+ CREATE www.unsign.tld A 192.0.2.1 ttl=300",
	})
	assertNote(t, plan, "WARNING: R53_DNSSEC(false) unsign.tld: this push removes the DS records from the registry and stops there; signing stays on until a later push, after the parent's DS TTL has passed (up to 48 h, 172800 s)")
	de.log.take()
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	assertSeq(t, "calls of the first push", de.log.take(), []string{"DisassociateDelegationSignerFromDomain ds-old", "ChangeResourceRecordSets"})
	if z := de.r53.zone(id); z.status != signing || len(de.domains.ds["unsign.tld"]) != 0 {
		t.Fatalf("after the first push: status %s, registry DS %v", z.status, de.domains.ds["unsign.tld"])
	}

	// At once again: the DS may still be cached; nothing changes.
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan within the TTL", planLines(plan), nil)
	assertNote(t, plan, "signing stays on: the DS record left the registry at ")

	// Two days later.
	dnssecNow = func() time.Time { return time.Now().Add(48*time.Hour + time.Minute) }
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan after the TTL", planLines(plan), []string{
		"- DELETE R53_DNSSEC unsign.tld: signing with KSK dnsctl ACTIVE [after the records: signing is disabled, then the KSKs are deactivated and deleted]",
	})
	de.log.take()
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	assertSeq(t, "calls of the second push", de.log.take(), []string{"DisableHostedZoneDNSSEC", "DeactivateKeySigningKey dnsctl", "DeleteKeySigningKey dnsctl"})
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan when off", planLines(plan), nil)
	assertNote(t, plan, "R53_DNSSEC unsign.tld: NOT_SIGNING; no key-signing key")
}

// A registrar that is not Route 53 Domains: the DS record is an INFO line
// to publish by hand; registrar: true cannot be honoured; turning off
// waits for the user's word that the DS is gone (ds_removed).
func TestDNSSECOtherRegistrar(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("elsewhere.tld")
	de.signed("elsewhere.tld", id, false)
	digest := fmt.Sprintf("%064X", 31337)

	plan, _ := de.planDomain(de.p, dnssecDomain(t, "elsewhere.tld", "other_reg", onArgs(false)...))
	assertSeq(t, "plan", planLines(plan), []string{"+ CREATE www.elsewhere.tld A 192.0.2.1 ttl=300"})
	assertNote(t, plan, "R53_DNSSEC elsewhere.tld: publish this DS record at the parent (through the registrar): elsewhere.tld. IN DS 31337 13 2 "+digest)

	de.p.UseConfiguration([]*model.Domain{dnssecDomain(t, "elsewhere.tld", "other_reg", onArgs(true)...)}, nil)
	err := de.p.PlanSettings(ctx(t), "elsewhere.tld", nil, nil, &diff.Plan{Zone: "elsewhere.tld"})
	if err == nil || !strings.Contains(err.Error(), `registrar: true needs the domain's registrar to be a ROUTE53 creds entry (Route 53 Domains): the registrar "other_reg" is not a ROUTE53 creds entry`) {
		t.Errorf("registrar: true with another registrar: %v", err)
	}

	plan, _ = de.planDomain(de.p, dnssecDomain(t, "elsewhere.tld", "other_reg", false))
	assertSeq(t, "off, unconfirmed", planLines(plan), []string{"+ CREATE www.elsewhere.tld A 192.0.2.1 ttl=300"})
	assertNote(t, plan, "WARNING: R53_DNSSEC(false) elsewhere.tld: signing stays on. dnsctl cannot see the parent's DS records (the registrar \"other_reg\" is not a ROUTE53 creds entry): remove them at the registrar (elsewhere.tld. IN DS 31337 13 2 "+digest+"), wait until their TTL has passed (up to 48 h, 172800 s), then declare R53_DNSSEC(false, {ds_removed: true})")

	plan, _ = de.planDomain(de.p, dnssecDomain(t, "elsewhere.tld", "other_reg", false, map[string]any{"ds_removed": true}))
	assertSeq(t, "off, confirmed", planLines(plan), []string{
		"+ CREATE www.elsewhere.tld A 192.0.2.1 ttl=300",
		"- DELETE R53_DNSSEC elsewhere.tld: signing with KSK dnsctl ACTIVE [after the records: signing is disabled, then the KSKs are deactivated and deleted]",
	})
}

// What Route 53 has and the declaration cannot both be: a KSK's key
// cannot change; another KSK is left alone; an inactive one is activated.
func TestDNSSECExistingKSKs(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("keys.tld")
	de.signed("keys.tld", id, false)

	other := "arn:aws:kms:us-east-1:111122223333:key/99999999-12ab-34cd-56ef-1234567890ab"
	de.p.UseConfiguration([]*model.Domain{dnssecDomain(t, "keys.tld", "none", map[string]any{"kms_key": other})}, nil)
	err := de.p.PlanSettings(ctx(t), "keys.tld", nil, nil, &diff.Plan{Zone: "keys.tld"})
	if err == nil || !strings.Contains(err.Error(), "KSK dnsctl of keys.tld uses the KMS key "+stubKMS+", the configuration says "+other+": a KSK's key cannot be changed") {
		t.Errorf("other key under the same name: %v", err)
	}

	plan, _ := de.planDomain(de.p, dnssecDomain(t, "keys.tld", "none", map[string]any{"kms_key": other, "ksk": "next_2026"}))
	assertSeq(t, "a second KSK", planLines(plan), []string{
		"± MODIFY R53_DNSSEC keys.tld: (signing with KSK dnsctl ACTIVE) -> (sign with KSK next_2026 (KMS " + other + "))",
		"+ CREATE www.keys.tld A 192.0.2.1 ttl=300",
	})
	assertNote(t, plan, "R53_DNSSEC keys.tld: KSK dnsctl (ACTIVE) is not declared and is left alone")

	de.r53.zone(id).ksks[0].Status = aws.String(kskInactive)
	de.r53.zone(id).status = notSigning
	plan, _ = de.planDomain(de.p, dnssecDomain(t, "keys.tld", "none", onArgs(false)...))
	assertSeq(t, "an inactive KSK", planLines(plan)[:1], []string{
		"+ CREATE R53_DNSSEC keys.tld: sign with KSK dnsctl (KMS " + stubKMS + ") [activates the existing KSK dnsctl]",
	})
	de.log.take()
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	assertSeq(t, "calls", de.log.take(), []string{"ActivateKeySigningKey dnsctl", "EnableHostedZoneDNSSEC", "ChangeResourceRecordSets"})
}

// A domain that declares no R53_DNSSEC costs no call (AUTODNSSEC_ON
// alone gets an INFO line, free too); one that declares it costs one
// GetDNSSEC, plus the registrar's GetDomainDetail with registrar: true.
func TestDNSSECCalls(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("count.tld")
	de.signed("count.tld", id, true)
	tests := []struct {
		name     string
		settings []*model.Setting
		auto     bool
		p, reg   int64
	}{
		{"nothing declared", nil, false, 0, 0},
		{"AUTODNSSEC_ON alone", nil, true, 0, 0},
		{"signing, DS by hand", []*model.Setting{{Kind: "R53_DNSSEC", Args: onArgs(false)}}, false, 1, 0},
		{"signing, DS at the registry", []*model.Setting{{Kind: "R53_DNSSEC", Args: onArgs(true)}}, false, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &model.Domain{Name: "count.tld", Registrar: "r53_reg", Settings: tc.settings}
			if tc.auto {
				d.Meta = map[string]string{"autodnssec": "on"}
			}
			_, _ = de.planDomain(de.p, d)    // reads the zone, caches its ID
			de.reg.details = domainDetails{} // a run of its own at the registrar
			p0, r0 := de.p.APICalls(), de.reg.APICalls()
			plan := &diff.Plan{Zone: "count.tld"}
			if err := de.p.PlanSettings(ctx(t), "count.tld", nil, nil, plan); err != nil {
				t.Fatal(err)
			}
			if n, m := de.p.APICalls()-p0, de.reg.APICalls()-r0; n != tc.p || m != tc.reg {
				t.Errorf("calls: provider %d, registrar %d; want %d, %d", n, m, tc.p, tc.reg)
			}
			if len(plan.Changes) != 0 {
				t.Errorf("changes: %q", planLines(plan))
			}
			if tc.auto {
				assertNote(t, plan, "AUTODNSSEC_ON is ignored by Route 53 (as in DNSControl) for count.tld: signing needs a KMS key")
			}
		})
	}
}

// A failed DNSSEC call stops the push with what was applied, and the next
// plan takes up from there.
func TestDNSSECFailureIsReported(t *testing.T) {
	de := newDNSSECEnv(t)
	de.createZone("fail.tld")
	d := dnssecDomain(t, "fail.tld", "none", map[string]any{"kms_key": stubKMS, "ksk": "k_1"})
	// The zone already has two KSKs, Route 53's limit.
	z := de.r53.zone(de.zoneIDOf("fail.tld"))
	a, b := stubKSK("a_ksk", stubKMS, 1), stubKSK("b_ksk", stubKMS, 2)
	a.Status, b.Status = aws.String(kskInactive), aws.String(kskInactive)
	z.ksks = append(z.ksks, a, b)
	plan, _ := de.planDomain(de.p, d)
	err := de.p.Apply(ctx(t), plan)
	var se *SettingsError
	if !errors.As(err, &se) || len(se.Applied) != 0 || !strings.Contains(err.Error(), "creating KSK k_1") {
		t.Fatalf("Apply error = %v, want a SettingsError on creating the KSK", err)
	}
	if !strings.Contains(err.Error(), "TooManyKeySigningKeys") {
		t.Errorf("the error does not name AWS's answer: %v", err)
	}
}

// A private hosted zone is never signed: R53_DNSSEC on it is refused
// at preview, and get-zones asks nothing about its signing.
func TestDNSSECPrivateZone(t *testing.T) {
	de := newDNSSECEnv(t)
	_, err := de.sdk.CreateHostedZone(context.Background(), &route53.CreateHostedZoneInput{
		Name: aws.String("inside.tld"), CallerReference: aws.String(fmt.Sprint("inside", time.Now().UnixNano())),
		HostedZoneConfig: &types.HostedZoneConfig{PrivateZone: true},
		VPC:              &types.VPC{VPCId: aws.String("vpc-12345678"), VPCRegion: types.VPCRegionUsEast1},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := de.p.Records(ctx(t), "inside.tld"); err != nil {
		t.Fatal(err)
	}
	de.p.UseConfiguration([]*model.Domain{dnssecDomain(t, "inside.tld", "none", onArgs(false)...)}, nil)
	err = de.p.PlanSettings(ctx(t), "inside.tld", nil, nil, &diff.Plan{Zone: "inside.tld"})
	if err == nil || !strings.Contains(err.Error(), "dnsconfig.js:7: R53_DNSSEC: inside.tld is a private hosted zone; Route 53 signs only public zones") {
		t.Errorf("R53_DNSSEC on a private zone: %v", err)
	}
	plan := &diff.Plan{Zone: "inside.tld"}
	de.p.UseConfiguration([]*model.Domain{dnssecDomain(t, "inside.tld", "none", false)}, nil)
	if err := de.p.PlanSettings(ctx(t), "inside.tld", nil, nil, plan); err != nil || len(plan.Changes)+len(plan.Notes) != 0 {
		t.Errorf("R53_DNSSEC(false) on a private zone: %v, %q, %q", err, planLines(plan), plan.Notes)
	}
	ss, err := de.p.ExportSettings(ctx(t), "inside.tld", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if s.Kind == "R53_DNSSEC" {
			t.Errorf("ExportSettings of a private zone wrote %s%v", s.Kind, s.Args)
		}
	}
	if n := de.proxy.Calls("GetDNSSEC"); n != 0 {
		t.Errorf("GetDNSSEC calls on a private zone: %d", n)
	}
}

// A run asks Route 53 Domains about a domain once: the registrar's name
// servers and the DS records of R53_DNSSEC registrar: true come from one
// GetDomainDetail. A DS the run publishes makes the next plan ask again,
// and sees the new DS.
func TestDomainDetailOncePerRun(t *testing.T) {
	de := newDNSSECEnv(t)
	id := de.createZone("once.tld")
	de.signed("once.tld", id, true)
	d := dnssecDomain(t, "once.tld", "r53_reg", onArgs(true)...)
	de.log.take()
	if _, err := de.reg.RegisteredNameservers(ctx(t), "once.tld"); err != nil {
		t.Fatal(err)
	}
	plan, _ := de.planDomain(de.p, d)
	for _, c := range plan.Changes {
		if c.Setting != nil {
			t.Fatalf("signed with its DS published, yet: %q", planLines(plan))
		}
	}
	if _, err := de.reg.RegisteredNameservers(ctx(t), "once.tld"); err != nil {
		t.Fatal(err)
	}
	if got := countOf(de.log.take(), "GetDomainDetail"); got != 1 {
		t.Errorf("GetDomainDetail calls = %d, want 1 for the run", got)
	}

	// A new KSK (dnsctl's, whose DS the registry lacks) is published by
	// the push; the plan after it reads the registry again and is done.
	de.domains.ds["once.tld"] = nil
	de.reg.details = domainDetails{}
	plan, _ = de.planDomain(de.p, d)
	assertSeq(t, "plan", planLines(plan)[len(plan.Changes)-1:], []string{
		"+ CREATE R53_DNSSEC once.tld DS: once.tld. IN DS " + strings.Join(strings.Fields(aws.ToString(de.r53.zone(id).ksks[0].DSRecord)), " ") +
			" at the registry (Route 53 Domains, registrar r53_reg) [after signing is on]",
	})
	if err := de.p.Apply(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	de.log.take()
	plan, _ = de.planDomain(de.p, d)
	if len(plan.Changes) != 0 {
		t.Errorf("after the push: %q", planLines(plan))
	}
	if got := countOf(de.log.take(), "GetDomainDetail"); got != 1 {
		t.Errorf("GetDomainDetail calls after the push = %d, want 1 (the cached answer was forgotten)", got)
	}
}

func countOf(calls []string, op string) int {
	n := 0
	for _, c := range calls {
		if c == op {
			n++
		}
	}
	return n
}
