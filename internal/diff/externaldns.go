package diff

import (
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// IGNORE_EXTERNAL_DNS decides which records belong to Kubernetes
// external-dns the way DNSControl does (its pkg/diff2/externaldns.go):
//
//   - an ownership record is a TXT record whose text contains
//     "heritage=external-dns";
//   - its label names the record it owns: with the configured prefix (the
//     --txt-prefix of external-dns, compared without regard to case)
//     removed when present, a leading "a-", "aaaa-", "cname-", "ns-",
//     "mx-", "srv-" or "txt-" (or the same with a dot: "a.www") gives the
//     type and the rest the label ("" is the apex). After a prefix, a
//     label that is only a type name ("extdns-a") owns that type at the
//     apex, and any other rest owns every type below at that label. Without
//     a type prefix (external-dns before v0.16, "legacy") it owns the A,
//     AAAA, CNAME, NS, MX and SRV records at its own label;
//   - the ownership record keeps every TXT record at its label, and the
//     owned name and type keep every record set of that name and type (all
//     set identifiers). --txt-suffix names are not recognised.
//
// A configured record set of an owned name and type belongs to the
// configuration, as in DNSControl. Two differences keep records DNSControl
// would delete: an alias (R53_ALIAS) counts as the type it serves, since
// external-dns makes Route 53 aliases for load balancers and DNSControl's
// documentation promises to keep "the corresponding DNS record"; and an
// ownership TXT record stays even inside a configured TXT set, since
// without it external-dns gives up the records it owns and the next push
// would delete them.

// heritage marks the TXT records external-dns writes.
const heritage = "heritage=external-dns"

// externalDNS is the set of names and types (label + ":" + type) that
// external-dns owns in one zone, minus those the configuration declares.
type externalDNS struct {
	zone  string
	owned map[string]bool
}

// externalDNSTypes are the types a legacy ownership record owns.
var externalDNSTypes = []string{"A", "AAAA", "CNAME", "NS", "MX", "SRV"}

// externalDNSPrefixes are the type prefixes of ownership record labels,
// longest first where one is a prefix of another.
var externalDNSPrefixes = []struct{ prefix, typ string }{
	{"aaaa.", "AAAA"}, {"aaaa-", "AAAA"}, {"a.", "A"}, {"a-", "A"},
	{"cname.", "CNAME"}, {"cname-", "CNAME"}, {"ns.", "NS"}, {"ns-", "NS"},
	{"mx.", "MX"}, {"mx-", "MX"}, {"srv.", "SRV"}, {"srv-", "SRV"},
	{"txt.", "TXT"}, {"txt-", "TXT"},
}

// externalDNSOwned scans existing for ownership records.
func externalDNSOwned(existing, desired []*model.Record, zone, prefix string) *externalDNS {
	e := &externalDNS{zone: zone}
	for _, r := range existing {
		if !isHeritage(r) {
			continue
		}
		if e.owned == nil {
			e.owned = map[string]bool{}
		}
		label := model.LabelOf(r.Name, zone)
		e.owned[label+":TXT"] = true
		owner, typ := externalDNSOwner(label, prefix)
		if typ != "" {
			e.owned[owner+":"+typ] = true
			continue
		}
		for _, t := range externalDNSTypes {
			e.owned[owner+":"+t] = true
		}
	}
	if e.owned == nil {
		return nil
	}
	for _, r := range desired {
		delete(e.owned, model.LabelOf(r.Name, zone)+":"+servedType(r))
	}
	return e
}

// externalDNSOwner returns the label and type an ownership record at label
// owns; typ "" means every type of a legacy record.
func externalDNSOwner(label, prefix string) (owner, typ string) {
	rest := label
	if prefix != "" && len(rest) >= len(prefix) && strings.EqualFold(rest[:len(prefix)], prefix) {
		rest = rest[len(prefix):]
	}
	lower := strings.ToLower(rest)
	for _, p := range externalDNSPrefixes {
		if strings.HasPrefix(lower, p.prefix) {
			owner = rest[len(p.prefix):]
			if owner == "" {
				owner = "@"
			}
			return owner, p.typ
		}
	}
	if rest != label {
		for _, p := range externalDNSPrefixes {
			if lower+"-" == p.prefix {
				return "@", p.typ
			}
		}
		if rest == "" {
			rest = "@"
		}
		return rest, ""
	}
	return label, ""
}

// keeps reports whether r is external-dns's and stays.
func (e *externalDNS) keeps(r *model.Record) bool {
	if e == nil {
		return false
	}
	if isHeritage(r) {
		return true
	}
	return e.owned[model.LabelOf(r.Name, e.zone)+":"+servedType(r)]
}

// isHeritage reports whether r is an external-dns ownership record.
func isHeritage(r *model.Record) bool {
	if r.Type != "TXT" {
		return false
	}
	v, err := model.TXTValue(r.Data)
	return err == nil && strings.Contains(v, heritage)
}

// servedType is the record type r answers queries with: an alias's
// alias type, otherwise its type.
func servedType(r *model.Record) string {
	if r.Type == model.AliasType && r.Meta["alias_type"] != "" {
		return r.Meta["alias_type"]
	}
	return r.Type
}
