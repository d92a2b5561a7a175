package model

import (
	"strings"
	"testing"
)

// A problem prints on one line, whatever its parts hold, and Problems has
// one line per problem.
func TestProblemStringEscapes(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		want string
	}{
		{"plain", Problem{Pos: "dnsconfig.js:3", Domain: "example.com", Msg: "bad"}, "ERROR: dnsconfig.js:3: example.com: bad"},
		{"idn", Problem{Domain: "bücher.example", Msg: "ok", Warning: true}, "WARNING: bücher.example: ok"},
		{"thrown", Problem{Pos: "dnsconfig.js:1", Msg: "boom\n\x1b[2J\rDone. 0 corrections."}, `ERROR: dnsconfig.js:1: boom\n\x1b[2J\rDone. 0 corrections.`},
		{"tag", Problem{Domain: "x.com!v\nDone. 0 corrections.", Msg: "m"}, `ERROR: x.com!v\nDone. 0 corrections.: m`},
		{"path", Problem{Pos: "a\u202eb.js:2", Msg: "m"}, `ERROR: a\u202eb.js:2: m`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
	ps := Problems{{Msg: "one\ntwo"}, {Msg: "three\r"}}
	if got := strings.Split(ps.Error(), "\n"); len(got) != 2 {
		t.Errorf("Problems.Error() has %d lines, want 2: %q", len(got), got)
	}
}
