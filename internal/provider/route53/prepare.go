package route53

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// aliasOnlyKeys are metadata keys that only mean something on R53_ALIAS.
var aliasOnlyKeys = []string{MetaAliasType, MetaZoneID, MetaEvaluateHealth}

// routingKeys are the metadata keys of routing policies; a record carrying
// one needs a set identifier.
var routingKeys = []string{MetaWeight, MetaFailover, MetaRegion, MetaGeoContinent, MetaGeoCountry,
	MetaGeoSubdivision, MetaMultiValue, MetaCIDRCollection, MetaCIDRLocation, MetaGeoProxRegion,
	MetaGeoProxZone, MetaGeoProxLat, MetaGeoProxLong, MetaGeoProxBias}

// Prepare completes the desired records of zone so that they compare equal
// to what Records returns, and rejects at preview time what Route 53 would
// reject at push time:
//
//   - an R53_ALIAS without R53_ZONE whose target lies in this zone gets this
//     zone's ID (a placeholder when the zone does not exist yet, resolved by
//     Apply); one whose target lies in another hosted zone of the account
//     gets that zone's ID; evaluate_target_health defaults to "false"; its
//     TTL is irrelevant and set to 0;
//   - an alias whose target in this zone is not defined (unless Route 53
//     holds that alias already as configured: Route 53 checks a target
//     when an alias is written, not when the target is deleted), aliases that point
//     at each other in a loop, and an R53_ZONE that is not the hosted zone
//     of a target in this account are errors naming the record;
//   - routing-policy settings need a set identifier and the reverse.
func (p *Provider) Prepare(ctx context.Context, zone string, desired []*model.Record) error {
	return p.public(p.prepare(ctx, zoneKey(zone), desired))
}

// maxShortData bounds record data that cannot exceed Route 53's 4,000
// characters per value once written: at most four characters a byte (the
// \ooo escape) plus the quotes of its 255-byte strings.
const maxShortData = 900

func (p *Provider) prepare(ctx context.Context, key string, desired []*model.Record) error {
	zone := zoneName(key)
	if err := p.resolveHealthCheckNames(ctx, key, desired); err != nil {
		return err
	}
	var problems []string
	bad := func(r *model.Record, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		label := r.Type + " " + model.LabelOf(r.Name, zone)
		if r.Type == model.AliasType {
			label = fmt.Sprintf("R53_ALIAS %s (%s)", model.LabelOf(r.Name, zone), r.Meta[MetaAliasType])
		}
		if r.Pos != "" {
			label = r.Pos + ": " + label
		}
		problems = append(problems, label+": "+msg)
	}

	selfLoaded := false
	var selfID string
	self := func() (string, error) {
		if selfLoaded {
			return selfID, nil
		}
		id, err := p.zoneID(ctx, key)
		if errors.Is(err, provider.ErrZoneNotFound) {
			id, err = zoneIDPending, nil
		}
		if err != nil {
			return "", err
		}
		selfID, selfLoaded = id, true
		return id, nil
	}

	// unchanged reports whether Route 53 already holds alias r exactly as
	// configured (the zone is read once, and only when needed).
	var current map[rrIdent][]*model.Record
	unchanged := func(r *model.Record) (bool, error) {
		id, err := self()
		if err != nil || id == zoneIDPending {
			return false, err
		}
		if current == nil {
			sets, err := p.listRRSets(ctx, zone, id)
			if err != nil {
				return false, err
			}
			current = map[rrIdent][]*model.Record{}
			for _, set := range sets {
				for _, c := range rrsetRecords(set, zone) {
					k := rrIdent{name: c.Name, typ: effectiveType(c), setID: c.SetID}
					current[k] = append(current[k], c)
				}
			}
		}
		have := current[rrIdent{name: r.Name, typ: effectiveType(r), setID: r.SetID}]
		return len(have) == 1 && sameAlias(have[0], r), nil
	}

	if err := p.resolveCIDRNames(ctx, desired, bad); err != nil {
		return err
	}
	defined := map[rrIdent]bool{}
	for _, r := range desired {
		defined[rrIdent{name: r.Name, typ: effectiveType(r)}] = true
	}

	type aliasNode struct {
		r      *model.Record
		target rrIdent
	}
	aliases := map[rrIdent]aliasNode{}

	for _, r := range desired {
		if r.Meta != nil {
			for _, k := range MetaKeys {
				if v, ok := r.Meta[k]; ok {
					v = strings.TrimSpace(v)
					if v == "" {
						delete(r.Meta, k)
					} else {
						r.Meta[k] = v
					}
				}
			}
		}
		if w, ok := r.Meta[MetaWeight]; ok {
			n, err := strconv.ParseInt(w, 10, 64)
			if err != nil || n < 0 || n > 255 {
				bad(r, "R53_WEIGHT %q must be a whole number from 0 to 255", w)
			} else {
				r.Meta[MetaWeight] = strconv.FormatInt(n, 10)
			}
		}
		if v, ok := r.Meta[MetaFailover]; ok {
			v = strings.ToUpper(v)
			if v != "PRIMARY" && v != "SECONDARY" {
				bad(r, "failover %q must be PRIMARY or SECONDARY", v)
			}
			r.Meta[MetaFailover] = v
		}
		if v, ok := r.Meta[MetaMultiValue]; ok {
			b, err := parseBool(v)
			if err != nil {
				bad(r, "multivalue %q must be true or false", v)
			} else if b {
				r.Meta[MetaMultiValue] = "true"
			} else {
				delete(r.Meta, MetaMultiValue)
			}
		}
		hasRouting := slices.ContainsFunc(routingKeys, func(k string) bool { return r.Meta[k] != "" })
		switch {
		case hasRouting && r.SetID == "":
			bad(r, "a routing policy (R53_WEIGHT or another) needs a set identifier")
		case !hasRouting && r.SetID != "":
			bad(r, "set identifier %q without a routing policy: Route 53 needs one (R53_WEIGHT, R53_FAILOVER, R53_LATENCY, R53_GEO, R53_GEOPROXIMITY, R53_CIDR or R53_MULTIVALUE)", r.SetID)
		}
		if hasRouting {
			checkRouting(r, func(format string, args ...any) { bad(r, format, args...) })
		}
		if r.Type != model.AliasType {
			for _, k := range aliasOnlyKeys {
				delete(r.Meta, k)
			}
			continue
		}

		// R53_ALIAS.
		r.TTL = 0
		at := strings.ToUpper(r.Meta[MetaAliasType])
		r.Meta[MetaAliasType] = at
		if !model.AliasTypes[at] {
			bad(r, "alias type %q is not one Route 53 aliases serve", at)
			continue
		}
		switch v := r.Meta[MetaEvaluateHealth]; v {
		case "":
			r.Meta[MetaEvaluateHealth] = "false"
		default:
			b, err := parseBool(v)
			if err != nil {
				bad(r, "R53_EVALUATE_TARGET_HEALTH %q must be true or false", v)
				continue
			}
			r.Meta[MetaEvaluateHealth] = strconv.FormatBool(b)
		}
		target := canonicalZone(r.Data)
		zid := cleanZoneID(r.Meta[MetaZoneID])
		owner, err := p.zoneContaining(ctx, target)
		if err != nil {
			return err
		}
		// In this zone, unless a delegated child zone of the account holds it.
		inZone := target == zone || strings.HasSuffix(target, "."+zone)
		if inZone && len(owner) > 0 && strings.HasSuffix(owner[0].Name, "."+zone) {
			inZone = false
		}
		if inZone {
			id, err := self()
			if err != nil {
				return err
			}
			sameZone := zid == "" || zid == id || zid == zoneIDPending
			if !sameZone {
				// A twin zone of the same name (public and private) is fine.
				refs, err := p.lookupZone(ctx, zone, false)
				if err != nil {
					return err
				}
				if !slices.ContainsFunc(refs, func(z zoneRef) bool { return z.ID == zid }) {
					bad(r, "R53_ZONE(%q) is not the hosted zone of the target %s, which is in this zone (%s, ID %s); drop R53_ZONE or fix it", zid, r.Data, zone, id)
					continue
				}
			}
			if sameZone {
				r.Meta[MetaZoneID] = id
				t := rrIdent{name: target, typ: at}
				if !defined[t] {
					// Route 53 checks a target when an alias is
					// written, not when the target goes: an alias
					// this push leaves as it is may outlive it.
					same, err := unchanged(r)
					if err != nil {
						return err
					}
					if !same {
						bad(r, "the alias target %s has no %s record in this configuration; Route 53 refuses an alias to a record that does not exist", r.Data, at)
					}
					continue
				}
				aliases[rrIdent{name: r.Name, typ: at, setID: r.SetID}] = aliasNode{r: r, target: t}
			} else {
				r.Meta[MetaZoneID] = zid
			}
			continue
		}
		switch {
		case len(owner) == 0 && zid == "":
			bad(r, "the alias target %s is not in a hosted zone of this account, so R53_ZONE(\"hosted zone ID of the target\") is required (for example the load balancer's canonical hosted zone ID, or Z2FDTNDATAQYW2 for CloudFront)", r.Data)
		case len(owner) == 0:
			r.Meta[MetaZoneID] = zid
		case zid == "" && len(owner) == 1:
			r.Meta[MetaZoneID] = owner[0].ID
		case zid == "":
			var ids []string
			for _, z := range owner {
				ids = append(ids, z.ID)
			}
			bad(r, "the alias target %s lies in %s, of which this account has several hosted zones (%s); choose one with R53_ZONE", r.Data, owner[0].Name, strings.Join(ids, ", "))
		case !slices.ContainsFunc(owner, func(z zoneRef) bool { return z.ID == zid }):
			bad(r, "R53_ZONE(%q) is not the hosted zone of the target %s, which lies in %s (ID %s) in this account; drop R53_ZONE or fix it", zid, r.Data, owner[0].Name, owner[0].ID)
		default:
			r.Meta[MetaZoneID] = zid
		}
	}

	checkRoutingGroups(desired, zone, bad)

	// Alias loops inside this zone: a -> b -> a.
	const (
		white = iota
		grey
		black
	)
	color := map[rrIdent]int{}
	byTarget := func(t rrIdent) (rrIdent, bool) {
		// An alias target is a name and type; any set identifier matches.
		for k := range aliases {
			if k.name == t.name && k.typ == t.typ {
				return k, true
			}
		}
		return rrIdent{}, false
	}
	keys := make([]rrIdent, 0, len(aliases))
	for k := range aliases {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b rrIdent) int { return strings.Compare(a.String(), b.String()) })
	var path []rrIdent
	var visit func(k rrIdent) bool
	visit = func(k rrIdent) bool {
		color[k] = grey
		path = append(path, k)
		if next, ok := byTarget(aliases[k].target); ok {
			switch color[next] {
			case grey:
				i := slices.Index(path, next)
				var names []string
				for _, n := range path[i:] {
					names = append(names, model.LabelOf(n.name, zone)+" ("+n.typ+")")
				}
				names = append(names, model.LabelOf(next.name, zone)+" ("+next.typ+")")
				bad(aliases[k].r, "alias loop: %s; Route 53 cannot resolve aliases that point at each other", strings.Join(names, " -> "))
				return true
			case white:
				if visit(next) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		color[k] = black
		return false
	}
	for _, k := range keys {
		if color[k] == white {
			path = path[:0]
			if visit(k) {
				for _, n := range path {
					color[n] = black
				}
			}
		}
	}

	// What Route 53 would refuse when the batch is sent: caught here, so
	// that preview says so and push changes nothing.
	aliasSets := map[rrIdent]bool{}
	for _, r := range desired {
		switch {
		case r.Type == model.AliasType:
			if t := effectiveType(r); t != "" {
				aliasSets[rrIdent{name: r.Name, typ: t, setID: r.SetID}] = true
			}
		case len(r.Data) > maxShortData:
			if v := writeValue(r); len(v) > 4000 {
				bad(r, "the value is %d characters as Route 53 takes it (each byte outside printable ASCII written as \\ooo); Route 53 accepts at most 4,000", len(v))
			}
		}
	}
	if len(aliasSets) > 0 {
		sets := map[rrIdent][]*model.Record{}
		for _, r := range desired {
			if id := (rrIdent{name: r.Name, typ: effectiveType(r), setID: r.SetID}); aliasSets[id] {
				sets[id] = append(sets[id], r)
			}
		}
		ids := slices.SortedFunc(maps.Keys(sets), func(a, b rrIdent) int { return strings.Compare(a.String(), b.String()) })
		for _, id := range ids {
			rs := sets[id]
			if len(rs) < 2 {
				continue
			}
			var others []string
			for _, o := range rs[1:] {
				where := o.Pos
				if where == "" {
					where = o.Type + " " + o.Data
				}
				others = append(others, where)
			}
			bad(rs[0], "an R53_ALIAS is the whole record set of its name and type: it cannot share %s with other records or aliases (also at %s)", id.typ, strings.Join(others, ", "))
		}
	}

	if len(problems) > 0 {
		return fmt.Errorf("zone %s: %s", key, strings.Join(problems, "; "))
	}
	return nil
}

// sameAlias reports whether two R53_ALIAS records are the same alias: one
// target and equal Route 53 settings (zone ID, health, routing).
func sameAlias(a, b *model.Record) bool {
	if a.Type != model.AliasType || b.Type != model.AliasType || canonicalZone(a.Data) != canonicalZone(b.Data) {
		return false
	}
	for _, k := range MetaKeys {
		if a.Meta[k] != b.Meta[k] {
			return false
		}
	}
	return true
}

// zoneContaining returns the account's hosted zones that hold name: those
// of the longest suffix of name that is a hosted zone.
func (p *Provider) zoneContaining(ctx context.Context, name string) ([]zoneRef, error) {
	labels := strings.Split(name, ".")
	for i := 0; i < len(labels)-1; i++ {
		candidate := strings.Join(labels[i:], ".")
		refs, err := p.lookupZone(ctx, candidate, false)
		if err != nil {
			return nil, err
		}
		if len(refs) > 0 {
			return refs, nil
		}
	}
	return nil, nil
}

// routingPolicy is one of Route 53's routing policies: its name in
// messages, the dnsconfig.js function that sets it and its metadata keys.
type routingPolicy struct {
	name, fn string
	keys     []string
}

var routingPolicies = []routingPolicy{
	{"weighted", "R53_WEIGHT", []string{MetaWeight}},
	{"failover", "R53_FAILOVER", []string{MetaFailover}},
	{"latency", "R53_LATENCY", []string{MetaRegion}},
	{"geolocation", "R53_GEO", []string{MetaGeoContinent, MetaGeoCountry, MetaGeoSubdivision}},
	{"geoproximity", "R53_GEOPROXIMITY", []string{MetaGeoProxRegion, MetaGeoProxZone, MetaGeoProxLat, MetaGeoProxLong, MetaGeoProxBias}},
	{"IP-based", "R53_CIDR", []string{MetaCIDRCollection, MetaCIDRLocation}},
	{"multivalue answer", "R53_MULTIVALUE", []string{MetaMultiValue}},
}

// policiesOf returns the routing policies whose settings r carries.
func policiesOf(r *model.Record) []routingPolicy {
	var out []routingPolicy
	for _, p := range routingPolicies {
		if slices.ContainsFunc(p.keys, func(k string) bool { return r.Meta[k] != "" }) {
			out = append(out, p)
		}
	}
	return out
}

// checkRouting checks the routing-policy settings of one record that has
// some: a single policy, record types Route 53 routes, and each setting's
// form. Geolocation codes are upper-cased.
func checkRouting(r *model.Record, bad func(format string, args ...any)) {
	ps := policiesOf(r)
	if len(ps) > 1 {
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = p.name + " (" + p.fn + ")"
		}
		bad("has %s routing; Route 53 gives a record set one routing policy", strings.Join(names, " and "))
		return
	}
	p := ps[0]
	switch typ := effectiveType(r); typ {
	case "NS", "DS", "SOA":
		bad("Route 53 has no %s routing for %s records", p.name, typ)
		return
	case "CNAME":
		if p.fn == "R53_MULTIVALUE" {
			bad("Route 53 has no multivalue answer CNAME records; use R53_WEIGHT, or A/AAAA records with R53_MULTIVALUE")
			return
		}
	}
	m := r.Meta
	switch p.fn {
	case "R53_MULTIVALUE":
		if r.Type == model.AliasType {
			bad("Route 53 has no multivalue answer alias records")
		}
	case "R53_LATENCY":
		if v := m[MetaRegion]; !routing.AWSRegion.MatchString(v) {
			bad("latency region %q is not an AWS region such as \"eu-west-1\"", v)
		}
	case "R53_GEO":
		for _, k := range p.keys {
			if v, ok := m[k]; ok {
				m[k] = strings.ToUpper(v)
			}
		}
		cont, country, sub := m[MetaGeoContinent], m[MetaGeoCountry], m[MetaGeoSubdivision]
		switch {
		case cont != "" && (country != "" || sub != ""):
			bad("a geolocation is a continent or a country, not both (geo_continent %q, geo_country %q)", cont, country)
		case cont != "" && routing.Continents[cont] == "":
			bad("geolocation continent %q is not one of AF, AN, AS, EU, NA, OC, SA", cont)
		case cont != "":
		case country == "":
			bad("a geolocation subdivision (%q) needs its country", sub)
		case country != "*" && !routing.Country.MatchString(country):
			bad("geolocation country %q is not a two-letter ISO 3166-1 code (or \"*\" for the default location)", country)
		case country == "*" && sub != "":
			bad("the default geolocation \"*\" has no subdivision (got %q)", sub)
		case sub != "" && !routing.Subdivision.MatchString(sub):
			bad("geolocation subdivision %q is not a code of one to three letters or digits", sub)
		}
	case "R53_CIDR":
		coll, loc := m[MetaCIDRCollection], m[MetaCIDRLocation]
		switch {
		case coll == "" || loc == "":
			bad("IP-based routing needs a CIDR collection ID and a location name (R53_CIDR(collectionId, locationName, setId))")
		case !routing.CIDRCollection.MatchString(coll) && !isCIDRPending(coll):
			bad("CIDR collection ID %q is not a collection ID (a lower-case UUID) nor the name of a collection declared with R53_CIDR_COLLECTION", coll)
		case !routing.CIDRLocation.MatchString(loc):
			bad("CIDR location name %q must be 1 to 16 letters, digits, _ or - (or \"*\" for the default location)", loc)
		}
	case "R53_GEOPROXIMITY":
		n := 0
		for _, set := range []bool{m[MetaGeoProxRegion] != "", m[MetaGeoProxZone] != "", m[MetaGeoProxLat] != "" || m[MetaGeoProxLong] != ""} {
			if set {
				n++
			}
		}
		if n != 1 {
			bad("geoproximity routing needs exactly one location: an AWS region, a Local Zone group or coordinates")
			return
		}
		if v := m[MetaGeoProxRegion]; v != "" && !routing.AWSRegion.MatchString(v) {
			bad("geoproximity region %q is not an AWS region such as \"eu-west-1\"", v)
		}
		if v := m[MetaGeoProxZone]; v != "" && (!routing.LocalZoneGroup.MatchString(v) || len(v) > routing.MaxNameLen) {
			bad("geoproximity Local Zone group %q is not one such as \"us-east-1-bue-1\"", v)
		}
		if m[MetaGeoProxLat] != "" || m[MetaGeoProxLong] != "" {
			checkCoordinate(m[MetaGeoProxLat], "latitude", routing.Latitude, 90, bad)
			checkCoordinate(m[MetaGeoProxLong], "longitude", routing.Longitude, 180, bad)
		}
		if v := m[MetaGeoProxBias]; v != "" {
			if b, err := strconv.Atoi(v); err != nil || b < -99 || b > 99 {
				bad("geoproximity bias %q must be a whole number from -99 to 99", v)
			}
		}
	}
}

func checkCoordinate(v, what string, re *regexp.Regexp, limit float64, bad func(format string, args ...any)) {
	if v == "" {
		bad("geoproximity coordinates need a latitude and a longitude")
		return
	}
	if !routing.CoordinateOK(v, re, limit) {
		bad("geoproximity %s %q must be a number from -%v to %v with at most two decimals", what, v, limit, limit)
	}
}

// checkRoutingGroups checks what Route 53 requires of the record sets that
// share a name and type: one routing policy for all of them (no record
// without one beside them), the same settings within each set, and no two
// failover sets of one kind, latency sets of one region or geolocation
// sets of one location.
func checkRoutingGroups(desired []*model.Record, zone string, bad func(r *model.Record, format string, args ...any)) {
	type nameType struct{ name, typ string }
	groups := map[nameType][]*model.Record{}
	var order []nameType
	for _, r := range desired {
		k := nameType{r.Name, effectiveType(r)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	at := func(r *model.Record) string {
		if r.Pos == "" {
			return ""
		}
		return " at " + r.Pos
	}
	for _, k := range order {
		rs := groups[k]
		if !slices.ContainsFunc(rs, func(r *model.Record) bool { return r.SetID != "" }) {
			continue
		}
		// One routing policy for the name and type.
		first := rs[0]
		mixed := false
		for _, r := range rs[1:] {
			mine, theirs := policiesOf(r), policiesOf(first)
			if len(mine) == 0 && len(theirs) == 0 || len(mine) > 0 && len(theirs) > 0 && mine[0].fn == theirs[0].fn {
				continue
			}
			mixed = true
			if len(mine) == 0 || len(theirs) == 0 {
				bad(r, "this record has %s, but %s has %s; Route 53 does not allow records with and without a routing policy under one name and type",
					describePolicy(r), otherRecord(first), describePolicy(first))
			} else {
				bad(r, "this record has %s, but %s has %s; Route 53 gives all record sets of a name and type the same routing policy",
					describePolicy(r), otherRecord(first), describePolicy(first))
			}
			break
		}
		if mixed {
			continue
		}
		// One set: the same routing settings on each of its records.
		sets := map[string]*model.Record{}
		var setOrder []string
		for _, r := range rs {
			if f, ok := sets[r.SetID]; ok {
				if routingSignature(f) != routingSignature(r) {
					bad(r, "the records of set %q differ in their routing settings (%s, and %s%s); a set has one", r.SetID,
						routingSignature(r), routingSignature(f), at(f))
				}
				continue
			}
			sets[r.SetID] = r
			setOrder = append(setOrder, r.SetID)
		}
		// Unique failover kinds, latency regions, geolocations.
		seen := map[string]*model.Record{}
		for _, id := range setOrder {
			r := sets[id]
			var what string
			switch m := r.Meta; {
			case m[MetaFailover] != "":
				what = m[MetaFailover] + " failover set"
			case m[MetaRegion] != "":
				what = "latency set for " + m[MetaRegion]
			case m[MetaGeoContinent] != "" || m[MetaGeoCountry] != "":
				what = "geolocation set for " + geoLabel(m)
			default:
				continue
			}
			if f, ok := seen[what]; ok {
				bad(r, "a second %s (set %q; set %q%s is one too); Route 53 allows one per name and type", what, r.SetID, f.SetID, at(f))
				continue
			}
			seen[what] = r
		}
	}
}

// otherRecord names r in a message about another record.
func otherRecord(r *model.Record) string {
	if r.Pos != "" {
		return "the record at " + r.Pos
	}
	return "another record of that name and type"
}

// describePolicy describes the routing policy of r: "failover routing
// (R53_FAILOVER)" or "no routing policy".
func describePolicy(r *model.Record) string {
	if ps := policiesOf(r); len(ps) > 0 {
		return ps[0].name + " routing (" + ps[0].fn + ")"
	}
	return "no routing policy"
}

// routingSignature renders the routing settings and health check of r.
func routingSignature(r *model.Record) string {
	var parts []string
	for _, k := range append(slices.Clone(routingKeys), MetaHealthCheckID) {
		if v := r.Meta[k]; v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

// geoLabel renders a geolocation as R53_GEO writes it: "EU", "DE",
// "US-CA", "*".
func geoLabel(m map[string]string) string {
	if c := m[MetaGeoContinent]; c != "" {
		return "continent " + c
	}
	if s := m[MetaGeoSubdivision]; s != "" {
		return m[MetaGeoCountry] + "-" + s
	}
	if m[MetaGeoCountry] == "*" {
		return "the default location \"*\""
	}
	return m[MetaGeoCountry]
}
