package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// The error a command ends with prints one line per message: a newline
// inside a message (a thrown string, an AWS message, a path) is escaped,
// and only a list of problems or joined errors spans several lines.
func TestPrintError(t *testing.T) {
	const fake = "\nDone. 0 corrections.\n\r\x1b[2J\u202e"
	const shown = `\nDone. 0 corrections.\n\r\x1b[2J\u202e`
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"plain", errors.New("no such zone"), "ERROR: no such zone\n"},
		{"prefixed", errors.New("ERROR: already said"), "ERROR: already said\n"},
		{"hostile", fmt.Errorf("get-zones: %s: %w", "x.com!v"+fake, errors.New("boom"+fake)),
			"ERROR: get-zones: x.com!v" + shown + ": boom" + shown + "\n"},
		{"problems", model.Problems{{Pos: "a.js:1", Msg: "one" + fake}, {Pos: "a.js:2", Msg: "two", Warning: true}},
			"ERROR: a.js:1: one" + shown + "\nWARNING: a.js:2: two\n"},
		{"joined", errors.Join(errors.New("creds.json: first"+fake), errors.New("creds.json: second")),
			"ERROR: creds.json: first" + shown + "\nERROR: creds.json: second\n"},
		{"empty", errors.New(""), "ERROR: an error occurred, but the library that reported it gave no description\n"},
		{"empty reason", fmt.Errorf("reading zone: %w", errors.New("")), "ERROR: reading zone: (no reason was given)\n"},
		{"wrapped problems", fmt.Errorf("loading: %w", model.Problems{{Msg: "a"}, {Msg: "b"}}),
			`ERROR: loading: ERROR: a\nERROR: b` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			printError(safe.NewWriter(&b), tc.err)
			if b.String() != tc.want {
				t.Errorf("printed %q, want %q", b.String(), tc.want)
			}
		})
	}
}
