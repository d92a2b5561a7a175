package model

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxTTL is the largest TTL DNS allows (RFC 2181 section 8).
const MaxTTL = 1<<31 - 1

// Normalize canonicalises every domain of cfg in place: zone and owner names
// fully qualified, lower-case and punycode; record data in canonical
// presentation form; NAMESERVER names qualified. It returns every problem
// found; records with errors are dropped from their domain so later stages
// never see them.
func Normalize(cfg *Config) Problems {
	var ps Problems
	for _, d := range cfg.Domains {
		ps = append(ps, NormalizeDomain(d)...)
	}
	return append(ps, applyTransforms(cfg)...)
}

// NormalizeDomain canonicalises one domain in place (see Normalize).
func NormalizeDomain(d *Domain) Problems {
	var ps Problems
	zone, err := CanonicalZone(d.Name)
	if err != nil {
		// Records cannot be qualified in a zone without a valid name:
		// they are dropped, so no later check speaks of them.
		d.Records = nil
		return Problems{{Pos: d.Pos, Domain: d.Name, Msg: err.Error()}}
	}
	d.Name = zone
	if d.Tag != "" {
		tag, err := CanonicalTag(d.Tag)
		if err != nil {
			return Problems{{Pos: d.Pos, Domain: d.Name, Msg: err.Error()}}
		}
		d.Tag = tag
	}
	bad := func(r *Record, format string, args ...any) {
		ps = append(ps, Problem{Pos: r.Pos, Domain: zone, Msg: fmt.Sprintf(format, args...)})
	}
	kept := d.Records[:0]
	for _, r := range d.Records {
		label := r.Name
		if err := normalizeRecord(r, zone); err != nil {
			bad(r, "%s %s: %v", r.Type, label, err)
			continue
		}
		kept = append(kept, r)
	}
	clear(d.Records[len(kept):])
	d.Records = kept
	absent := d.Absent[:0]
	for _, r := range d.Absent {
		label := r.Name
		if err := normalizeRecord(r, zone); err != nil {
			bad(r, "ENSURE_ABSENT_REC %s %s: %v", r.Type, label, err)
			continue
		}
		absent = append(absent, r)
	}
	clear(d.Absent[len(absent):])
	d.Absent = absent
	for i, ns := range d.Nameservers {
		t, err := QualifyTarget(ns, zone)
		if err != nil {
			ps = append(ps, Problem{Pos: d.Pos, Domain: zone, Msg: fmt.Sprintf("NAMESERVER %q: %v", ns, err)})
			continue
		}
		d.Nameservers[i] = t
	}
	for i := range d.Ignores {
		ig := &d.Ignores[i]
		for _, f := range []struct {
			what string
			glob *string
		}{{"label", &ig.Label}, {"target", &ig.Target}} {
			g, warn, err := asciiGlob(*f.glob)
			switch {
			case err != nil:
				ps = append(ps, Problem{Pos: ig.Pos, Domain: zone, Msg: fmt.Sprintf("IGNORE %s pattern %q: %v", f.what, *f.glob, err)})
			case warn != "":
				ps = append(ps, Problem{Pos: ig.Pos, Domain: zone, Warning: true,
					Msg: fmt.Sprintf("IGNORE %s pattern %q: %q mixes Unicode and wildcards, so it cannot be converted to punycode and matches no name", f.what, *f.glob, warn)})
			}
			*f.glob = g
		}
	}
	return ps
}

// ASCIIPattern converts the Unicode labels of a name pattern (a glob such
// as --domains takes) to punycode, as names are converted.
func ASCIIPattern(g string) (string, error) {
	out, _, err := asciiGlob(g)
	return out, err
}

// asciiGlob converts the Unicode labels of an IGNORE glob to punycode, as
// record names are converted, so IGNORE_NAME("straße") matches the record
// xn--strae-oqa. Labels are the runs between '.', ',', '{' and '}'; one
// that holds a wildcard or an escape as well as Unicode is left alone and
// returned as warn.
func asciiGlob(g string) (out, warn string, err error) {
	if isASCII(g) {
		return g, "", nil
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(g); i++ {
		if i < len(g) && !strings.ContainsRune(".,{}", rune(g[i])) {
			continue
		}
		label := g[start:i]
		if !isASCII(label) {
			if strings.ContainsAny(label, `*?\`) {
				if warn == "" {
					warn = label
				}
			} else {
				a, err := toASCII(label)
				if err != nil {
					return g, "", err
				}
				label = a
			}
		}
		b.WriteString(label)
		if i < len(g) {
			b.WriteByte(g[i])
		}
		start = i + 1
	}
	return b.String(), warn, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// normalizeRecord canonicalises one record as the DSL produced it.
func normalizeRecord(r *Record, zone string) error {
	r.Type = strings.ToUpper(r.Type)
	label := r.Name
	if isReverseZone(zone) {
		var err error
		if label, err = reverseLabel(r.Type, label, zone); err != nil {
			return err
		}
	}
	if r.Meta[SkipFQDNCheck] != "true" {
		if err := CheckRepeatedZone(label, zone, zone); err != nil {
			return err
		}
	}
	name, err := QualifyName(label, zone)
	if err != nil {
		return err
	}
	r.Name = name
	if r.TTL > MaxTTL {
		return fmt.Errorf("TTL %d is above the maximum %d", r.TTL, MaxTTL)
	}
	switch r.Type {
	case "TXT", "SPF":
		// The DSL gives the raw text.
		if err := checkTXTSize(r.Data); err != nil {
			return err
		}
		r.Data = TXTData(r.Data)
		return nil
	case AliasType:
		at := strings.ToUpper(r.Meta["alias_type"])
		if !AliasTypes[at] {
			return fmt.Errorf("R53_ALIAS type %q is not one Route 53 aliases can serve (A, AAAA, CNAME, MX, TXT, PTR, SPF, SRV, NAPTR, CAA)", r.Meta["alias_type"])
		}
		r.Meta["alias_type"] = at
	case ImportTransformType:
		return checkImportTransform(r) // carried out by applyTransforms
	case "SOA":
		if name != zone {
			return fmt.Errorf("SOA records belong at the zone apex")
		}
	case "DS":
		if name == zone {
			return fmt.Errorf("a DS record belongs in the parent zone, at the name of a delegated child (beside its NS records), not at the zone apex")
		}
	}
	data, err := canonicalData(r.Type, r.Data, zone, true)
	if err != nil {
		return err
	}
	r.Data = data
	return nil
}

// TypeSupport says which record types a provider serves (provider.Capabilities satisfies it).
type TypeSupport interface {
	Supports(typ string) bool
	SupportsSetID() bool
	// LoadsZoneFiles says a name server loads the zones from zone files
	// (BIND), which adds the checks of checkZoneFile.
	LoadsZoneFiles() bool
}

// Validate checks normalised domains for problems that involve several
// records or the providers: duplicate records, a CNAME beside other data,
// a CNAME at the apex, record types a provider cannot serve, and TTLs that
// differ inside one record set (a warning; the lowest TTL is applied to the
// whole set). supports maps a DNS provider name to what it serves; a
// provider missing from it is not checked.
func Validate(cfg *Config, supports map[string]TypeSupport) Problems {
	ps := checkDeclared(cfg)
	for _, d := range cfg.Domains {
		ps = append(ps, ValidateDomain(d, supports)...)
	}
	return ps
}

// checkDeclared reports the registrars and DNS providers domains use that
// no NewRegistrar / NewDnsProvider declares. DNSControl refuses them too:
// DnsProvider() and D() take the name those functions return.
func checkDeclared(cfg *Config) Problems {
	var ps Problems
	dsp := make(map[string]bool, len(cfg.DNSProviders))
	for _, p := range cfg.DNSProviders {
		dsp[p.Name] = true
	}
	reg := make(map[string]bool, len(cfg.Registrars))
	for _, p := range cfg.Registrars {
		reg[p.Name] = true
	}
	for _, d := range cfg.Domains {
		if d.Registrar != "" && !reg[d.Registrar] {
			ps = append(ps, Problem{Pos: d.Pos, Domain: d.UniqueName(),
				Msg: fmt.Sprintf("registrar %q is not declared; use the name NewRegistrar(%q) returns", d.Registrar, d.Registrar)})
		}
		for _, dp := range d.DNSProviders {
			if !dsp[dp.Name] {
				pos := dp.Pos
				if pos == "" {
					pos = d.Pos
				}
				ps = append(ps, Problem{Pos: pos, Domain: d.UniqueName(),
					Msg: fmt.Sprintf("DnsProvider(%q): no DNS provider of that name is declared; use the name NewDnsProvider(%q) returns", dp.Name, dp.Name)})
			}
		}
	}
	return ps
}

// ValidateDomain validates one normalised domain (see Validate).
func ValidateDomain(d *Domain, supports map[string]TypeSupport) Problems {
	var ps Problems
	zone := d.Name
	bad := func(r *Record, warn bool, format string, args ...any) {
		ps = append(ps, Problem{Pos: r.Pos, Domain: d.UniqueName(), Msg: fmt.Sprintf(format, args...), Warning: warn})
	}

	type setInfo struct {
		first  *Record
		minTTL uint32
		mixed  bool
	}
	sets := make(map[Key]*setInfo, len(d.Records))
	seen := make(map[recordID]*Record, len(d.Records))
	// Per owner name: does it hold a CNAME, and some other type.
	type nameInfo struct{ cname, other *Record }
	names := make(map[string]*nameInfo)

	for _, r := range d.Records {
		id := recordID{r.Key(), r.Data}
		if prev, dup := seen[id]; dup {
			bad(r, false, "duplicate record %s %s %s (also at %s)", LabelOf(r.Name, zone), r.Type, r.Data, posOr(prev.Pos))
			continue
		}
		seen[id] = r

		k := r.Key()
		if s := sets[k]; s == nil {
			sets[k] = &setInfo{first: r, minTTL: r.TTL}
		} else if r.TTL != s.minTTL || s.mixed {
			if r.TTL != s.minTTL {
				s.mixed = true
			}
			s.minTTL = min(s.minTTL, r.TTL)
		}

		effType := r.Type
		if r.Type == AliasType {
			effType = r.Meta["alias_type"]
		}
		ni := names[r.Name]
		if ni == nil {
			ni = &nameInfo{}
			names[r.Name] = ni
		}
		if effType == "CNAME" {
			if r.Name == zone {
				bad(r, false, "CNAME at the zone apex (@) is not allowed by DNS; use R53_ALIAS or an A/AAAA record")
			}
			if ni.cname != nil && ni.cname.SetID == "" && r.SetID == "" && ni.cname.Type == r.Type {
				bad(r, false, "%s has more than one CNAME (also at %s); a name has at most one CNAME", LabelOf(r.Name, zone), posOr(ni.cname.Pos))
			}
			if ni.cname == nil {
				ni.cname = r
			}
		} else if ni.other == nil {
			ni.other = r
		}
		if ni.cname != nil && ni.other != nil && (ni.cname == r || ni.other == r) {
			bad(r, false, "%s: a CNAME cannot share its name with other records (CNAME at %s, %s at %s)",
				LabelOf(r.Name, zone), posOr(ni.cname.Pos), ni.other.Type, posOr(ni.other.Pos))
		}
	}

	// TTLs inside a set: the lowest wins.
	for k, s := range sets {
		if !s.mixed {
			continue
		}
		bad(s.first, true, "record set %s %s has different TTLs; using the lowest, %d", LabelOf(k.Name, zone), k.Type, s.minTTL)
		for _, r := range d.Records {
			if r.Key() == k {
				r.TTL = s.minTTL
			}
		}
	}

	// Provider capabilities.
	zoneFileChecked := false
	for _, dp := range d.DNSProviders {
		sup := supports[dp.Name]
		if sup == nil {
			continue
		}
		reported := map[string]bool{}
		for _, r := range d.Records {
			if !reported[r.Type] && !sup.Supports(r.Type) {
				reported[r.Type] = true
				bad(r, false, "provider %s does not support %s records%s", dp.Name, r.Type, foreignHint(r.Type))
			}
			if r.SetID != "" && !reported["setid"] && !sup.SupportsSetID() {
				reported["setid"] = true
				bad(r, false, "provider %s does not support routing policies (R53_WEIGHT and other set identifiers)", dp.Name)
			}
		}
		if sup.LoadsZoneFiles() && !zoneFileChecked {
			zoneFileChecked = true
			ps = append(ps, checkZoneFile(d, dp.Name, sup)...)
		}
	}
	ps.Sort()
	return ps
}

// ApexNSAdder is a TypeSupport of a provider declaration that writes name
// servers of its own into every zone's apex NS set (BIND's default_ns).
type ApexNSAdder interface {
	AddsApexNS() bool
}

// checkZoneFile warns about what keeps a name server from loading the
// zone file of d, which provider (a zone-file provider such as BIND)
// writes: no NS records at the apex, and names BIND's check-names refuses
// (DNSControl accepts both, so neither is an error).
func checkZoneFile(d *Domain, provider string, sup TypeSupport) Problems {
	if _, err := CanonicalZone(d.Name); err != nil {
		return nil // reported by NormalizeDomain
	}
	var ps Problems
	warn := func(pos, msg string) {
		ps = append(ps, Problem{Pos: pos, Domain: d.UniqueName(), Warning: true, Msg: msg})
	}
	apexNS := len(d.Nameservers) > 0
	if a, ok := sup.(ApexNSAdder); ok && a.AddsApexNS() {
		apexNS = true
	}
	hasAddress := map[string]bool{}
	type nsTarget struct{ pos, name string }
	var targets []nsTarget
	for _, ns := range d.Nameservers {
		targets = append(targets, nsTarget{d.Pos, ns})
		if msg := CheckNamesProblems(&Record{Name: d.Name, Type: "NS", Data: ns}, d.Name); msg != "" {
			warn(d.Pos, "NAMESERVER: "+msg)
		}
	}
	for _, r := range d.Records {
		switch r.Type {
		case "NS":
			apexNS = apexNS || r.Name == d.Name
			targets = append(targets, nsTarget{r.Pos, r.Data})
		case "A", "AAAA":
			hasAddress[r.Name] = true
		}
		if msg := CheckNamesProblems(r, d.Name); msg != "" {
			warn(r.Pos, msg)
		}
	}
	// With NO_PURGE, IGNORE or IGNORE_EXTERNAL_DNS the file may keep
	// records of its own.
	if d.KeepUnknown || len(d.Ignores) > 0 || d.IgnoreExternalDNS {
		return ps
	}
	if !apexNS {
		warn(d.Pos, fmt.Sprintf("the zone has no NS records at its apex, so a name server will not load the zone file that DNS provider %q writes; add NAMESERVER(\"ns1.example.net.\") or NS(\"@\", …)", provider))
	}
	// BIND's integrity checks refuse a zone whose NS names a server inside
	// the zone that has no address in it.
	warned := map[string]bool{}
	for _, t := range targets {
		n := strings.TrimSuffix(t.name, ".")
		if warned[n] || hasAddress[n] || n != d.Name && !strings.HasSuffix(n, "."+d.Name) {
			continue
		}
		warned[n] = true
		warn(t.pos, fmt.Sprintf("the name server %s lies inside the zone but has no A or AAAA record in it, so a name server will not load the zone file that DNS provider %q writes; add its address (glue)", t.name, provider))
	}
	return ps
}

type recordID struct {
	k    Key
	data string
}

func posOr(p string) string {
	if p == "" {
		return "an unknown position"
	}
	return p
}

// ParseTTL parses a TTL written as a number of seconds or as a duration
// with units s, m, h, d, w ("1h", "2d", "1w2d", "90m").
func ParseTTL(s string) (uint32, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty TTL")
	}
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		if n > MaxTTL {
			return 0, fmt.Errorf("TTL %s is above the maximum %d", s, MaxTTL)
		}
		return uint32(n), nil
	}
	var total, cur uint64
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			cur = cur*10 + uint64(c-'0')
			digits = true
			if cur > MaxTTL {
				return 0, fmt.Errorf("TTL %q is too large", s)
			}
			continue
		}
		var mul uint64
		switch c | 0x20 {
		case 's':
			mul = 1
		case 'm':
			mul = 60
		case 'h':
			mul = 3600
		case 'd':
			mul = 86400
		case 'w':
			mul = 604800
		default:
			return 0, fmt.Errorf("TTL %q: unknown unit %q (use s, m, h, d or w)", s, c)
		}
		if !digits {
			return 0, fmt.Errorf("TTL %q: unit %q without a number", s, c)
		}
		total += cur * mul
		cur, digits = 0, false
		if total > MaxTTL {
			return 0, fmt.Errorf("TTL %q is above the maximum %d", s, MaxTTL)
		}
	}
	if digits {
		total += cur
	}
	return uint32(total), nil
}
