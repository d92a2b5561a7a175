package dsl

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFormatGolden formats each testdata/fmt/*.js and compares the result
// with its .golden file (refresh with -update): the layout of DNSControl's
// fmt. Formatting a golden file again changes nothing.
func TestFormatGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fmt", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Format(f, src)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".js") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Format(%s) differs from %s:\n%s", f, golden, got)
			}
			again, err := Format(golden, got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, got) {
				t.Errorf("formatting %s again changes it:\n%s", golden, again)
			}
		})
	}
}

func TestFormatCases(t *testing.T) {
	for _, tc := range []struct {
		name, src, want, err string
	}{
		{name: "empty", src: "", want: ""},
		{name: "blank lines only", src: "\n\n  \n", want: ""},
		{name: "trailing blank lines", src: "\n\nA(1);\n\n\n", want: "A(1);\n"},
		{name: "indent", src: "D(\"x\",\nA(\"a\", 1)\n);", want: "D(\"x\",\n    A(\"a\", 1)\n);\n"},
		{name: "syntax error", src: "D(\"x\",\n  A(\"a\",, 1));\n", err: "cfg.js:2:9: SyntaxError: "},
		{name: "unterminated", src: "D(\"x\", {a: 1\n", err: "cfg.js:2:1: SyntaxError: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Format("cfg.js", []byte(tc.src))
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("Format = %q, %v; want an error starting %q", got, err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("Format = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestFormatSameProgram: the check that the formatted text is the same
// program tells layouts apart from changes.
func TestFormatSameProgram(t *testing.T) {
	tree := func(src string) string {
		t.Helper()
		s, err := parseForFormat("x.js", src)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	same := [][2]string{
		{`A("a",1)`, "A( \"a\",\n\t1 )"},
		{`var x = {a: [1, 2]}; // c`, "var x={a:[1,2]}"},
	}
	for _, p := range same {
		if tree(p[0]) != tree(p[1]) {
			t.Errorf("%q and %q should be the same program", p[0], p[1])
		}
	}
	differ := [][2]string{
		{`A("a", 1)`, `A("a", 2)`},
		{`A("a", 1)`, `A('a', 1)`},
		{"a\n++b", "a++\nb"},
		{"f(function () { return 1 })", "f(function () { return 2 })"},
		{"var a = b\n(c)", "var a = b;\n(c)"},
		{`x = a + b`, `x = a - b`},
	}
	for _, p := range differ {
		if tree(p[0]) == tree(p[1]) {
			t.Errorf("%q and %q should differ", p[0], p[1])
		}
	}
	if _, err := Format("x.js", []byte("A(1)")); errors.Is(err, ErrFormatChanged) {
		t.Fatal(err)
	}
}

// FuzzFormat: Format never crashes (the beautifier runs a goroutine whose
// panics could not be recovered), and what it returns is formatted.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"", "D(\"x\", A(\"a\", 1));", "var a = {b: [1, 2], c: `t${1}`};", "function f(){return /re/g.test(x)}",
		"if (a) { b() } else c()", "x = a ? b : c; y = (p) => p * 2;", "// c\n/* d */ A(1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Format("f.js", []byte(src))
		if err != nil {
			return
		}
		again, err := Format("f.js", out)
		if err != nil {
			t.Fatalf("formatted text refused: %v\n%s", err, out)
		}
		_ = again // the beautifier is not always idempotent; parity with DNSControl matters more
	})
}

// TestFormatRefusesDeepNesting: nesting the beautifier would take hours
// over (its time grows with about the cube of the depth) is refused at
// once, with the line; a usual depth is laid out.
func TestFormatRefusesDeepNesting(t *testing.T) {
	deep := "var a = 1;\nvar b = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + ";\n"
	start := time.Now()
	_, err := Format("dnsconfig.js", []byte(deep))
	if err == nil || !strings.Contains(err.Error(), "dnsconfig.js:2: ") || !strings.Contains(err.Error(), "nested more than 200 deep") {
		t.Errorf("got %v, want the nesting refused at line 2", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	ok := "var b = " + strings.Repeat("[", 50) + strings.Repeat("]", 50) + ";\n"
	if _, err := Format("dnsconfig.js", []byte(ok)); err != nil {
		t.Errorf("50 deep: %v", err)
	}
}
