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
//
// A change with Setting set is not of records but of something else the
// provider manages with the zone (a Route 53 health check, a VPC
// association, DNSSEC signing): Key.Type names its kind, Key.SetID its
// name, and Old and New are empty.
type Change struct {
	Kind    Kind
	Key     model.Key
	Old     []*model.Record
	New     []*model.Record
	Setting *Setting
}

// Setting is the part of a settings change that only the provider reads,
// besides how it is shown.
type Setting struct {
	// Old and New describe the setting before and after, in one line each
	// ("" for the side that does not exist).
	Old, New string
	// Note says something the user must know about the change ("replaces
	// the check: its type cannot be updated"), or "".
	Note string
	// After says the provider makes the change after the record changes
	// of the plan (a deletion of what records stop using); otherwise
	// before them (a creation of what they start to use).
	After bool
	// Op is the provider's own description of the calls to make.
	Op any
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
	// Notes are what the provider wants the user to know about the zone
	// beyond its changes (Route 53: a zone's DNSSEC status, the DS record
	// to publish at another registrar), shown as INFO lines, not counted.
	Notes []string
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
