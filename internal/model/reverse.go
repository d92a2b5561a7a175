package model

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ReverseName returns the reverse-lookup name, without a trailing dot, of
// an address or a prefix: "192.0.2.0/24" gives "2.0.192.in-addr.arpa",
// "192.0.2.7" gives "7.2.0.192.in-addr.arpa", "2001:db8::/32" gives
// "8.b.d.0.1.0.0.2.ip6.arpa". Host bits outside the prefix are ignored.
// IPv4 prefixes longer than /24 that do not end on an octet boundary use
// the first form of RFC 2317, "128/25.2.0.192.in-addr.arpa".
func ReverseName(s string) (string, error) {
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return "", fmt.Errorf("%q is not an address or a prefix (such as 192.0.2.0/24)", s)
		}
	} else {
		ip, err := netip.ParseAddr(s)
		if err != nil || ip.Zone() != "" {
			return "", fmt.Errorf("%q is not an address or a prefix (such as 192.0.2.0/24)", s)
		}
		p = netip.PrefixFrom(ip, ip.BitLen())
	}
	p = p.Masked()
	bits := p.Bits()
	var b strings.Builder
	if p.Addr().Is4() {
		o := p.Addr().As4()
		switch {
		case bits%8 == 0:
			for i := bits/8 - 1; i >= 0; i-- {
				b.WriteString(strconv.Itoa(int(o[i])))
				b.WriteByte('.')
			}
		case bits > 24:
			fmt.Fprintf(&b, "%d/%d.%d.%d.%d.", o[3], bits, o[2], o[1], o[0])
		default:
			return "", fmt.Errorf("the prefix length of %s must be a multiple of 8 (or above 24, for RFC 2317)", s)
		}
		b.WriteString("in-addr.arpa")
		return b.String(), nil
	}
	if bits%4 != 0 {
		return "", fmt.Errorf("the prefix length of %s must be a multiple of 4", s)
	}
	const digits = "0123456789abcdef"
	a := p.Addr().As16()
	for i := bits/4 - 1; i >= 0; i-- {
		nib := a[i/2] >> 4
		if i%2 == 1 {
			nib = a[i/2] & 15
		}
		b.WriteByte(digits[nib])
		b.WriteByte('.')
	}
	b.WriteString("ip6.arpa")
	return b.String(), nil
}

// addrReverseName is ReverseName of a single address.
func addrReverseName(ip netip.Addr) string {
	n, _ := ReverseName(ip.String())
	return n
}

// isReverseZone reports whether zone lies under in-addr.arpa or ip6.arpa
// (the trees themselves excluded, as in DNSControl), where a record's
// name may be written as an address or as a full reverse name.
func isReverseZone(zone string) bool {
	return strings.HasSuffix(zone, ".in-addr.arpa") || strings.HasSuffix(zone, ".ip6.arpa")
}

// isArpaName reports whether the lower-case name n (no trailing dot) is
// in-addr.arpa, ip6.arpa or a name below them.
func isArpaName(n string) bool {
	return n == "in-addr.arpa" || n == "ip6.arpa" || strings.HasSuffix(n, ".in-addr.arpa") || strings.HasSuffix(n, ".ip6.arpa")
}

// reverseLabel applies, in a reverse zone, DNSControl's conveniences to
// the label of a record of type typ:
//
//   - a PTR label that is an address (IPv4 in an in-addr.arpa zone, IPv6
//     in an ip6.arpa zone) becomes its reverse name relative to the zone:
//     PTR("192.0.2.7", ...) in 2.0.192.in-addr.arpa is "7";
//   - a reverse name, with or without a trailing dot ("7.2.0.192.in-addr.arpa",
//     what REV("192.0.2.7") returns), becomes relative to the zone;
//   - either one outside the zone is an error naming both.
//
// Other labels are returned as they are.
func reverseLabel(typ, label, zone string) (string, error) {
	if typ == "PTR" && label != "" {
		if ip, ok := labelAddr(label, zone); ok {
			return addrLabel(ip, label, zone)
		}
	}
	n := strings.ToLower(strings.TrimSuffix(label, "."))
	if !isArpaName(n) {
		return label, nil
	}
	switch {
	case n == zone:
		return "@", nil
	case strings.HasSuffix(n, "."+zone):
		return n[:len(n)-len(zone)-1], nil
	}
	if typ == "PTR" {
		// The full reverse name of an address may still lie in an RFC 2317
		// zone ("130.2.0.192.in-addr.arpa" in "128/25.2.0.192.in-addr.arpa").
		if ip, ok := parseReverseAddr(n); ok {
			return addrLabel(ip, label, zone)
		}
	}
	return "", fmt.Errorf("%s is not inside the zone %s", label, zone)
}

// labelAddr parses label as the kind of address zone holds: an IPv4
// address in an in-addr.arpa zone, an IPv6 one (written with ':') in an
// ip6.arpa zone. An IPv6 address in an in-addr.arpa zone is returned too,
// so that it is reported rather than taken for a label.
func labelAddr(label, zone string) (netip.Addr, bool) {
	colon := strings.IndexByte(label, ':') >= 0
	if !colon && strings.Count(label, ".") != 3 {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(label)
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	if !colon && strings.HasSuffix(zone, ".ip6.arpa") {
		// "1.0.0.0" in an ip6.arpa zone is four nibbles, not an address.
		return netip.Addr{}, false
	}
	return ip, true
}

// addrLabel returns the label of address ip (written as written) in the
// reverse zone zone.
func addrLabel(ip netip.Addr, written, zone string) (string, error) {
	rev := addrReverseName(ip)
	switch {
	case rev == zone:
		return "@", nil
	case strings.HasSuffix(rev, "."+zone):
		return rev[:len(rev)-len(zone)-1], nil
	}
	if ip.Is4() {
		if p, ok := rfc2317Prefix(zone); ok && p.Contains(ip) {
			return strconv.Itoa(int(ip.As4()[3])), nil
		}
	}
	return "", fmt.Errorf("%s is not inside the zone %s (its reverse name is %s.)", written, zone, rev)
}

// rfc2317Prefix parses a classless reverse zone in the first form of RFC
// 2317, "FIRST/BITS.C.B.A.in-addr.arpa", into the prefix A.B.C.FIRST/BITS.
func rfc2317Prefix(zone string) (netip.Prefix, bool) {
	rest, ok := strings.CutSuffix(zone, ".in-addr.arpa")
	if !ok {
		return netip.Prefix{}, false
	}
	parts := strings.Split(rest, ".")
	if len(parts) != 4 {
		return netip.Prefix{}, false
	}
	first, bits, ok := strings.Cut(parts[0], "/")
	if !ok {
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(parts[3] + "." + parts[2] + "." + parts[1] + "." + first + "/" + bits)
	if err != nil || p.Bits() <= 24 || p.Masked() != p {
		return netip.Prefix{}, false
	}
	return p, true
}

// parseReverseAddr parses the complete reverse name of one address
// ("7.2.0.192.in-addr.arpa", or 32 nibbles and ip6.arpa).
func parseReverseAddr(n string) (netip.Addr, bool) {
	if rest, ok := strings.CutSuffix(n, ".in-addr.arpa"); ok {
		o := strings.Split(rest, ".")
		if len(o) != 4 {
			return netip.Addr{}, false
		}
		ip, err := netip.ParseAddr(o[3] + "." + o[2] + "." + o[1] + "." + o[0])
		return ip, err == nil
	}
	rest, ok := strings.CutSuffix(n, ".ip6.arpa")
	if !ok || len(rest) != 63 {
		return netip.Addr{}, false
	}
	var a [16]byte
	for i := 0; i < 32; i++ {
		c := rest[62-2*i]
		if 2*i < 62 && rest[62-2*i-1] != '.' {
			return netip.Addr{}, false
		}
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		default:
			return netip.Addr{}, false
		}
		if i%2 == 0 {
			a[i/2] = v << 4
		} else {
			a[i/2] |= v
		}
	}
	return netip.AddrFrom16(a), true
}
