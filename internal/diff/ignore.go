package diff

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// ignoreRule is a compiled IGNORE rule.
type ignoreRule struct {
	label, target *regexp.Regexp
	types         map[string]bool // nil: every type
}

type ignoreSet []ignoreRule

func compileIgnores(rules []model.Ignore) (ignoreSet, error) {
	var out ignoreSet
	for _, r := range rules {
		var ir ignoreRule
		var err error
		if ir.label, err = compileGlob(r.Label); err != nil {
			return nil, fmt.Errorf("%sIGNORE label %q: %w", posPrefix(r.Pos), r.Label, err)
		}
		if ir.target, err = compileGlob(r.Target); err != nil {
			return nil, fmt.Errorf("%sIGNORE target %q: %w", posPrefix(r.Pos), r.Target, err)
		}
		if t := strings.TrimSpace(r.Types); t != "" && t != "*" {
			ir.types = map[string]bool{}
			for _, typ := range strings.Split(t, ",") {
				ir.types[strings.ToUpper(strings.TrimSpace(typ))] = true
			}
		}
		out = append(out, ir)
	}
	return out, nil
}

// ValidateIgnore reports whether the label and target globs of rule
// compile as the differ compiles them, so a configuration can be checked
// before any provider is read. The error does not include rule.Pos.
func ValidateIgnore(rule model.Ignore) error {
	if _, err := compileGlob(rule.Label); err != nil {
		return fmt.Errorf("IGNORE label %q: %w", rule.Label, err)
	}
	if _, err := compileGlob(rule.Target); err != nil {
		return fmt.Errorf("IGNORE target %q: %w", rule.Target, err)
	}
	return nil
}

func (s ignoreSet) match(r *model.Record, zone string) bool {
	if len(s) == 0 {
		return false
	}
	label := model.LabelOf(r.Name, zone)
	for _, ir := range s {
		if ir.types != nil && !ir.types[r.Type] {
			continue
		}
		if ir.label != nil && !ir.label.MatchString(label) {
			continue
		}
		if ir.target != nil && !ir.target.MatchString(r.Data) && !ir.target.MatchString(strings.TrimSuffix(r.Data, ".")) {
			continue
		}
		return true
	}
	return false
}

// compileGlob turns a DNSControl-style glob into an anchored regexp: '*'
// matches within one label, '**' across labels, '?' one character and
// '{a,b}' either alternative. An empty glob or "*" alone with nothing else
// to match returns nil, which matches everything.
func compileGlob(g string) (*regexp.Regexp, error) {
	if g == "" || g == "**" {
		return nil, nil
	}
	var b strings.Builder
	b.WriteString("^(?i:")
	depth := 0
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^.]*")
			}
		case '?':
			b.WriteString("[^.]")
		case '{':
			depth++
			b.WriteString("(?:")
		case '}':
			if depth == 0 {
				return nil, fmt.Errorf("unbalanced '}'")
			}
			depth--
			b.WriteString(")")
		case ',':
			if depth > 0 {
				b.WriteString("|")
			} else {
				b.WriteString(",")
			}
		case '\\':
			if i+1 < len(g) {
				i++
				b.WriteString(regexp.QuoteMeta(string(g[i])))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("unbalanced '{'")
	}
	b.WriteString(")$")
	return regexp.Compile(b.String())
}
