package model

import (
	"fmt"
	"net/netip"
	"strings"
)

// ImportTransformType is the type of the placeholder record that
// IMPORT_TRANSFORM and IMPORT_TRANSFORM_STRIP leave in a domain: its Data is
// the name of the domain to copy from, its TTL the TTL of the copies, and
// its Meta holds the address table (MetaTransformTable) and the suffix to
// strip (MetaTransformStrip). Normalize carries out every import and
// removes the placeholders; no later stage sees one.
const ImportTransformType = "IMPORT_TRANSFORM"

// Metadata keys of address transforms, as DNSControl names them.
const (
	// MetaTransformTable is the address table of an import, in the text
	// form EncodeTransformRow writes, rows joined with " ; ".
	MetaTransformTable = "transform_table"
	// MetaTransformStrip is IMPORT_TRANSFORM_STRIP's suffix.
	MetaTransformStrip = "transform_suffixstrip"
	// MetaImportSkip on a record keeps IMPORT_TRANSFORM from copying it.
	MetaImportSkip = "import_transform_skip"
	// MetaTransform on an A record rewrites its own address with a table.
	MetaTransform = "transform"
)

// AddrRule is one row of an address table: an IPv4 address from Low to
// High (inclusive) is replaced by its offset from Low added to each of
// NewBases, or by the NewIPs. A row with neither maps it to nothing.
type AddrRule struct {
	Low, High netip.Addr
	NewBases  []netip.Addr
	NewIPs    []netip.Addr
}

// EncodeTransformRow renders one row as DNSControl stores it:
// "low ~ high ~ bases ~ ips", the lists comma-separated.
func EncodeTransformRow(low, high string, bases, ips []string) string {
	return strings.Join([]string{low, high, strings.Join(bases, ","), strings.Join(ips, ",")}, " ~ ")
}

// DecodeTransformTable parses a table in DNSControl's text form (rows
// separated by ';', four '~'-separated fields each).
func DecodeTransformTable(s string) ([]AddrRule, error) {
	var out []AddrRule
	for i, row := range strings.Split(s, ";") {
		f := strings.Split(row, "~")
		if len(f) != 4 {
			return nil, fmt.Errorf("row %d has %d fields; each row needs low, high, newBase and newIP (%q)", i+1, len(f), strings.TrimSpace(row))
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		var r AddrRule
		var err error
		if r.Low, err = parseIPv4(f[0], "low"); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		if r.High, err = parseIPv4(f[1], "high"); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		if r.NewBases, err = parseIPv4List(f[2], "newBase"); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		if r.NewIPs, err = parseIPv4List(f[3], "newIP"); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		if r.High.Less(r.Low) {
			return nil, fmt.Errorf("row %d: low %s is above high %s", i+1, r.Low, r.High)
		}
		if len(r.NewBases) > 0 && len(r.NewIPs) > 0 {
			return nil, fmt.Errorf("row %d: give newBase or newIP, not both", i+1)
		}
		out = append(out, r)
	}
	return out, nil
}

func parseIPv4(s, what string) (netip.Addr, error) {
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is4() {
		return netip.Addr{}, fmt.Errorf("%s %q is not an IPv4 address", what, s)
	}
	return ip, nil
}

func parseIPv4List(s, what string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, p := range strings.Split(s, ",") {
		if p == "" {
			continue
		}
		ip, err := parseIPv4(p, what)
		if err != nil {
			return nil, err
		}
		out = append(out, ip)
	}
	return out, nil
}

// TransformAddr maps ip through table: the first row whose range holds ip
// decides; an address no row holds maps to itself.
func TransformAddr(ip netip.Addr, table []AddrRule) []netip.Addr {
	for _, r := range table {
		if ip.Less(r.Low) || r.High.Less(ip) {
			continue
		}
		if len(r.NewIPs) > 0 {
			return r.NewIPs
		}
		off := u32(ip) - u32(r.Low)
		out := make([]netip.Addr, len(r.NewBases))
		for i, b := range r.NewBases {
			n := u32(b) + off // wraps as DNSControl's uint32 arithmetic does
			out[i] = netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
		}
		return out
	}
	return []netip.Addr{ip}
}

func u32(ip netip.Addr) uint32 {
	b := ip.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// checkImportTransform validates a placeholder as the DSL made it.
func checkImportTransform(r *Record) error {
	if _, err := DecodeTransformTable(r.Meta[MetaTransformTable]); err != nil {
		return err
	}
	if n, _ := SplitZone(r.Data); n == "" {
		return fmt.Errorf("the domain to copy from is empty")
	} else if _, err := CanonicalZone(n); err != nil {
		return fmt.Errorf("domain %q: %v", r.Data, err)
	}
	return nil
}

// applyTransforms runs, after every domain is normalised, what DNSControl
// runs at that point, in its order: first the imports of every domain (in
// declaration order, so a domain declared later sees what earlier imports
// added to its source), then the removal of the placeholders, then the
// address tables of A records (MetaTransform), imported copies included.
func applyTransforms(cfg *Config) Problems {
	var ps Problems
	for _, d := range cfg.Domains {
		n := len(d.Records)
		for i := 0; i < n; i++ {
			if r := d.Records[i]; r.Type == ImportTransformType {
				if err := importInto(cfg, d, r); err != nil {
					ps = append(ps, Problem{Pos: r.Pos, Domain: d.UniqueName(), Msg: "IMPORT_TRANSFORM: " + err.Error()})
				}
			}
		}
	}
	for _, d := range cfg.Domains {
		kept := d.Records[:0]
		for _, r := range d.Records {
			if r.Type != ImportTransformType {
				kept = append(kept, r)
			}
		}
		clear(d.Records[len(kept):])
		d.Records = kept
	}
	for _, d := range cfg.Domains {
		n := len(d.Records)
		for i := 0; i < n; i++ {
			r := d.Records[i]
			tt, ok := r.Meta[MetaTransform]
			if r.Type != "A" || !ok {
				continue
			}
			table, err := DecodeTransformTable(tt)
			if err != nil {
				ps = append(ps, Problem{Pos: r.Pos, Domain: d.UniqueName(), Msg: "A " + r.Label(d.Name) + ": transform: " + err.Error()})
				continue
			}
			ip, err := netip.ParseAddr(r.Data)
			if err != nil {
				continue // reported by normalisation
			}
			for j, nip := range TransformAddr(ip, table) {
				if j == 0 {
					r.Data = nip.String()
					continue
				}
				c := r.Clone()
				c.Data = nip.String()
				d.Records = append(d.Records, c)
			}
		}
	}
	return ps
}

// importInto copies into dst the A and CNAME records of the domain imp
// names, as DNSControl does: each keeps its full name as a label of dst
// (minus the suffix to strip), takes the import's TTL, A addresses go
// through the table and CNAME targets get dst's name (minus the suffix)
// appended. A record marked import_transform_skip is left out, and so is
// one whose type dst already has at the label equal to the source's full
// name.
func importInto(cfg *Config, dst *Domain, imp *Record) error {
	src := findDomain(cfg, imp.Data)
	if src == nil {
		return fmt.Errorf("the domain %q it copies from is not declared with D()", imp.Data)
	}
	table, err := DecodeTransformTable(imp.Meta[MetaTransformTable])
	if err != nil {
		return err
	}
	strip := imp.Meta[MetaTransformStrip]
	suffix := strings.TrimPrefix(dst.Name, strip+".")
	have := make(map[Key]bool, len(dst.Records))
	for _, r := range dst.Records {
		have[Key{Name: r.Name, Type: r.Type}] = true
	}
	records := src.Records[:len(src.Records):len(src.Records)]
	for _, r := range records {
		if r.Meta[MetaImportSkip] != "" || r.Type != "A" && r.Type != "CNAME" {
			continue
		}
		if have[Key{Name: r.Name + "." + dst.Name, Type: r.Type}] {
			continue
		}
		label := r.Name
		if strip != "" {
			var ok bool
			if label, ok = strings.CutSuffix(label, "."+strip); !ok {
				return fmt.Errorf("the name %s of %s does not end with %q, the suffix to strip", r.Name, src.UniqueName(), "."+strip)
			}
		}
		name := label + "." + dst.Name
		if err := checkName(name); err != nil {
			return fmt.Errorf("copy of %s %s: %v", r.Name, r.Type, err)
		}
		add := func(data string) {
			c := r.Clone()
			c.Name, c.TTL, c.Data, c.Pos = name, imp.TTL, data, imp.Pos
			dst.Records = append(dst.Records, c)
			have[Key{Name: name, Type: c.Type}] = true
		}
		if r.Type == "CNAME" {
			add(r.Data + suffix + ".")
			continue
		}
		ip, err := netip.ParseAddr(r.Data)
		if err != nil || !ip.Is4() {
			return fmt.Errorf("%s A %s is not an IPv4 address", r.Name, r.Data)
		}
		for _, nip := range TransformAddr(ip, table) {
			add(nip.String())
		}
	}
	return nil
}

// findDomain returns the domain name refers to: by unique name
// ("example.com!tag") or, as DNSControl looks it up, the first D() of
// that name.
func findDomain(cfg *Config, name string) *Domain {
	n, tag := SplitZone(name)
	n, err := CanonicalZone(n)
	if err != nil {
		return nil
	}
	for _, d := range cfg.Domains {
		if d.Name == n && (tag == "" || d.Tag == tag) {
			return d
		}
	}
	return nil
}
