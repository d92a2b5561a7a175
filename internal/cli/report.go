package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"strings"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// reportEntry is one element of the --report JSON: a domain's corrections at
// one provider or at its registrar. The first fields are DNSControl's
// (its commands/previewPush.go ReportItem: domain, corrections,
// correction_details, provider, registrar), with the same names, types and
// omissions, so existing tooling keeps reading it; dnsctl's own follow.
type reportEntry struct {
	Domain      string `json:"domain"`
	Corrections int    `json:"corrections"`
	// CorrectionDetails are the corrections, one line each as preview
	// prints them.
	CorrectionDetails []string       `json:"correction_details,omitempty"`
	Provider          string         `json:"provider,omitempty"`
	Registrar         string         `json:"registrar,omitempty"`
	ZoneMissing       bool           `json:"zone_missing,omitempty"`
	Batches           int            `json:"api_batches,omitempty"`
	Create            int            `json:"create"`
	Modify            int            `json:"modify"`
	Delete            int            `json:"delete"`
	Changes           []reportChange `json:"changes,omitempty"`
	Warnings          []string       `json:"warnings,omitempty"`
	// Notes are the provider's INFO lines about the zone (diff.Plan.Notes).
	Notes       []string `json:"notes,omitempty"`
	Error       string   `json:"error,omitempty"`
	ZoneCreated bool     `json:"zone_created,omitempty"`
	// Outcome is what push did with the corrections: "applied", "refused"
	// (safety threshold), "failed", "partly applied" (failed after some
	// took effect), "skipped" or "partly applied (N skipped)" (push -i),
	// "interrupted" (Ctrl-C before the zone was changed), or "not applied"
	// (another zone of the run could not be planned, so push changed
	// nothing). Empty for preview and for a plan with nothing to do.
	Outcome string `json:"outcome,omitempty"`
	// Applied is how many of the corrections push made.
	Applied int `json:"applied,omitempty"`
}

type reportChange struct {
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	Type  string   `json:"type"`
	SetID string   `json:"set_id,omitempty"`
	Lines []string `json:"lines"`
}

func (e *reportEntry) fill(pp *engine.ProviderPlan) {
	e.ZoneMissing = pp.ZoneMissing || pp.Created
	e.ZoneCreated = pp.Created
	e.Batches = pp.Batches
	e.Corrections = pp.Corrections()
	e.Create, e.Modify, e.Delete = pp.Plan.Counts()
	if pp.Risk != nil {
		e.Warnings = append(e.Warnings, pp.Risk.String())
	}
	e.Notes = pp.Plan.Notes
	for _, c := range pp.Plan.Changes {
		rc := reportChange{Kind: c.Kind.String(), Name: c.Key.Name, Type: c.Key.Type, SetID: c.Key.SetID}
		for _, l := range c.Lines(pp.Plan.MetaKeys) {
			rc.Lines = append(rc.Lines, l.Text)
			e.CorrectionDetails = append(e.CorrectionDetails, l.Text)
		}
		e.Changes = append(e.Changes, rc)
	}
}

// reportEntries are the report's entries for the results of a run: one
// per provider and registrar of each domain (one for a domain that has
// neither or failed as a whole).
func reportEntries(res *engine.RunResult) []reportEntry {
	var out []reportEntry
	for _, z := range res.Zones {
		for _, t := range z.Targets {
			e := reportEntry{Domain: z.Domain.UniqueName(), Provider: t.Provider, Registrar: t.Registrar,
				ZoneCreated: t.ZoneCreated, Outcome: string(t.Outcome), Applied: t.Applied}
			if t.Plan != nil {
				e.fill(t.Plan)
			}
			if t.Line != "" {
				e.Corrections = t.Corrections
				e.Changes = []reportChange{{Kind: "MODIFY", Name: z.Domain.Name, Type: "NS", Lines: []string{t.Line}}}
				e.CorrectionDetails = []string{t.Line}
			}
			if t.Err != nil {
				e.Error = t.Err.Error()
			}
			out = append(out, e)
		}
	}
	return out
}

// writeReport writes the plan (and, for push, its outcome) as JSON, or as
// Markdown (for a pull-request comment) when path ends in ".md".
func writeReport(path string, entries []reportEntry, push bool) error {
	if entries == nil {
		entries = []reportEntry{}
	}
	if strings.HasSuffix(strings.ToLower(path), ".md") {
		return writeFile(path, markdownReport(entries, push))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	// encoding/json leaves DEL, C1 controls and bidi characters raw;
	// safe.Lines turns them into \u escapes, which decode to the same
	// value, so the report shows nothing raw to someone reading it.
	return writeFile(path, []byte(safe.Lines(b.String())))
}

// writeOutput writes what a command prints to --out instead of standard
// output, escaped as it would be there (safe.Lines; JSON and JavaScript
// keep their values).
func writeOutput(path string, b []byte) error {
	return os.WriteFile(path, []byte(safe.Lines(string(b))), 0o644)
}

func writeFile(path string, b []byte) error {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// markdownReport renders the plan as a Markdown summary table followed by
// the corrections of each zone in a diff block. Every value from the
// configuration or a provider is escaped for where it goes (mdCell,
// html.EscapeString, a fence longer than any backtick run), so a name
// holding "|", a backtick, "<" or a newline cannot break the table, the
// summary or the block.
func markdownReport(entries []reportEntry, push bool) []byte {
	var b bytes.Buffer
	total := 0
	for _, e := range entries {
		total += e.Corrections
	}
	if push {
		fmt.Fprintf(&b, "### dnsctl push: %d corrections\n\n", total)
	} else {
		fmt.Fprintf(&b, "### dnsctl plan: %d corrections\n\n", total)
	}
	if len(entries) == 0 {
		return b.Bytes()
	}
	b.WriteString("| domain | provider | create | modify | delete | notes |\n|---|---|---:|---:|---:|---|\n")
	for _, e := range entries {
		if e.Registrar != "" && e.Corrections == 0 && e.Error == "" && e.Outcome == "" {
			continue // a registrar with nothing to do (JSON lists it, as DNSControl does)
		}
		who := mdCell(e.Provider)
		if e.Registrar != "" {
			who = "registrar " + mdCell(e.Registrar)
		}
		var notes []string
		switch {
		case e.ZoneCreated:
			notes = append(notes, "zone created")
		case e.ZoneMissing && !push:
			notes = append(notes, "zone will be created")
		}
		switch e.Outcome {
		case "", "failed": // a failure shows as its error
		case "refused":
			notes = append(notes, "**refused** (above the safety threshold)")
		case "not applied", "interrupted", "partly applied":
			notes = append(notes, "**"+mdCell(e.Outcome)+"**")
		default:
			notes = append(notes, mdCell(e.Outcome))
		}
		if e.Error != "" {
			notes = append(notes, "**error**: "+mdCell(e.Error))
		}
		for _, w := range e.Warnings {
			notes = append(notes, "**warning**: "+mdCell(w))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %s |\n", mdCell(e.Domain), who, e.Create, e.Modify, e.Delete,
			strings.Join(notes, "; "))
	}
	for _, e := range entries {
		if len(e.Changes) == 0 {
			continue
		}
		who := e.Provider
		if e.Registrar != "" {
			who = e.Registrar
		}
		var lines []string
		for _, c := range e.Changes {
			for _, l := range c.Lines {
				// diff syntax colours lines by their first character.
				if strings.HasPrefix(l, "±") {
					l = "!" + strings.TrimPrefix(l, "±")
				}
				lines = append(lines, safe.Text(l))
			}
		}
		fence := mdFence(lines)
		fmt.Fprintf(&b, "\n<details><summary>%s (%s): %d corrections</summary>\n\n%sdiff\n",
			html.EscapeString(safe.Text(e.Domain)), html.EscapeString(safe.Text(who)), e.Corrections, fence)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		b.WriteString(fence + "\n</details>\n")
	}
	return b.Bytes()
}

// mdCell escapes s for a Markdown table cell: control characters and
// newlines as safe.Text does, then a backslash before each character
// Markdown (or the table) could read as syntax. The cell renders as s.
func mdCell(s string) string {
	s = safe.Text(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdFence returns a code fence longer than any run of backticks in lines
// (at least three), so no line can close the block.
func mdFence(lines []string) string {
	longest := 0
	for _, l := range lines {
		run := 0
		for _, r := range l {
			if r != '`' {
				run = 0
				continue
			}
			run++
			longest = max(longest, run)
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
