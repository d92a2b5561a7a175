package dsl

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// item is the Go value behind everything the DSL functions return for use
// as an argument of D(), D_EXTEND(), DEFAULTS() or a record function: a
// record, a domain modifier, a record modifier, a builder to expand once the
// domain is known, or a no-op (END). JavaScript sees it as an opaque object.
type item struct {
	// fn is the DSL function that made the item, for messages.
	fn string
	// pos is where that function was called.
	pos string

	// A record: rec is its template (Name and TTL are set on each use, and
	// Data too inside D_EXTEND of a subdomain), label the label as written.
	rec    *model.Record
	label  string
	ttl    uint32
	hasTTL bool
	// used says rec has been handed to a domain; later uses copy it.
	used bool
	// keepName leaves the label alone inside D_EXTEND of a subdomain (the
	// label is already relative to the zone).
	keepName bool
	// userSteps, when a user function is among the record's modifiers,
	// are its modifiers, applied again when it is added (usermods.go).
	userSteps []userRecordStep

	// domain modifies the domain under construction.
	domain func(ds *domainState)
	// record modifies a record being built.
	record func(m *recordMods)
	// expand produces records once the domain is known.
	expand func(ds *domainState) []*item

	noop bool
}

// recordMods collects what a record's modifiers set.
type recordMods struct {
	meta   map[string]string
	ttl    uint32
	hasTTL bool
	caa    uint8
	setID  string
	// policy is the routing-policy function (R53_WEIGHT, R53_FAILOVER...)
	// applied to the record, and policyPos where it was called.
	policy, policyPos string
}

func (m *recordMods) setMeta(k, v string) {
	if m.meta == nil {
		m.meta = make(map[string]string, 2)
	}
	m.meta[k] = v
}

// value wraps it for JavaScript: an object without properties. (A goja
// dynamic object is much cheaper to make than a reflected Go struct.)
func (ev *evaluator) value(it *item) goja.Value { return ev.vm.NewDynamicObject(it) }

// The goja.DynamicObject methods: an item shows no properties and takes none.

func (it *item) Get(string) goja.Value       { return nil }
func (it *item) Set(string, goja.Value) bool { return false }
func (it *item) Has(string) bool             { return false }
func (it *item) Delete(string) bool          { return false }
func (it *item) Keys() []string              { return nil }

var itemType = reflect.TypeFor[*item]()

// asItem returns the item behind v, if v is one. (ExportType is cheap;
// Export of an array or an object would convert it whole.)
func asItem(v goja.Value) (*item, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ExportType() != itemType {
		return nil, false
	}
	it, ok := o.Export().(*item)
	return it, ok
}

// kindOf describes v for error messages: `"ten"`, `42`, `undefined`, `an array`.
func kindOf(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	case goja.IsString(v):
		s := v.String()
		if len(s) > 60 {
			s = s[:57] + "..."
		}
		return quoteGo(s)
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return v.String()
	}
	switch o.ClassName() {
	case "Array":
		return "an array"
	case "Function":
		return "a function"
	}
	if it, ok := asItem(v); ok {
		return it.fn + "(...)"
	}
	return "an object"
}

// elements returns the elements of a JavaScript array (a hole is
// undefined), or nil, false.
func (ev *evaluator) elements(v goja.Value) ([]goja.Value, bool) {
	return arrayElements(v, goja.Undefined())
}

// domainElements is elements for the arguments of D(), D_EXTEND() and
// DEFAULTS(): a hole ([a, , b]) is nil, so it can be skipped.
func (ev *evaluator) domainElements(v goja.Value) ([]goja.Value, bool) {
	return arrayElements(v, nil)
}

// arrayElements returns the elements of a JavaScript array, with hole in
// place of the missing ones, or nil, false when v is no array.
func arrayElements(v, hole goja.Value) ([]goja.Value, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" {
		return nil, false
	}
	// Indexing beats goja's ExportTo here, which converts element by
	// element through reflection.
	n := o.Get("length").ToInteger()
	vals := make([]goja.Value, n)
	for i := range vals {
		if vals[i] = o.Get(strconv.Itoa(i)); vals[i] == nil {
			vals[i] = hole
		}
	}
	return vals, true
}

// isPlainObject reports whether v is an ordinary object (metadata).
func isPlainObject(v goja.Value) (*goja.Object, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Object" {
		return nil, false
	}
	if _, ok := o.Export().(map[string]any); !ok {
		return nil, false
	}
	return o, true
}

// metaValue stringifies a metadata value the way JavaScript would.
func metaValue(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

// applyDomainArg applies one argument of D() or D_EXTEND() (argument
// number n, counted from 1) to ds. Arrays are flattened.
func (ev *evaluator) applyDomainArg(pos, fn string, ds *domainState, v goja.Value, n int) {
	if it, ok := asItem(v); ok {
		ev.applyItem(pos, fn, ds, it, n)
		return
	}
	if vals, ok := ev.domainElements(v); ok {
		for _, e := range vals {
			if e != nil { // a hole ([a, , b]) is skipped, as in DNSControl
				ev.applyDomainArg(pos, fn, ds, e, n)
			}
		}
		return
	}
	if o, ok := isPlainObject(v); ok {
		for _, k := range o.Keys() {
			if ds.d.Meta == nil {
				ds.d.Meta = make(map[string]string)
			}
			ev.noteForeignMeta(pos, fn, k)
			ds.d.Meta[k] = metaValue(o.Get(k))
		}
		return
	}
	if f := ev.userFunc(v); f != nil {
		ev.userDomainFunc(pos, fn, ds, f, n)
		return
	}
	hint := ""
	switch {
	case v == nil || goja.IsUndefined(v):
		hint = " (a misspelt variable, or a function that returns nothing?)"
	case ev.dslFuncName(v) != "":
		hint = " (" + ev.dslFuncName(v) + " itself, not called; did you forget the parentheses: " + ev.dslFuncName(v) + "(...)?)"
	}
	ev.fail(pos, fn, "argument %d is %s; expected a record, a domain modifier, an array of them or a metadata object%s", n, kindOf(v), hint)
}

func (ev *evaluator) applyItem(pos, fn string, ds *domainState, it *item, n int) {
	switch {
	case it.noop:
	case it.rec != nil:
		ev.addRecord(ds, it)
	case it.expand != nil:
		for _, r := range it.expand(ds) {
			ev.addRecord(ds, r)
		}
	case it.domain != nil:
		it.domain(ds)
	default:
		// DNSControl applies it to the domain object, where it changes
		// nothing.
		ev.warn(pos, fn, "argument %d is %s, which modifies a record; given to a domain it has no effect, as in DNSControl", n, it.fn+"(...)")
	}
}

// addRecord adds the record it to ds, giving it its TTL and, inside a
// D_EXTEND of a subdomain, a label relative to the zone.
func (ev *evaluator) addRecord(ds *domainState, it *item) {
	extend := ds.sub != "" && !it.keepName
	var r *model.Record
	if !it.used && !extend && it.userSteps == nil {
		// The common case: the record is used once; hand over the template.
		// (Name and TTL are set below on every use; Data stays as made.)
		r = it.rec
		it.used = true
	} else {
		r = it.rec.Clone()
	}
	r.Name = it.label
	if extend {
		if r.Meta[model.SkipFQDNCheck] != "true" && !isReverseZone(ds.d.Name) {
			// Checked here, as written: once extended, the label no
			// longer ends with the zone name ("www.sub.example.com.sub").
			// (In a reverse zone such a name is made relative instead.)
			if err := model.CheckRepeatedZone(it.label, ds.sub+"."+ds.d.Name, ds.d.Name); err != nil {
				ev.fail(it.pos, it.fn, "%s: %v", it.label, err)
			}
		}
		r.Name = extendLabel(it.label, ds.sub, ds.d.Name)
		r.Data = extendTarget(r.Type, r.Data, ds.sub)
	}
	ttl, hasTTL := it.ttl, it.hasTTL
	if it.userSteps != nil {
		m := ev.replayUserSteps(it, r.Type, ds.defaultTTL)
		ttl, hasTTL = m.ttl, m.hasTTL
		r.Meta = m.meta
	}
	if hasTTL {
		r.TTL = ttl
	} else {
		r.TTL = ds.defaultTTL
	}
	if r.TTL == 0 {
		r.TTL = defaultTTL
		// A user function sees such a record's ttl as 0, as in DNSControl.
		if ds.defaulted == nil {
			ds.defaulted = make(map[*model.Record]bool)
		}
		ds.defaulted[r] = true
	}
	if ev.handsoffRecord(ds, it, r) {
		return
	}
	ds.d.Records = append(ds.d.Records, r)
}

// extendLabel makes label (written inside D_EXTEND("sub.zone", ...))
// relative to the zone: "@" becomes "sub", "www" becomes "www.sub". Fully
// qualified names and addresses (PTR shorthands) stay as written, and so
// do reverse names in a reverse zone: normalisation makes those relative.
func extendLabel(label, sub, zone string) string {
	switch {
	case label == "@" || label == "":
		return sub
	case strings.HasSuffix(label, "."), strings.IndexByte(label, ':') >= 0:
		return label
	case looksIPv4(label) && !strings.HasSuffix(zone, ".ip6.arpa"): // (four nibbles there)
		return label
	case isReverseZone(zone) && isArpaName(strings.ToLower(label)):
		return label
	}
	return label + "." + sub
}

func isReverseZone(zone string) bool {
	return strings.HasSuffix(zone, ".in-addr.arpa") || strings.HasSuffix(zone, ".ip6.arpa")
}

func isArpaName(n string) bool {
	return strings.HasSuffix(n, ".in-addr.arpa") || strings.HasSuffix(n, ".ip6.arpa")
}

// extendTarget makes the host name target of a CNAME, NS, MX or SRV record
// written inside D_EXTEND("sub.zone", ...) relative to the zone, as
// DNSControl does: CNAME("e", "f") there points at f.sub.zone.
func extendTarget(typ, data, sub string) string {
	switch typ {
	case "CNAME", "NS", "MX", "SRV":
	default:
		return data
	}
	i := strings.LastIndexByte(data, ' ') + 1
	switch t := data[i:]; {
	case t == "" || strings.HasSuffix(t, "."):
		return data
	case t == "@":
		return data[:i] + sub
	default:
		return data + "." + sub
	}
}

func looksIPv4(s string) bool {
	parts := 0
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && digits > 0:
			parts++
			digits = 0
		default:
			return false
		}
	}
	return parts == 3 && digits > 0
}

// applyRecordArg applies one modifier argument (number n) of a record
// function fn.
func (ev *evaluator) applyRecordArg(pos, fn string, m *recordMods, v goja.Value, n int) {
	if it, ok := asItem(v); ok {
		switch {
		case it.noop:
		case it.record != nil:
			it.record(m)
		case inertOnRecord[it.fn]:
			// DNSControl applies it to the record object, where it
			// changes nothing.
			ev.warn(pos, fn, "argument %d is %s, which modifies a domain; given to a record it has no effect, as in DNSControl", n, kindOf(v))
		default:
			ev.fail(pos, fn, "argument %d is %s, which is not a record modifier", n, kindOf(v))
		}
		return
	}
	if vals, ok := ev.elements(v); ok {
		if !ev.fromPrelude() {
			// DNSControl takes an array of record modifiers as metadata.
			ev.recordArrayAsMeta(pos, fn, m, v, n)
			return
		}
		for _, e := range vals {
			ev.applyRecordArg(pos, fn, m, e, n)
		}
		return
	}
	if o, ok := isPlainObject(v); ok {
		for _, k := range o.Keys() {
			if k == model.MetaTransform {
				if _, table := ev.elements(o.Get(k)); table {
					// An address table, as DNSControl encodes it.
					m.setMeta(k, ev.transformTable(&args{ev: ev, fn: fn, pos: pos}, o.Get(k), "transform"))
					continue
				}
			}
			// Route 53's settings come from R53_* modifiers only; as
			// in DNSControl, a plain object's {weight: "5"} means
			// nothing to it (and must not pass for R53_WEIGHT).
			if !routing.Reserved(k) {
				ev.noteForeignMeta(pos, fn, k)
				m.setMeta(k, metaValue(o.Get(k)))
				continue
			}
			at := pos
			if at == "" {
				at = ev.userPos()
			}
			ev.cfg.Warnings = append(ev.cfg.Warnings, model.Problem{Pos: at, Warning: true,
				Msg: fmt.Sprintf("%s: metadata key %q in a plain object is ignored; Route 53 settings come from the R53_* modifiers (%s)", fn, k, routing.ModifierOf(k))})
		}
		return
	}
	hint := ""
	if name := ev.dslFuncName(v); name != "" {
		hint = " (" + name + " itself, not called; did you forget the parentheses: " + name + "(...)?)"
	} else if ev.userFunc(v) != nil {
		hint = " (a function you write is a modifier of the record functions, A() to TXT(), not of " + fn + ")"
	}
	ev.fail(pos, fn, "argument %d is %s; expected a record modifier such as TTL(...) or a metadata object%s", n, kindOf(v), hint)
}
