package dsl

import (
	"bytes"
	"testing"
)

// console.log prints the script's own lines: newlines and tabs pass, every
// other control character (and bidi control) is escaped.
func TestConsoleEscapesControls(t *testing.T) {
	for _, tc := range []struct {
		name, js, want string
	}{
		{"plain", `console.log("hello", 1, "bücher")`, "hello 1 bücher\n"},
		{"lines", `console.log("a\nb\tc")`, "a\nb\tc\n"},
		{"escape", `console.log("x\u001b[2J\ry")`, `x\x1b[2J\ry` + "\n"},
		{"bidi", `console.warn("abc\u202edef")`, `abc\u202edef` + "\n"},
		{"thrown object", `console.error({toString: function() { return "o\u0007" }})`, `o\x07` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if _, err := evaluate("console.js", []byte(tc.js), nil, options{console: &out}); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("console printed %q, want %q", out.String(), tc.want)
			}
		})
	}
}
