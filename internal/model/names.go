package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// CanonicalZone lower-cases a zone name, converts Unicode to punycode and
// drops a trailing dot.
func CanonicalZone(name string) (string, error) {
	n, err := toASCII(strings.TrimSuffix(name, "."))
	if err != nil {
		return "", err
	}
	if err := checkName(n); err != nil {
		return "", err
	}
	return n, nil
}

// QualifyName turns a record label as written in a configuration ("@",
// "www", "host.example.com.", Unicode) into the fully qualified owner name,
// lower-case and without a trailing dot. A name ending in a dot must lie
// inside zone.
func QualifyName(label, zone string) (string, error) {
	var fq string
	switch {
	case label == "@" || label == "":
		return zone, nil
	case strings.HasSuffix(label, "."):
		fq = label[:len(label)-1]
	default:
		fq = label + "." + zone
	}
	fq, err := toASCII(fq)
	if err != nil {
		return "", err
	}
	if fq != zone && !strings.HasSuffix(fq, "."+zone) {
		return "", fmt.Errorf("name %q is outside the zone %s", label, zone)
	}
	if err := checkName(fq); err != nil {
		return "", err
	}
	return fq, nil
}

// QualifyTarget turns a host name in configured record data into its fully
// qualified form with a trailing dot: "@" is the zone itself, a name
// without a trailing dot is relative to the zone, "." stays the root. The
// name must be a host name as zone files and Route 53 both take it
// unescaped: letters, digits, '-' and '_' ('*' as a whole first label, '/'
// under in-addr.arpa for RFC 2317). Anything else (';', '(', quotes, white
// space) would change meaning in a zone file.
func QualifyTarget(target, zone string) (string, error) {
	return qualifyTarget(target, zone, true)
}

// qualifyTarget is QualifyTarget; without strict it takes any printable
// byte, as providers may return names that need escaping.
func qualifyTarget(target, zone string, strict bool) (string, error) {
	switch {
	case target == "":
		return "", fmt.Errorf("empty target")
	case target == ".":
		return ".", nil
	case target == "@":
		return zone + ".", nil
	}
	fq := target
	if strings.HasSuffix(fq, ".") {
		fq = fq[:len(fq)-1]
	} else {
		fq = fq + "." + zone
	}
	fq, err := toASCII(fq)
	if err != nil {
		return "", err
	}
	if err := checkLabels(fq, strict, false); err != nil {
		return "", fmt.Errorf("target %s: %w", strconv.Quote(target), err)
	}
	return fq + ".", nil
}

// toASCII lower-cases name and converts any Unicode label to punycode.
func toASCII(name string) (string, error) {
	ascii := true
	upper := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if upper {
			return strings.ToLower(name), nil
		}
		return name, nil
	}
	out, err := idna.ToASCII(strings.ToLower(name))
	if err != nil {
		return "", fmt.Errorf("name %q cannot be converted to punycode: %v", name, err)
	}
	return out, nil
}

// checkName validates an owner name: labels of 1 to 63 bytes of letters,
// digits, hyphens and underscores, "*" only as the whole first label, at
// most 253 bytes in all.
func checkName(n string) error {
	return checkLabels(n, true, true)
}

// checkLabels checks the structure of a name without its trailing dot:
// label and name lengths, and no control or space bytes. With strict set,
// labels may hold only letters, digits, '-', '_', a whole first label '*',
// and '/' in names under in-addr.arpa (RFC 2317 classless zones). owner
// names the name in messages as a name rather than as a target.
func checkLabels(n string, strict, owner bool) error {
	what := "name"
	if !owner {
		what = "host name"
	}
	if len(n) > 253 {
		return fmt.Errorf("%s %q is %d bytes long; the limit is 253", what, n, len(n))
	}
	// RFC 2317 classless reverse zones are named "128/25.2.0.192.in-addr.arpa".
	slash := strings.HasSuffix(strings.ToLower(n), ".in-addr.arpa")
	start := 0
	for i := 0; i <= len(n); i++ {
		if i < len(n) && n[i] != '.' {
			c := n[i]
			if c <= ' ' || c > '~' {
				return fmt.Errorf("%s %q holds %s, which is not allowed in a DNS name", what, n, quoteByte(n, i))
			}
			if strict && !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '*' || c >= 'A' && c <= 'Z' || c == '/' && slash) {
				return fmt.Errorf("%s %q holds %s; labels may use letters, digits, '-' and '_' (and '/' under in-addr.arpa, for RFC 2317)", what, n, quoteByte(n, i))
			}
			continue
		}
		l := i - start
		switch {
		case l == 0:
			return fmt.Errorf("%s %q has an empty label", what, n)
		case l > 63:
			return fmt.Errorf("label %q of %q is %d bytes long; the limit is 63", n[start:i], n, l)
		}
		if strict && strings.IndexByte(n[start:i], '*') >= 0 && (start != 0 || l != 1) {
			return fmt.Errorf("%s %q: '*' is only allowed as the whole first label (a wildcard)", what, n)
		}
		start = i + 1
	}
	return nil
}

// SkipFQDNCheck is the record metadata key (set by DNSControl's
// DISABLE_REPEATED_DOMAIN_CHECK, or {skip_fqdn_check: "true"}) that turns
// off CheckRepeatedZone for the record.
const SkipFQDNCheck = "skip_fqdn_check"

// CheckRepeatedZone reports a record label that ends with the name of its
// zone: A("www.example.com", ...) in D("example.com") would make
// www.example.com.example.com, which is almost always a mistake (DNSControl
// refuses it too). origin is the name the label is relative to: the zone,
// or the subdomain of a D_EXTEND. A name with a trailing dot is fully
// qualified and never repeats the zone.
func CheckRepeatedZone(label, origin, zone string) error {
	if label == "" || label == "@" || strings.HasSuffix(label, ".") {
		return nil
	}
	n, err := toASCII(label)
	if err != nil || n != zone && !strings.HasSuffix(n, "."+zone) {
		return nil // (a name that cannot be converted is reported by its own check)
	}
	var hint string
	switch {
	case n == origin:
		hint = `write "@"`
	case strings.HasSuffix(n, "."+origin):
		hint = fmt.Sprintf("write %q", n[:len(n)-len(origin)-1])
	default:
		hint = "write it"
	}
	return fmt.Errorf("the name repeats the domain: it would make %s.%s; %s (or %q, with a trailing dot), or add DISABLE_REPEATED_DOMAIN_CHECK to the record to keep it",
		n, origin, hint, n+".")
}

// FQDNs returns host names as record data holds them: trimmed, lower-case,
// with a trailing dot; empty entries are dropped and the order is kept.
func FQDNs(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if !strings.HasSuffix(n, ".") {
			n += "."
		}
		out = append(out, n)
	}
	return out
}

// MaxTagLength bounds a split-horizon tag; tags name views, not data.
const MaxTagLength = 63

// CanonicalTag checks the split-horizon tag of a zone reference
// ("example.com!inside") and returns it lower-cased: tags are compared
// without regard to case, so D("x.com!In") and D("x.com!in") are one view.
// A tag is up to 63 letters, digits, '-' and '_' (an empty one is no tag):
// it becomes part of file
// names (the BIND provider's %T and %U verbs) and of every message, so
// nothing else is allowed in it.
func CanonicalTag(tag string) (string, error) {
	if tag == "" {
		return "", nil // "example.com!" is example.com, as in DNSControl
	}
	if len(tag) > MaxTagLength {
		return "", fmt.Errorf("the split-horizon tag is %d bytes long; the limit is %d", len(tag), MaxTagLength)
	}
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "", fmt.Errorf("the split-horizon tag %s holds %s; a tag may use only letters, digits, '-' and '_'", strconv.Quote(tag), quoteByte(tag, i))
		}
	}
	return strings.ToLower(tag), nil
}

// ParseZoneRef checks a zone reference as a user writes it on the command
// line or in D() ("example.com", "bücher.example", "example.com!inside")
// and returns its canonical zone name and tag.
func ParseZoneRef(ref string) (name, tag string, err error) {
	name, tag, hasTag := strings.Cut(ref, "!")
	if name, err = CanonicalZone(name); err != nil {
		return "", "", err
	}
	if hasTag {
		if tag, err = CanonicalTag(tag); err != nil {
			return "", "", err
		}
	}
	return name, tag, nil
}

// quoteByte names the character of s at byte i for a message: the rune
// there, Go-quoted, so that control and invisible characters show.
func quoteByte(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}
