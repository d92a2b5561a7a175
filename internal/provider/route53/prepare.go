package route53

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
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
//   - an alias whose target in this zone is not defined, aliases that point
//     at each other in a loop, and an R53_ZONE that is not the hosted zone
//     of a target in this account are errors naming the record;
//   - routing-policy settings need a set identifier and the reverse.
func (p *Provider) Prepare(ctx context.Context, zone string, desired []*model.Record) error {
	return p.public(p.prepare(ctx, zoneKey(zone), desired))
}

func (p *Provider) prepare(ctx context.Context, key string, desired []*model.Record) error {
	zone := zoneName(key)
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
			bad(r, "set identifier %q without a routing policy: Route 53 needs one (for example R53_WEIGHT)", r.SetID)
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
					bad(r, "the alias target %s has no %s record in this configuration; Route 53 refuses an alias to a record that does not exist", r.Data, at)
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

	if len(problems) > 0 {
		return fmt.Errorf("zone %s: %s", key, strings.Join(problems, "; "))
	}
	return nil
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
