package engine

import (
	"fmt"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// The safety threshold is a share of the zone's records: settings changes
// (a provider's health checks, tags, VPCs) are not records and do not
// count, whatever their number; record changes still do.
func TestSafetyCountsRecordsOnly(t *testing.T) {
	s := Safety{Threshold: 0.30, Enforced: true, MinRecords: 10}
	setting := func(kind diff.Kind, name string) diff.Change {
		return diff.Change{Kind: kind, Key: model.Key{Name: "a.tld", Type: "R53_HEALTH_CHECK", SetID: name},
			Setting: &diff.Setting{Old: "HTTPS " + name, New: "HTTPS " + name + " every 10s"}}
	}
	record := func(i int) diff.Change {
		r := &model.Record{Name: fmt.Sprintf("r%d.a.tld.", i), Type: "A", TTL: 300, Data: "192.0.2.1"}
		return diff.Change{Kind: diff.Delete, Key: r.Key(), Old: []*model.Record{r}}
	}
	var settingsOnly diff.Plan
	for i := range 8 {
		settingsOnly.Changes = append(settingsOnly.Changes, setting(diff.Delete, fmt.Sprint("d", i)), setting(diff.Modify, fmt.Sprint("m", i)))
	}
	if r := s.assess(&settingsOnly, 10); r != nil {
		t.Errorf("16 settings changes in a zone of 10 records: %v", r)
	}
	records := diff.Plan{Changes: []diff.Change{record(1), record(2), record(3), record(4), setting(diff.Delete, "x")}}
	r := s.assess(&records, 10)
	if r == nil || r.Deleted != 4 || r.Modified != 0 {
		t.Errorf("4 of 10 records deleted (and a setting): %+v, want 4 deleted", r)
	}
}
