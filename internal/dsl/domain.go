package dsl

import (
	"math"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/idna"

	"github.com/dnsctl/dnsctl/internal/model"
)

// builtins returns every global the Go side defines.
func (ev *evaluator) builtins() map[string]any {
	b := map[string]any{
		"NewRegistrar":   ev.newProvider("NewRegistrar", &ev.cfg.Registrars),
		"NewDnsProvider": ev.newProvider("NewDnsProvider", &ev.cfg.DNSProviders),
		"D":              ev.jsD,
		"D_EXTEND":       ev.jsDExtend,
		"DEFAULTS":       ev.jsDefaults,
		"INCLUDE":        ev.jsInclude,

		"getConfiguredDomains": ev.jsConfiguredDomains,

		// Domain modifiers.
		"DnsProvider":      ev.jsDnsProvider,
		"DefaultTTL":       ev.jsDefaultTTL,
		"NAMESERVER":       ev.jsNameserver,
		"NAMESERVER_TTL":   ev.jsNameserverTTL,
		"IGNORE":           ev.jsIgnore,
		"IGNORE_NAME":      ev.jsIgnoreName,
		"IGNORE_TARGET":    ev.jsIgnoreTarget,
		"R53_ZONE":         ev.jsR53Zone,
		"R53_VPC":          ev.jsR53VPC,
		"R53_DNSSEC":       ev.jsR53DNSSEC,
		"R53_HEALTH_CHECK": ev.jsR53HealthCheck,

		// Record modifiers.
		"TTL":                        ev.jsTTL,
		"R53_WEIGHT":                 ev.jsR53Weight,
		"R53_FAILOVER":               ev.jsR53Failover,
		"R53_LATENCY":                ev.jsR53Latency,
		"R53_GEO":                    ev.jsR53Geo,
		"R53_MULTIVALUE":             ev.jsR53Multivalue,
		"R53_CIDR":                   ev.jsR53CIDR,
		"R53_CIDR_COLLECTION":        ev.jsR53CIDRCollection,
		"R53_GEOPROXIMITY":           ev.jsR53Geoproximity,
		"R53_HEALTH_CHECK_ID":        ev.jsR53HealthCheckID,
		"R53_HEALTH_CHECK_NAME":      ev.jsR53HealthCheckName,
		"R53_EVALUATE_TARGET_HEALTH": ev.jsR53EvaluateTargetHealth,

		// Builders and helpers.
		"SPF_BUILDER":  ev.jsSPFBuilder,
		"IP":           ev.jsIP,
		"HASH":         ev.jsHash,
		"PANIC":        ev.jsPanic,
		"require":      ev.jsRequire,
		"require_glob": ev.jsRequireGlob,
		"glob":         ev.jsGlob,
		"console":      ev.console(),
	}
	for _, rt := range recordTypes {
		b[rt.fn] = ev.recordFunc(rt)
	}

	// Constants used without calling them.
	noop := func(fn string) goja.Value { return ev.value(&item{fn: fn, noop: true}) }
	domainMeta := func(fn, k, v string) goja.Value {
		return ev.value(&item{fn: fn, domain: func(ds *domainState) { setDomainMeta(ds, k, v) }})
	}
	b["END"] = noop("END")
	b["AUTOSPLIT"] = noop("AUTOSPLIT") // deprecated in DNSControl; long TXT is always split
	b["AUTODNSSEC"] = noop("AUTODNSSEC")
	b["NO_PURGE"] = ev.value(&item{fn: "NO_PURGE", domain: func(ds *domainState) { ds.d.KeepUnknown = true }})
	b["PURGE"] = ev.value(&item{fn: "PURGE", domain: func(ds *domainState) { ds.d.KeepUnknown = false }})
	b["AUTODNSSEC_ON"] = domainMeta("AUTODNSSEC_ON", "autodnssec", "on")
	b["AUTODNSSEC_OFF"] = domainMeta("AUTODNSSEC_OFF", "autodnssec", "off")
	b["CAA_CRITICAL"] = ev.value(&item{fn: "CAA_CRITICAL", record: func(m *recordMods) { m.caa |= 128 }})
	ev.helperBuiltins(b)
	ev.handsoffBuiltins(b)
	ev.r53ZoneBuiltins(b)
	return b
}

func setDomainMeta(ds *domainState, k, v string) {
	if ds.d.Meta == nil {
		ds.d.Meta = make(map[string]string)
	}
	ds.d.Meta[k] = v
}

// newProvider implements NewRegistrar and NewDnsProvider: (name),
// (name, type), (name, meta) or (name, type, meta). They return the name.
func (ev *evaluator) newProvider(fn string, list *[]*model.ProviderDecl) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		a := args{ev: ev, fn: fn, pos: ev.userPos(), v: c.Arguments}
		if len(a.v) == 0 {
			a.fail("needs a name")
		}
		name := a.str(0, "name")
		if name == "" {
			a.fail("name must not be empty")
		}
		var typ string
		metaAt := -1
		switch {
		case len(a.v) == 2 && isObjectValue(a.v[1]):
			metaAt = 1
		case len(a.v) >= 2:
			if a.present(1) && !goja.IsNull(a.v[1]) {
				typ = a.str(1, "type")
			}
			if len(a.v) >= 3 {
				metaAt = 2
			}
		}
		if typ == "-" {
			typ = ""
		}
		decl := &model.ProviderDecl{Name: name, Type: typ, Pos: a.pos}
		if metaAt >= 0 && a.present(metaAt) && !goja.IsNull(a.v[metaAt]) {
			o, ok := isPlainObject(a.v[metaAt])
			if !ok {
				a.fail("metadata must be an object, got %s", kindOf(a.v[metaAt]))
			}
			decl.Meta = o.Export().(map[string]any)
		}
		*list = append(*list, decl)
		return c.Arguments[0]
	}
}

func isObjectValue(v goja.Value) bool {
	_, ok := isPlainObject(v)
	return ok
}

// splitTag splits "example.com!tag" into name and split-horizon tag.
func splitTag(s string) (name, tag string) {
	if i := strings.IndexByte(s, '!'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// canonicalDomain lower-cases name, converts Unicode labels to punycode and
// drops a trailing dot. Structure is checked by the normaliser later.
func canonicalDomain(name string) (string, error) {
	name = strings.TrimSuffix(name, ".")
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			ascii = false
			break
		}
	}
	name = strings.ToLower(name)
	if ascii {
		return name, nil
	}
	return idna.ToASCII(name)
}

// domainName reads a D()/D_EXTEND() name argument.
func (a *args) domainName() (name, tag string) {
	raw := a.str(0, "domain name")
	name, tag = splitTag(raw)
	if name == "" {
		a.fail("domain name must not be empty")
	}
	if tag != "" {
		var err error
		if tag, err = model.CanonicalTag(tag); err != nil {
			a.fail("%s: %v", quoteGo(raw), err)
		}
	}
	canon, err := canonicalDomain(name)
	if err != nil {
		a.fail("domain name %s cannot be converted to punycode: %v", quoteGo(name), err)
	}
	return canon, tag
}

func uniqueName(name, tag string) string {
	if tag == "" {
		return name
	}
	return name + "!" + tag
}

// jsD implements D(name, registrar, modifiers...).
func (ev *evaluator) jsD(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "D", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) < 2 {
		a.fail("needs a domain name and a registrar, got %d arguments", len(a.v))
	}
	name, tag := a.domainName()
	if !goja.IsString(a.v[1]) {
		a.fail("registrar must be a string (the name NewRegistrar returns), got %s", kindOf(a.v[1]))
	}
	key := uniqueName(name, tag)
	if prev, ok := ev.domains[key]; ok {
		a.fail("domain %s defined twice at %s and %s; use D_EXTEND to add to it", key, prev.d.Pos, a.pos)
	}
	ds := &domainState{d: &model.Domain{
		Name:         name,
		Tag:          tag,
		Registrar:    a.v[1].String(),
		DNSProviders: []model.DomainProvider{},
		Records:      make([]*model.Record, 0, len(a.v)-2),
		Pos:          a.pos,
	}}
	for i, v := range ev.defaults {
		ev.applyDomainArg(ev.defaultsPos, "DEFAULTS", ds, v, i+1)
	}
	for i := 2; i < len(a.v); i++ {
		ev.applyDomainArg(a.pos, "D", ds, a.v[i], i+1)
	}
	ev.domains[key] = ds
	ev.order = append(ev.order, ds)
	return goja.Undefined()
}

// jsDExtend implements D_EXTEND(name, modifiers...): it adds to the D()
// whose name is name or the closest parent of name (with the same tag).
func (ev *evaluator) jsDExtend(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "D_EXTEND", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) < 1 {
		a.fail("needs a domain name")
	}
	name, tag := a.domainName()
	var best *domainState
	for _, ds := range ev.order {
		if ds.d.Tag != tag || (name != ds.d.Name && !strings.HasSuffix(name, "."+ds.d.Name)) {
			continue
		}
		if best == nil || len(ds.d.Name) > len(best.d.Name) {
			best = ds
		}
	}
	if best == nil {
		a.fail("%s was not declared with D() (D_EXTEND must follow the D of the domain or of a parent domain)", uniqueName(name, tag))
	}
	saved := best.sub
	best.sub = extendSub(name, best.d.Name)
	defer func() { best.sub = saved }()
	for i := 1; i < len(a.v); i++ {
		ev.applyDomainArg(a.pos, "D_EXTEND", best, a.v[i], i+1)
	}
	return goja.Undefined()
}

// jsDefaults implements DEFAULTS(modifiers...): they apply to every D()
// declared afterwards, before its own arguments. Each call replaces the
// previous defaults.
func (ev *evaluator) jsDefaults(c goja.FunctionCall) goja.Value {
	ev.defaults = append([]goja.Value(nil), c.Arguments...)
	ev.defaultsPos = ev.userPos()
	return goja.Undefined()
}

// jsInclude implements INCLUDE(name): the records of another D() so far.
func (ev *evaluator) jsInclude(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "INCLUDE", pos: ev.userPos(), v: c.Arguments}
	name, tag := a.domainName()
	src, ok := ev.domains[uniqueName(name, tag)]
	if !ok {
		a.fail("%s was not declared with D() before", uniqueName(name, tag))
	}
	return ev.value(&item{fn: "INCLUDE", pos: a.pos, expand: func(*domainState) []*item {
		out := make([]*item, len(src.d.Records))
		for i, r := range src.d.Records {
			out[i] = &item{fn: "INCLUDE", label: r.Name, rec: r.Clone(), ttl: r.TTL, hasTTL: true, keepName: true}
		}
		return out
	}})
}

func (ev *evaluator) jsConfiguredDomains(goja.FunctionCall) goja.Value {
	names := make([]any, len(ev.order))
	for i, ds := range ev.order {
		names[i] = ds.d.UniqueName()
	}
	return ev.vm.NewArray(names...)
}

// jsDnsProvider implements DnsProvider(name[, nsCount]).
func (ev *evaluator) jsDnsProvider(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "DnsProvider", pos: ev.userPos(), v: c.Arguments}
	name := a.str(0, "provider name")
	count := -1
	if a.present(1) {
		count = int(a.uint(1, "nameserver count", math.MaxInt32))
	}
	return ev.value(&item{fn: "DnsProvider", pos: a.pos, domain: func(ds *domainState) {
		for i := range ds.d.DNSProviders {
			if ds.d.DNSProviders[i].Name == name {
				ds.d.DNSProviders[i].NSCount = count
				return
			}
		}
		ds.d.DNSProviders = append(ds.d.DNSProviders, model.DomainProvider{Name: name, NSCount: count, Pos: a.pos})
	}})
}

// jsDefaultTTL implements DefaultTTL(ttl): records declared after it in the
// domain (and in later D_EXTENDs of it) without TTL() get ttl.
func (ev *evaluator) jsDefaultTTL(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "DefaultTTL", pos: ev.userPos(), v: c.Arguments}
	if v := a.at(0); ignoredDefaultTTL(v) {
		// DNSControl stores such a value as the default, and it is lost on
		// the way to its Go side: records after it get the global default.
		ev.warn(a.pos, "DefaultTTL", "needs a number of seconds or a duration such as \"1h\", got %s; as in DNSControl, records after it get the default TTL, %d", kindOf(v), defaultTTL)
		return ev.value(&item{fn: "DefaultTTL", pos: a.pos, domain: func(ds *domainState) { ds.defaultTTL = 0 }})
	}
	ttl := a.ttl(0, "ttl")
	return ev.value(&item{fn: "DefaultTTL", pos: a.pos, domain: func(ds *domainState) { ds.defaultTTL = ttl }})
}

func (ev *evaluator) jsNameserver(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "NAMESERVER", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) != 1 {
		a.fail("takes exactly one argument, the name server's host name; got %d", len(a.v))
	}
	ns := a.str(0, "name")
	return ev.value(&item{fn: "NAMESERVER", pos: a.pos, domain: func(ds *domainState) {
		ds.d.Nameservers = append(ds.d.Nameservers, ns)
	}})
}

func (ev *evaluator) jsNameserverTTL(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "NAMESERVER_TTL", pos: ev.userPos(), v: c.Arguments}
	ttl := a.ttl(0, "ttl")
	return ev.value(&item{fn: "NAMESERVER_TTL", pos: a.pos, domain: func(ds *domainState) { ds.d.NameserverTTL = ttl }})
}

// optGlob reads an optional glob or type-list argument: a string, an array
// of strings (joined with commas), or nothing.
func (a *args) optGlob(i int, what string) string {
	if !a.present(i) || goja.IsNull(a.v[i]) {
		return ""
	}
	if vals, ok := a.ev.elements(a.v[i]); ok {
		parts := make([]string, len(vals))
		for j, v := range vals {
			if !goja.IsString(v) {
				a.fail("%s[%d] must be a string, got %s", what, j, kindOf(v))
			}
			parts[j] = v.String()
		}
		return strings.Join(parts, ",")
	}
	return a.str(i, what)
}

func (ev *evaluator) ignoreItem(a *args, ig model.Ignore) goja.Value {
	ig.Pos = a.pos
	ev.checkIgnoreTypes(a.fn, a.pos, ig.Types)
	return ev.value(&item{fn: a.fn, pos: a.pos, domain: func(ds *domainState) {
		ds.d.Ignores = append(ds.d.Ignores, ig)
	}})
}

// jsIgnore implements IGNORE(labelGlob, types, targetGlob).
func (ev *evaluator) jsIgnore(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "IGNORE", pos: ev.userPos(), v: c.Arguments}
	return ev.ignoreItem(a, model.Ignore{
		Label:  a.optGlob(0, "label pattern"),
		Types:  a.optGlob(1, "types"),
		Target: a.optGlob(2, "target pattern"),
	})
}

// jsIgnoreName implements IGNORE_NAME(labelGlob[, types]).
func (ev *evaluator) jsIgnoreName(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "IGNORE_NAME", pos: ev.userPos(), v: c.Arguments}
	return ev.ignoreItem(a, model.Ignore{Label: a.str(0, "label pattern"), Types: a.optGlob(1, "types")})
}

// jsIgnoreTarget implements IGNORE_TARGET(targetGlob[, type]).
func (ev *evaluator) jsIgnoreTarget(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "IGNORE_TARGET", pos: ev.userPos(), v: c.Arguments}
	return ev.ignoreItem(a, model.Ignore{Target: a.str(0, "target pattern"), Types: a.optGlob(1, "type")})
}

// jsR53Zone implements R53_ZONE(zoneID): on a domain it sets the hosted
// zone to use; on an R53_ALIAS it names the target's hosted zone.
func (ev *evaluator) jsR53Zone(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "R53_ZONE", pos: ev.userPos(), v: c.Arguments}
	id := a.str(0, "zone id")
	return ev.value(&item{
		fn:     "R53_ZONE",
		pos:    a.pos,
		domain: func(ds *domainState) { setDomainMeta(ds, "zone_id", id) },
		record: func(m *recordMods) { m.setMeta("zone_id", id) },
	})
}

func (ev *evaluator) jsTTL(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "TTL", pos: ev.userPos(), v: c.Arguments}
	ttl := a.ttl(0, "ttl")
	return ev.value(&item{fn: "TTL", pos: a.pos, record: func(m *recordMods) { m.ttl, m.hasTTL = ttl, true }})
}

func (ev *evaluator) jsR53HealthCheckID(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "R53_HEALTH_CHECK_ID", pos: ev.userPos(), v: c.Arguments}
	id := a.str(0, "health check id")
	return ev.value(&item{fn: "R53_HEALTH_CHECK_ID", pos: a.pos, record: func(m *recordMods) {
		if n := m.meta[metaHealthCheckName]; n != "" {
			ev.fail(a.pos, a.fn, "the record already has R53_HEALTH_CHECK_NAME(%q); a record has one health check", n)
		}
		m.setMeta("health_check_id", id)
	}})
}

func (ev *evaluator) jsR53EvaluateTargetHealth(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "R53_EVALUATE_TARGET_HEALTH", pos: ev.userPos(), v: c.Arguments}
	v := a.at(0)
	var on string
	_, isBool := v.Export().(bool)
	switch {
	case isBool:
		on = v.String()
	case goja.IsString(v) && (v.String() == "true" || v.String() == "false"):
		on = v.String()
	default:
		a.fail("needs true or false, got %s", kindOf(v))
	}
	return ev.value(&item{fn: "R53_EVALUATE_TARGET_HEALTH", pos: a.pos, record: func(m *recordMods) { m.setMeta("evaluate_target_health", on) }})
}
