package dsl

import (
	"reflect"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// Route 53 CIDR collections (IP-based routing). R53_CIDR_COLLECTION
// declares a collection of the account, by name: a top-level declaration
// (model.Config.Settings). Written inside D() it declares the same
// account-wide collection (it changes nothing in the domain), so that a
// configuration can keep it next to the records that use it; the same
// declaration made twice is one declaration, two different ones with one
// name are an error. R53_CIDR names a collection by its ID or by the name
// of a declared collection; names are checked once the whole file has run
// (finishCIDR), so a declaration may come after the records that use it.

// jsR53CIDRCollection implements R53_CIDR_COLLECTION(name, {location:
// [cidr, ...], ...}) and R53_CIDR_COLLECTION(name, false).
func (ev *evaluator) jsR53CIDRCollection(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: estate.KindCIDRCollection, pos: ev.userPos(), v: c.Arguments}
	a.nargs("collection name", "{locationName: [CIDR blocks]} or false")
	s := &model.Setting{Args: []any{a.jsonArg(0, "collection name"), a.jsonArg(1, "locations")}}
	coll, err := estate.ParseCIDRCollection(s.Args)
	if err != nil {
		a.fail("%v", err)
	}
	declared := false
	for _, o := range ev.cfg.Settings {
		if o.Kind != estate.KindCIDRCollection || o.Args[0] != coll.Name {
			continue
		}
		prev, _ := estate.ParseCIDRCollection(o.Args)
		if !reflect.DeepEqual(prev, coll) {
			a.fail("CIDR collection %s is declared twice, differently (first at %s)", coll.Name, o.Pos)
		}
		declared = true
	}
	if !declared {
		ev.addAccountSetting(a, s)
	}
	return ev.value(&item{fn: a.fn, pos: a.pos, noop: true})
}

// cidrCollectionRef reads the first argument of R53_CIDR: a collection ID
// (a UUID, lower-cased) or the name of a collection that
// R53_CIDR_COLLECTION declares (checked by finishCIDR).
func (a *args) cidrCollectionRef(i int) string {
	raw := strings.TrimSpace(a.str(i, "CIDR collection"))
	if id := strings.ToLower(raw); routing.CIDRCollection.MatchString(id) {
		return id
	}
	if !estate.CIDRCollectionName.MatchString(raw) {
		a.fail("CIDR collection must be the collection's ID, a UUID such as \"4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c\", or the name of a collection declared with R53_CIDR_COLLECTION; got %s", kindOf(a.v[i]))
	}
	return raw
}

// finishCIDR checks, once the whole configuration has run, that every
// R53_CIDR that names a collection names one R53_CIDR_COLLECTION declares,
// and a location of it (or "*").
func (ev *evaluator) finishCIDR() error {
	var colls map[string]*estate.CIDRCollection
	for _, d := range ev.cfg.Domains {
		for _, r := range d.Records {
			ref := r.Meta["cidr_collection_id"]
			if ref == "" || routing.CIDRCollection.MatchString(ref) {
				continue
			}
			if colls == nil {
				var err error
				if colls, err = estate.CIDRCollections(ev.cfg.Settings); err != nil {
					return &Error{Msg: err.Error()}
				}
			}
			c := colls[ref]
			loc := r.Meta["cidr_location"]
			switch {
			case c == nil:
				return &Error{Pos: r.Pos, Func: "R53_CIDR", Msg: "CIDR collection " + quoteGo(ref) + " is neither a collection ID (a UUID) nor declared with R53_CIDR_COLLECTION" + cidrKnown(colls)}
			case c.Absent:
				return &Error{Pos: r.Pos, Func: "R53_CIDR", Msg: "CIDR collection " + ref + " is declared false (to be deleted); a record cannot use it"}
			case !c.HasLocation(loc):
				return &Error{Pos: r.Pos, Func: "R53_CIDR", Msg: "CIDR collection " + ref + " has no location " + quoteGo(loc) + " (its locations: " + strings.Join(c.LocationNames(), ", ") + "; \"*\" is the default location)"}
			}
		}
	}
	return nil
}

// cidrKnown lists the declared collections for a message.
func cidrKnown(colls map[string]*estate.CIDRCollection) string {
	if len(colls) == 0 {
		return ""
	}
	names := make([]string, 0, len(colls))
	for n := range colls {
		names = append(names, n)
	}
	slices.Sort(names)
	return " (declared: " + strings.Join(names, ", ") + ")"
}
