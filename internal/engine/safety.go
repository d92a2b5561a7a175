package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/diff"
)

// Safety thresholds guard against a plan that rewrites much of a zone (a
// wrong zone, a truncated configuration). A plan that modifies or deletes
// more than Threshold of a zone's existing records, in a zone of at least
// MinRecords records, is flagged; when Enforced, push refuses it unless
// forced.
type Safety struct {
	Threshold  float64
	Enforced   bool
	MinRecords int
}

// DefaultSafety warns (without enforcing) above 30% in zones of 10 records or more.
var DefaultSafety = Safety{Threshold: 0.30, MinRecords: 10}

// maxChangeField is the creds.json field (any provider) and domain
// metadata key that sets the threshold, as "30%" or "0.3".
const maxChangeField = "max_change"

// ParseShare parses a threshold written as a percentage ("30%") or as a
// fraction below one ("0.3"). A bare number of one or more ("30", "1") is
// refused as ambiguous: "1" could mean 1% or all records.
func ParseShare(s string) (float64, error) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0:
		return 0, fmt.Errorf("%q is not a share of records (use a percentage such as 30%%)", s)
	case pct && v > 100:
		return 0, fmt.Errorf("%q is above 100%%", s)
	case pct:
		return v / 100, nil
	case v >= 1:
		return 0, fmt.Errorf("%q is ambiguous: write a percentage such as %g%% (or a fraction such as 0.3)", s, v)
	}
	return v, nil
}

// Risk describes a plan above its safety threshold.
type Risk struct {
	Modified, Deleted, Existing int
	Threshold                   float64
	Enforced                    bool
	// Forced says push applies it anyway (push --force).
	Forced bool
}

func (r *Risk) String() string {
	share := float64(r.Modified+r.Deleted) / float64(r.Existing)
	how := "push will still apply it; set --max-change to enforce the threshold"
	switch {
	case r.Enforced && r.Forced:
		how = "applied anyway because of --force"
	case r.Enforced:
		how = "push refuses it: run push --force to allow it once, or raise --max-change (or max_change)"
	}
	return fmt.Sprintf("the plan modifies %d and deletes %d of %d existing records (%.0f%%), above the safety threshold of %.0f%%; %s",
		r.Modified, r.Deleted, r.Existing, share*100, r.Threshold*100, how)
}

// assess returns the risk of plan against a zone of existing records, or nil.
func (s Safety) assess(plan *diff.Plan, existing int) *Risk {
	if existing < s.MinRecords || existing == 0 {
		return nil
	}
	r := &Risk{Existing: existing, Threshold: s.Threshold, Enforced: s.Enforced}
	for _, c := range plan.Changes {
		if c.Setting != nil {
			// Not a record (a health check, tags, a VPC): the threshold
			// is a share of the zone's records.
			continue
		}
		for _, l := range c.Lines(plan.MetaKeys) {
			switch l.Kind {
			case diff.Modify:
				r.Modified++
			case diff.Delete:
				r.Deleted++
			}
		}
	}
	if float64(r.Modified+r.Deleted) <= s.Threshold*float64(existing) {
		return nil
	}
	return r
}
