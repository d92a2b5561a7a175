package dsl

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// The Route 53 routing-policy record modifiers. Each sets the record's set
// identifier (always the last argument, as in R53_WEIGHT) and the metadata
// the Route 53 provider reads and writes (see the Meta* keys there). A
// record takes at most one of them: Route 53 gives a record set one routing
// policy. What involves several records (policies mixed within a name and
// type, two PRIMARY sets, ...) is checked by the provider at preview.

// nargs fails unless the call has exactly len(names) arguments.
func (a *args) nargs(names ...string) {
	if len(a.v) != len(names) {
		a.fail("needs %d argument%s (%s), got %d", len(names), plural(len(names)), strings.Join(names, ", "), len(a.v))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// setID reads the set identifier argument i.
func (a *args) setID(i int) string {
	id := a.str(i, "set identifier")
	if strings.TrimSpace(id) == "" {
		a.fail("set identifier must not be empty")
	}
	return id
}

// routingItem returns the record modifier of a routing-policy function
// (a.fn): it gives the record the set identifier id and the metadata kv
// (key, value, key, value...), and refuses a second routing policy on the
// same record.
func (ev *evaluator) routingItem(a *args, id string, kv ...string) goja.Value {
	fn, pos := a.fn, a.pos
	return ev.value(&item{fn: fn, pos: pos, record: func(m *recordMods) {
		if m.policy != "" {
			ev.fail(pos, fn, "the record already has a routing policy, %s(...) at %s; Route 53 gives a record set one routing policy", m.policy, m.policyPos)
		}
		m.policy, m.policyPos = fn, pos
		m.setID = id
		for i := 0; i+1 < len(kv); i += 2 {
			m.setMeta(kv[i], kv[i+1])
		}
	}})
}

// jsR53Weight implements R53_WEIGHT(weight, setIdentifier).
func (ev *evaluator) jsR53Weight(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_WEIGHT", pos: ev.userPos(), v: c.Arguments}
	w := u(a.uint(0, "weight", 255))
	return ev.routingItem(a, a.setID(1), "weight", w)
}

// jsR53Failover implements R53_FAILOVER("PRIMARY"|"SECONDARY", setIdentifier).
func (ev *evaluator) jsR53Failover(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_FAILOVER", pos: ev.userPos(), v: c.Arguments}
	a.nargs("\"PRIMARY\" or \"SECONDARY\"", "set identifier")
	t := strings.ToUpper(strings.TrimSpace(a.str(0, "failover type")))
	if t != "PRIMARY" && t != "SECONDARY" {
		a.fail("failover type must be \"PRIMARY\" or \"SECONDARY\", got %s", kindOf(a.v[0]))
	}
	return ev.routingItem(a, a.setID(1), "failover", t)
}

// jsR53Latency implements R53_LATENCY(region, setIdentifier).
func (ev *evaluator) jsR53Latency(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_LATENCY", pos: ev.userPos(), v: c.Arguments}
	a.nargs("AWS region", "set identifier")
	region := a.region(0, "region")
	return ev.routingItem(a, a.setID(1), "latency_region", region)
}

// region reads an AWS region name such as "eu-west-1".
func (a *args) region(i int, what string) string {
	r := strings.ToLower(strings.TrimSpace(a.str(i, what)))
	if !routing.AWSRegion.MatchString(r) || len(r) > routing.MaxNameLen {
		a.fail("%s must be an AWS region such as \"eu-west-1\", got %s", what, kindOf(a.v[i]))
	}
	return r
}

// jsR53Geo implements R53_GEO(location, setIdentifier). The location is a
// continent code ("EU"), a country code ("DE"), a country and subdivision
// ("US-CA"), "*" for the default location, or an object {continent: "NA"},
// {country: "NA"} or {country: "US", subdivision: "CA"} (needed for the
// codes that are both a continent and a country: AF, AS, NA, SA).
func (ev *evaluator) jsR53Geo(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_GEO", pos: ev.userPos(), v: c.Arguments}
	a.nargs("location", "set identifier")
	var continent, country, sub string
	o, object := isPlainObject(a.v[0])
	if object {
		get := func(k string) string {
			v := o.Get(k)
			if v == nil || goja.IsUndefined(v) {
				return ""
			}
			if !goja.IsString(v) {
				a.fail("location.%s must be a string, got %s", k, kindOf(v))
			}
			return strings.ToUpper(strings.TrimSpace(v.String()))
		}
		for _, k := range o.Keys() {
			if k != "continent" && k != "country" && k != "subdivision" {
				a.fail("location has an unknown field %q; use continent, country or country and subdivision", k)
			}
		}
		continent, country, sub = get("continent"), get("country"), get("subdivision")
		switch {
		case continent != "" && (country != "" || sub != ""):
			a.fail("location gives a continent and a country; Route 53 takes one of them")
		case continent == "" && country == "":
			a.fail("location needs a continent or a country, such as {continent: \"EU\"} or {country: \"DE\"}")
		case continent != "" && routing.Continents[continent] == "":
			a.fail("continent must be one of AF, AN, AS, EU, NA, OC, SA; got %s", quoteGo(continent))
		}
	} else {
		if !goja.IsString(a.v[0]) {
			a.fail("location must be a string such as \"EU\", \"DE\", \"US-CA\" or \"*\", or an object such as {continent: \"NA\"}; got %s", kindOf(a.v[0]))
		}
		loc := strings.ToUpper(strings.TrimSpace(a.v[0].String()))
		switch c, s, hasSub := strings.Cut(loc, "-"); {
		case loc == "*":
			country = "*"
		case hasSub:
			if s == "" {
				a.fail("location %s lacks the subdivision after the \"-\", as in \"US-CA\"", quoteGo(loc))
			}
			country, sub = c, s
		case routing.AmbiguousGeo[loc] != "":
			a.fail("%s is both a continent (%s) and a country (%s); write {continent: %s} or {country: %s}",
				quoteGo(loc), routing.Continents[loc], routing.AmbiguousGeo[loc], quoteGo(loc), quoteGo(loc))
		case routing.Continents[loc] != "":
			continent = loc
		default:
			country = loc
		}
	}
	if !object && country != "" && country != "*" && !routing.Country.MatchString(country) {
		a.fail("location must be a continent code (AF, AN, AS, EU, NA, OC, SA), a two-letter ISO 3166-1 country code such as \"DE\", a country and subdivision such as \"US-CA\", or \"*\" for the default location; got %s", kindOf(a.v[0]))
	}
	if country != "" && country != "*" && !routing.Country.MatchString(country) {
		a.fail("country must be a two-letter ISO 3166-1 code such as \"DE\" (or \"*\" for the default location), got %s", quoteGo(country))
	}
	if country == "UK" {
		a.fail("the ISO 3166-1 code of the United Kingdom, which Route 53 uses, is \"GB\", not \"UK\"")
	}
	if sub != "" {
		if country == "*" {
			a.fail("the default location \"*\" has no subdivision")
		}
		if !routing.Subdivision.MatchString(sub) {
			a.fail("subdivision must be a code of one to three letters or digits such as \"CA\" (as in \"US-CA\"), got %s", quoteGo(sub))
		}
	}
	var kv []string
	if continent != "" {
		kv = append(kv, "geo_continent", continent)
	}
	if country != "" {
		kv = append(kv, "geo_country", country)
	}
	if sub != "" {
		kv = append(kv, "geo_subdivision", sub)
	}
	return ev.routingItem(a, a.setID(1), kv...)
}

// jsR53Multivalue implements R53_MULTIVALUE(setIdentifier).
func (ev *evaluator) jsR53Multivalue(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_MULTIVALUE", pos: ev.userPos(), v: c.Arguments}
	a.nargs("set identifier")
	return ev.routingItem(a, a.setID(0), "multivalue", "true")
}

// jsR53CIDR implements R53_CIDR(collection, locationName, setIdentifier),
// where collection is a collection ID or the name of a collection declared
// with R53_CIDR_COLLECTION (see r53cidr.go).
func (ev *evaluator) jsR53CIDR(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_CIDR", pos: ev.userPos(), v: c.Arguments}
	a.nargs("CIDR collection ID or name", "location name", "set identifier")
	coll := a.cidrCollectionRef(0)
	loc := a.str(1, "location name")
	if !routing.CIDRLocation.MatchString(loc) {
		a.fail("location name must be 1 to 16 letters, digits, _ or - (or \"*\" for the default location), got %s", kindOf(a.v[1]))
	}
	return ev.routingItem(a, a.setID(2), "cidr_collection_id", coll, "cidr_location", loc)
}

// jsR53Geoproximity implements R53_GEOPROXIMITY({region | localZoneGroup |
// coordinates: {lat, long}, bias}, setIdentifier).
func (ev *evaluator) jsR53Geoproximity(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_GEOPROXIMITY", pos: ev.userPos(), v: c.Arguments}
	a.nargs("location", "set identifier")
	o, ok := isPlainObject(a.v[0])
	if !ok {
		a.fail("location must be an object such as {region: \"eu-west-1\"}, {localZoneGroup: \"us-east-1-bue-1\"} or {coordinates: {lat: 52.52, long: 13.4}}, with an optional bias; got %s", kindOf(a.v[0]))
	}
	known := []string{"region", "localZoneGroup", "coordinates", "bias"}
	var where []string
	for _, k := range o.Keys() {
		if !slices.Contains(known, k) {
			a.fail("location has an unknown field %q; use region, localZoneGroup or coordinates, and bias", k)
		}
		if k != "bias" && !goja.IsUndefined(o.Get(k)) {
			where = append(where, k)
		}
	}
	if len(where) != 1 {
		a.fail("location needs exactly one of region, localZoneGroup and coordinates, got %d", len(where))
	}
	var kv []string
	switch v := o.Get(where[0]); where[0] {
	case "region":
		sub := &args{ev: ev, fn: a.fn, pos: a.pos, v: []goja.Value{v}}
		kv = append(kv, "geoproximity_region", sub.region(0, "region"))
	case "localZoneGroup":
		if !goja.IsString(v) {
			a.fail("localZoneGroup must be a string such as \"us-east-1-bue-1\", got %s", kindOf(v))
		}
		g := strings.ToLower(strings.TrimSpace(v.String()))
		if !routing.LocalZoneGroup.MatchString(g) || len(g) > routing.MaxNameLen {
			a.fail("localZoneGroup must be a Local Zone group such as \"us-east-1-bue-1\", got %s", kindOf(v))
		}
		kv = append(kv, "geoproximity_local_zone_group", g)
	case "coordinates":
		co, ok := isPlainObject(v)
		if !ok {
			a.fail("coordinates must be an object {lat: 52.52, long: 13.4}, got %s", kindOf(v))
		}
		for _, k := range co.Keys() {
			if k != "lat" && k != "long" {
				a.fail("coordinates has an unknown field %q; use lat and long", k)
			}
		}
		lat := a.coordinate(co.Get("lat"), "coordinates.lat", routing.Latitude, 90)
		long := a.coordinate(co.Get("long"), "coordinates.long", routing.Longitude, 180)
		kv = append(kv, "geoproximity_latitude", lat, "geoproximity_longitude", long)
	}
	if b := o.Get("bias"); b != nil && !goja.IsUndefined(b) {
		kv = append(kv, "geoproximity_bias", a.bias(b))
	}
	return ev.routingItem(a, a.setID(1), kv...)
}

// coordinate reads a latitude or longitude: a number or a string of at
// most two decimals within ±limit. Strings are kept as written (Route 53
// keeps them so); numbers are written in their shortest form.
func (a *args) coordinate(v goja.Value, what string, re *regexp.Regexp, limit float64) string {
	var s string
	switch {
	case v == nil || goja.IsUndefined(v):
		a.fail("%s is missing", what)
	case goja.IsNumber(v):
		x := v.ToFloat()
		if math.IsNaN(x) || math.IsInf(x, 0) {
			a.fail("%s must be a finite number, got %s", what, kindOf(v))
		}
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case goja.IsString(v):
		s = strings.TrimSpace(v.String())
	default:
		a.fail("%s must be a number, got %s", what, kindOf(v))
	}
	if !re.MatchString(s) {
		a.fail("%s must be a number with at most two decimals, got %s", what, kindOf(v))
	}
	if x, _ := strconv.ParseFloat(s, 64); math.Abs(x) > limit {
		a.fail("%s must be from -%v to %v, got %s", what, limit, limit, kindOf(v))
	}
	return s
}

// bias reads a geoproximity bias, a whole number from -99 to 99.
func (a *args) bias(v goja.Value) string {
	var n float64
	switch {
	case goja.IsNumber(v):
		n = v.ToFloat()
	case goja.IsString(v):
		x, err := strconv.ParseFloat(strings.TrimSpace(v.String()), 64)
		if err != nil {
			a.fail("bias must be a whole number from -99 to 99, got %s", kindOf(v))
		}
		n = x
	default:
		a.fail("bias must be a whole number from -99 to 99, got %s", kindOf(v))
	}
	if n != math.Trunc(n) || n < -99 || n > 99 {
		a.fail("bias must be a whole number from -99 to 99, got %s", kindOf(v))
	}
	return strconv.Itoa(int(n))
}
