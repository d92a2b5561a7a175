package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// irDefaultTTL is the TTL of an IR record whose ttl is 0 or missing, as
// DNSControl's normalisation gives it and as the DSL gives TTL(0).
const irDefaultTTL = 300

// maxIRSize bounds the IR file --ir reads, as dnsconfig.js is bounded.
const maxIRSize = 64 << 20

// loadIR reads the configuration from an IR file instead of evaluating
// dnsconfig.js (preview/push --ir). Two forms are read: the JSON dnsctl's
// print-ir writes, and DNSControl's IR (its print-ir output, which other
// tools generate too). Either way the result is the configuration as the
// DSL would have produced it, which Load then normalises and validates.
func loadIR(path string) (*model.Config, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--ir: %w", err)
	}
	if !st.Mode().IsRegular() || st.Size() > maxIRSize {
		return nil, fmt.Errorf("--ir %s: not a regular file of at most %d MiB", path, maxIRSize>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--ir: %w", err)
	}
	var probe struct {
		Domains []map[string]json.RawMessage `json:"domains"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("--ir %s: %w", path, err)
	}
	dnscontrol := false
	for _, d := range probe.Domains {
		if _, ok := d["dnsProviders"]; ok {
			dnscontrol = true
		}
	}
	var cfg *model.Config
	if dnscontrol {
		cfg, err = fromDNSControlIR(b, path)
	} else {
		cfg, err = fromOwnIR(b, path)
	}
	if err != nil {
		return nil, fmt.Errorf("--ir %s: %w", path, err)
	}
	return cfg, nil
}

// fromOwnIR reads print-ir's JSON: normalised records, which are turned
// back into the DSL's form (labels relative to the zone, TXT as raw text).
func fromOwnIR(b []byte, path string) (*model.Config, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	cfg := &model.Config{}
	if err := dec.Decode(cfg); err != nil {
		return nil, err
	}
	if err := checkNulls(cfg); err != nil {
		return nil, err
	}
	for _, p := range append(slices.Clone(cfg.Registrars), cfg.DNSProviders...) {
		p.Pos = path
	}
	for i, st := range cfg.Settings {
		st.Pos = path
		if err := checkIRSetting(st); err != nil {
			return nil, fmt.Errorf("settings[%d]: %w", i, err)
		}
	}
	for _, d := range cfg.Domains {
		d.Pos = path
		for i, st := range d.Settings {
			st.Pos = path
			if err := checkIRSetting(st); err != nil {
				return nil, fmt.Errorf("domain %s: settings[%d]: %w", d.Name, i, err)
			}
		}
		for i := range d.DNSProviders {
			d.DNSProviders[i].Pos = path
		}
		for i := range d.Ignores {
			d.Ignores[i].Pos = path
		}
		for _, r := range d.Records {
			r.Pos = path
			if r.TTL == 0 {
				r.TTL = irDefaultTTL
			}
			r.Name = model.LabelOf(r.Name, d.Name)
			if r.Type == "TXT" || r.Type == "SPF" {
				v, err := model.TXTValue(r.Data)
				if err != nil {
					return nil, fmt.Errorf("domain %s: %s TXT: %w", d.Name, r.Name, err)
				}
				r.Data = v
			}
		}
	}
	return cfg, nil
}

// checkIRSetting checks a setting an IR file gives, as the DSL checks the
// ones it makes: with the provider type that declares its kind. A kind no
// provider declares is refused rather than ignored.
func checkIRSetting(st *model.Setting) error {
	known, err := provider.CheckSetting(st)
	switch {
	case !known:
		return fmt.Errorf("%s is not a setting any provider declares", st.Kind)
	case err != nil:
		return fmt.Errorf("%s: %w", st.Kind, err)
	}
	return nil
}

// checkNulls refuses the null entries JSON allows in print-ir's lists,
// which would otherwise be read as missing providers, domains or records.
func checkNulls(cfg *model.Config) error {
	for i, p := range cfg.Registrars {
		if p == nil {
			return fmt.Errorf("registrars[%d] is null", i)
		}
	}
	for i, p := range cfg.DNSProviders {
		if p == nil {
			return fmt.Errorf("dns_providers[%d] is null", i)
		}
	}
	for i, st := range cfg.Settings {
		if st == nil {
			return fmt.Errorf("settings[%d] is null", i)
		}
	}
	for i, d := range cfg.Domains {
		if d == nil {
			return fmt.Errorf("domains[%d] is null", i)
		}
		for j, st := range d.Settings {
			if st == nil {
				return fmt.Errorf("domain %s: settings[%d] is null", d.Name, j)
			}
		}
		for j, r := range d.Records {
			if r == nil {
				return fmt.Errorf("domain %s: records[%d] is null", d.Name, j)
			}
		}
		for j, r := range d.Absent {
			if r == nil {
				return fmt.Errorf("domain %s: recordsabsent[%d] is null", d.Name, j)
			}
		}
	}
	return nil
}

// dcProvider is a registrar or DNS provider of DNSControl's IR.
type dcProvider struct {
	Name string          `json:"name"`
	Type string          `json:"type"`
	Meta json.RawMessage `json:"meta"`
}

// dcRecord is a record of DNSControl's IR: its legacy per-type fields,
// which DNSControl writes for every type dnsctl serves.
type dcRecord struct {
	Type     string            `json:"type"`
	Name     string            `json:"name"`
	TTL      uint32            `json:"ttl"`
	Target   string            `json:"target"`
	Meta     map[string]string `json:"meta"`
	FilePos  string            `json:"filepos"`
	R53Alias map[string]string `json:"r53_alias"`

	MxPreference     uint16 `json:"mxpreference"`
	SrvPriority      uint16 `json:"srvpriority"`
	SrvWeight        uint16 `json:"srvweight"`
	SrvPort          uint16 `json:"srvport"`
	CaaTag           string `json:"caatag"`
	CaaFlag          uint8  `json:"caaflag"`
	DsKeyTag         uint16 `json:"dskeytag"`
	DsAlgorithm      uint8  `json:"dsalgorithm"`
	DsDigestType     uint8  `json:"dsdigesttype"`
	DsDigest         string `json:"dsdigest"`
	NaptrOrder       uint16 `json:"naptrorder"`
	NaptrPreference  uint16 `json:"naptrpreference"`
	NaptrFlags       string `json:"naptrflags"`
	NaptrService     string `json:"naptrservice"`
	NaptrRegexp      string `json:"naptrregexp"`
	SshfpAlgorithm   uint8  `json:"sshfpalgorithm"`
	SshfpFingerprint uint8  `json:"sshfpfingerprint"`
	SvcPriority      uint16 `json:"svcpriority"`
	SvcParams        string `json:"svcparams"`
	TlsaUsage        uint8  `json:"tlsausage"`
	TlsaSelector     uint8  `json:"tlsaselector"`
	TlsaMatchingType uint8  `json:"tlsamatchingtype"`
}

type dcDomain struct {
	Name         string            `json:"name"`
	Tag          string            `json:"tag"`
	Registrar    string            `json:"registrar"`
	DNSProviders map[string]int    `json:"dnsProviders"`
	Meta         map[string]string `json:"meta"`
	Records      []dcRecord        `json:"records"`
	Nameservers  []struct {
		Name string `json:"name"`
	} `json:"nameservers"`
	KeepUnknown bool `json:"keepunknown"`
	// Settings dnsctl does not read from an IR: refused, since ignoring
	// them could delete records (IGNORE_EXTERNAL_DNS) or keep some.
	EnsureAbsent      []json.RawMessage `json:"recordsabsent"`
	IgnoreExternalDNS bool              `json:"ignore_external_dns"`
	// RawRecords are records DNSControl's JavaScript hands to its Go code
	// unconverted (DS, RP, CF_REDIRECT...); its print-ir converts them,
	// but an IR that still holds some would lose them here.
	RawRecords      []json.RawMessage `json:"rawrecords"`
	UnmanagedUnsafe bool              `json:"unmanaged_disable_safety_check"`
	Unmanaged       []struct {
		Label  string `json:"label_pattern"`
		Types  string `json:"rType_pattern"`
		Target string `json:"target_pattern"`
	} `json:"unmanaged"`
}

// fromDNSControlIR reads DNSControl's IR.
func fromDNSControlIR(b []byte, path string) (*model.Config, error) {
	var in struct {
		Registrars   []dcProvider `json:"registrars"`
		DNSProviders []dcProvider `json:"dns_providers"`
		Domains      []dcDomain   `json:"domains"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, err
	}
	cfg := &model.Config{}
	decl := func(p dcProvider) (*model.ProviderDecl, error) {
		d := &model.ProviderDecl{Name: p.Name, Type: p.Type, Pos: path}
		if len(p.Meta) > 0 && string(p.Meta) != "null" {
			if err := json.Unmarshal(p.Meta, &d.Meta); err != nil {
				return nil, fmt.Errorf("provider %q: meta: %w", p.Name, err)
			}
		}
		return d, nil
	}
	for _, p := range in.Registrars {
		d, err := decl(p)
		if err != nil {
			return nil, err
		}
		cfg.Registrars = append(cfg.Registrars, d)
	}
	for _, p := range in.DNSProviders {
		d, err := decl(p)
		if err != nil {
			return nil, err
		}
		cfg.DNSProviders = append(cfg.DNSProviders, d)
	}
	for _, dd := range in.Domains {
		switch {
		case len(dd.EnsureAbsent) > 0:
			return nil, fmt.Errorf("domain %s: ENSURE_ABSENT (recordsabsent) is not read from DNSControl's IR by dnsctl (use dnsconfig.js)", dd.Name)
		case dd.IgnoreExternalDNS:
			return nil, fmt.Errorf("domain %s: IGNORE_EXTERNAL_DNS (ignore_external_dns) is not read from DNSControl's IR by dnsctl (use dnsconfig.js)", dd.Name)
		case len(dd.RawRecords) > 0:
			return nil, fmt.Errorf("domain %s: unconverted records (rawrecords) are not read from DNSControl's IR by dnsctl; ignoring them would delete those records (use dnsconfig.js, or the IR DNSControl's print-ir writes)", dd.Name)
		}
		d := &model.Domain{Name: dd.Name, Tag: dd.Tag, Registrar: dd.Registrar, KeepUnknown: dd.KeepUnknown,
			DisableIgnoreSafetyCheck: dd.UnmanagedUnsafe, Pos: path}
		if name, tag, ok := strings.Cut(dd.Name, "!"); ok && d.Tag == "" {
			d.Name, d.Tag = name, tag
		}
		for _, name := range slices.Sorted(func(yield func(string) bool) {
			for k := range dd.DNSProviders {
				if !yield(k) {
					return
				}
			}
		}) {
			d.DNSProviders = append(d.DNSProviders, model.DomainProvider{Name: name, NSCount: dd.DNSProviders[name], Pos: path})
		}
		for k, v := range dd.Meta {
			if strings.HasPrefix(k, "dnscontrol_") {
				continue // DNSControl's copies of the name and tag
			}
			if k == "ns_ttl" { // NAMESERVER_TTL
				ttl, err := strconv.ParseUint(v, 10, 31)
				if err != nil {
					return nil, fmt.Errorf("domain %s: meta ns_ttl (NAMESERVER_TTL) %q is not a TTL", dd.Name, v)
				}
				d.NameserverTTL = uint32(ttl)
				continue
			}
			if d.Meta == nil {
				d.Meta = map[string]string{}
			}
			d.Meta[k] = v
		}
		for _, ns := range dd.Nameservers {
			n := ns.Name
			if !strings.HasSuffix(n, ".") {
				n += "." // DNSControl keeps them without the final dot
			}
			d.Nameservers = append(d.Nameservers, n)
		}
		for _, u := range dd.Unmanaged {
			d.Ignores = append(d.Ignores, model.Ignore{Label: u.Label, Types: u.Types, Target: u.Target, Pos: path})
		}
		for i, rc := range dd.Records {
			r, err := rc.record(path)
			if err != nil {
				return nil, fmt.Errorf("domain %s: record %d (%s %s): %w", dd.Name, i+1, rc.Type, rc.Name, err)
			}
			d.Records = append(d.Records, r)
		}
		cfg.Domains = append(cfg.Domains, d)
	}
	return cfg, nil
}

// record turns a DNSControl IR record into the DSL's form: the label, and
// the record data in zone-file syntax (TXT as raw text).
func (rc dcRecord) record(path string) (*model.Record, error) {
	pos := path
	if rc.FilePos != "" {
		pos = path + " (" + rc.FilePos + ")"
	}
	r := &model.Record{Name: rc.Name, Type: strings.ToUpper(rc.Type), TTL: rc.TTL, Pos: pos}
	if r.TTL == 0 {
		r.TTL = irDefaultTTL
	}
	for k, v := range rc.Meta {
		if r.Meta == nil {
			r.Meta = map[string]string{}
		}
		r.Meta[k] = v
	}
	if r.Name == "" {
		r.Name = "@"
	}
	n := func(v uint64) string { return strconv.FormatUint(v, 10) }
	q := strconv.Quote
	t := rc.Target
	switch r.Type {
	case "A", "AAAA", "CNAME", "NS", "PTR", "DNAME", "TXT", "SPF":
		r.Data = t
	case "MX":
		r.Data = n(uint64(rc.MxPreference)) + " " + t
	case "SRV":
		r.Data = strings.Join([]string{n(uint64(rc.SrvPriority)), n(uint64(rc.SrvWeight)), n(uint64(rc.SrvPort)), t}, " ")
	case "CAA":
		r.Data = n(uint64(rc.CaaFlag)) + " " + rc.CaaTag + " " + q(t)
	case "DS":
		r.Data = strings.Join([]string{n(uint64(rc.DsKeyTag)), n(uint64(rc.DsAlgorithm)), n(uint64(rc.DsDigestType)), rc.DsDigest}, " ")
	case "SSHFP":
		r.Data = strings.Join([]string{n(uint64(rc.SshfpAlgorithm)), n(uint64(rc.SshfpFingerprint)), t}, " ")
	case "TLSA":
		r.Data = strings.Join([]string{n(uint64(rc.TlsaUsage)), n(uint64(rc.TlsaSelector)), n(uint64(rc.TlsaMatchingType)), t}, " ")
	case "NAPTR":
		r.Data = strings.Join([]string{n(uint64(rc.NaptrOrder)), n(uint64(rc.NaptrPreference)), q(rc.NaptrFlags), q(rc.NaptrService), q(rc.NaptrRegexp), t}, " ")
	case "HTTPS", "SVCB":
		r.Data = strings.TrimSpace(n(uint64(rc.SvcPriority)) + " " + t + " " + rc.SvcParams)
	case "R53_ALIAS":
		if r.Meta == nil {
			r.Meta = map[string]string{}
		}
		r.Meta["alias_type"] = rc.R53Alias["type"]
		if z := rc.R53Alias["zone_id"]; z != "" {
			r.Meta["zone_id"] = z
		}
		r.Meta["evaluate_target_health"] = "false"
		if rc.R53Alias["evaluate_target_health"] == "true" {
			r.Meta["evaluate_target_health"] = "true"
		}
		r.Data = t
	default:
		return nil, fmt.Errorf("record type %s is not read from DNSControl's IR by dnsctl (use dnsconfig.js)", r.Type)
	}
	return r, nil
}
