// Package verify asks authoritative DNS servers for the record sets a
// configuration declares and reports where their answers differ from it.
package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Set is one configured record set as a server should serve it.
type Set struct {
	Name string // fully qualified, lower case, no trailing dot
	Type string // the DNS type queried (an alias's served type)
	TTL  uint32
	// Want holds the canonical data of the configured records. For a
	// routed set it holds every configured value, any of which may answer.
	Want []string
	// Routed says the set has routing-policy set identifiers: a server
	// answers with one of the values, not all of them.
	Routed bool
	// Alias says the set is a Route 53 alias: its target data cannot be
	// compared, only the presence of records of the served type.
	Alias bool
}

// Sets groups configured records into the record sets to query, sorted by
// name and type.
func Sets(records []*model.Record) []Set {
	idx := map[[2]string]int{}
	var out []Set
	for _, r := range records {
		typ, alias := r.Type, false
		if r.Type == model.AliasType {
			typ, alias = r.Meta["alias_type"], true
		}
		k := [2]string{r.Name, typ}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Set{Name: r.Name, Type: typ, TTL: r.TTL})
		}
		s := &out[i]
		s.Routed = s.Routed || r.SetID != ""
		s.Alias = s.Alias || alias
		if !alias && !slices.Contains(s.Want, r.Data) {
			s.Want = append(s.Want, r.Data)
		}
	}
	for i := range out {
		slices.Sort(out[i].Want)
	}
	slices.SortFunc(out, func(a, b Set) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Type, b.Type)
	})
	return out
}

// Kind is the kind of a difference.
type Kind string

// The kinds of differences.
const (
	Missing Kind = "MISSING" // the server has no record of the set
	Diff    Kind = "DIFF"    // the data differ
	TTL     Kind = "TTL"     // the data agree, the TTL does not
)

// Finding is one difference between a server's answer and a set.
type Finding struct {
	Kind      Kind
	Name      string
	Type      string
	Want, Got []string
	WantTTL   uint32
	GotTTL    uint32
}

// String renders the finding as one report line without the server.
func (f Finding) String() string { return string(f.Kind) + " " + f.Detail() }

// Detail is the finding without its kind: "name TYPE: want [...] got [...]".
func (f Finding) Detail() string {
	switch f.Kind {
	case TTL:
		return fmt.Sprintf("%s %s: want %d got %d", f.Name, f.Type, f.WantTTL, f.GotTTL)
	case Missing:
		return fmt.Sprintf("%s %s: want [%s]", f.Name, f.Type, strings.Join(f.Want, " "))
	}
	return fmt.Sprintf("%s %s: want [%s] got [%s]", f.Name, f.Type, strings.Join(f.Want, " "), strings.Join(f.Got, " "))
}

// Compare compares the answer records got (canonical, of the set's name
// and type) with the set and returns the differences (none when they agree).
func Compare(s Set, got []*model.Record) []Finding {
	var data []string
	ttl := uint32(0)
	for i, r := range got {
		if i == 0 || r.TTL < ttl {
			ttl = r.TTL
		}
		if !slices.Contains(data, r.Data) {
			data = append(data, r.Data)
		}
	}
	slices.Sort(data)
	f := Finding{Name: s.Name, Type: s.Type, Want: s.Want, Got: data, WantTTL: s.TTL, GotTTL: ttl}
	if len(data) == 0 {
		f.Kind = Missing
		return []Finding{f}
	}
	switch {
	case s.Alias:
		// Only presence can be checked: the target's data are not ours.
		return nil
	case s.Routed:
		for _, d := range data {
			if !slices.Contains(s.Want, d) {
				f.Kind = Diff
				return []Finding{f}
			}
		}
	case !slices.Equal(data, s.Want):
		f.Kind = Diff
		return []Finding{f}
	}
	if ttl != s.TTL {
		f.Kind = TTL
		return []Finding{f}
	}
	return nil
}
