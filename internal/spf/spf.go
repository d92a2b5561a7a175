// Package spf owns SPF flattening as DNSControl's SPF_BUILDER does it:
// parsing SPF text into terms, inlining ("flattening") the includes a
// configuration names, splitting a long record into a chain of records,
// and DNSControl's cache of looked-up SPF records, spfcache.json (read and
// written in DNSControl's format, so a committed cache keeps working and a
// file written here is one DNSControl reads). Names missing from the cache
// are looked up with miekg/dns; nothing is looked up that flattening does
// not need.
package spf

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Record is a parsed SPF record: "v=spf1" followed by its terms.
type Record struct {
	Terms []*Term
}

// Term is one term of an SPF record, as written.
type Term struct {
	Text string
	// Lookup reports whether the term costs a DNS lookup (a, mx, include,
	// redirect, exists, ptr).
	Lookup bool
	// Include is the domain of include: and redirect= terms.
	Include string
	// Resolved is the included record, once looked up (Resolve).
	Resolved *Record
}

// maxDepth bounds how deep includes are followed (a loop of includes
// would otherwise never end).
const maxDepth = 20

// maxIncludes bounds how many includes one record resolves in all:
// included records that each include the next one several times would
// otherwise multiply the lookups and the flattened text (two includes a
// level, twenty levels deep, make a million) until memory runs out.
const maxIncludes = 1000

// Parse reads SPF text the way DNSControl does: the text must start with
// "v=spf1 "; terms are separated by single spaces (empty ones skipped);
// the first "all" term (with any qualifier) ends the record and anything
// after it is dropped; a redirect= must be the last term; a term that is
// not a known mechanism is an error. Nothing is looked up.
func Parse(text string) (*Record, error) {
	if !strings.HasPrefix(text, "v=spf1 ") {
		return nil, errors.New("not an SPF record (it must start with \"v=spf1 \")")
	}
	fields := strings.Split(text, " ")
	rec := &Record{}
	for i, f := range fields[1:] {
		if f == "" {
			continue
		}
		t := &Term{Text: f}
		m := f
		if strings.ContainsRune("?~-+", rune(m[0])) {
			m = m[1:]
		}
		lower := strings.ToLower(m)
		rec.Terms = append(rec.Terms, t)
		switch {
		case m == "all":
			return rec, nil
		case strings.HasPrefix(lower, "a"), strings.HasPrefix(lower, "mx"):
			t.Lookup = true
		case strings.HasPrefix(lower, "ip4:"), strings.HasPrefix(lower, "ip6:"):
		case strings.HasPrefix(m, "include:"):
			t.Lookup, t.Include = true, strings.TrimPrefix(m, "include:")
		case strings.HasPrefix(m, "redirect="):
			// Only a final redirect is understood; it then works as an include.
			if i+2 != len(fields) {
				return nil, fmt.Errorf("%s must be the last term", f)
			}
			t.Lookup, t.Include = true, strings.TrimPrefix(m, "redirect=")
		case strings.HasPrefix(m, "exists:"), strings.HasPrefix(m, "ptr:"):
			t.Lookup = true
		default:
			return nil, fmt.Errorf("unsupported SPF term %q", f)
		}
	}
	return rec, nil
}

// TXT renders the record: "v=spf1" and the terms, separated by spaces.
func (r *Record) TXT() string {
	var b strings.Builder
	b.WriteString("v=spf1")
	for _, t := range r.Terms {
		b.WriteByte(' ')
		b.WriteString(t.Text)
	}
	return b.String()
}

// Spec is the list of include domains to flatten. As in DNSControl, the
// list is joined with commas, and only a list that is exactly ["*"]
// flattens every include.
type Spec string

// NewSpec builds the Spec of a flatten list.
func NewSpec(names []string) Spec { return Spec(strings.Join(names, ",")) }

// Matches reports whether the include of domain is to be flattened.
func (s Spec) Matches(domain string) bool {
	if s == "*" {
		return true
	}
	return slices.Contains(strings.Split(string(s), ","), domain)
}

// Source gives the SPF text published at a name (Cache does).
type Source interface {
	SPF(ctx context.Context, name string) (string, error)
}

// Resolve looks up, through src, the includes of r that spec flattens,
// and theirs, recursively: only what Flatten needs.
func (r *Record) Resolve(ctx context.Context, spec Spec, src Source) error {
	count := 0
	return r.resolve(ctx, spec, src, 0, &count)
}

func (r *Record) resolve(ctx context.Context, spec Spec, src Source, depth int, count *int) error {
	for _, t := range r.Terms {
		if t.Include == "" || !spec.Matches(t.Include) {
			continue
		}
		if depth >= maxDepth {
			return fmt.Errorf("includes nest more than %d deep at %s (a loop?)", maxDepth, t.Include)
		}
		if *count >= maxIncludes {
			return fmt.Errorf("flattening needs more than %d includes (at %s); flatten fewer names", maxIncludes, t.Include)
		}
		*count++
		text, err := src.SPF(ctx, t.Include)
		if err != nil {
			return err
		}
		sub, err := Parse(text)
		if err != nil {
			return fmt.Errorf("the SPF record of %s: %w", t.Include, err)
		}
		if err := sub.resolve(ctx, spec, src, depth+1, count); err != nil {
			return err
		}
		t.Resolved = sub
	}
	return nil
}

// Flatten returns r with every resolved include that spec names replaced
// by the terms of the included record (itself flattened), without that
// record's last term, as DNSControl does: the last term is taken to be its
// "all". An include left unresolved, or not named, stays as it is.
func (r *Record) Flatten(spec Spec) (*Record, error) {
	out := &Record{}
	for _, t := range r.Terms {
		if t.Resolved == nil || !spec.Matches(t.Include) {
			out.Terms = append(out.Terms, t)
			continue
		}
		sub, err := t.Resolved.Flatten(spec)
		if err != nil {
			return nil, err
		}
		if len(sub.Terms) == 0 {
			return nil, fmt.Errorf("the SPF record of %s has no terms to flatten", t.Include)
		}
		out.Terms = append(out.Terms, sub.Terms[:len(sub.Terms)-1]...)
	}
	return out, nil
}

// Link is one record of a split chain: its label ("@" for the first, else
// the name made from the pattern) and its text.
type Link struct {
	Name string
	Text string
}

// Split chains r over records of at most maxSize bytes, the first overhead
// bytes shorter, as DNSControl's SPF_BUILDER overflow does: while the text
// is too long, a record takes terms while they fit with the tail
// " include:<next> <last term>", where <next> is pattern with %d replaced
// by 1, 2, ...; the rest continues in the next record. If not even the
// first term fits, the record is left whole and the chain ends there.
func (r *Record) Split(pattern string, overhead, maxSize int) []Link {
	var out []Link
	name := "@"
	limit := maxSize - overhead
	for idx := 1; ; idx++ {
		whole := r.TXT()
		if len(whole) <= limit || len(r.Terms) == 0 {
			return append(out, Link{name, whole})
		}
		next := fmt.Sprintf(pattern, idx)
		tail := " include:" + next + " " + r.Terms[len(r.Terms)-1].Text
		text := "v=spf1"
		k := 0
		for k < len(r.Terms) && len(text)+1+len(r.Terms[k].Text)+len(tail) <= limit {
			text += " " + r.Terms[k].Text
			k++
		}
		if k == 0 {
			return append(out, Link{name, whole})
		}
		out = append(out, Link{name, text + tail})
		r = &Record{Terms: r.Terms[k:]}
		name = next
		limit = maxSize
	}
}
