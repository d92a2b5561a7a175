package dsl

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// helperBuiltins adds the Go built-ins of DNSControl's provider-independent
// helpers: IMPORT_TRANSFORM, IMPORT_TRANSFORM_STRIP, REV and REVCOMPAT.
// REV's mode is per evaluation, held by the closures.
func (ev *evaluator) helperBuiltins(b map[string]any) {
	rev := &revState{}
	b["IMPORT_TRANSFORM"] = func(c goja.FunctionCall) goja.Value { return ev.importTransform("IMPORT_TRANSFORM", c, false) }
	b["IMPORT_TRANSFORM_STRIP"] = func(c goja.FunctionCall) goja.Value { return ev.importTransform("IMPORT_TRANSFORM_STRIP", c, true) }
	b["REV"] = func(c goja.FunctionCall) goja.Value { return ev.jsREV(c, rev) }
	b["REVCOMPAT"] = func(c goja.FunctionCall) goja.Value { return ev.jsREVCOMPAT(c, rev) }
}

// warn records a warning of fn at pos (the user's call when pos is "").
func (ev *evaluator) warn(pos, fn, format string, args ...any) {
	if pos == "" {
		pos = ev.userPos()
	}
	msg := fmt.Sprintf(format, args...)
	if fn != "" {
		msg = fn + ": " + msg
	}
	ev.cfg.Warnings = append(ev.cfg.Warnings, model.Problem{Pos: pos, Warning: true, Msg: msg})
}

// importTransform implements IMPORT_TRANSFORM(table, domain, ttl,
// modifiers...) and IMPORT_TRANSFORM_STRIP(table, domain, ttl, suffix,
// modifiers...): a placeholder record that normalisation replaces with
// the A and CNAME records of domain, transformed (model.ImportTransformType).
// As in DNSControl the ttl argument, not TTL() or DefaultTTL(), gives the
// copies their TTL; 0 means the default, 300. (DNSControl requires a
// number; a duration string is accepted too, and a missing ttl is 0.)
func (ev *evaluator) importTransform(fn string, c goja.FunctionCall, strip bool) goja.Value {
	a := &args{ev: ev, fn: fn, pos: ev.userPos(), v: c.Arguments}
	fixed := 3
	if strip {
		fixed = 4
	}
	if len(a.v) < 2 || strip && len(a.v) < 4 {
		if strip {
			a.fail("needs an address table, a domain name, a TTL and the suffix to strip, got %d arguments", len(a.v))
		}
		a.fail("needs an address table, a domain name and a TTL, got %d arguments", len(a.v))
	}
	table := ev.transformTable(a, a.at(0), "address table")
	domain := a.str(1, "domain name")
	if domain == "" {
		a.fail("domain name must not be empty")
	}
	var ttl uint32
	if a.present(2) && !goja.IsNull(a.v[2]) {
		ttl = a.ttl(2, "ttl")
	}
	meta := map[string]string{model.MetaTransformTable: table}
	if strip {
		s := a.str(3, "suffix to strip")
		meta[model.MetaTransformStrip] = s
	}
	var m recordMods
	for i := fixed; i < len(a.v); i++ {
		ev.applyRecordArg(a.pos, fn, &m, a.v[i], i+1)
	}
	for k, v := range m.meta {
		if _, ours := meta[k]; !ours {
			meta[k] = v
		}
	}
	return ev.value(&item{fn: fn, pos: a.pos, label: "@", ttl: ttl, hasTTL: true, keepName: true,
		rec: &model.Record{Type: model.ImportTransformType, Data: domain, Meta: meta, Pos: a.pos}})
}

// transformTable encodes an address table, an array of {low, high,
// newBase, newIP} rows (addresses as strings or IP() numbers, newBase and
// newIP also arrays of them), in DNSControl's text form, checked. A string
// is taken as already encoded.
func (ev *evaluator) transformTable(a *args, v goja.Value, what string) string {
	if goja.IsString(v) {
		s := v.String()
		if _, err := model.DecodeTransformTable(s); err != nil {
			a.fail("%s: %v", what, err)
		}
		return s
	}
	rows, ok := ev.elements(v)
	if !ok || len(rows) == 0 {
		a.fail("%s must be a non-empty array of {low, high, newBase} or {low, high, newIP} objects, got %s", what, kindOf(v))
	}
	enc := make([]string, len(rows))
	for i, r := range rows {
		o, ok := isPlainObject(r)
		if !ok {
			a.fail("%s[%d] must be an object such as {low: \"192.0.2.0\", high: \"192.0.2.255\", newBase: \"198.51.100.0\"}, got %s", what, i, kindOf(r))
		}
		one := func(k string) string {
			x := option(o, k)
			if goja.IsUndefined(x) || goja.IsNull(x) {
				return ""
			}
			return ev.tableAddr(a, x, fmt.Sprintf("%s[%d].%s", what, i, k))
		}
		list := func(k string) []string {
			x := option(o, k)
			if vals, ok := ev.elements(x); ok {
				out := make([]string, 0, len(vals))
				for j, e := range vals {
					out = append(out, ev.tableAddr(a, e, fmt.Sprintf("%s[%d].%s[%d]", what, i, k, j)))
				}
				return out
			}
			// A false value (missing, "", 0) means none, as in DNSControl.
			if !x.ToBoolean() {
				return nil
			}
			return []string{one(k)}
		}
		enc[i] = model.EncodeTransformRow(one("low"), one("high"), list("newBase"), list("newIP"))
	}
	s := strings.Join(enc, " ; ")
	if _, err := model.DecodeTransformTable(s); err != nil {
		a.fail("%s: %v", what, err)
	}
	return s
}

// tableAddr reads an address of a table: a dotted string or an IP() number.
func (ev *evaluator) tableAddr(a *args, v goja.Value, what string) string {
	switch {
	case goja.IsString(v):
		return v.String()
	case goja.IsNumber(v):
		return num2dot(uint32(ev.uintValue(a.pos, a.fn, what, v, math.MaxUint32)))
	}
	a.fail("%s must be an IPv4 address (a string, or a number made by IP()), got %s", what, kindOf(v))
	return ""
}

// revState is the REV() mode of one evaluation.
type revState struct {
	// set says REVCOMPAT() was called; rfc4183 is its choice.
	set, rfc4183 bool
	// warned says the RFC 2317 default has been warned about.
	warned bool
}

// jsREVCOMPAT implements REVCOMPAT(mode): "rfc2317" (also "2317", "2",
// "old") or "rfc4183" (also "4183", "4"), once per configuration.
func (ev *evaluator) jsREVCOMPAT(c goja.FunctionCall, st *revState) goja.Value {
	a := args{ev: ev, fn: "REVCOMPAT", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) != 1 {
		a.fail("takes exactly one argument, \"rfc2317\" or \"rfc4183\"; got %d", len(a.v))
	}
	if st.set {
		a.fail("REVCOMPAT() was already called; call it once, before any REV()")
	}
	var mode string
	switch v := a.at(0); {
	case goja.IsString(v), goja.IsNumber(v):
		mode = strings.ToLower(v.String())
	default:
		a.fail("needs \"rfc2317\" or \"rfc4183\", got %s", kindOf(v))
	}
	switch mode {
	case "rfc2317", "2317", "2", "old":
		st.rfc4183 = false
	case "rfc4183", "4183", "4":
		st.rfc4183 = true
	default:
		a.fail("needs \"rfc2317\" or \"rfc4183\", got %s", quoteGo(mode))
	}
	st.set = true
	return goja.Undefined()
}

// jsREV implements REV(address or prefix): the reverse-lookup name, without
// a trailing dot, as DNSControl's REV returns it (its documentation shows
// one; its code has none). D() and D_EXTEND() take it as a zone name, PTR()
// as a name inside the reverse zone.
func (ev *evaluator) jsREV(c goja.FunctionCall, st *revState) goja.Value {
	a := args{ev: ev, fn: "REV", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) != 1 {
		a.fail("takes exactly one argument, an address or a prefix such as \"192.0.2.0/24\"; got %d", len(a.v))
	}
	s := a.str(0, "address or prefix")
	name, classless, err := reverseName(s, st.rfc4183)
	if err != nil {
		a.fail("%v", err)
	}
	if classless && !st.set && !st.warned {
		st.warned = true
		ev.warn(a.pos, "REV", "%s gives the RFC 2317 name %s, DNSControl v4's default (v5 will give the RFC 4183 form); call REVCOMPAT(\"rfc2317\") or REVCOMPAT(\"rfc4183\") before REV() to choose", quoteGo(s), name)
	}
	return ev.vm.ToValue(name)
}

// reverseName is DNSControl's REV(). An address without a prefix length is
// a /32 or /128. Prefixes of fewer than 8 bits are refused. In the default
// (RFC 2317) mode host bits beyond the prefix are an error, and IPv4
// prefixes of 25 to 31 bits give "FIRST/BITS.C.B.A.in-addr.arpa"
// (classless reports that form). Prefixes of 9 to 23 bits that do not end
// on an octet, and in RFC 4183 mode also those of 25 to 31 bits, give RFC
// 4183's "FIRST-BITS." form, host bits ignored. An IPv6 prefix gives its
// nibbles, as many as cover the prefix.
func reverseName(s string, rfc4183 bool) (name string, classless bool, err error) {
	cidr := s
	if !strings.Contains(cidr, "/") {
		ip, err := netip.ParseAddr(cidr)
		if err != nil {
			return "", false, fmt.Errorf("%s is not an IP address or a prefix such as 192.0.2.0/24", quoteGo(s))
		}
		if ip.Is4() {
			cidr += "/32"
		} else {
			cidr += "/128"
		}
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return "", false, fmt.Errorf("%s is not a prefix such as 192.0.2.0/24", quoteGo(s))
	}
	bits := p.Bits()
	if !rfc4183 {
		if p.Masked() != p {
			return "", false, fmt.Errorf("%s has bits set beyond the /%d prefix (write %s, or call REVCOMPAT(\"rfc4183\") to have them ignored)", quoteGo(s), bits, p.Masked())
		}
		if p.Addr().Is4() && bits > 24 && bits < 32 && !strings.Contains(cidr, ":") {
			o := p.Addr().As4()
			return fmt.Sprintf("%d/%d.%d.%d.%d.in-addr.arpa", o[3], bits, o[2], o[1], o[0]), true, nil
		}
	}
	if bits < 8 {
		return "", false, fmt.Errorf("%s: a prefix of fewer than 8 bits has no reverse zone", quoteGo(s))
	}
	if p.Addr().Is6() {
		const hex = "0123456789abcdef"
		a := p.Addr().As16()
		n := (bits + 3) / 4 // nibbles covering the prefix (host bits in them kept, as DNSControl does)
		var b strings.Builder
		for i := n - 1; i >= 0; i-- {
			nib := a[i/2] >> 4
			if i%2 == 1 {
				nib = a[i/2] & 15
			}
			b.WriteByte(hex[nib])
			b.WriteByte('.')
		}
		b.WriteString("ip6.arpa")
		return b.String(), false, nil
	}
	o := p.Masked().Addr().As4()
	d := func(i int) string { return strconv.Itoa(int(o[i])) }
	switch {
	case bits%8 == 0:
		parts := make([]string, 0, 5)
		for i := bits/8 - 1; i >= 0; i-- {
			parts = append(parts, d(i))
		}
		return strings.Join(append(parts, "in-addr.arpa"), "."), false, nil
	case bits > 24:
		return d(3) + "-" + strconv.Itoa(bits) + "." + d(2) + "." + d(1) + "." + d(0) + ".in-addr.arpa", false, nil
	case bits > 16:
		return d(2) + "-" + strconv.Itoa(bits) + "." + d(1) + "." + d(0) + ".in-addr.arpa", false, nil
	default:
		return d(1) + "-" + strconv.Itoa(bits) + "." + d(0) + ".in-addr.arpa", false, nil
	}
}

// ignoredDefaultTTL reports whether DefaultTTL(v) is one DNSControl
// silently turns into the global default: a function or modifier (such as
// TTL(3600)), undefined or null.
func ignoredDefaultTTL(v goja.Value) bool {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return true
	}
	if _, ok := asItem(v); ok {
		return true
	}
	_, ok := goja.AssertFunction(v)
	return ok
}

// extendSub is the subdomain D_EXTEND(name) targets in zone. As in
// DNSControl, an RFC 2317 name (REV("192.0.2.128/25")) loses its first
// label first, so D_EXTEND of it inside 2.0.192.in-addr.arpa adds to the
// zone itself.
func extendSub(name, zone string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 && strings.Contains(name, "/") {
		name = name[i+1:]
	}
	if len(name) <= len(zone) {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(name, zone), ".")
}

// fromPrelude reports whether the innermost JavaScript caller of the
// running built-in is the prelude (a builder) rather than the user's
// configuration.
func (ev *evaluator) fromPrelude() bool {
	ev.frames = ev.vm.CaptureCallStack(0, ev.frames[:0])
	for i := range ev.frames {
		if n := ev.frames[i].SrcName(); n != "<native>" && n != "" {
			return n == preludeName
		}
	}
	return false
}

// recordArrayAsMeta applies an array given to a record function in the
// user's configuration as DNSControl does: as a metadata object whose keys
// are the indexes. The modifiers in it (TTL(...), CAA_CRITICAL, functions)
// are dropped, with a warning, as DNSControl drops them; holes, undefined
// and null are nothing; other values become metadata under their index.
// (An object or array in it, which DNSControl cannot load, is merged as
// metadata.)
func (ev *evaluator) recordArrayAsMeta(pos, fn string, m *recordMods, v goja.Value, n int) {
	var dropped []string
	var walk func(v goja.Value)
	walk = func(v goja.Value) {
		vals, _ := ev.domainElements(v)
		for i, e := range vals {
			_, isFunc := goja.AssertFunction(e)
			_, isItem := asItem(e)
			_, isObj := isPlainObject(e)
			_, isArr := ev.elements(e)
			switch {
			case e == nil || goja.IsUndefined(e) || goja.IsNull(e):
			case isItem || isFunc:
				dropped = append(dropped, kindOf(e))
			case isArr:
				walk(e)
			case isObj:
				ev.applyRecordArg(pos, fn, m, e, n)
			default:
				m.setMeta(strconv.Itoa(i), e.String())
			}
		}
	}
	walk(v)
	if len(dropped) > 0 {
		ev.warn(pos, fn, "argument %d is an array, which DNSControl takes as metadata: %s in it has no effect, as in DNSControl; pass modifiers as separate arguments", n, strings.Join(dropped, ", "))
	}
}

// inertOnRecord lists the domain modifiers DNSControl accepts among a
// record's modifiers without effect (others fail there in DNSControl too).
var inertOnRecord = map[string]bool{
	"NO_PURGE": true, "PURGE": true, "AUTODNSSEC_ON": true, "AUTODNSSEC_OFF": true,
	"DefaultTTL": true, "DnsProvider": true, "DISABLE_IGNORE_SAFETY_CHECK": true,
}
