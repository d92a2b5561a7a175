package route53

import (
	"sync"
	"sync/atomic"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// writtenRecords remembers which record changes of this run's plans Apply
// has written, by the existing records they replace. A settings change made
// after the records (the deletion of what they stop using) asks it whether
// the record changes it follows took effect: with push -i the user may
// skip a record change yet accept the deletion that follows it, and a
// record must never be left pointing at something deleted.
type writtenRecords struct {
	mu sync.Mutex
	m  map[*model.Record]bool
}

// mark records that the changes were written.
func (w *writtenRecords) mark(cs []diff.Change) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.m == nil {
		w.m = map[*model.Record]bool{}
	}
	for _, c := range cs {
		for _, r := range c.Old {
			w.m[r] = true
		}
	}
}

// unwritten counts the records of rs whose change has not been written.
func (w *writtenRecords) unwritten(rs []*model.Record) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range rs {
		if !w.m[r] {
			n++
		}
	}
	return n
}

// oldRecordsUsing returns the existing records the plan's record changes
// replace that carry metadata key=value (the records that stop using a
// check the plan deletes).
func oldRecordsUsing(plan *diff.Plan, key, value string) []*model.Record {
	if plan == nil {
		return nil
	}
	var out []*model.Record
	for _, c := range plan.Changes {
		if c.Setting != nil {
			continue
		}
		for _, r := range c.Old {
			if r.Meta[key] == value {
				out = append(out, r)
			}
		}
	}
	return out
}

// skippable is a settings change (diff.Setting.Op) that a later change may
// depend on: once the user has declined it, what depends on it is refused.
type skippable interface{ skip() }

// skipMark is embedded by the ops that are skippable.
type skipMark struct{ skipped atomic.Bool }

func (m *skipMark) skip() { m.skipped.Store(true) }

// SkipChange marks a settings change the user declined (push -i): the
// records or later changes that depend on it are refused with an error
// instead of making it along with them (provider.ChangeSkipper).
func (p *Provider) SkipChange(zone string, c diff.Change) {
	if c.Setting == nil {
		return
	}
	if s, ok := c.Setting.Op.(skippable); ok {
		s.skip()
	}
}
