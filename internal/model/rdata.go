package model

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// AliasType is the pseudo-type of Route 53 alias records (R53_ALIAS). Its
// Data is the alias target, its Meta["alias_type"] the record type served.
const AliasType = "R53_ALIAS"

// AliasTypes are the record types a Route 53 alias may serve.
var AliasTypes = map[string]bool{"A": true, "AAAA": true, "CNAME": true, "MX": true, "TXT": true,
	"PTR": true, "SPF": true, "SRV": true, "NAPTR": true, "CAA": true}

// CanonicalData returns the canonical presentation form of record data
// given in zone-file syntax (relative names are relative to zone). TXT and
// SPF data are presentation strings here (quoted, escaped); use TXTData for
// a raw value. Common types take a fast path; the rest go through the
// miekg/dns parser, so anything a zone file may hold is accepted.
func CanonicalData(typ, data, zone string) (string, error) {
	return canonicalData(typ, data, zone, false)
}

// canonicalData is CanonicalData; with configured set (data from
// dnsconfig.js rather than from a provider) it is stricter: host names must
// be plain host names (QualifyTarget), the data must mean in a zone file
// exactly what it says (checkConfigured) and it must encode in a DNS
// message (checkWire).
func canonicalData(typ, data, zone string, configured bool) (string, error) {
	switch typ {
	case "A":
		a, err := netip.ParseAddr(strings.TrimSpace(data))
		if err != nil || !a.Is4() {
			return "", fmt.Errorf("%q is not an IPv4 address", data)
		}
		return a.String(), nil
	case "AAAA":
		a, err := netip.ParseAddr(strings.TrimSpace(data))
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", fmt.Errorf("%q is not an IPv6 address", data)
		}
		return a.String(), nil
	case "CNAME", "NS", "PTR", "DNAME", AliasType:
		t, err := qualifyTarget(strings.TrimSpace(data), zone, configured)
		if err != nil {
			return "", err
		}
		if configured && typ != AliasType {
			if err := checkWireName(t); err != nil {
				return "", err
			}
		}
		return t, nil
	case "MX":
		f := strings.Fields(data)
		if len(f) != 2 {
			return "", fmt.Errorf("MX data %q: want \"priority target\"", data)
		}
		p, err := strconv.ParseUint(f[0], 10, 16)
		if err != nil {
			return "", fmt.Errorf("MX priority %q is not a number from 0 to 65535", f[0])
		}
		t, err := qualifyTarget(f[1], zone, configured)
		if err != nil {
			return "", err
		}
		if configured {
			if err := checkWireName(t); err != nil {
				return "", err
			}
		}
		return strconv.FormatUint(p, 10) + " " + t, nil
	case "TXT", "SPF":
		v, err := TXTValue(data)
		if err != nil {
			return "", err
		}
		if configured {
			if err := checkTXTSize(v); err != nil {
				return "", err
			}
		}
		return TXTData(v), nil
	case "SOA":
		if configured {
			return canonicalSOA(data, zone)
		}
		// A provider's SOA is kept as the provider gives it.
		return strings.Join(strings.Fields(data), " "), nil
	case "HTTPS", "SVCB":
		if configured {
			return canonicalSVCB(typ, data, zone)
		}
	case "OPENPGPKEY":
		if configured {
			k, err := openpgpKey(data)
			if err != nil {
				return "", err
			}
			data = k
		}
	}
	if IsForeignType(typ) {
		return canonicalForeign(typ, data)
	}
	return parseGeneric(typ, data, zone, configured)
}

// parseGeneric canonicalises data of any type miekg/dns knows; with
// configured set it also checks what checkConfigured checks and packs the
// record, as a DNS message would carry it.
func parseGeneric(typ, data, zone string, configured bool) (string, error) {
	if _, ok := dns.StringToType[typ]; !ok {
		return "", fmt.Errorf("unknown record type %s", typ)
	}
	if configured {
		if err := checkPresentation(data); err != nil {
			return "", fmt.Errorf("%s data %q: %w", typ, shorten(data), err)
		}
		var err error
		if data, err = punycodeWords(data); err != nil {
			return "", fmt.Errorf("%s data %q: %w", typ, shorten(data), err)
		}
	}
	rr, err := parseOne(typ, data, zone)
	if err != nil {
		return "", err
	}
	out := RRData(rr)
	if configured {
		if err := checkWire(rr); err != nil {
			return "", fmt.Errorf("%s data %q: %w", typ, shorten(data), err)
		}
		if err := checkConfigured(rr, out, zone); err != nil {
			return "", fmt.Errorf("%s data %q: %w", typ, shorten(data), err)
		}
	}
	return out, nil
}

// parseOne parses data as the record data of one record of type typ.
func parseOne(typ, data, zone string) (dns.RR, error) {
	zp := dns.NewZoneParser(strings.NewReader("@ 1 IN "+typ+" "+data+"\n"), dns.Fqdn(zone), "")
	rr, ok := zp.Next()
	if err := zp.Err(); err != nil {
		reason := parseErrText(err)
		if reason == noReason && (typ == "HTTPS" || typ == "SVCB") {
			if p := svcbParamProblem(typ, data); p != "" {
				reason = p
			}
		}
		return nil, fmt.Errorf("%s data %q: %s", typ, shorten(data), reason)
	}
	if !ok || rr == nil {
		return nil, fmt.Errorf("%s data %q is empty", typ, data)
	}
	if _, more := zp.Next(); more {
		return nil, fmt.Errorf("%s data %q holds more than one record", typ, shorten(data))
	}
	return rr, nil
}

// MaxRdata is the most record data (RDATA) one resource record can hold:
// its length is a 16-bit field (RFC 1035 section 3.2.1).
const MaxRdata = 65535

// checkTXTSize reports a TXT value too long for one record: split into
// strings of at most 255 bytes, each with its length byte, it must fit in
// MaxRdata bytes.
func checkTXTSize(raw string) error {
	n := len(raw)
	size := n + max(1, (n+MaxTXTString-1)/MaxTXTString)
	if size > MaxRdata {
		return fmt.Errorf("the text is %d bytes, %d bytes of record data; a record holds at most %d (about %d bytes of text)",
			n, size, MaxRdata, MaxRdata*MaxTXTString/(MaxTXTString+1))
	}
	return nil
}

// checkWire packs rr as a DNS message would, reporting what miekg/dns
// refuses: record data over MaxRdata bytes, strings over 255 bytes (CAA
// tags, NAPTR fields), hexadecimal or base64 fields that do not decode.
func checkWire(rr dns.RR) error {
	n := dns.Len(rr)
	buf := make([]byte, n+512)
	_, err := dns.PackRR(rr, buf, 0, nil, false)
	if err == nil {
		return nil
	}
	if errors.Is(err, dns.ErrRdata) || errors.Is(err, dns.ErrBuf) {
		h := rr.Header()
		rdata := n - (len(h.Name) + 1) - 10 // owner name on the wire, then type, class, TTL and length
		if rdata > MaxRdata {
			return fmt.Errorf("the record data is %d bytes; a record holds at most %d", rdata, MaxRdata)
		}
	}
	return fmt.Errorf("cannot be encoded: %s", strings.TrimPrefix(err.Error(), "dns: "))
}

// checkWireName makes sure a qualified host name (with its trailing dot)
// encodes; only names holding escapes can fail once the labels passed
// checkTarget.
func checkWireName(fqdn string) error {
	if strings.IndexByte(fqdn, '\\') < 0 {
		return nil
	}
	var buf [256]byte
	if _, err := dns.PackDomainName(fqdn, buf[:], 0, nil, false); err != nil {
		return fmt.Errorf("target %q cannot be encoded: %s", fqdn, strings.TrimPrefix(err.Error(), "dns: "))
	}
	return nil
}

// shorten cuts long data for messages.
func shorten(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// noReason is the reason given for a parse error miekg/dns states none for.
const noReason = "the data does not parse"

// parseErrText returns the reason of a miekg/dns parse error, never "".
// miekg's zone parser drops the reason of some errors (an SVCB parameter
// that does not parse: its text is then "dns: : \"ech=IGNORE\" at
// line: 1:27"); those get noReason.
func parseErrText(err error) string {
	if pe, ok := err.(*dns.ParseError); ok {
		s := pe.Error()
		// Drop miekg's "dns: " prefix and its position in our synthetic line.
		s = strings.TrimPrefix(s, "dns: ")
		if i := strings.Index(s, ": \""); i >= 0 {
			s = s[:i]
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, ":") {
			if w := pe.Unwrap(); w != nil && strings.TrimSpace(w.Error()) != "" {
				return strings.TrimPrefix(w.Error(), "dns: ")
			}
			return noReason
		}
		return s
	}
	return Describe(err.Error())
}

// RRData returns the canonical presentation data of a parsed RR: miekg's
// text with host names lower-cased.
func RRData(rr dns.RR) string {
	lowerNames(rr)
	return strings.TrimPrefix(rr.String(), rr.Header().String())
}

func lowerNames(rr dns.RR) {
	switch v := rr.(type) {
	case *dns.CNAME:
		v.Target = strings.ToLower(v.Target)
	case *dns.NS:
		v.Ns = strings.ToLower(v.Ns)
	case *dns.PTR:
		v.Ptr = strings.ToLower(v.Ptr)
	case *dns.MX:
		v.Mx = strings.ToLower(v.Mx)
	case *dns.SRV:
		v.Target = strings.ToLower(v.Target)
	case *dns.NAPTR:
		v.Replacement = strings.ToLower(v.Replacement)
	case *dns.SVCB:
		v.Target = strings.ToLower(v.Target)
		sortSvcParams(v.Value)
	case *dns.HTTPS:
		v.Target = strings.ToLower(v.Target)
		sortSvcParams(v.Value)
	case *dns.SOA:
		v.Ns = strings.ToLower(v.Ns)
		v.Mbox = strings.ToLower(v.Mbox)
	case *dns.DNAME:
		v.Target = strings.ToLower(v.Target)
	case *dns.DS:
		v.Digest = strings.ToUpper(v.Digest)
	case *dns.SSHFP:
		v.FingerPrint = strings.ToUpper(v.FingerPrint)
	case *dns.TLSA:
		v.Certificate = strings.ToLower(v.Certificate)
	case *dns.SMIMEA:
		v.Certificate = strings.ToLower(v.Certificate)
	case *dns.RP:
		v.Mbox = strings.ToLower(v.Mbox)
		v.Txt = strings.ToLower(v.Txt)
	}
}

// sortSvcParams puts SVCB/HTTPS parameters in key order, the order of the
// wire format (RFC 9460): written in any order, one set of parameters has
// one canonical text, so "port=8443 alpn=h2" and "alpn=h2 port=8443" are
// the same record.
func sortSvcParams(kv []dns.SVCBKeyValue) {
	sort.SliceStable(kv, func(i, j int) bool { return kv[i].Key() < kv[j].Key() })
}

// FromRR converts a parsed resource record into a canonical Record.
func FromRR(rr dns.RR) *Record {
	h := rr.Header()
	name := strings.ToLower(strings.TrimSuffix(h.Name, "."))
	typ, ok := dns.TypeToString[h.Rrtype]
	if !ok {
		typ = dns.Type(h.Rrtype).String() // "TYPE65534"
	}
	var data string
	switch v := rr.(type) {
	case *dns.TXT:
		data = TXTData(joinTXT(v.Txt))
	case *dns.SPF:
		data = TXTData(joinTXT(v.Txt))
	default:
		data = RRData(rr)
	}
	return &Record{Name: name, Type: typ, TTL: h.Ttl, Data: data}
}

// joinTXT joins miekg's TXT strings (which keep presentation escapes) into
// the raw value.
func joinTXT(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		if strings.IndexByte(s, '\\') < 0 {
			b.WriteString(s)
			continue
		}
		raw, err := TXTValue(`"` + s + `"`)
		if err != nil {
			b.WriteString(s)
			continue
		}
		b.WriteString(raw)
	}
	return b.String()
}

// ToRR parses a canonical record back into a miekg/dns RR.
func ToRR(r *Record) (dns.RR, error) {
	rr, err := dns.NewRR(r.Name + ". " + strconv.FormatUint(uint64(r.TTL), 10) + " IN " + r.Type + " " + r.Data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r, err)
	}
	return rr, nil
}
