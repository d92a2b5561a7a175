package dsl

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// User-written modifier functions, as DNSControl calls them: a function
// given to D(), D_EXTEND() or DEFAULTS() is called with the domain object,
// one given to a record function with the record object. dnsctl builds
// those objects with the fields DNSControl's helpers give them, calls the
// function, and reads back the changes it can represent:
//
//   - domain: meta, defaultTTL, KeepUnknown, nameservers (added entries),
//     and in records the ttl and meta of each record, records removed or
//     reordered;
//   - record: ttl and meta.
//
// Any other change (a record's name or target, a record pushed as a plain
// object, dnsProviders, ...) fails at the line of the call that got the
// function, rather than being dropped.

// userRecordStep is one modifier of a record that has a user function
// among its modifiers: such a record's modifiers are applied again, in
// order, when it is added to a domain, because the function must see the
// record as DNSControl shows it then (ttl = the domain's DefaultTTL).
type userRecordStep struct {
	// delta is what a built-in modifier set (applied over the state).
	delta *recordMods
	// fn is a user function, called with the record object.
	fn goja.Callable
	n  int
}

// userDomainFunc calls fn, the n-th argument of D(), D_EXTEND() or
// DEFAULTS() (fnName), with the domain object of ds, and applies what it
// changed.
func (ev *evaluator) userDomainFunc(pos, fnName string, ds *domainState, fn goja.Callable, n int) {
	vm := ev.vm
	d := vm.NewObject()
	name := ds.d.UniqueName()
	set := func(o *goja.Object, k string, v any) { _ = o.Set(k, v) }
	set(d, "name", name)
	set(d, "subdomain", ds.sub)
	set(d, "registrar", ds.d.Registrar)
	meta := vm.NewObject()
	for _, k := range sortedKeys(ds.d.Meta) {
		set(meta, k, ds.d.Meta[k])
	}
	set(d, "meta", meta)
	views := make([]any, len(ds.d.Records))
	byObj := make(map[*goja.Object]int, len(ds.d.Records))
	type snap struct {
		ttl  int64
		rest map[string]any
	}
	before := make([]snap, len(ds.d.Records))
	for i, r := range ds.d.Records {
		o := ev.recordView(r)
		ttl := int64(r.TTL)
		if ds.defaulted[r] {
			ttl = 0
		}
		_ = o.Set("ttl", ttl)
		views[i] = o
		byObj[o] = i
		before[i] = snap{ttl: ttl, rest: restOf(o, "ttl", "meta")}
	}
	records := vm.NewArray(views...)
	set(d, "records", records)
	set(d, "rawrecords", vm.NewArray())
	set(d, "recordsabsent", vm.NewArray())
	providers := vm.NewObject()
	for _, p := range ds.d.DNSProviders {
		set(providers, p.Name, p.NSCount)
	}
	set(d, "dnsProviders", providers)
	set(d, "defaultTTL", ds.defaultTTL)
	nss := make([]any, len(ds.d.Nameservers))
	for i, ns := range ds.d.Nameservers {
		o := vm.NewObject()
		set(o, "name", ns)
		nss[i] = o
	}
	set(d, "nameservers", vm.NewArray(nss...))
	set(d, "ignored_names", vm.NewArray())
	set(d, "ignored_targets", vm.NewArray())
	set(d, "unmanaged", vm.NewArray())
	if ds.d.KeepUnknown {
		set(d, "KeepUnknown", true)
	}
	handled := []string{"meta", "records", "defaultTTL", "KeepUnknown", "nameservers"}
	restBefore := restOf(d, handled...)

	if _, err := fn(goja.Undefined(), d); err != nil {
		panic(err) // the user's exception, with its own position
	}

	what := "argument " + strconv.Itoa(n) + " is a function, called with the domain object as DNSControl does"
	if k := changedKey(restBefore, restOf(d, handled...)); k != "" {
		ev.fail(pos, fnName, "%s; it changed d.%s, which dnsctl cannot represent (a function may change d.meta, d.defaultTTL, d.KeepUnknown, d.nameservers and the ttl and meta of d.records, or remove records)", what, k)
	}
	// Records: the objects left in d.records, in their order.
	var out []*model.Record
	if arr, ok := ev.domainElements(d.Get("records")); ok {
		out = make([]*model.Record, 0, len(arr))
		for j, e := range arr {
			o, isObj := e.(*goja.Object)
			i, known := byObj[o]
			if !isObj || !known {
				ev.fail(pos, fnName, "%s; d.records[%d] is %s, not one of the records it was given: add records by passing them to %s (A(...), TXT(...)), not by pushing objects", what, j, kindOf(e), fnName)
			}
			r := ds.d.Records[i]
			if k := changedKey(before[i].rest, restOf(o, "ttl", "meta")); k != "" {
				ev.fail(pos, fnName, "%s; it changed the %s of record %s %s, which dnsctl cannot represent (only ttl and meta)", what, k, r.Name, r.Type)
			}
			if ttl, ok := ev.viewTTL(pos, fnName, what, o.Get("ttl")); ok && int64(ttl) != before[i].ttl {
				r.TTL = ttl
				delete(ds.defaulted, r)
				if ttl == 0 {
					r.TTL = defaultTTL
					if ds.defaulted == nil {
						ds.defaulted = make(map[*model.Record]bool)
					}
					ds.defaulted[r] = true
				}
			}
			r.Meta = ev.viewMeta(pos, fnName, what, o.Get("meta"))
			out = append(out, r)
		}
	} else {
		ev.fail(pos, fnName, "%s; it replaced d.records with %s", what, kindOf(d.Get("records")))
	}
	ds.d.Records = out
	if m := ev.viewMeta(pos, fnName, what, d.Get("meta")); len(m) > 0 || len(ds.d.Meta) > 0 {
		ds.d.Meta = m
	}
	if ttl, ok := ev.viewTTL(pos, fnName, what, d.Get("defaultTTL")); ok {
		ds.defaultTTL = ttl
	}
	if v := d.Get("KeepUnknown"); v != nil && !goja.IsUndefined(v) {
		ds.d.KeepUnknown = v.ToBoolean()
	}
	if arr, ok := ev.domainElements(d.Get("nameservers")); ok {
		var list []string
		for j, e := range arr {
			o, isObj := e.(*goja.Object)
			var nv goja.Value
			if isObj {
				nv = o.Get("name")
			}
			if nv == nil || !goja.IsString(nv) {
				ev.fail(pos, fnName, "%s; d.nameservers[%d] must be an object {name: \"ns1.example.net.\"}, got %s", what, j, kindOf(e))
			}
			list = append(list, nv.String())
		}
		ds.d.Nameservers = list
	} else {
		ev.fail(pos, fnName, "%s; it replaced d.nameservers with %s", what, kindOf(d.Get("nameservers")))
	}
}

// recordView is a record as DNSControl's helpers show it to a domain
// function: type, name (the label as written), ttl, meta, and target with
// the type's other fields for the types whose data dnsctl splits here (A,
// AAAA, CNAME, NS, PTR, TXT, SPF and others of one field; MX; SRV).
func (ev *evaluator) recordView(r *model.Record) *goja.Object {
	vm := ev.vm
	o := vm.NewObject()
	_ = o.Set("type", r.Type)
	_ = o.Set("name", r.Name)
	_ = o.Set("ttl", r.TTL)
	meta := vm.NewObject()
	for _, k := range sortedKeys(r.Meta) {
		_ = meta.Set(k, r.Meta[k])
	}
	_ = o.Set("meta", meta)
	f := strings.Fields(r.Data)
	switch r.Type {
	case "MX":
		if len(f) == 2 {
			if p, err := strconv.Atoi(f[0]); err == nil {
				_ = o.Set("mxpreference", p)
				_ = o.Set("target", f[1])
			}
		}
	case "SRV":
		if len(f) == 4 {
			p, e1 := strconv.Atoi(f[0])
			w, e2 := strconv.Atoi(f[1])
			port, e3 := strconv.Atoi(f[2])
			if e1 == nil && e2 == nil && e3 == nil {
				_ = o.Set("srvpriority", p)
				_ = o.Set("srvweight", w)
				_ = o.Set("srvport", port)
				_ = o.Set("target", f[3])
			}
		}
	case "A", "AAAA", "CNAME", "NS", "PTR", "TXT", "SPF", "DNAME", "ALIAS", "DHCID", "OPENPGPKEY":
		_ = o.Set("target", r.Data)
	}
	return o
}

// userRecordFunc calls fn, a user function among the modifiers of a record
// function (fnName, argument n), with the record object DNSControl's
// helpers give modifiers: {type, ttl, meta} (the name and target are set
// after the modifiers there). ttl starts as the domain's DefaultTTL (0
// when none), or the TTL an earlier modifier set. It applies the changes
// to m.
func (ev *evaluator) userRecordFunc(pos, fnName, typ string, fn goja.Callable, n int, m *recordMods, defTTL uint32) {
	vm := ev.vm
	o := vm.NewObject()
	_ = o.Set("type", typ)
	ttl := defTTL
	if m.hasTTL {
		ttl = m.ttl
	}
	_ = o.Set("ttl", ttl)
	meta := vm.NewObject()
	for _, k := range sortedKeys(m.meta) {
		_ = meta.Set(k, m.meta[k])
	}
	_ = o.Set("meta", meta)
	restBefore := restOf(o, "ttl", "meta")
	if _, err := fn(goja.Undefined(), o); err != nil {
		panic(err)
	}
	what := "argument " + strconv.Itoa(n) + " is a function, called with the record object as DNSControl does"
	if k := changedKey(restBefore, restOf(o, "ttl", "meta")); k != "" {
		ev.fail(pos, fnName, "%s; it set r.%s, which dnsctl cannot represent (a record function may change r.ttl and r.meta)", what, k)
	}
	if v, ok := ev.viewTTL(pos, fnName, what, o.Get("ttl")); ok && v != ttl {
		m.ttl, m.hasTTL = v, v != 0
	}
	m.meta = ev.viewMeta(pos, fnName, what, o.Get("meta"))
}

// viewTTL reads a ttl a user function left: a whole number of seconds or
// a duration string, as TTL() takes.
func (ev *evaluator) viewTTL(pos, fnName, what string, v goja.Value) (uint32, bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0, false
	}
	return ev.ttlValue(pos, fnName, what+"; the ttl it left", v), true
}

// viewMeta reads a meta object a user function left, values as strings.
func (ev *evaluator) viewMeta(pos, fnName, what string, v goja.Value) map[string]string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	o, ok := isPlainObject(v)
	if !ok {
		ev.fail(pos, fnName, "%s; it left meta as %s, not an object", what, kindOf(v))
	}
	keys := o.Keys()
	if len(keys) == 0 {
		return nil
	}
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[k] = metaValue(o.Get(k))
	}
	return out
}

// restOf exports the properties of o other than skip, to compare them
// before and after a user function.
func restOf(o *goja.Object, skip ...string) map[string]any {
	out := make(map[string]any)
	for _, k := range o.Keys() {
		if !slices.Contains(skip, k) {
			out[k] = o.Get(k).Export()
		}
	}
	return out
}

// changedKey names a property that differs between a and b, or "".
func changedKey(a, b map[string]any) string {
	for _, k := range sortedKeys(b) {
		if av, ok := a[k]; !ok || !reflect.DeepEqual(av, b[k]) {
			return k
		}
	}
	for _, k := range sortedKeys(a) {
		if _, ok := b[k]; !ok {
			return k
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// hasUserFunc reports whether a user function is among vals.
func (ev *evaluator) hasUserFunc(vals []goja.Value) bool {
	for _, v := range vals {
		if ev.userFunc(v) != nil {
			return true
		}
	}
	return false
}

// userFunc returns v as a callable when it is a function the user wrote
// (not one of the language's, such as DnsProvider given without calling
// it), or nil.
func (ev *evaluator) userFunc(v goja.Value) goja.Callable {
	f, ok := goja.AssertFunction(v)
	if !ok {
		return nil
	}
	if o, isObj := v.(*goja.Object); isObj && ev.dslFuncs[o] != "" {
		return nil
	}
	return f
}

// dslFuncName names v when it is one of the language's functions.
func (ev *evaluator) dslFuncName(v goja.Value) string {
	if o, isObj := v.(*goja.Object); isObj {
		return ev.dslFuncs[o]
	}
	return ""
}

// noteDSLFuncs records the functions the language defines (built-ins and
// prelude), so that one given uncalled is not taken for a user function.
func (ev *evaluator) noteDSLFuncs() {
	g := ev.vm.GlobalObject()
	ev.dslFuncs = make(map[*goja.Object]string)
	for _, k := range g.Keys() {
		if o, ok := g.Get(k).(*goja.Object); ok {
			if _, isFn := goja.AssertFunction(o); isFn {
				ev.dslFuncs[o] = k
			}
		}
	}
}

// userRecordSteps applies the modifiers of a record function call (from
// argument fixed on) to m, as applyRecordArg does, and returns them as
// steps to apply again, with the user functions, once the record is
// added to a domain.
func (ev *evaluator) userRecordSteps(a *args, fn string, m *recordMods, fixed int) []userRecordStep {
	steps := make([]userRecordStep, 0, len(a.v)-fixed)
	for i := fixed; i < len(a.v); i++ {
		if f := ev.userFunc(a.v[i]); f != nil {
			steps = append(steps, userRecordStep{fn: f, n: i + 1})
			continue
		}
		before := *m
		before.meta = maps.Clone(m.meta)
		ev.applyRecordArg(a.pos, fn, m, a.v[i], i+1)
		delta := &recordMods{}
		if m.hasTTL && (!before.hasTTL || m.ttl != before.ttl) {
			delta.ttl, delta.hasTTL = m.ttl, true
		}
		for k, v := range m.meta {
			if old, ok := before.meta[k]; !ok || old != v {
				delta.setMeta(k, v)
			}
		}
		steps = append(steps, userRecordStep{delta: delta, n: i + 1})
	}
	return steps
}

// replayUserSteps applies it's modifiers again for a domain whose
// DefaultTTL is defTTL, calling its user functions.
func (ev *evaluator) replayUserSteps(it *item, typ string, defTTL uint32) recordMods {
	var m recordMods
	for _, s := range it.userSteps {
		if s.delta == nil {
			ev.userRecordFunc(it.pos, it.fn, typ, s.fn, s.n, &m, defTTL)
			continue
		}
		if s.delta.hasTTL {
			m.ttl, m.hasTTL = s.delta.ttl, true
		}
		for k, v := range s.delta.meta {
			m.setMeta(k, v)
		}
	}
	return m
}
