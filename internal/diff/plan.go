// Package diff computes what must change in one zone, at record-set
// granularity, to turn the records a provider has into the records the
// configuration wants, honouring IGNORE*, NO_PURGE and the apex NS/SOA rules.
// The result is a Plan: plain data that preview prints and push hands to the
// provider.
package diff

import "github.com/dnsctl/dnsctl/internal/model"

// Kind says what a Change does to its record set.
type Kind int

const (
	Create Kind = iota + 1
	Modify
	Delete
)

func (k Kind) String() string {
	switch k {
	case Create:
		return "CREATE"
	case Modify:
		return "MODIFY"
	case Delete:
		return "DELETE"
	}
	return "?"
}

// Change replaces one record set. Old is what exists (empty for Create), New
// what is wanted (empty for Delete). Records in both are sorted by data.
type Change struct {
	Kind Kind
	Key  model.Key
	Old  []*model.Record
	New  []*model.Record
}

// Plan is the set of changes for one zone on one provider, in the order they
// are presented and applied: deletions, then modifications, then creations,
// each group sorted by key.
type Plan struct {
	Zone    string
	Changes []Change
	// MetaKeys are the metadata keys compared (and shown) for this provider.
	MetaKeys []string
	// Kept are the existing records left alone that the configuration
	// does not declare, by the rule that keeps them (for the report
	// DNSControl users know: "N records not being deleted because of …").
	Kept []Kept
}

// Kept lists existing records one rule keeps.
type Kept struct {
	// Rule is IGNORE_EXTERNAL_DNS, NO_PURGE or IGNORE*().
	Rule    string
	Records []*model.Record
}

// Counts returns how many record sets each kind of change touches.
func (p *Plan) Counts() (create, modify, del int) {
	for _, c := range p.Changes {
		switch c.Kind {
		case Create:
			create++
		case Modify:
			modify++
		case Delete:
			del++
		}
	}
	return
}
