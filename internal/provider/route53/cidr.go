package route53

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// CIDR collections (R53_CIDR_COLLECTION), the IP ranges IP-based routing
// (R53_CIDR) sends to a location. A collection belongs to the account, not
// to a zone, and Route 53 gives it no tags and does not show its caller
// reference, so ownership is by name: a collection is managed when the
// configuration declares its name, and one it never declares is never read
// (beyond the listing of names) nor touched. A declared collection is made
// to hold exactly the declared locations and blocks; declared false, it is
// deleted (its blocks first).
//
// Account-wide changes are shown in one zone's plan: what creates or adds
// (and the block moves between locations, which Route 53 makes in one
// request) comes before the records, in the first zone of the run (in
// configuration order) served by this creds entry; what removes
// locations or collections comes after the records, in the last one. The
// work of a change is shared: a zone whose records need a collection or
// location another zone's plan creates makes that change first (once), so
// concurrent zones never write a record before what it points at exists.
//
// Nothing is read when the configuration declares no collection and no
// record names one.

// cidrAPI lists the Route 53 calls of CIDR collections.
type cidrAPI interface {
	ListCidrCollections(context.Context, *route53.ListCidrCollectionsInput, ...func(*route53.Options)) (*route53.ListCidrCollectionsOutput, error)
	ListCidrBlocks(context.Context, *route53.ListCidrBlocksInput, ...func(*route53.Options)) (*route53.ListCidrBlocksOutput, error)
	CreateCidrCollection(context.Context, *route53.CreateCidrCollectionInput, ...func(*route53.Options)) (*route53.CreateCidrCollectionOutput, error)
	ChangeCidrCollection(context.Context, *route53.ChangeCidrCollectionInput, ...func(*route53.Options)) (*route53.ChangeCidrCollectionOutput, error)
	DeleteCidrCollection(context.Context, *route53.DeleteCidrCollectionInput, ...func(*route53.Options)) (*route53.DeleteCidrCollectionOutput, error)
}

// cidrPendingPrefix starts the collection ID a record is planned with when
// its collection does not exist yet; Apply puts the real ID in its place.
const cidrPendingPrefix = "(new collection "

func cidrPending(name string) string { return cidrPendingPrefix + name + ")" }

// pendingCIDRName returns the collection name of a pending ID.
func pendingCIDRName(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, cidrPendingPrefix)
	if !ok || !strings.HasSuffix(rest, ")") {
		return "", false
	}
	return strings.TrimSuffix(rest, ")"), true
}

func isCIDRPending(id string) bool {
	_, ok := pendingCIDRName(id)
	return ok
}

// cidrState is what the provider knows of the account's CIDR collections
// during a run: read once, on first need.
type cidrState struct {
	mu     sync.Mutex
	loaded bool
	err    error
	// decl are the declared collections, by name.
	decl map[string]*estate.CIDRCollection
	// have are the account's collections, by name; the blocks are read
	// only for declared ones.
	have map[string]*cidrHave
	// byID names the account's collections by ID.
	byID map[string]string
	// before and after are the shared work of each declared collection
	// (nil when there is none), by name.
	before, after map[string]*cidrOp
}

// cidrHave is a collection Route 53 holds.
type cidrHave struct {
	id      string
	version int64
	locs    map[string][]string // nil when not read
}

// cidrOp is the work of one collection before or after the records. It is
// carried out once, by whichever zone needs it first.
type cidrOp struct {
	name   string
	create bool // CreateCidrCollection first
	del    bool // DeleteCidrCollection last
	// first is the collection's work before the records, which this
	// (after) work follows, whichever zone runs it.
	first *cidrOp
	id    string // "" when create
	// version is the collection's version when it was read.
	version int64
	changes []types.CidrCollectionChange

	once sync.Once
	err  error
	// skipMark is set when the user declines the change (push -i): the
	// records that need it are then refused, never made with it.
	skipMark
	// made is the ID of the collection once the op has run.
	made string
}

func (o *cidrOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if o.skipped.Load() {
		return fmt.Errorf("CIDR collection %s: its change was skipped (push -i), so what needs it is not made either", o.name)
	}
	o.once.Do(func() {
		if o.first != nil {
			if err := o.first.apply(ctx, p, t); err != nil {
				o.err = fmt.Errorf("CIDR collection %s: not changed after the records, its change before them failed: %w", o.name, err)
				return
			}
		}
		o.made, o.err = o.run(ctx, p)
	})
	return o.err
}

// run creates the collection if needed, sends the block changes (at most
// estate.MaxCIDRChange blocks a request) and deletes it if asked.
func (o *cidrOp) run(ctx context.Context, p *Provider) (string, error) {
	id, version := o.id, o.version
	if o.create {
		var out *route53.CreateCidrCollectionOutput
		err := p.call(ctx, "route53:CreateCidrCollection", "", callOptions{mutating: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.CreateCidrCollection(ctx, &route53.CreateCidrCollectionInput{
				Name: aws.String(o.name), CallerReference: aws.String(cidrCallerReference(p.cfg.EntryName, o.name)),
			})
			return err
		})
		if err != nil {
			return "", fmt.Errorf("creating CIDR collection %s: %w", o.name, err)
		}
		if out.Collection == nil || aws.ToString(out.Collection.Id) == "" {
			return "", fmt.Errorf("creating CIDR collection %s: Route 53 answered without the collection's ID", o.name)
		}
		id, version = aws.ToString(out.Collection.Id), aws.ToInt64(out.Collection.Version)
		if version == 0 {
			version = 1
		}
	}
	for _, chunk := range chunkCIDRChanges(o.changes, estate.MaxCIDRChange) {
		v := version
		err := p.call(ctx, "route53:ChangeCidrCollection", "", callOptions{mutating: true}, func(ctx context.Context) error {
			_, err := p.r53.ChangeCidrCollection(ctx, &route53.ChangeCidrCollectionInput{Id: aws.String(id), CollectionVersion: aws.Int64(v), Changes: chunk})
			return err
		})
		if err != nil {
			var vm *types.CidrCollectionVersionMismatchException
			if errors.As(err, &vm) {
				return id, fmt.Errorf("changing CIDR collection %s: it was changed by someone else since it was read (version %d); plan again: %w", o.name, v, err)
			}
			var inUse *types.CidrBlockInUseException
			if errors.As(err, &inUse) {
				return id, fmt.Errorf("changing CIDR collection %s: a block to remove is still used by records (of a zone not yet pushed?); push again once they no longer use it: %w", o.name, err)
			}
			return id, fmt.Errorf("changing CIDR collection %s: %w", o.name, err)
		}
		version++
	}
	if o.del {
		err := p.call(ctx, "route53:DeleteCidrCollection", "", callOptions{mutating: true}, func(ctx context.Context) error {
			_, err := p.r53.DeleteCidrCollection(ctx, &route53.DeleteCidrCollectionInput{Id: aws.String(id)})
			return err
		})
		if err != nil {
			var inUse *types.CidrCollectionInUseException
			if errors.As(err, &inUse) {
				return id, fmt.Errorf("deleting CIDR collection %s: records still use it; push again once none does: %w", o.name, err)
			}
			return id, fmt.Errorf("deleting CIDR collection %s: %w", o.name, err)
		}
	}
	return id, nil
}

// cidrCallerReference is the caller reference of a collection dnsctl
// creates: unique per request, naming the creds entry (Route 53 does not
// show it back, so it is only a trace in CloudTrail).
func cidrCallerReference(entry, name string) string {
	ref := fmt.Sprintf("dnsctl:%s:%s:%d", entry, name, time.Now().UnixNano())
	if len(ref) > 64 {
		ref = fmt.Sprintf("dnsctl:%d", time.Now().UnixNano())
	}
	return ref
}

// chunkCIDRChanges splits changes into requests of at most max blocks,
// keeping their order (deletions before additions).
func chunkCIDRChanges(changes []types.CidrCollectionChange, max int) [][]types.CidrCollectionChange {
	var out [][]types.CidrCollectionChange
	var cur []types.CidrCollectionChange
	n := 0
	for _, c := range changes {
		for len(c.CidrList) > 0 {
			take := min(len(c.CidrList), max-n)
			cur = append(cur, types.CidrCollectionChange{Action: c.Action, LocationName: c.LocationName, CidrList: c.CidrList[:take]})
			c.CidrList = c.CidrList[take:]
			n += take
			if n == max {
				out, cur, n = append(out, cur), nil, 0
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// cidrDeclared reads the configuration's declarations (nil when none).
func (p *Provider) cidrDeclared() (map[string]*estate.CIDRCollection, error) {
	return estate.CIDRCollections(p.decl.settings)
}

// cidrLoad reads, once, the account's collections and the blocks of the
// declared ones, and plans the work of each declared collection.
func (p *Provider) cidrLoad(ctx context.Context) (*cidrState, error) {
	s := &p.cidr
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loaded {
		return s, s.err
	}
	s.err = p.cidrRead(ctx, s)
	if ctx.Err() == nil {
		// An interrupted read is not remembered as the answer.
		s.loaded = true
	}
	return s, s.err
}

func (p *Provider) cidrRead(ctx context.Context, s *cidrState) error {
	decl, err := p.cidrDeclared()
	if err != nil {
		return err
	}
	s.decl, s.have, s.byID = decl, map[string]*cidrHave{}, map[string]string{}
	pg := newPager("route53:ListCidrCollections", "", "CIDR collections", p.limits.zones, p.limits.pages, "")
	var token *string
	for {
		var out *route53.ListCidrCollectionsOutput
		err := p.call(ctx, "route53:ListCidrCollections", "", callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListCidrCollections(ctx, &route53.ListCidrCollectionsInput{NextToken: token})
			return err
		})
		if err != nil {
			return fmt.Errorf("listing CIDR collections: %w", err)
		}
		for _, c := range out.CidrCollections {
			name, id := aws.ToString(c.Name), aws.ToString(c.Id)
			s.have[name] = &cidrHave{id: id, version: aws.ToInt64(c.Version)}
			s.byID[id] = name
		}
		next := aws.ToString(out.NextToken)
		more, err := pg.next(len(out.CidrCollections), next != "", next)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		token = out.NextToken
	}
	for _, name := range cidrSortedKeys(decl) {
		if h := s.have[name]; h != nil {
			if h.locs, err = p.cidrBlocks(ctx, name, h.id); err != nil {
				return err
			}
		}
	}
	s.before, s.after = map[string]*cidrOp{}, map[string]*cidrOp{}
	for _, name := range cidrSortedKeys(decl) {
		s.before[name], s.after[name] = planCIDR(decl[name], s.have[name])
	}
	return nil
}

// cidrBlocks reads a collection's blocks by location.
func (p *Provider) cidrBlocks(ctx context.Context, name, id string) (map[string][]string, error) {
	locs := map[string][]string{}
	pg := newPager("route53:ListCidrBlocks", "", "CIDR blocks", p.limits.recordSets, p.limits.pages, "")
	var token *string
	for {
		var out *route53.ListCidrBlocksOutput
		err := p.call(ctx, "route53:ListCidrBlocks", "", callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListCidrBlocks(ctx, &route53.ListCidrBlocksInput{CollectionId: aws.String(id), NextToken: token})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading CIDR collection %s: %w", name, err)
		}
		for _, b := range out.CidrBlocks {
			loc := aws.ToString(b.LocationName)
			block := aws.ToString(b.CidrBlock)
			if c, err := estate.CanonicalCIDR(block); err == nil {
				block = c
			}
			locs[loc] = append(locs[loc], block)
		}
		next := aws.ToString(out.NextToken)
		more, err := pg.next(len(out.CidrBlocks), next != "", next)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		token = out.NextToken
	}
	for l := range locs {
		slices.Sort(locs[l])
	}
	return locs, nil
}

func cidrSortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// planCIDR compares a declared collection with what Route 53 holds (nil
// when it has none) and returns the work before and after the records
// (nil for none).
func planCIDR(want *estate.CIDRCollection, have *cidrHave) (before, after *cidrOp) {
	if want.Absent {
		if have == nil {
			return nil, nil
		}
		after = &cidrOp{name: want.Name, id: have.id, version: have.version, del: true}
		for _, loc := range cidrSortedKeys(have.locs) {
			after.changes = append(after.changes, cidrChange(types.CidrCollectionChangeActionDeleteIfExists, loc, have.locs[loc]))
		}
		return nil, after
	}
	if have == nil {
		before = &cidrOp{name: want.Name, create: true}
		for _, loc := range want.LocationNames() {
			before.changes = append(before.changes, cidrChange(types.CidrCollectionChangeActionPut, loc, want.Locations[loc]))
		}
		return before, nil
	}
	wantLoc := map[string]string{} // block -> location
	for loc, bs := range want.Locations {
		for _, b := range bs {
			wantLoc[b] = loc
		}
	}
	var dels, puts, drops []types.CidrCollectionChange
	for _, loc := range cidrSortedKeys(have.locs) {
		_, kept := want.Locations[loc]
		var gone, moved []string
		for _, b := range have.locs[loc] {
			switch w, ok := wantLoc[b]; {
			case ok && w == loc:
			case ok || kept:
				// Moved to another location (in the same request as its
				// addition there), or dropped from a location that stays.
				moved = append(moved, b)
			default:
				gone = append(gone, b)
			}
		}
		if len(moved) > 0 {
			dels = append(dels, cidrChange(types.CidrCollectionChangeActionDeleteIfExists, loc, moved))
		}
		if len(gone) > 0 {
			drops = append(drops, cidrChange(types.CidrCollectionChangeActionDeleteIfExists, loc, gone))
		}
	}
	for _, loc := range want.LocationNames() {
		var add []string
		for _, b := range want.Locations[loc] {
			if !slices.Contains(have.locs[loc], b) {
				add = append(add, b)
			}
		}
		if len(add) > 0 {
			puts = append(puts, cidrChange(types.CidrCollectionChangeActionPut, loc, add))
		}
	}
	if len(dels)+len(puts) > 0 {
		before = &cidrOp{name: want.Name, id: have.id, version: have.version, changes: append(dels, puts...)}
	}
	if len(drops) > 0 {
		v := have.version
		if before != nil {
			v += int64(len(chunkCIDRChanges(before.changes, estate.MaxCIDRChange)))
		}
		after = &cidrOp{name: want.Name, id: have.id, version: v, changes: drops, first: before}
	}
	return before, after
}

func cidrChange(action types.CidrCollectionChangeAction, loc string, blocks []string) types.CidrCollectionChange {
	return types.CidrCollectionChange{Action: action, LocationName: aws.String(loc), CidrList: slices.Clone(blocks)}
}

// cidrRunZones returns the keys of the zones of the run served by this
// provider, in configuration order: the configuration's domains, less
// those a --domains filter leaves out (WillUse).
func (p *Provider) cidrRunZones() []string {
	p.zones.mu.Lock()
	planned := p.zones.planned
	p.zones.mu.Unlock()
	var out []string
	for _, key := range p.decl.order {
		if planned == nil || planned[zoneName(key)] {
			out = append(out, key)
		}
	}
	return out
}

// cidrFeature plans CIDR collections (see the top of this file).
type cidrFeature struct{}

func (cidrFeature) planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error) {
	if !hasCIDRDeclarations(p.decl.settings) {
		return nil, nil
	}
	zones := p.cidrRunZones()
	first, last := len(zones) > 0 && zones[0] == z.key, len(zones) > 0 && zones[len(zones)-1] == z.key
	if len(zones) == 0 {
		// A zone the configuration does not list (a test, an embedder):
		// it is the whole run.
		first, last = true, true
	}
	if !first && !last {
		return nil, nil
	}
	s, err := p.cidrLoad(ctx)
	if err != nil {
		return nil, err
	}
	var out []diff.Change
	for _, name := range cidrSortedKeys(s.decl) {
		want, have := s.decl[name], s.have[name]
		key := model.Key{Name: z.key, Type: estate.KindCIDRCollection, SetID: name}
		if o := s.before[name]; first && o != nil {
			c := diff.Change{Kind: diff.Modify, Key: key, Setting: &diff.Setting{New: estate.DescribeCIDRLocations(want.Locations), Op: o}}
			if have == nil {
				c.Kind = diff.Create
			} else {
				c.Setting.Old = estate.DescribeCIDRLocations(have.locs)
			}
			if s.after[name] != nil {
				c.Setting.Note = "locations removed after the records"
			}
			if len(zones) > 1 {
				c.Setting.Note = cidrJoinNote(c.Setting.Note, "account-wide")
			}
			out = append(out, c)
		}
		if o := s.after[name]; last && o != nil {
			c := diff.Change{Kind: diff.Delete, Key: key, Setting: &diff.Setting{After: true, Op: o, Note: "after the records"}}
			if want.Absent {
				c.Setting.Old = estate.DescribeCIDRLocations(have.locs)
			} else {
				removed := map[string][]string{}
				for _, ch := range o.changes {
					removed[aws.ToString(ch.LocationName)] = ch.CidrList
				}
				c.Key.SetID = name + " locations"
				c.Setting.Old = estate.DescribeCIDRLocations(removed)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func cidrJoinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func hasCIDRDeclarations(settings []*model.Setting) bool {
	return slices.ContainsFunc(settings, func(s *model.Setting) bool { return s.Kind == estate.KindCIDRCollection })
}

// resolveCIDRNames gives the records that name a declared collection
// (R53_CIDR("office-nets", ...)) its ID, or a pending ID when push has yet
// to create it (Prepare). A record that names a location the declaration
// lacks is an error naming the record; one that names no declared
// collection is left to Prepare's check of collection IDs. Nothing is read
// unless a record names a declared collection.
func (p *Provider) resolveCIDRNames(ctx context.Context, desired []*model.Record, bad func(r *model.Record, format string, args ...any)) error {
	var s *cidrState
	var decl map[string]*estate.CIDRCollection
	for _, r := range desired {
		ref := strings.TrimSpace(r.Meta[MetaCIDRCollection])
		if ref == "" || routing.CIDRCollection.MatchString(ref) || isCIDRPending(ref) {
			continue
		}
		if decl == nil {
			var err error
			if decl, err = p.cidrDeclared(); err != nil {
				return err
			}
		}
		want := decl[ref]
		if want == nil {
			continue
		}
		loc := strings.TrimSpace(r.Meta[MetaCIDRLocation])
		switch {
		case want.Absent:
			bad(r, "R53_CIDR names CIDR collection %s, which is declared false (to be deleted)", ref)
			continue
		case loc != "" && !want.HasLocation(loc):
			bad(r, "CIDR collection %s has no location %q (its locations: %s)", ref, loc, strings.Join(want.LocationNames(), ", "))
			continue
		}
		if s == nil {
			var err error
			if s, err = p.cidrLoad(ctx); err != nil {
				return err
			}
		}
		if h := s.have[ref]; h != nil {
			r.Meta[MetaCIDRCollection] = h.id
		} else {
			r.Meta[MetaCIDRCollection] = cidrPending(ref)
		}
	}
	return nil
}

// cidrFirst makes, before a zone's records are written, the collection
// changes they depend on: the creation of a collection they were planned
// with by name (whose ID then replaces the pending one, in copies of the
// records), and the additions to a declared collection they use. It
// returns the plan to apply.
func (p *Provider) cidrFirst(ctx context.Context, plan *diff.Plan) (*diff.Plan, error) {
	var needs []string
	for _, c := range plan.Changes {
		for _, r := range c.New {
			if ref := r.Meta[MetaCIDRCollection]; ref != "" {
				needs = append(needs, ref)
			}
		}
	}
	if len(needs) == 0 || !hasCIDRDeclarations(p.decl.settings) {
		return plan, nil
	}
	s, err := p.cidrLoad(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, ref := range needs {
		name, pending := pendingCIDRName(ref)
		if !pending {
			name = s.byID[ref]
		}
		o := s.before[name]
		if o == nil {
			if pending {
				return nil, fmt.Errorf("CIDR collection %s: the plan creates it but the run has no such change; plan again", name)
			}
			continue
		}
		if err := o.apply(ctx, p, zoneTarget{}); err != nil {
			return nil, fmt.Errorf("records use CIDR collection %s, whose change failed: %w", name, err)
		}
		if pending {
			ids[ref] = o.made
		}
	}
	if len(ids) == 0 {
		return plan, nil
	}
	out := *plan
	out.Changes = slices.Clone(plan.Changes)
	for i, c := range out.Changes {
		if !slices.ContainsFunc(c.New, func(r *model.Record) bool { return ids[r.Meta[MetaCIDRCollection]] != "" }) {
			continue
		}
		nw := make([]*model.Record, len(c.New))
		for j, r := range c.New {
			nw[j] = r
			if id := ids[r.Meta[MetaCIDRCollection]]; id != "" {
				nw[j] = r.Clone()
				nw[j].Meta[MetaCIDRCollection] = id
			}
		}
		out.Changes[i].New = nw
	}
	return &out, nil
}

// exportSettings writes, for get-zones, the collections the zone's records
// route to as R53_CIDR_COLLECTION declarations (inside the zone's D(),
// where they declare the same account-wide collection), and makes those
// records name their collection instead of giving its ID. A collection
// the account does not hold (another account's) stays an ID.
func (cidrFeature) exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error) {
	var ids []string
	for _, r := range z.existing {
		if id := r.Meta[MetaCIDRCollection]; id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	slices.Sort(ids)
	s, err := p.cidrLoad(ctx)
	if err != nil {
		return nil, err
	}
	var out []*model.Setting
	names := map[string]string{}
	for _, id := range ids {
		name := s.byID[id]
		if name == "" {
			continue
		}
		locs, err := p.cidrExported(ctx, s, name, id)
		if err != nil {
			return nil, err
		}
		if len(locs) == 0 {
			// An empty collection cannot be declared (a location needs a
			// block); the records keep its ID.
			continue
		}
		names[id] = name
		out = append(out, estate.CIDRSetting(&estate.CIDRCollection{Name: name, Locations: locs}))
	}
	for _, r := range z.existing {
		if name := names[r.Meta[MetaCIDRCollection]]; name != "" {
			r.Meta[MetaCIDRCollection] = name
			r.Meta[estate.CIDRNamedMeta] = "true"
		}
	}
	return out, nil
}

// cidrExported returns the blocks of a collection, read once per run.
func (p *Provider) cidrExported(ctx context.Context, s *cidrState, name, id string) (map[string][]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h := s.have[name]; h != nil && h.locs != nil {
		return h.locs, nil
	}
	locs, err := p.cidrBlocks(ctx, name, id)
	if err != nil {
		return nil, err
	}
	if h := s.have[name]; h != nil {
		h.locs = locs
	}
	return locs, nil
}
