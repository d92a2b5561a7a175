package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dnsctl/dnsctl/internal/engine"
)

// reportEntry is one element of the --report JSON: a domain's corrections at
// one provider or at its registrar. The first fields match DNSControl's
// report so existing tooling keeps reading it.
type reportEntry struct {
	Domain      string         `json:"domain"`
	Corrections int            `json:"corrections"`
	Provider    string         `json:"provider,omitempty"`
	Registrar   string         `json:"registrar,omitempty"`
	ZoneMissing bool           `json:"zone_missing,omitempty"`
	Batches     int            `json:"api_batches,omitempty"`
	Create      int            `json:"create"`
	Modify      int            `json:"modify"`
	Delete      int            `json:"delete"`
	Changes     []reportChange `json:"changes,omitempty"`
	Error       string         `json:"error,omitempty"`
}

type reportChange struct {
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	Type  string   `json:"type"`
	SetID string   `json:"set_id,omitempty"`
	Lines []string `json:"lines"`
}

func (e *reportEntry) fill(pp *engine.ProviderPlan) {
	e.ZoneMissing = pp.ZoneMissing
	e.Batches = pp.Batches
	e.Corrections = pp.Corrections()
	e.Create, e.Modify, e.Delete = pp.Plan.Counts()
	for _, c := range pp.Plan.Changes {
		rc := reportChange{Kind: c.Kind.String(), Name: c.Key.Name, Type: c.Key.Type, SetID: c.Key.SetID}
		for _, l := range c.Lines(pp.Plan.MetaKeys) {
			rc.Lines = append(rc.Lines, l.Text)
		}
		e.Changes = append(e.Changes, rc)
	}
}

func writeReport(path string, entries []reportEntry) error {
	if entries == nil {
		entries = []reportEntry{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}
