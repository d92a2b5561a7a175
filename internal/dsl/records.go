package dsl

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// recordType describes one record function: RECORD(label, params..., modifiers...).
type recordType struct {
	fn  string // the JavaScript function
	typ string // the record type it emits
	// params names the arguments after the label, for messages.
	params []string
	// optional is the number of trailing params that may be left out
	// (only when the argument there is not a string).
	optional int
	// data composes the record data from the arguments (a.v[0] is the
	// label) once the modifiers are applied to m.
	data func(a *args, m *recordMods) string
	// labelSuffix is appended to the label as written (SMIMEA's
	// "._smimecert", as DNSControl's SMIMEA() does).
	labelSuffix string
}

var recordTypes = []*recordType{
	{fn: "A", typ: "A", params: []string{"address"}, data: dataA},
	{fn: "AAAA", typ: "AAAA", params: []string{"address"}, data: dataTarget},
	{fn: "CNAME", typ: "CNAME", params: []string{"target"}, data: dataTarget},
	{fn: "NS", typ: "NS", params: []string{"target"}, data: dataTarget},
	{fn: "PTR", typ: "PTR", params: []string{"target"}, data: dataTarget},
	{fn: "MX", typ: "MX", params: []string{"priority", "target"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "priority", math.MaxUint16)), a.str(2, "target"))
	}},
	{fn: "SRV", typ: "SRV", params: []string{"priority", "weight", "port", "target"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "priority", math.MaxUint16)), u(a.uint(2, "weight", math.MaxUint16)),
			u(a.uint(3, "port", math.MaxUint16)), a.str(4, "target"))
	}},
	{fn: "CAA", typ: "CAA", params: []string{"tag", "value"}, data: func(a *args, m *recordMods) string {
		tag := a.str(1, "tag")
		if tag == "" || strings.ContainsAny(tag, " \t\"") {
			a.fail("tag must be a single word such as \"issue\", got %s", quoteGo(tag))
		}
		return join(u(uint64(m.caa)), tag, quoteTXT(a.str(2, "value")))
	}},
	{fn: "SSHFP", typ: "SSHFP", params: []string{"algorithm", "fptype", "fingerprint"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "algorithm", math.MaxUint8)), u(a.uint(2, "fptype", math.MaxUint8)), a.str(3, "fingerprint"))
	}},
	{fn: "TLSA", typ: "TLSA", params: []string{"usage", "selector", "matchingtype", "certificate"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "usage", math.MaxUint8)), u(a.uint(2, "selector", math.MaxUint8)),
			u(a.uint(3, "matchingtype", math.MaxUint8)), a.str(4, "certificate"))
	}},
	{fn: "DS", typ: "DS", params: []string{"keytag", "algorithm", "digesttype", "digest"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "keytag", math.MaxUint16)), u(a.uint(2, "algorithm", math.MaxUint8)),
			u(a.uint(3, "digesttype", math.MaxUint8)), a.str(4, "digest"))
	}},
	{fn: "NAPTR", typ: "NAPTR", params: []string{"order", "preference", "flags", "service", "regexp", "target"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "order", math.MaxUint16)), u(a.uint(2, "preference", math.MaxUint16)),
			quoteNAPTR(a.str(3, "flags")), quoteNAPTR(a.str(4, "service")), quoteNAPTR(a.str(5, "regexp")),
			rootIfEmpty(a.str(6, "target")))
	}},
	{fn: "HTTPS", typ: "HTTPS", params: []string{"priority", "target", "params"}, optional: 1, data: dataSVCB},
	{fn: "SVCB", typ: "SVCB", params: []string{"priority", "target", "params"}, optional: 1, data: dataSVCB},
	{fn: "SOA", typ: "SOA", params: []string{"ns", "mbox", "refresh", "retry", "expire", "minttl"}, data: func(a *args, _ *recordMods) string {
		// The serial is the provider's business; 0 stands in for it.
		return join(a.str(1, "ns"), a.str(2, "mbox"), "0",
			u(a.uint(3, "refresh", math.MaxUint32)), u(a.uint(4, "retry", math.MaxUint32)),
			u(a.uint(5, "expire", math.MaxUint32)), u(a.uint(6, "minttl", math.MaxUint32)))
	}},
	{fn: "LOC", typ: "LOC", params: []string{"d1", "m1", "s1", "ns", "d2", "m2", "s2", "ew", "alt", "siz", "hp", "vp"}, data: dataLOC},
	{fn: "TXT", typ: "TXT", params: []string{"text"}, data: dataTXT},
	{fn: "SPF", typ: "SPF", params: []string{"text"}, data: dataTXT},
	{fn: "DNAME", typ: "DNAME", params: []string{"target"}, data: dataTarget},
	{fn: "DHCID", typ: "DHCID", params: []string{"digest"}, data: dataTarget},
	{fn: "OPENPGPKEY", typ: "OPENPGPKEY", params: []string{"publickey"}, data: dataTarget},
	{fn: "RP", typ: "RP", params: []string{"mbox", "txt"}, data: func(a *args, _ *recordMods) string {
		// An empty name means the zone apex, as in DNSControl.
		return join(apexIfEmpty(a.str(1, "mbox")), apexIfEmpty(a.str(2, "txt")))
	}},
	{fn: "DNSKEY", typ: "DNSKEY", params: []string{"flags", "protocol", "algorithm", "publickey"}, data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "flags", math.MaxUint16)), u(a.uint(2, "protocol", math.MaxUint8)),
			u(a.uint(3, "algorithm", math.MaxUint8)), a.str(4, "publickey"))
	}},
	{fn: "SMIMEA", typ: "SMIMEA", params: []string{"usage", "selector", "matchingtype", "certificate"}, labelSuffix: "._smimecert", data: func(a *args, _ *recordMods) string {
		return join(u(a.uint(1, "usage", math.MaxUint8)), u(a.uint(2, "selector", math.MaxUint8)),
			u(a.uint(3, "matchingtype", math.MaxUint8)), a.str(4, "certificate"))
	}},
	{fn: "R53_ALIAS", typ: "R53_ALIAS", params: []string{"type", "target"}, data: func(a *args, m *recordMods) string {
		t := a.str(1, "type")
		if !r53AliasTypes[t] {
			a.fail("type must be one of A, AAAA, CNAME, CAA, MX, TXT, PTR, SPF, SRV, NAPTR; got %s", quoteGo(t))
		}
		if m.policy == "R53_MULTIVALUE" {
			a.fail("Route 53 has no multivalue answer alias records; use R53_WEIGHT with equal weights, or plain records with R53_MULTIVALUE")
		}
		m.setMeta("alias_type", t)
		if _, ok := m.meta["evaluate_target_health"]; !ok {
			m.setMeta("evaluate_target_health", "false")
		}
		return a.str(2, "target")
	}},
}

var r53AliasTypes = map[string]bool{
	"A": true, "AAAA": true, "CNAME": true, "CAA": true, "MX": true,
	"TXT": true, "PTR": true, "SPF": true, "SRV": true, "NAPTR": true,
}

// recordFunc returns the JavaScript function for rt.
func (ev *evaluator) recordFunc(rt *recordType) func(goja.FunctionCall) goja.Value {
	required := 1 + len(rt.params) - rt.optional
	return func(c goja.FunctionCall) goja.Value {
		a := args{ev: ev, fn: rt.fn, pos: ev.userPos(), v: c.Arguments, params: rt.params}
		if len(a.v) < required {
			a.fail("needs %d arguments (name, %s), got %d", required, strings.Join(rt.params[:len(rt.params)-rt.optional], ", "), len(a.v))
		}
		fixed := required
		for fixed < 1+len(rt.params) && fixed < len(a.v) && goja.IsString(a.v[fixed]) {
			fixed++ // an optional parameter is present
		}
		label := a.str(0, "name") + rt.labelSuffix
		var m recordMods
		var steps []userRecordStep
		if ev.hasUserFunc(a.v[fixed:]) {
			steps = ev.userRecordSteps(&a, rt.fn, &m, fixed)
		} else {
			for i := fixed; i < len(a.v); i++ {
				ev.applyRecordArg(a.pos, rt.fn, &m, a.v[i], i+1)
			}
		}
		a.v = a.v[:fixed]
		data := rt.data(&a, &m)
		if rt.typ == "TXT" && (m.meta["split"] != "" || m.meta["flatten"] != "") {
			// DNSControl flattens and splits any TXT record with this
			// metadata (SPF_BUILDER only sets it).
			return ev.txtSPFMeta(&a, label, data, &m)
		}
		return ev.value(&item{
			fn:        rt.fn,
			pos:       a.pos,
			label:     label,
			ttl:       m.ttl,
			hasTTL:    m.hasTTL,
			userSteps: steps,
			rec: &model.Record{
				Type:  rt.typ,
				Data:  data,
				SetID: m.setID,
				Meta:  m.meta,
				Pos:   a.pos,
			},
		})
	}
}

// dataA accepts a dotted address or a number made by IP().
func dataA(a *args, _ *recordMods) string {
	v := a.at(1)
	if goja.IsNumber(v) {
		n := a.uint(1, "address", math.MaxUint32)
		return num2dot(uint32(n))
	}
	if !goja.IsString(v) {
		a.fail("address must be a string or a number made by IP(), got %s", kindOf(v))
	}
	return v.String()
}

func dataTarget(a *args, _ *recordMods) string { return a.str(1, a.params[0]) }

func dataSVCB(a *args, _ *recordMods) string {
	s := join(u(a.uint(1, "priority", math.MaxUint16)), rootIfEmpty(a.str(2, "target")))
	if len(a.v) > 3 {
		if p := strings.TrimSpace(a.str(3, "params")); p != "" {
			s += " " + p
		}
	}
	return s
}

// dataTXT takes a string or an array of strings; an array is joined into
// one value (DNSControl v4 semantics). As DNSControl joins the array with
// JavaScript's join(""), a hole, undefined or null adds nothing and a
// number or a boolean adds its JavaScript text; an object, an array or a
// function (whose text would be "[object Object]" or its source) is refused.
func dataTXT(a *args, _ *recordMods) string {
	v := a.at(1)
	if goja.IsString(v) {
		return v.String()
	}
	vals, ok := a.ev.elements(v)
	if !ok {
		a.fail("text must be a string or an array of strings, got %s", kindOf(v))
	}
	var b strings.Builder
	for i, e := range vals {
		switch {
		case goja.IsUndefined(e) || goja.IsNull(e):
			continue
		case goja.IsString(e), goja.IsNumber(e), isBool(e):
			b.WriteString(e.String())
		default:
			a.fail("text[%d] must be a string, got %s", i, kindOf(e))
		}
	}
	return b.String()
}

func isBool(v goja.Value) bool {
	_, ok := v.Export().(bool)
	return ok
}

// dataLOC composes RFC 1876 presentation text:
// "d1 m1 s1 N|S d2 m2 s2 E|W altm sizm hpm vpm".
func dataLOC(a *args, _ *recordMods) string {
	d1 := a.uint(1, "d1 (latitude degrees)", 90)
	m1 := a.uint(2, "m1 (latitude minutes)", 59)
	s1 := a.float(3, "s1 (latitude seconds)")
	ns := strings.ToUpper(a.str(4, "ns"))
	d2 := a.uint(5, "d2 (longitude degrees)", 180)
	m2 := a.uint(6, "m2 (longitude minutes)", 59)
	s2 := a.float(7, "s2 (longitude seconds)")
	ew := strings.ToUpper(a.str(8, "ew"))
	if ns != "N" && ns != "S" {
		a.fail("ns must be \"N\" or \"S\", got %s", quoteGo(ns))
	}
	if ew != "E" && ew != "W" {
		a.fail("ew must be \"E\" or \"W\", got %s", quoteGo(ew))
	}
	if s1 < 0 || s1 >= 60 || s2 < 0 || s2 >= 60 {
		a.fail("seconds must be at least 0 and below 60")
	}
	if d1 == 90 && (m1 != 0 || s1 != 0) || d2 == 180 && (m2 != 0 || s2 != 0) {
		a.fail("the position lies beyond 90 degrees of latitude or 180 of longitude")
	}
	// Altitude, size and precisions must be what RFC 1876 can hold.
	// (DNSControl clamps values beyond; dnsctl refuses them.)
	alt := inRange(a, 9, "alt (altitude in metres)", -100000, 42849672.95)
	siz := inRange(a, 10, "siz (size in metres)", 0, 90000000)
	hp := inRange(a, 11, "hp (horizontal precision in metres)", 0, 90000000)
	vp := inRange(a, 12, "vp (vertical precision in metres)", 0, 90000000)
	return join(u(d1), u(m1), f(s1), ns, u(d2), u(m2), f(s2), ew,
		f(alt)+"m", f(siz)+"m", f(hp)+"m", f(vp)+"m")
}

// inRange returns argument i, a number from lo to hi.
func inRange(a *args, i int, what string, lo, hi float64) float64 {
	x := a.float(i, what)
	if x < lo || x > hi {
		a.fail("%s must be from %s to %s, got %s (RFC 1876 cannot hold it)", what, f(lo), f(hi), f(x))
	}
	return x
}

func rootIfEmpty(s string) string {
	if s == "" {
		return "."
	}
	return s
}

func apexIfEmpty(s string) string {
	if s == "" {
		return "@"
	}
	return s
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

func f(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func join(parts ...string) string { return strings.Join(parts, " ") }

// num2dot renders a number made by IP() as a dotted IPv4 address.
func num2dot(n uint32) string {
	b := make([]byte, 0, 15)
	b = strconv.AppendUint(b, uint64(n>>24), 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(n>>16&0xff), 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(n>>8&0xff), 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(n&0xff), 10)
	return string(b)
}
