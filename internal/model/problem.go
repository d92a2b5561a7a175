package model

import (
	"sort"
	"strings"

	"github.com/dnsctl/dnsctl/internal/safe"
)

// Problem is one thing wrong (or worth a warning) in a configuration.
type Problem struct {
	Pos     string // "dnsconfig.js:12", or "" when unknown
	Domain  string
	Msg     string
	Warning bool
}

// String renders the problem on one line. Its parts come from the
// configuration, so a newline or a control character in them (a thrown
// message, a name) is escaped: a problem can never print as two lines,
// and Problems.Error has one line per problem.
func (p Problem) String() string {
	var b strings.Builder
	if p.Warning {
		b.WriteString("WARNING: ")
	} else {
		b.WriteString("ERROR: ")
	}
	if p.Pos != "" {
		b.WriteString(safe.Text(p.Pos))
		b.WriteString(": ")
	}
	if p.Domain != "" {
		b.WriteString(safe.Text(p.Domain))
		b.WriteString(": ")
	}
	b.WriteString(safe.Text(Describe(p.Msg)))
	return b.String()
}

// Problems collects the problems of a run. As an error it lists every
// problem, one per line.
type Problems []Problem

// Errors returns only the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns only the warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns ps as an error when it holds at least one error, else nil.
func (ps Problems) Err() error {
	if len(ps.Errors()) == 0 {
		return nil
	}
	return ps.Errors()
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by domain, then position, keeping the order of equal ones.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Domain != ps[j].Domain {
			return ps[i].Domain < ps[j].Domain
		}
		return lessPos(ps[i].Pos, ps[j].Pos)
	})
}

// lessPos orders "file:line" positions by file, then numerically by line.
func lessPos(a, b string) bool {
	fa, la := splitPos(a)
	fb, lb := splitPos(b)
	if fa != fb {
		return fa < fb
	}
	return la < lb
}

func splitPos(p string) (string, int) {
	i := strings.LastIndexByte(p, ':')
	if i < 0 {
		return p, 0
	}
	n := 0
	for _, c := range p[i+1:] {
		if c < '0' || c > '9' {
			return p, 0
		}
		n = n*10 + int(c-'0')
	}
	return p[:i], n
}
