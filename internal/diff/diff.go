package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Options steer Compute.
type Options struct {
	// KeepUnknown is NO_PURGE: existing records absent from the
	// configuration stay, whole record sets and single records alike.
	KeepUnknown bool
	// Ignores are the domain's IGNORE rules: matching existing records are
	// left alone; a desired record matching one is an error.
	Ignores []model.Ignore
	// MetaKeys are the metadata keys that are part of a record's content
	// (from the provider's capabilities).
	MetaKeys []string
	// OneTTLPerSet is the provider's: a set has one TTL, which the values
	// an IGNORE keeps in a changed set take too.
	OneTTLPerSet bool
}

// Compute returns the plan that turns existing into desired for zone. Both
// slices hold normalised records; neither is modified. The apex SOA is never
// touched, and the apex NS set is only managed when desired has one. It runs
// in time linear in the records plus n log n in the changes.
func Compute(zone string, existing, desired []*model.Record, opts Options) (*Plan, error) {
	ign, err := compileIgnores(opts.Ignores)
	if err != nil {
		return nil, err
	}
	apexNS := model.Key{Name: zone, Type: "NS"}

	type pair struct{ old, new []*model.Record }
	sets := make(map[model.Key]*pair, len(desired))
	wantApexNS := false
	var wantSOA *model.Record
	for _, r := range desired {
		if r.Type == "SOA" {
			wantSOA = r
			continue
		}
		if ign.match(r, zone) {
			return nil, fmt.Errorf("%s%s %s %s is configured but also matched by an IGNORE rule; remove one of them", posPrefix(r.Pos), r.Name, r.Type, r.Data)
		}
		k := r.Key()
		if k == apexNS {
			wantApexNS = true
		}
		p := sets[k]
		if p == nil {
			p = &pair{}
			sets[k] = p
		}
		p.new = append(p.new, r)
	}
	var haveSOA *model.Record
	// ignored holds the existing records an IGNORE matched, by set: they
	// stay as they are, but a provider that replaces whole record sets
	// (Route 53) must still be given them with the set's other records.
	var ignored map[model.Key][]*model.Record
	var kept []*model.Record // sets NO_PURGE keeps whole
	for _, r := range existing {
		k := r.Key()
		if r.Type == "SOA" {
			haveSOA = r
			continue
		}
		if k == apexNS && !wantApexNS {
			continue
		}
		if ign.match(r, zone) {
			if ignored == nil {
				ignored = map[model.Key][]*model.Record{}
			}
			ignored[k] = append(ignored[k], r)
			continue
		}
		p := sets[k]
		if p == nil {
			if opts.KeepUnknown {
				kept = append(kept, r)
				continue
			}
			p = &pair{}
			sets[k] = p
		}
		p.old = append(p.old, r)
	}

	if len(ignored) > 0 || len(kept) > 0 {
		keptAt := map[string][]string{}
		for k := range ignored {
			keptAt[k.Name] = append(keptAt[k.Name], k.Type)
		}
		for _, r := range kept {
			keptAt[r.Name] = append(keptAt[r.Name], r.Type)
		}
		if err := cnameConflict(desired, keptAt); err != nil {
			return nil, err
		}
	}
	plan := &Plan{Zone: zone, MetaKeys: opts.MetaKeys}
	for k, p := range sets {
		if opts.KeepUnknown && len(p.old) > 0 {
			p.new = keepUnknown(p.old, p.new)
		}
		if kept := ignored[k]; len(kept) > 0 {
			// A set only partly ignored changes around the ignored
			// records, which are in it before and after (with the
			// set's new TTL where a set has one).
			p.old = append(p.old, kept...)
			for _, r := range kept {
				if opts.OneTTLPerSet && len(p.new) > 0 && r.TTL != p.new[0].TTL {
					r = r.Clone()
					r.TTL = p.new[0].TTL
				}
				p.new = append(p.new, r)
			}
		}
		sortByData(p.old)
		sortByData(p.new)
		if setsEqual(p.old, p.new, opts.MetaKeys) {
			continue
		}
		c := Change{Key: k, Old: p.old, New: p.new}
		switch {
		case len(p.old) == 0:
			c.Kind = Create
		case len(p.new) == 0:
			c.Kind = Delete
		default:
			c.Kind = Modify
		}
		plan.Changes = append(plan.Changes, c)
	}
	if c, ok := soaChange(haveSOA, wantSOA); ok {
		plan.Changes = append(plan.Changes, c)
	}
	sort.Slice(plan.Changes, func(i, j int) bool {
		a, b := plan.Changes[i], plan.Changes[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.Key.Less(b.Key)
	})
	return plan, nil
}

// cnameConflict refuses configured records that, with the records IGNORE
// or NO_PURGE keep (keptAt: name -> kept types), would put a CNAME beside
// other records at one name, which no DNS server (Route 53 included)
// accepts. Conflicts among configured records alone are model validation's.
func cnameConflict(desired []*model.Record, keptAt map[string][]string) error {
	for _, r := range desired {
		for _, t := range keptAt[r.Name] {
			if (r.Type == "CNAME") != (t == "CNAME") {
				return fmt.Errorf("%s%s %s cannot be at %s: the %s record there, kept by IGNORE or NO_PURGE, would sit beside it, and a CNAME must be alone at its name", posPrefix(r.Pos), r.Type, r.Data, r.Name, t)
			}
		}
	}
	return nil
}

// soaChange compares a configured SOA (SOA()) with the existing one,
// ignoring the serial, which belongs to the provider: the change it returns
// keeps the existing serial for the provider to advance.
func soaChange(have, want *model.Record) (Change, bool) {
	if want == nil {
		return Change{}, false
	}
	w := want.Clone()
	if have == nil {
		return Change{Kind: Create, Key: w.Key(), New: []*model.Record{w}}, true
	}
	hf, wf := strings.Fields(have.Data), strings.Fields(w.Data)
	if len(hf) == 7 && len(wf) == 7 {
		wf[2] = hf[2]
		w.Data = strings.Join(wf, " ")
	}
	if w.Data == have.Data && w.TTL == have.TTL {
		return Change{}, false
	}
	return Change{Kind: Modify, Key: w.Key(), Old: []*model.Record{have}, New: []*model.Record{w}}, true
}

// Deletions free names before creations need them.
var kindOrder = map[Kind]int{Delete: 0, Modify: 1, Create: 2}

// keepUnknown adds to want the records of have whose data want lacks.
func keepUnknown(have, want []*model.Record) []*model.Record {
	in := make(map[string]bool, len(want))
	for _, r := range want {
		in[r.Data] = true
	}
	out := want
	for _, r := range have {
		if !in[r.Data] {
			out = append(out[:len(out):len(out)], r)
		}
	}
	return out
}

func sortByData(rs []*model.Record) {
	if len(rs) < 2 {
		return
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Data < rs[j].Data })
}

func setsEqual(a, b []*model.Record, metaKeys []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !RecordsEqual(a[i], b[i], metaKeys) {
			return false
		}
	}
	return true
}

// RecordsEqual reports whether two records of one set have the same
// content: data, TTL (except for aliases, which have none) and the given
// metadata keys.
func RecordsEqual(a, b *model.Record, metaKeys []string) bool {
	if a.Data != b.Data {
		return false
	}
	if a.TTL != b.TTL && a.Type != model.AliasType {
		return false
	}
	for _, k := range metaKeys {
		if a.Meta[k] != b.Meta[k] {
			return false
		}
	}
	return true
}

func posPrefix(pos string) string {
	if pos == "" {
		return ""
	}
	return pos + ": "
}
