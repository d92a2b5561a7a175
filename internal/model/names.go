package model

import (
	"fmt"
	"strings"

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

// QualifyTarget turns a host name in record data into its fully qualified
// form with a trailing dot: "@" is the zone itself, a name without a
// trailing dot is relative to the zone, "." stays the root.
func QualifyTarget(target, zone string) (string, error) {
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
	if err := checkTarget(fq); err != nil {
		return "", fmt.Errorf("target %q: %w", target, err)
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
	return checkLabels(n, true)
}

// checkTarget validates a host name used as record data; wildcards are not
// host names, but Route 53 style names may hold any printable byte, so only
// structure is checked.
func checkTarget(n string) error {
	return checkLabels(n, false)
}

func checkLabels(n string, strict bool) error {
	if len(n) > 253 {
		return fmt.Errorf("name %q is %d bytes long; the limit is 253", n, len(n))
	}
	// RFC 2317 classless reverse zones are named "128/25.2.0.192.in-addr.arpa".
	slash := strings.HasSuffix(strings.ToLower(n), ".in-addr.arpa")
	start := 0
	for i := 0; i <= len(n); i++ {
		if i < len(n) && n[i] != '.' {
			c := n[i]
			if c <= ' ' || c > '~' {
				return fmt.Errorf("name %q holds the byte %q, which is not allowed in a DNS name", n, c)
			}
			if strict && !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '*' || c >= 'A' && c <= 'Z' || c == '/' && slash) {
				return fmt.Errorf("name %q holds %q; labels may use letters, digits, '-' and '_' (and '/' under in-addr.arpa, for RFC 2317)", n, c)
			}
			continue
		}
		l := i - start
		switch {
		case l == 0:
			return fmt.Errorf("name %q has an empty label", n)
		case l > 63:
			return fmt.Errorf("label %q of %q is %d bytes long; the limit is 63", n[start:i], n, l)
		}
		if strict && strings.IndexByte(n[start:i], '*') >= 0 && (start != 0 || l != 1) {
			return fmt.Errorf("name %q: '*' is only allowed as the whole first label (a wildcard)", n)
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
