package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Options steer Compute.
type Options struct {
	// KeepUnknown is NO_PURGE: existing record sets the configuration does
	// not declare (by name, type and set identifier) stay. A declared set
	// belongs to the configuration and is replaced as a whole.
	KeepUnknown bool
	// Ignores are the domain's IGNORE rules: matching existing records are
	// left alone; a configured record matching one is an error unless
	// AllowIgnoredConfigured.
	Ignores []model.Ignore
	// AllowIgnoredConfigured is DISABLE_IGNORE_SAFETY_CHECK: a configured
	// record an IGNORE rule matches is created like any other, and the
	// existing records the rule matches still stay beside it.
	AllowIgnoredConfigured bool
	// Absent are the ENSURE_ABSENT_REC records: NO_PURGE does not keep an
	// existing record with their name, type, set identifier and data. (An
	// IGNORE rule or IGNORE_EXTERNAL_DNS still does; a configured record
	// wins.) They are never created.
	Absent []*model.Record
	// ExternalDNS is IGNORE_EXTERNAL_DNS: the ownership TXT records of
	// Kubernetes external-dns and the records they name stay (see
	// externalDNSOwned); ExternalDNSPrefix is its --txt-prefix.
	ExternalDNS       bool
	ExternalDNSPrefix string
	// MetaKeys are the metadata keys that are part of a record's content
	// (from the provider's capabilities).
	MetaKeys []string
	// OneTTLPerSet is the provider's: a set has one TTL, which the values
	// an IGNORE keeps in a changed set take too.
	OneTTLPerSet bool
}

// DomainOptions returns the options d's configuration sets: NO_PURGE,
// IGNORE*, DISABLE_IGNORE_SAFETY_CHECK, ENSURE_ABSENT_REC and
// IGNORE_EXTERNAL_DNS. The caller adds the provider's.
func DomainOptions(d *model.Domain) Options {
	return Options{
		KeepUnknown:            d.KeepUnknown,
		Ignores:                d.Ignores,
		AllowIgnoredConfigured: d.DisableIgnoreSafetyCheck,
		Absent:                 d.Absent,
		ExternalDNS:            d.IgnoreExternalDNS,
		ExternalDNSPrefix:      d.ExternalDNSPrefix,
	}
}

// absentKey identifies one record: its set and its data.
type absentKey struct {
	set  model.Key
	data string
}

// Compute returns the plan that turns existing into desired for zone. Both
// slices hold normalised records; neither is modified. The apex SOA is never
// touched, and the apex NS set is only managed when desired has one. It runs
// in time linear in the records plus n log n in the changes.
//
// Records that IGNORE, IGNORE_EXTERNAL_DNS or NO_PURGE keep are "held": a
// held record is never deleted or changed, except that in a set whose
// other records change it is sent again with them (Route 53 replaces whole
// sets), with the set's new TTL where a set has one.
func Compute(zone string, existing, desired []*model.Record, opts Options) (*Plan, error) {
	ign, err := compileIgnores(opts.Ignores)
	if err != nil {
		return nil, err
	}
	apexNS := model.Key{Name: zone, Type: "NS"}

	// A set the configuration declares is one whose pair has new
	// records (until held records are merged in, after the loops).
	type pair struct{ old, new []*model.Record }
	sets := make(map[model.Key]*pair, len(desired))
	wantApexNS := false
	var wantSOA *model.Record
	var conflicts []string
	for _, r := range desired {
		if r.Type == "SOA" {
			wantSOA = r
			continue
		}
		if ir := ign.match(r, zone); ir != nil && !opts.AllowIgnoredConfigured {
			conflicts = append(conflicts, fmt.Sprintf("%s%s %s %s is configured but also matched by the IGNORE rule%s",
				posPrefix(r.Pos), r.Name, r.Type, r.Data, atPos(ir.pos)))
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
	if len(conflicts) > 0 {
		return nil, fmt.Errorf("%s; remove the record or the rule, or add DISABLE_IGNORE_SAFETY_CHECK to D() to manage such records while the rule keeps the others it matches", strings.Join(conflicts, "; "))
	}
	var ext *externalDNS
	if opts.ExternalDNS {
		ext = externalDNSOwned(existing, desired, zone, opts.ExternalDNSPrefix)
	}
	var absent map[absentKey]bool
	if opts.KeepUnknown && len(opts.Absent) > 0 {
		absent = make(map[absentKey]bool, len(opts.Absent))
		for _, r := range opts.Absent {
			absent[absentKey{r.Key(), r.Data}] = true
		}
	}

	var haveSOA *model.Record
	// held holds the existing records that stay, by set (see above).
	var held map[model.Key][]*model.Record
	// byRule counts them for the plan's report: 0 external-dns, 1
	// NO_PURGE, 2 IGNORE*().
	var byRule [3][]*model.Record
	hold := func(k model.Key, r *model.Record, rule int) {
		if held == nil {
			held = map[model.Key][]*model.Record{}
		}
		held[k] = append(held[k], r)
		byRule[rule] = append(byRule[rule], r)
	}
	for _, r := range existing {
		k := r.Key()
		if r.Type == "SOA" {
			haveSOA = r
			continue
		}
		if k == apexNS && !wantApexNS {
			continue
		}
		if ext.keeps(r) {
			hold(k, r, 0)
			continue
		}
		if ign.match(r, zone) != nil {
			hold(k, r, 2)
			continue
		}
		p := sets[k]
		if (p == nil || len(p.new) == 0) && opts.KeepUnknown && !absent[absentKey{k, r.Data}] {
			hold(k, r, 1)
			continue
		}
		if p == nil {
			p = &pair{}
			sets[k] = p
		}
		p.old = append(p.old, r)
	}

	if len(held) > 0 {
		keptAt := map[string][]string{}
		for k := range held {
			keptAt[k.Name] = append(keptAt[k.Name], k.Type)
		}
		if err := cnameConflict(desired, keptAt); err != nil {
			return nil, err
		}
	}
	plan := &Plan{Zone: zone, MetaKeys: opts.MetaKeys}
	for i, rule := range [...]string{"IGNORE_EXTERNAL_DNS", "NO_PURGE", "IGNORE*()"} {
		if rs := byRule[i]; len(rs) > 0 {
			sort.Slice(rs, func(a, b int) bool {
				if rs[a].Key() != rs[b].Key() {
					return rs[a].Key().Less(rs[b].Key())
				}
				return rs[a].Data < rs[b].Data
			})
			plan.Kept = append(plan.Kept, Kept{Rule: rule, Records: rs})
		}
	}
	for k, p := range sets {
		if kept := held[k]; len(kept) > 0 {
			if err := mergeHeld(k, &p.old, &p.new, kept, opts.OneTTLPerSet); err != nil {
				return nil, err
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

// mergeHeld puts the held records of a set that changes on both sides of
// the change: they are in the set before and after. A configured record
// with the data of a held one (allowed by DISABLE_IGNORE_SAFETY_CHECK)
// stands for it. Where a set has one TTL, held records take the
// configured records' TTL.
func mergeHeld(k model.Key, old, new *[]*model.Record, kept []*model.Record, oneTTL bool) error {
	*old = append(*old, kept...)
	configured := *new
	var inNew map[string]bool
	if len(configured) > 0 {
		inNew = make(map[string]bool, len(configured))
		for _, r := range configured {
			inNew[r.Data] = true
		}
	}
	for _, r := range kept {
		if inNew[r.Data] {
			continue
		}
		if oneTTL && len(configured) > 0 && r.TTL != configured[0].TTL {
			r = r.Clone()
			r.TTL = configured[0].TTL
		}
		*new = append(*new, r)
	}
	if len(configured) > 0 && len(*new) > 1 && (k.Type == "CNAME" || k.Type == "DNAME") {
		return fmt.Errorf("%s%s %s %s cannot be configured while IGNORE keeps the %s %s there: a %s has a single target",
			posPrefix(configured[0].Pos), k.Name, k.Type, configured[0].Data, k.Type, kept[0].Data, k.Type)
	}
	return nil
}

// atPos renders " at POS" for a known position.
func atPos(pos string) string {
	if pos == "" {
		return ""
	}
	return " at " + pos
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
