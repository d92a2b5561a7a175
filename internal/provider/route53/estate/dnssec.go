package estate

import (
	"fmt"
	"regexp"
	"strings"
)

// KindDNSSEC is the function that declares a zone's DNSSEC signing.
const KindDNSSEC = "R53_DNSSEC"

// DefaultKSK is the name of the key-signing key R53_DNSSEC creates when
// the declaration names none.
const DefaultKSK = "dnsctl"

// ParentDSTTL is the longest TTL a parent zone gives its DS records (the
// figure registries document: up to 48 hours). A resolver may keep a
// removed DS that long, so signing must stay on until it has passed.
const ParentDSTTL = 172800

// DNSSEC is one R53_DNSSEC declaration:
//
//	R53_DNSSEC({kms_key: "arn:aws:kms:us-east-1:…:key/…", ksk: "dnsctl", registrar: true})
//	R53_DNSSEC(false)
//	R53_DNSSEC(false, {ds_removed: true})
type DNSSEC struct {
	// On asks for signing; false asks for it to be off.
	On bool
	// KMSKey is the ARN of the customer managed KMS key of the KSK (On).
	KMSKey string
	// KSK is the name of the key-signing key (On).
	KSK string
	// Registrar asks for the DS record to be published through Route 53
	// Domains, the domain's registrar (On).
	Registrar bool
	// DSRemoved confirms that the parent zone has no DS record of the
	// zone any more and that its TTL has passed (off, for a registrar
	// that is not Route 53 Domains).
	DSRemoved bool
}

var (
	kmsKeyARN = regexp.MustCompile(`^arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):(key|alias)/(.+)$`)
	keyID     = regexp.MustCompile(`^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)
	kskName   = regexp.MustCompile(`^[A-Za-z0-9_]{3,128}$`)
)

// CheckKMSKeyARN checks the ARN of the KMS key of a key-signing key: the
// key ARN (not an alias) of a key in us-east-1, where Route 53 requires
// the customer managed key of DNSSEC signing to be.
func CheckKMSKeyARN(arn string) (err error) {
	defer shorten(&err)
	m := kmsKeyARN.FindStringSubmatch(arn)
	if m == nil {
		return fmt.Errorf("kms_key must be the ARN of a KMS key, arn:aws:kms:us-east-1:ACCOUNT:key/KEY-ID, got %q", arn)
	}
	partition, region, kind, id := m[1], m[2], m[4], m[5]
	if partition != "aws" || region != "us-east-1" {
		return fmt.Errorf("kms_key %q is in %s (partition %s): Route 53 signs only with a customer managed key in us-east-1 (US East, N. Virginia), arn:aws:kms:us-east-1:…", arn, region, partition)
	}
	if kind == "alias" {
		return fmt.Errorf("kms_key %q is an alias: give the key's own ARN (arn:aws:kms:us-east-1:ACCOUNT:key/KEY-ID), which Route 53 keeps with the key-signing key and dnsctl compares with it", arn)
	}
	if !keyID.MatchString(id) {
		return fmt.Errorf("kms_key %q: %q is not a KMS key ID (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-… for a multi-Region key)", arn, id)
	}
	return nil
}

// CheckKSKName checks the name of a key-signing key: 3 to 128 letters,
// digits and underscores, as Route 53 requires.
func CheckKSKName(name string) (err error) {
	defer shorten(&err)
	if !kskName.MatchString(name) {
		return fmt.Errorf("ksk must be 3 to 128 letters, digits and underscores (Route 53's rule for key-signing key names), got %q", name)
	}
	return nil
}

// ParseDNSSEC reads the arguments of R53_DNSSEC.
func ParseDNSSEC(args []any) (_ *DNSSEC, err error) {
	defer shorten(&err)
	if len(args) == 0 || len(args) > 2 {
		return nil, fmt.Errorf("needs an options object ({kms_key: …}), or false to turn signing off; got %d arguments", len(args))
	}
	switch v := args[0].(type) {
	case bool:
		if v {
			return nil, fmt.Errorf("signing needs a KMS key: write R53_DNSSEC({kms_key: \"arn:aws:kms:us-east-1:ACCOUNT:key/KEY-ID\"}), not R53_DNSSEC(true)")
		}
		d := &DNSSEC{}
		if len(args) == 2 {
			o := NewObject(args[1], "the options of R53_DNSSEC(false, …)")
			d.DSRemoved = o.Bool("ds_removed", false)
			if err := o.Done(); err != nil {
				return nil, err
			}
		}
		return d, nil
	case map[string]any:
		if len(args) == 2 {
			return nil, fmt.Errorf("takes one options object; the second argument is only for R53_DNSSEC(false, {ds_removed: true})")
		}
		o := NewObject(v, "the options")
		d := &DNSSEC{On: true}
		if !o.Has("kms_key") {
			return nil, fmt.Errorf("kms_key is required: the ARN of the customer managed KMS key (ECC_NIST_P256, in us-east-1) that signs the zone")
		}
		d.KMSKey = strings.TrimSpace(o.String("kms_key", ""))
		d.KSK = o.String("ksk", DefaultKSK)
		d.Registrar = o.Bool("registrar", false)
		if err := o.Done(); err != nil {
			return nil, err
		}
		if err := CheckKMSKeyARN(d.KMSKey); err != nil {
			return nil, err
		}
		if err := CheckKSKName(d.KSK); err != nil {
			return nil, err
		}
		return d, nil
	}
	return nil, fmt.Errorf("needs an options object ({kms_key: …}) or false, got %s", kind(args[0]))
}

// Args returns the declaration's arguments, as get-zones writes them.
func (d *DNSSEC) Args() []any {
	if !d.On {
		if d.DSRemoved {
			return []any{false, map[string]any{"ds_removed": true}}
		}
		return []any{false}
	}
	o := map[string]any{"kms_key": d.KMSKey}
	if d.KSK != DefaultKSK {
		o["ksk"] = d.KSK
	}
	if d.Registrar {
		o["registrar"] = true
	}
	return []any{o}
}

// DescribeSigning says in one line how a zone is signed.
func DescribeSigning(ksk, kmsKey string) string {
	return fmt.Sprintf("sign with KSK %s (KMS %s)", ksk, kmsKey)
}
