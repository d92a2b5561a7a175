package diff

import (
	"fmt"
	"strings"

	"github.com/gobwas/glob"
	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/model"
)

// IGNORE rules match records the way DNSControl matches them (its
// pkg/diff2/handsoff.go), so a migrated configuration keeps exactly the
// records it kept there:
//
//   - the label and target patterns are github.com/gobwas/glob globs
//     compiled without separators: '*' matches any run of characters,
//     dots included ("*.k8s" matches "deep.svc.k8s"), '**' the same, '?'
//     any one character, "[abc]", "[!a-c]" a class, "{a,b}" either
//     alternative, and '\' makes the next character literal. Matching is
//     case-sensitive. "" and "*" match everything, even an empty target;
//   - the label is the owner name relative to the zone, "@" at the apex;
//   - the target is the record's main field as DNSControl stores it (see
//     IgnoreTarget): host names end with a dot, TXT is the joined text;
//   - the type list is split at commas and each entry trimmed; entries are
//     compared case-sensitively, so "a" matches nothing, and "" or "*"
//     alone means every type. An alias matches "R53_ALIAS".

// ignoreRule is a compiled IGNORE rule.
type ignoreRule struct {
	label, target glob.Glob       // nil: everything
	types         map[string]bool // nil: every type
	pos           string
}

type ignoreSet []ignoreRule

func compileIgnores(rules []model.Ignore) (ignoreSet, error) {
	var out ignoreSet
	for _, r := range rules {
		ir := ignoreRule{pos: r.Pos}
		var err error
		if ir.label, err = compilePattern(r.Label); err != nil {
			return nil, fmt.Errorf("%sIGNORE label pattern %q: %w", posPrefix(r.Pos), r.Label, err)
		}
		if ir.target, err = compilePattern(r.Target); err != nil {
			return nil, fmt.Errorf("%sIGNORE target pattern %q: %w", posPrefix(r.Pos), r.Target, err)
		}
		if r.Types != "" && r.Types != "*" {
			ir.types = map[string]bool{}
			for typ := range strings.SplitSeq(r.Types, ",") {
				ir.types[strings.TrimSpace(typ)] = true
			}
		}
		out = append(out, ir)
	}
	return out, nil
}

// ValidateIgnore reports whether the label and target patterns of rule
// compile as the differ compiles them, so a configuration can be checked
// before any provider is read. The error does not include rule.Pos.
func ValidateIgnore(rule model.Ignore) error {
	if _, err := compilePattern(rule.Label); err != nil {
		return fmt.Errorf("IGNORE label pattern %q: %w", rule.Label, err)
	}
	if _, err := compilePattern(rule.Target); err != nil {
		return fmt.Errorf("IGNORE target pattern %q: %w", rule.Target, err)
	}
	return nil
}

// compilePattern compiles one label or target pattern; nil matches
// everything.
func compilePattern(p string) (glob.Glob, error) {
	if p == "" || p == "*" {
		return nil, nil
	}
	if err := checkBraces(p); err != nil {
		return nil, err
	}
	g, err := glob.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("%v%s", err, patternHint)
	}
	return g, nil
}

const patternHint = " (a glob: * ? [abc] {a,b}; write \\\\ before one of these characters in dnsconfig.js to match it literally)"

// checkBraces refuses the brace groups the glob library accepts but then
// crashes on when matching some names: an unclosed '{' and a group whose
// alternatives are all empty ("{}", "{,}"). DNSControl
// stops with a Go panic on those; dnsctl says why before anything changes.
func checkBraces(p string) error {
	type group struct {
		at        int
		nonEmpty  bool
		altLength int
	}
	var stack []group
	inClass, classAt := false, 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if len(stack) > 0 && c != ',' && c != '}' {
			top := &stack[len(stack)-1]
			top.altLength++
		}
		switch {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass, classAt = true, i
		case c == '{':
			stack = append(stack, group{at: i})
		case c == ',' && len(stack) > 0:
			top := &stack[len(stack)-1]
			top.nonEmpty = top.nonEmpty || top.altLength > 0
			top.altLength = 0
		case c == '}':
			if len(stack) == 0 {
				continue // a literal '}', as the glob library reads it
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !top.nonEmpty && top.altLength == 0 {
				return fmt.Errorf("the group at offset %d has only empty alternatives; write {,x} for \"x or nothing\"", top.at)
			}
			if len(stack) > 0 {
				stack[len(stack)-1].altLength++
			}
		}
	}
	if inClass {
		return fmt.Errorf("the '[' at offset %d is never closed%s", classAt, patternHint)
	}
	if len(stack) > 0 {
		return fmt.Errorf("the '{' at offset %d is never closed%s", stack[len(stack)-1].at, patternHint)
	}
	return nil
}

// match returns the rule that matches r (as an existing or a configured
// record of zone), or nil.
func (s ignoreSet) match(r *model.Record, zone string) *ignoreRule {
	if len(s) == 0 {
		return nil
	}
	var label, target string
	haveTarget := false
	for i := range s {
		ir := &s[i]
		if ir.types != nil && !ir.types[r.Type] {
			continue
		}
		if ir.label != nil {
			if label == "" {
				label = model.LabelOf(r.Name, zone)
			}
			if !safeMatch(ir.label, label) {
				continue
			}
		}
		if ir.target != nil {
			if !haveTarget {
				target, haveTarget = IgnoreTarget(r), true
			}
			if !safeMatch(ir.target, target) {
				continue
			}
		}
		return ir
	}
	return nil
}

// safeMatch matches s against g, treating a crash inside the glob library
// (checkBraces refuses the patterns known to cause one) as a match, which
// keeps the record.
func safeMatch(g glob.Glob, s string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = true
		}
	}()
	return g.Match(s)
}

// IgnoreTarget returns the part of r's data an IGNORE target pattern is
// matched against: the field DNSControl calls the record's target. It is
// the whole data for addresses and names (host names fully qualified, with
// their final dot), the text for TXT (its strings joined, unescaped), the
// host name of MX, SRV, SVCB, HTTPS and NAPTR, the value of CAA, the
// certificate or fingerprint of TLSA, SMIMEA and SSHFP, and empty for DS,
// DNSKEY and RP, whose target DNSControl never sets.
func IgnoreTarget(r *model.Record) string {
	switch r.Type {
	case "TXT", "SPF":
		if v, err := model.TXTValue(r.Data); err == nil {
			return v
		}
		return r.Data
	case "DS", "DNSKEY", "RP":
		return ""
	case "MX":
		return field(r.Data, 1)
	case "SRV":
		return field(r.Data, 3)
	case "SVCB", "HTTPS":
		return field(r.Data, 1)
	case "SSHFP":
		return field(r.Data, 2)
	case "SOA":
		return field(r.Data, 0)
	case "NAPTR":
		if f := strings.Fields(r.Data); len(f) > 0 {
			return f[len(f)-1]
		}
		return r.Data
	case "TLSA", "SMIMEA":
		return field(r.Data, 3)
	case "CAA":
		if rr, err := dns.NewRR(". 0 IN CAA " + r.Data); err == nil && rr != nil {
			if v, ok := rr.(*dns.CAA); ok {
				return v.Value
			}
		}
	}
	return r.Data
}

// field returns the i-th space-separated field of data, or data itself
// when it has fewer.
func field(data string, i int) string {
	f := strings.Fields(data)
	if i < len(f) {
		return f[i]
	}
	return data
}

// IgnoreMatches reports whether rule matches r, a record of zone, as
// Compute matches it.
func IgnoreMatches(rule model.Ignore, r *model.Record, zone string) (bool, error) {
	set, err := compileIgnores([]model.Ignore{rule})
	if err != nil {
		return false, err
	}
	return set.match(r, zone) != nil, nil
}
