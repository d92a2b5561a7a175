package model

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// Configured record data of the types without a fast path is handed to a
// zone-file parser, and the canonical text it gives back is what providers
// write: into zone files (BIND) or API requests. The checks here make sure
// that text means what the configuration said and that name servers load
// it: nothing the parser would silently read differently (a ';' that starts
// a comment, parentheses that join lines, a second record), nothing that
// prints in a form that does not read back, and nothing BIND refuses to
// load although the parser takes it (digests of the wrong length, SVCB
// parameters that contradict each other).

// checkPresentation refuses data that a zone-file parser would read as
// something other than record data: control characters (a line break ends
// the record), and outside double quotes ';' (a comment follows) and
// parentheses (they continue the record on the next line). Quotes must be
// balanced.
func checkPresentation(data string) error {
	quoted := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c < ' ' && c != '\t' || c == 0x7f:
			return fmt.Errorf("holds the control character %s, which zone files cannot hold in record data", quoteByte(data, i))
		case c == '\\':
			i++ // the escaped character, or the first of three digits
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';':
			return fmt.Errorf("holds ';' outside quotes, which would start a comment in a zone file and cut the data there")
		case c == '(' || c == ')':
			return fmt.Errorf("holds %q outside quotes, which groups lines in a zone file; quote the field or remove it", c)
		}
	}
	if quoted {
		return fmt.Errorf("has an unbalanced '\"'")
	}
	return nil
}

// checkConfigured checks a configured record parsed from its data: text is
// its canonical data (RRData). The host names it holds must be plain host
// names, the text must read back as the same record, and the fields must
// be consistent in the ways name servers check when loading a zone.
func checkConfigured(rr dns.RR, text, zone string) error {
	for _, n := range hostNames(rr) {
		if n == "." {
			continue
		}
		if err := checkLabels(strings.TrimSuffix(n, "."), true, false); err != nil {
			return err
		}
	}
	back, err := parseOne(dns.TypeToString[rr.Header().Rrtype], text, zone)
	if err != nil || RRData(back) != text {
		return fmt.Errorf("its zone-file form %q does not read back as the same record", shorten(text))
	}
	switch v := rr.(type) {
	case *dns.DS:
		return checkDigest("DS", "digest type", v.DigestType, dsDigestBytes, v.Digest)
	case *dns.CDS:
		return checkDigest("CDS", "digest type", v.DigestType, dsDigestBytes, v.Digest)
	case *dns.SSHFP:
		return checkDigest("SSHFP", "fingerprint type", v.Type, sshfpDigestBytes, v.FingerPrint)
	case *dns.SVCB:
		return checkSvcParams(v.Value)
	case *dns.HTTPS:
		return checkSvcParams(v.Value)
	}
	return nil
}

// hostNames returns the domain names in the data of the record types whose
// data goes through the generic parser.
func hostNames(rr dns.RR) []string {
	switch v := rr.(type) {
	case *dns.SRV:
		return []string{v.Target}
	case *dns.NAPTR:
		return []string{v.Replacement}
	case *dns.SVCB:
		return []string{v.Target}
	case *dns.HTTPS:
		return []string{v.Target}
	case *dns.KX:
		return []string{v.Exchanger}
	case *dns.AFSDB:
		return []string{v.Hostname}
	case *dns.RP:
		return []string{v.Mbox, v.Txt}
	case *dns.RT:
		return []string{v.Host}
	}
	return nil
}

// Digest lengths in bytes by type, as RFC 4509, 5933 and 6605 (DS) and
// RFC 4255 and 6594 (SSHFP) define them; name servers refuse other
// lengths for these types.
var (
	dsDigestBytes    = map[uint8]int{dns.SHA1: 20, dns.SHA256: 32, dns.GOST94: 32, dns.SHA384: 48}
	sshfpDigestBytes = map[uint8]int{1: 20, 2: 32}
)

func checkDigest(typ, field string, t uint8, want map[uint8]int, digest string) error {
	n, ok := want[t]
	if !ok {
		return nil
	}
	b, err := hex.DecodeString(digest)
	if err != nil {
		return fmt.Errorf("the %s digest is not hexadecimal", typ)
	}
	if len(b) != n {
		return fmt.Errorf("%s %d needs a digest of %d bytes (%d hex digits); this one has %d bytes", field, t, n, 2*n, len(b))
	}
	return nil
}

// checkSvcParams checks SVCB/HTTPS parameters as RFC 9460 section 8
// requires: every key listed in mandatory is present and mandatory does
// not list itself, and no-default-alpn comes with alpn.
func checkSvcParams(kv []dns.SVCBKeyValue) error {
	present := map[dns.SVCBKey]bool{}
	for _, p := range kv {
		present[p.Key()] = true
	}
	for _, p := range kv {
		m, ok := p.(*dns.SVCBMandatory)
		if !ok {
			continue
		}
		for _, k := range m.Code {
			switch {
			case k == dns.SVCB_MANDATORY:
				return fmt.Errorf("mandatory lists itself, which RFC 9460 forbids")
			case !present[k]:
				return fmt.Errorf("mandatory lists %s, but the record has no %s parameter", k.String(), k.String())
			}
		}
	}
	if present[dns.SVCB_NO_DEFAULT_ALPN] && !present[dns.SVCB_ALPN] {
		return fmt.Errorf("no-default-alpn needs an alpn parameter too (RFC 9460 section 7.1.1)")
	}
	return nil
}

// CheckNamesProblems returns what BIND's check-names (on by default for
// primary zones) refuses in r, a normalised record of zone: the owner of
// an A, AAAA or MX record, and the target of an MX, NS, SRV, SVCB or HTTPS
// record (and of a PTR in a reverse zone), must be a host name: letters,
// digits and inner '-' only, with a whole first label '*' allowed in owners.
// Underscores are the usual cause. DNSControl and Route 53 accept such
// names, so this is a warning for providers that serve zone files.
func CheckNamesProblems(r *Record, zone string) string {
	switch r.Type {
	case "A", "AAAA", "MX":
		if l := badHostLabel(r.Name, true); l != "" {
			return fmt.Sprintf("%s is not a host name (%s), so BIND refuses to load a zone file holding this %s record (check-names); rename it or set check-names ignore in named.conf", r.Name, l, r.Type)
		}
	}
	var target string
	switch r.Type {
	case "MX":
		if f := strings.Fields(r.Data); len(f) == 2 {
			target = f[1]
		}
	case "NS":
		target = r.Data
	case "PTR":
		if isReverseZone(zone) {
			target = r.Data
		}
	case "SRV", "SVCB", "HTTPS":
		f := strings.Fields(r.Data)
		i := map[string]int{"SRV": 3, "SVCB": 1, "HTTPS": 1}[r.Type]
		if len(f) > i {
			target = f[i]
		}
	}
	if target == "" || target == "." {
		return ""
	}
	if l := badHostLabel(strings.TrimSuffix(target, "."), false); l != "" {
		return fmt.Sprintf("the target %s is not a host name (%s), so BIND refuses to load a zone file holding this %s record (check-names); rename it or set check-names ignore in named.conf", target, l, r.Type)
	}
	return ""
}

// badHostLabel describes the first label of name that is not a host-name
// label (RFC 952/1123: letters, digits and '-', not first or last), or
// returns "".
func badHostLabel(name string, wildcard bool) string {
	for i, l := range strings.Split(name, ".") {
		if i == 0 && wildcard && l == "*" {
			continue
		}
		for j := 0; j < len(l); j++ {
			c := l[j]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return "label " + strconv.Quote(l) + " holds " + quoteByte(l, j)
			}
		}
		if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return "label " + strconv.Quote(l) + " begins or ends with '-'"
		}
	}
	return ""
}
