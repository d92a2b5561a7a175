// Package model owns dnsctl's provider-neutral view of DNS: the configuration
// produced by evaluating dnsconfig.js (registrars, DNS providers, domains and
// their records), record-set identity, and the validation and normalisation
// that turn what a user wrote into canonical records every provider and the
// differ can compare byte for byte.
package model

import (
	"sort"
	"strings"
)

// Config is the whole evaluated configuration (the "IR" that print-ir shows).
type Config struct {
	Registrars   []*ProviderDecl `json:"registrars"`
	DNSProviders []*ProviderDecl `json:"dns_providers"`
	Domains      []*Domain       `json:"domains"`
	// Settings are provider declarations of the whole account rather than
	// of one domain (Route 53 CIDR collections); see Setting.
	Settings []*Setting `json:"settings,omitempty"`
	// Warnings are remarks of the evaluation (things ignored), positioned.
	Warnings Problems `json:"-"`
}

// ProviderDecl is one NewRegistrar or NewDnsProvider call. Type is empty when
// the configuration leaves it to creds.json (the modern DNSControl form).
type ProviderDecl struct {
	Name string         `json:"name"`
	Type string         `json:"type,omitempty"`
	Meta map[string]any `json:"meta,omitempty"`
	Pos  string         `json:"-"`
}

// DomainProvider attaches a DNS provider to a domain. NSCount is the number of
// the provider's name servers to delegate to; -1 means all of them.
type DomainProvider struct {
	Name    string `json:"name"`
	NSCount int    `json:"ns_count"`
	// Pos is where DnsProvider() was called.
	Pos string `json:"-"`
}

// Ignore is one IGNORE / IGNORE_NAME / IGNORE_TARGET rule. Label and Target
// are globs ("" matches everything); Types is a comma-separated list of record
// types, "" or "*" meaning every type. Normalisation converts Unicode labels
// in the globs to punycode, as it does record names.
type Ignore struct {
	Label  string `json:"label,omitempty"`
	Types  string `json:"types,omitempty"`
	Target string `json:"target,omitempty"`
	Pos    string `json:"-"`
}

// Domain is one D() (merged with any D_EXTEND) after evaluation.
type Domain struct {
	// Name is the zone name: lower-case, punycode, no trailing dot.
	Name string `json:"name"`
	// Tag is the split-horizon tag of D("example.com!tag"), or "".
	Tag          string            `json:"tag,omitempty"`
	Registrar    string            `json:"registrar"`
	DNSProviders []DomainProvider  `json:"dns_providers"`
	Meta         map[string]string `json:"meta,omitempty"`
	Records      []*Record         `json:"records"`
	// Nameservers are the NAMESERVER() host names (fully qualified, with a
	// trailing dot after normalisation).
	Nameservers   []string `json:"nameservers,omitempty"`
	NameserverTTL uint32   `json:"nameserver_ttl,omitempty"`
	// KeepUnknown is NO_PURGE: records that exist but are not configured stay.
	KeepUnknown bool     `json:"keep_unknown,omitempty"`
	Ignores     []Ignore `json:"ignores,omitempty"`
	// DisableIgnoreSafetyCheck is DISABLE_IGNORE_SAFETY_CHECK: a configured
	// record an IGNORE rule also matches is allowed.
	DisableIgnoreSafetyCheck bool `json:"unmanaged_disable_safety_check,omitempty"`
	// Absent are the ENSURE_ABSENT_REC records: deleted where they exist
	// (NO_PURGE does not keep them), never created.
	Absent []*Record `json:"recordsabsent,omitempty"`
	// IgnoreExternalDNS is IGNORE_EXTERNAL_DNS: the ownership TXT records
	// of Kubernetes external-dns and the records they own stay as they
	// are; ExternalDNSPrefix is its --txt-prefix, if any.
	IgnoreExternalDNS bool   `json:"ignore_external_dns,omitempty"`
	ExternalDNSPrefix string `json:"external_dns_prefix,omitempty"`
	// Settings are the domain's provider declarations besides records
	// (Route 53 health checks, VPCs, DNSSEC, tags...); see Setting.
	Settings []*Setting `json:"settings,omitempty"`
	Pos      string     `json:"-"`
}

// UniqueName is the name plus split-horizon tag, as written in D().
func (d *Domain) UniqueName() string {
	if d.Tag == "" {
		return d.Name
	}
	return d.Name + "!" + d.Tag
}

// SplitZone splits a zone reference as the engine hands it to providers,
// "example.com" or "example.com!tag" (a split-horizon view), into the zone
// name and the tag.
func SplitZone(ref string) (name, tag string) {
	name, tag, _ = strings.Cut(ref, "!")
	return name, tag
}

// Record is one resource record.
//
// Before normalisation (as the DSL produces it) Name is the label as written
// ("@", "www", "host.example.com.", Unicode allowed), TTL 0 means "use the
// domain default" and Data is the record data as composed from the
// function's arguments in zone-file presentation syntax; for TXT it is the
// raw, unquoted text.
//
// After normalisation Name is the fully qualified owner name (lower-case,
// punycode, no trailing dot), TTL is set, and Data is the canonical
// presentation form of the record data: host names fully qualified with a
// trailing dot, numbers without leading zeros, TXT as quoted strings of at
// most 255 bytes. Two records are equal exactly when Name, Type, SetID and
// Data are byte-for-byte equal.
type Record struct {
	Name string `json:"name"`
	Type string `json:"type"`
	TTL  uint32 `json:"ttl"`
	Data string `json:"data"`
	// SetID is the routing-policy set identifier (R53_WEIGHT's second
	// argument); it is part of the record set's identity.
	SetID string `json:"set_id,omitempty"`
	// Meta holds record modifiers and provider-specific settings
	// (R53_ALIAS's "alias_type", "zone_id", "evaluate_target_health",
	// "weight", "health_check_id", CAA_CRITICAL, user metadata objects).
	Meta map[string]string `json:"meta,omitempty"`
	// Pos is where the record was defined: "dnsconfig.js:12" or a zone file
	// line. Never compared.
	Pos string `json:"-"`
}

// Key returns the record's record-set identity. An alias's set is that of
// the type it serves ("R53_ALIAS A"), so the A and AAAA aliases of one
// name are two sets, as they are in Route 53.
func (r *Record) Key() Key {
	t := r.Type
	if t == AliasType {
		t = AliasType + " " + r.Meta["alias_type"]
	}
	return Key{Name: r.Name, Type: t, SetID: r.SetID}
}

// Label returns the owner name relative to zone ("@" for the apex).
func (r *Record) Label(zone string) string { return LabelOf(r.Name, zone) }

// LabelOf returns fqdn relative to zone: "@" for the apex, the leading labels
// for names inside the zone, and the name with a trailing dot otherwise.
func LabelOf(fqdn, zone string) string {
	if fqdn == zone {
		return "@"
	}
	if strings.HasSuffix(fqdn, zone) && len(fqdn) > len(zone) && fqdn[len(fqdn)-len(zone)-1] == '.' {
		return fqdn[:len(fqdn)-len(zone)-1]
	}
	return fqdn + "."
}

// Clone returns a deep copy of r.
func (r *Record) Clone() *Record {
	c := *r
	if r.Meta != nil {
		c.Meta = make(map[string]string, len(r.Meta))
		for k, v := range r.Meta {
			c.Meta[k] = v
		}
	}
	return &c
}

// String renders the record as one zone-file-like line: "www.example.com. 300 IN A 192.0.2.1".
func (r *Record) String() string {
	return r.Name + ". " + itoa(r.TTL) + " IN " + r.Type + " " + r.Data
}

// Key identifies a record set: the records sharing an owner name, a type and
// (for routing policies) a set identifier.
type Key struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	SetID string `json:"set_id,omitempty"`
}

func (k Key) String() string {
	s := k.Name + " " + k.Type
	if k.SetID != "" {
		s += " [" + k.SetID + "]"
	}
	return s
}

// Less orders keys by name (reversed labels, so a zone reads top-down), then
// type, then set identifier.
func (k Key) Less(o Key) bool {
	if k.Name != o.Name {
		return CompareNames(k.Name, o.Name) < 0
	}
	if k.Type != o.Type {
		return k.Type < o.Type
	}
	return k.SetID < o.SetID
}

// CompareNames orders domain names the way a zone file reads: by labels from
// the right, so "example.com" < "a.example.com" < "b.a.example.com" < "b.example.com".
func CompareNames(a, b string) int {
	for {
		if a == b {
			return 0
		}
		if a == "" {
			return -1
		}
		if b == "" {
			return 1
		}
		ia, ib := strings.LastIndexByte(a, '.'), strings.LastIndexByte(b, '.')
		la, lb := a[ia+1:], b[ib+1:]
		if la != lb {
			// "*" sorts before other labels so wildcards lead their level.
			return strings.Compare(la, lb)
		}
		if ia < 0 {
			a = ""
		} else {
			a = a[:ia]
		}
		if ib < 0 {
			b = ""
		} else {
			b = b[:ib]
		}
	}
}

// SortRecords sorts records by key, then data, in place.
func SortRecords(rs []*Record) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if ka, kb := a.Key(), b.Key(); ka != kb {
			return ka.Less(kb)
		}
		return a.Data < b.Data
	})
}

func itoa(u uint32) string {
	var b [10]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			return string(b[i:])
		}
	}
}
