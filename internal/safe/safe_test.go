package safe

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		in, text, lines string
	}{
		{"www.example.com", "www.example.com", "www.example.com"},
		{"", "", ""},
		{"bücher.example", "bücher.example", "bücher.example"},
		{"日本語 ☃ 🦊", "日本語 ☃ 🦊", "日本語 ☃ 🦊"},
		{`C:\zones\a b "q"`, `C:\zones\a b "q"`, `C:\zones\a b "q"`},
		{"a\nb", `a\nb`, "a\nb"},
		{"a\tb", `a\tb`, "a\tb"},
		{"x\r\nDone. 0 corrections.", `x\r\nDone. 0 corrections.`, "x\\r\nDone. 0 corrections."},
		{"\x1b[2J", `\x1b[2J`, `\x1b[2J`},
		{"\x00\x07\x08\x0b\x0c\x1f", `\x00\x07\x08\x0b\x0c\x1f`, `\x00\x07\x08\x0b\x0c\x1f`},
		{"del\x7f", `del\u007f`, `del\u007f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`, `c1 \u0085 \u009b`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`, `evil\u202etxt.exe`},
		{"\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c", `\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c`, `\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`, `zero\u200bwidth\ufeff`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`, `ls\u2028ps\u2029`},
		{"tag\U000e0041", `tag\U000e0041`, `tag\U000e0041`},
		{"bad\xff\xc3", `bad\xff\xc3`, `bad\xff\xc3`},
		{"\xe2\x80", `\xe2\x80`, `\xe2\x80`}, // a cut-off U+202E
		{"\ufffd", "\ufffd", "\ufffd"},       // the replacement character itself is printable
	} {
		if got := Text(tc.in); got != tc.text {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := Lines(tc.in); got != tc.lines {
			t.Errorf("Lines(%q) = %q, want %q", tc.in, got, tc.lines)
		}
		if got := Text(Text(tc.in)); got != tc.text {
			t.Errorf("Text is not idempotent on %q: %q", tc.in, got)
		}
	}
}

// Escaping JSON text gives JSON that decodes to the same value.
func TestLinesKeepsJSON(t *testing.T) {
	in := map[string]string{"tag": "v\n\x1b[2J\r\u202e\x7f\u0085\u2028 Done. 0 corrections.", "idn": "bücher"}
	b, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	esc := Lines(string(b))
	if strings.ContainsFunc(esc, func(r rune) bool { return r != '\n' && Unsafe(r) }) {
		t.Fatalf("escaped JSON still holds control characters: %q", esc)
	}
	var out map[string]string
	if err := json.Unmarshal([]byte(esc), &out); err != nil {
		t.Fatalf("escaped JSON does not parse: %v\n%s", err, esc)
	}
	for k, v := range in {
		if out[k] != v {
			t.Errorf("%s: %q after escaping, want %q", k, out[k], v)
		}
	}
}

func TestFprintf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		args   []any
		want   string
	}{
		{"string", "Domain: %s\n", []any{"x.com!v\n\x1b[2J Done. 0 corrections."}, "Domain: x.com!v\\n\\x1b[2J Done. 0 corrections.\n"},
		{"error", "ERROR: %v\n", []any{errors.New("line one\nDone. 0 corrections.")}, "ERROR: line one\\nDone. 0 corrections.\n"},
		{"stringer", "%s|", []any{stringer("a\rb")}, `a\rb|`},
		{"quoted", "%q", []any{"a\nb\u202e"}, `"a\nb\u202e"`},
		{"width", "[%-6s][%3d]", []any{"a\tb", 7}, `[a\tb   ][  7]`}, // the width counts characters before escaping
		{"numbers", "%d/%d %v", []any{3, int64(4), true}, "3/4 true"},
		{"nil", "%v", []any{nil}, "<nil>"},
		{"idn", "%s", []any{"bücher.example"}, "bücher.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if _, err := Fprintf(&b, tc.format, tc.args...); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

// A Writer and a Buffer escape what is written and pass the program's own
// sequences; a Buffer is written out as it is.
func TestPrinters(t *testing.T) {
	var term bytes.Buffer
	w := NewWriter(&term)
	var held Buffer
	for _, p := range []Printer{w, &held} {
		if n, err := p.Write([]byte("a\x1b[2J\rb\n")); err != nil || n != 8 {
			t.Fatalf("Write = %d, %v; want 8, nil", n, err)
		}
		p.WriteSeq(Colour(32))
		Fprintf(p, "%s\n", "x\ny")
		p.WriteSeq(Reset)
		p.WriteSeq(CR)
		p.WriteSeq(EraseLine)
	}
	const want = "a\\x1b[2J\\rb\n\x1b[32mx\\ny\n\x1b[0m\r\x1b[K"
	if held.String() != want || held.Len() != len(want) {
		t.Errorf("Buffer holds %q, want %q", held.String(), want)
	}
	if _, err := held.WriteTo(w); err != nil {
		t.Fatal(err)
	}
	if term.String() != want+want {
		t.Errorf("terminal got %q, want %q twice", term.String(), want)
	}
	if held.Len() != 0 {
		t.Errorf("WriteTo left %d bytes in the buffer", held.Len())
	}
}

// FuzzText checks that Text leaves no character a terminal acts on, keeps
// printable text as it is, and is idempotent; and that Lines differs only
// in keeping newlines and tabs.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "www.example.com", "bücher.example", "a\nb\tc\r", "\x1b[2J", "\u202egnp.exe", "\xff\xfe", "\u0085\u2028\ufeff", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("Text(%q) = %q holds %U", s, out, r)
			}
		}
		printable := utf8.ValidString(s) && !strings.ContainsFunc(s, Unsafe)
		if printable != (out == s) {
			t.Fatalf("Text(%q) = %q: printable %v but changed %v", s, out, printable, out != s)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
		lines := Lines(s)
		for _, r := range lines {
			if Unsafe(r) && r != '\n' && r != '\t' {
				t.Fatalf("Lines(%q) = %q holds %U", s, lines, r)
			}
		}
		if got := strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(lines); got != out {
			t.Fatalf("Lines(%q) = %q does not match Text %q but for newlines and tabs", s, lines, out)
		}
	})
}
