package dsl

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// option reads a property of an options object; a missing one is undefined.
func option(o *goja.Object, k string) goja.Value {
	if v := o.Get(k); v != nil {
		return v
	}
	return goja.Undefined()
}

// optionArgs wraps the options object of builder fn for typed reading.
func (ev *evaluator) optionArgs(fn string, c goja.FunctionCall, example string) (*args, *goja.Object) {
	a := &args{ev: ev, fn: fn, pos: ev.userPos(), v: c.Arguments}
	o, ok := isPlainObject(a.at(0))
	if !ok {
		a.fail("needs an options object such as %s, got %s", example, kindOf(a.at(0)))
	}
	return a, o
}

// jsSPFBuilder implements SPF_BUILDER({label, parts, overflow, overhead1,
// txtMaxSize, raw, ttl, flatten}). dnsctl never makes DNS lookups while
// evaluating, so flattening is refused; splitting (overflow) needs no
// lookups and follows DNSControl: when the record is longer than
// txtMaxSize it is chained over extra TXT records named by the overflow
// pattern ("_spf%d"), each ending "include:<next> <all-term>".
func (ev *evaluator) jsSPFBuilder(c goja.FunctionCall) goja.Value {
	a, o := ev.optionArgs("SPF_BUILDER", c, `{parts: ["v=spf1", "include:_spf.example.net", "~all"]}`)
	vals, ok := ev.elements(option(o, "parts"))
	if !ok || len(vals) < 2 {
		a.fail("parts must be an array of at least 2 strings, such as [\"v=spf1\", \"-all\"]")
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		if !goja.IsString(v) {
			a.fail("parts[%d] must be a string, got %s", i, kindOf(v))
		}
		parts[i] = v.String()
	}
	if fl := option(o, "flatten"); !goja.IsUndefined(fl) && !goja.IsNull(fl) {
		if list, ok := ev.elements(fl); !ok || len(list) > 0 {
			a.fail("flatten is not supported: dnsctl evaluates configurations offline and never looks up SPF includes; remove flatten (and inline the includes in parts if you need fewer lookups)")
		}
	}
	str := func(k, def string) string {
		v := option(o, k)
		if goja.IsUndefined(v) || goja.IsNull(v) {
			return def
		}
		if !goja.IsString(v) {
			a.fail("%s must be a string, got %s", k, kindOf(v))
		}
		return v.String()
	}
	num := func(k string, def uint64) int {
		v := option(o, k)
		if goja.IsUndefined(v) || goja.IsNull(v) {
			return int(def)
		}
		return int(ev.uintValue(a.pos, a.fn, k, v, 65535))
	}
	label := str("label", "@")
	var ttl uint32
	hasTTL := false
	if v := option(o, "ttl"); !goja.IsUndefined(v) && !goja.IsNull(v) {
		ttl, hasTTL = ev.ttlValue(a.pos, a.fn, "ttl", v), true
	}
	overflow := str("overflow", str("split", ""))
	overhead1 := num("overhead1", 0)
	maxSize := num("txtMaxSize", 255)
	text := strings.Join(parts, " ")

	record := func(label, data string, keepName bool) *item {
		return &item{
			fn: "SPF_BUILDER", pos: a.pos, label: label, ttl: ttl, hasTTL: hasTTL, keepName: keepName,
			rec: &model.Record{Type: "TXT", Data: data, Pos: a.pos},
		}
	}
	if overflow == "" {
		return ev.vm.NewArray(ev.value(record(label, text, false)))
	}
	if strings.Count(overflow, "%") != 1 || !strings.Contains(overflow, "%d") {
		a.fail("overflow %s must contain %%d exactly once, such as \"_spf%%d\"", quoteGo(overflow))
	}
	terms := strings.Fields(text)
	if len(terms) == 0 || !strings.EqualFold(terms[0], "v=spf1") {
		a.fail("splitting (overflow) needs parts that start with \"v=spf1\"")
	}
	terms = terms[1:]
	return ev.vm.NewArray(ev.value(&item{fn: "SPF_BUILDER", pos: a.pos, expand: func(ds *domainState) []*item {
		chain := splitSPF(terms, overflow, ds.d.Name, overhead1, maxSize)
		out := make([]*item, len(chain))
		for i, l := range chain {
			if i == 0 {
				out[i] = record(label, l.text, false)
			} else {
				out[i] = record(l.label, l.text, true)
			}
		}
		return out
	}}))
}

type spfLink struct{ label, text string }

// splitSPF chains an SPF record's terms (without "v=spf1") over records of
// at most maxSize bytes (the first overhead bytes shorter). Each record but
// the last takes terms while they fit and ends with
// "include:<next label>.<zone> <last term>"; the pattern names the extra
// records ("_spf%d" gives _spf1, _spf2, ...). A term too long for a record
// on its own stops the splitting, as in DNSControl.
func splitSPF(terms []string, pattern, zone string, overhead, maxSize int) []spfLink {
	var out []spfLink
	label := "@"
	limit := maxSize - overhead
	for idx := 1; ; idx++ {
		whole := "v=spf1"
		if len(terms) > 0 {
			whole += " " + strings.Join(terms, " ")
		}
		if len(whole) <= limit || len(terms) == 0 {
			return append(out, spfLink{label, whole})
		}
		next := fmt.Sprintf(pattern, idx)
		tail := " include:" + next + "." + zone + " " + terms[len(terms)-1]
		cur := "v=spf1"
		k := 0
		for k < len(terms) && len(cur)+1+len(terms[k])+len(tail) <= limit {
			cur += " " + terms[k]
			k++
		}
		if k == 0 {
			return append(out, spfLink{label, whole})
		}
		out = append(out, spfLink{label, cur + tail})
		terms = terms[k:]
		label = next
		limit = maxSize
	}
}

// hostObject is handed to the prelude: private helpers it needs from Go.
func (ev *evaluator) hostObject() goja.Value {
	h := ev.vm.NewObject()
	_ = h.Set("fail", func(c goja.FunctionCall) goja.Value {
		ev.fail("", c.Argument(0).String(), "%s", c.Argument(1).String())
		return nil
	})
	_ = h.Set("seconds", func(c goja.FunctionCall) goja.Value {
		return ev.vm.ToValue(ev.ttlValue("", c.Argument(0).String(), c.Argument(1).String(), c.Argument(2)))
	})
	_ = h.Set("dkimQP", func(c goja.FunctionCall) goja.Value {
		return ev.vm.ToValue(dkimQuotedPrintable(c.Argument(0).String()))
	})
	_ = h.Set("record", ev.hostRecord)
	return h
}

// dkimQuotedPrintable encodes a DKIM n= note (RFC 6376 section 2.11): bytes
// outside 0x21-0x7e, ";" and "=" become =XX.
func dkimQuotedPrintable(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == ';' || c == '=' {
			b.WriteByte('=')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
