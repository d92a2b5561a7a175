package model

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
	case *dns.TLSA:
		if v.Certificate == "" {
			return fmt.Errorf("the certificate association data is empty")
		}
	case *dns.SMIMEA:
		if v.Certificate == "" {
			return fmt.Errorf("the certificate association data is empty")
		}
	case *dns.DHCID:
		if v.Digest == "" {
			return fmt.Errorf("the DHCID digest is empty")
		}
	case *dns.DNSKEY:
		if v.PublicKey == "" {
			return fmt.Errorf("the DNSKEY public key is empty")
		}
	case *dns.CAA:
		if !isAlnum(v.Tag) {
			return fmt.Errorf("the CAA tag %q may hold only letters and digits (RFC 8659)", v.Tag)
		}
	case *dns.NAPTR:
		return checkNAPTR(v)
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
	if digest == "" {
		return fmt.Errorf("the %s digest is empty", typ)
	}
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
		switch v := p.(type) {
		case *dns.SVCBAlpn:
			if len(v.Alpn) == 0 || slices.Contains(v.Alpn, "") {
				return fmt.Errorf("alpn lists an empty protocol name")
			}
		case *dns.SVCBMandatory:
			// A key the parser could not read has no name.
			if len(v.Code) == 0 || slices.ContainsFunc(v.Code, func(k dns.SVCBKey) bool { return k.String() == "" }) {
				return fmt.Errorf("mandatory lists no parameter; name each by its lower-case name (alpn, port, ipv4hint…), or keyNNNNN for keys without one")
			}
			seen := map[dns.SVCBKey]bool{}
			for _, k := range v.Code {
				switch {
				case k == dns.SVCB_MANDATORY:
					return fmt.Errorf("mandatory lists itself, which RFC 9460 forbids")
				case seen[k]:
					return fmt.Errorf("mandatory lists %s twice", k.String())
				case !present[k]:
					return fmt.Errorf("mandatory lists %s, but the record has no %s parameter", k.String(), k.String())
				}
				seen[k] = true
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
	refused := func(what, why string) string {
		return fmt.Sprintf("%s is not a host name (%s), so BIND refuses to load a zone file holding this %s record (check-names); rename it or set check-names ignore in named.conf", what, why, r.Type)
	}
	switch r.Type {
	case "A", "AAAA", "MX":
		if l := badHostLabel(r.Name, true); l != "" {
			return refused(r.Name, l)
		}
	}
	var target string
	switch r.Type {
	case "MX":
		_, target, _ = strings.Cut(r.Data, " ") // canonical: "priority target"
	case "NS":
		target = r.Data
	case "PTR":
		if isReverseZone(zone) {
			target = r.Data
		}
	case "SOA":
		if f := strings.Fields(r.Data); len(f) > 0 {
			target = f[0]
		}
	case "SRV":
		if f := strings.Fields(r.Data); len(f) > 3 {
			target = f[3]
		}
	case "SVCB", "HTTPS":
		if f := strings.Fields(r.Data); len(f) > 1 {
			target = f[1]
		}
	}
	if target == "" || target == "." {
		return ""
	}
	if l := badHostLabel(strings.TrimSuffix(target, "."), false); l != "" {
		return refused("the target "+target, l)
	}
	return ""
}

// badHostLabel describes the first label of name that is not a host-name
// label (RFC 952/1123: letters, digits and '-', not first or last), or
// returns "".
func badHostLabel(name string, wildcard bool) string {
	if wildcard {
		name = strings.TrimPrefix(name, "*.")
	}
	for rest := name; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, ".")
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

// checkNAPTR checks the NAPTR fields zone-file loaders check (RFC 3403
// section 4.1): flags are letters and digits, and a regexp is empty or
// delim-ERE-delim-substitution-delim-flags, with 'i' as the only flag.
func checkNAPTR(v *dns.NAPTR) error {
	if !isAlnum(v.Flags) && v.Flags != "" {
		return fmt.Errorf("the NAPTR flags %q may hold only letters and digits", v.Flags)
	}
	re := v.Regexp
	if re == "" {
		return nil
	}
	delim, size := utf8.DecodeRuneInString(re)
	if delim == '\\' || delim == 'i' || delim >= '0' && delim <= '9' || delim == utf8.RuneError {
		return fmt.Errorf("the NAPTR regexp %q must start with a delimiter character such as '!' (delim-ERE-delim-substitution-delim-flags)", re)
	}
	var parts []string
	start := size
	for i := size; i < len(re); i++ {
		switch {
		case re[i] == '\\':
			i++
		case strings.HasPrefix(re[i:], string(delim)):
			parts = append(parts, re[start:i])
			start = i + size
			i += size - 1
		}
	}
	flags := re[start:]
	if len(parts) != 2 || parts[0] == "" || (flags != "" && flags != "i") {
		return fmt.Errorf("the NAPTR regexp %q is not delim-ERE-delim-substitution-delim-flags (for example \"!^.*$!sip:info@example.com!\"), with 'i' as the only flag", re)
	}
	return nil
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// punycodeWords converts the words of data outside double quotes that hold
// non-ASCII bytes (a host name such as an SRV target "bücher.example.")
// to punycode, as host names elsewhere in a configuration are.
func punycodeWords(data string) (string, error) {
	if isASCII(data) {
		return data, nil
	}
	var b strings.Builder
	quoted := false
	start := -1
	flush := func(end int) error {
		if start < 0 {
			return nil
		}
		w := data[start:end]
		if !isASCII(w) {
			a, err := toASCII(w)
			if err != nil {
				return err
			}
			w = a
		}
		b.WriteString(w)
		start = -1
		return nil
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\\' && i+1 < len(data):
			if start < 0 && !quoted {
				start = i
			}
			if quoted {
				b.WriteByte(c)
				b.WriteByte(data[i+1])
			}
			i++
			continue
		case c == '"':
			if err := flush(i); err != nil {
				return "", err
			}
			quoted = !quoted
			b.WriteByte(c)
			continue
		case quoted:
			b.WriteByte(c)
			continue
		case c == ' ' || c == '\t':
			if err := flush(i); err != nil {
				return "", err
			}
			b.WriteByte(c)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if err := flush(len(data)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// canonicalSOA checks and canonicalises the data SOA() gives: "ns mbox
// serial refresh retry expire minttl". The name server is a host name; the
// mailbox is written as an address (hostmaster@example.com, as DNSControl
// documents it) or as a name (hostmaster.example.com.); the numbers are
// 32-bit.
func canonicalSOA(data, zone string) (string, error) {
	f := strings.Fields(data)
	if len(f) != 7 {
		return "", fmt.Errorf("SOA data %q: want a name server, a mailbox and five numbers (refresh, retry, expire, minttl after the serial)", shorten(data))
	}
	ns, err := QualifyTarget(f[0], zone)
	if err != nil {
		return "", fmt.Errorf("SOA name server: %w", err)
	}
	mbox, err := qualifyMailbox(f[1], zone)
	if err != nil {
		return "", fmt.Errorf("SOA mailbox: %w", err)
	}
	out := []string{ns, mbox}
	for _, n := range f[2:] {
		v, err := strconv.ParseUint(n, 10, 32)
		if err != nil {
			return "", fmt.Errorf("SOA data %q: %q is not a number from 0 to 4294967295", shorten(data), n)
		}
		out = append(out, strconv.FormatUint(v, 10))
	}
	return strings.Join(out, " "), nil
}

// qualifyMailbox turns an SOA mailbox into its name form: "john.doe@x.org"
// becomes "john\\.doe.x.org." (the dots of the local part escaped), a name
// is qualified like a target.
func qualifyMailbox(m, zone string) (string, error) {
	local, domain, isAddr := strings.Cut(m, "@")
	if !isAddr {
		return QualifyTarget(m, zone)
	}
	if local == "" || strings.Contains(domain, "@") {
		return "", fmt.Errorf("%q is not a mail address", m)
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._+-", c) >= 0) {
			return "", fmt.Errorf("the local part of %q holds %s; use letters, digits, '.', '_', '+' and '-'", m, quoteByte(local, i))
		}
	}
	d, err := QualifyTarget(strings.TrimSuffix(domain, ".")+".", zone)
	if err != nil {
		return "", err
	}
	return strings.ToLower(strings.ReplaceAll(local, ".", "\\.")) + "." + d, nil
}

// CanonicalSOA checks and canonicalises SOA data "ns mbox serial refresh
// retry expire minttl" of zone as SOA() does (the mailbox may be written
// as an address), for providers that take SOA defaults from elsewhere.
func CanonicalSOA(data, zone string) (string, error) { return canonicalSOA(data, zone) }
