package dsl

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// TestParseData checks what require accepts in a .json/.json5 file (the
// JavaScript literals DNSControl accepts, nothing that runs) and the
// errors, with file:line, for what it refuses.
func TestParseData(t *testing.T) {
	tests := []struct {
		name, src, want, err string
	}{
		{"plain JSON", `{"a": [1, 2.5, "x", true, null]}`, `{"a":[1,2.5,"x",true,null]}`, ""},
		{"comments and trailing commas", "// c\n{a: 1, /* b */ 'b': [2,],}", `{"a":1,"b":[2]}`, ""},
		{"hex and signs", `[0x1f, -1, +2, -0, 1e3]`, `[31,-1,2,0,1000]`, ""},
		{"NaN and Infinity become null", `[NaN, Infinity, -Infinity]`, `[null,null,null]`, ""},
		{"undefined property left out", `{a: undefined, b: 1}`, `{"b":1}`, ""},
		{"holes are null", `[1,,2]`, `[1,null,2]`, ""},
		{"numeric key", `{1: "one"}`, `{"1":"one"}`, ""},
		{"duplicate key, last wins", `{a: 1, a: 2}`, `{"a":2}`, ""},
		{"top-level string", `'text'`, `"text"`, ""},
		{"empty file", "  // nothing\n", "", "f.json:1: the file holds no value"},
		{"undefined file", "undefined", "", "f.json:1: the file's value is undefined"},
		{"call", "{\n a: f()\n}", "", "f.json:2: not a JSON or JSON5 value (only literals are allowed, no code)"},
		{"operator", "[1,\n\n 1+1]", "", "f.json:3: not a JSON or JSON5 value"},
		{"bare word", "{a: yes}", "", "f.json:1: yes is not a JSON or JSON5 value"},
		{"method", "{a() {}}", "", "f.json:1: not a JSON or JSON5 property"},
		{"computed key", "{[k]: 1}", "", "f.json:1: not a JSON or JSON5 property"},
		{"function value", "{a: function () {}}", "", "f.json:1: a function is not a JSON or JSON5 value"},
		{"two statements", "1; 2", "", "f.json:1:2: SyntaxError"},
		{"escape from the parentheses", "1), (2", "", "f.json:1: not a JSON or JSON5 value"},
		{"syntax error line", "{\n\"a\": 1\n\"b\": 2}", "", "f.json:3:1: SyntaxError"},
		{"too deep", strings.Repeat("[", maxDataDepth+1) + strings.Repeat("]", maxDataDepth+1), "", "nested more than 1000 deep"},
		{"deep in a string is fine", `"` + strings.Repeat("[", 5000) + `"`, `"` + strings.Repeat("[", 5000) + `"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vm := goja.New()
			v, err := parseData(vm, "f.json", tt.src)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(v.Export())
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// FuzzParseData: never a panic; every valid JSON text gives the value
// JSON.parse gives.
func FuzzParseData(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[1,,2]`, "{a:1,}", `"x\u0041"`, `[1e400]`, "/*", `{"__proto__":1}`, "0x", "-", `'\x41'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		vm := goja.New()
		v, err := parseData(vm, "f.json", src)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
		}
		// Invalid UTF-8 is refused (encoding/json would replace it).
		if !json.Valid([]byte(src)) || !utf8.ValidString(src) {
			return
		}
		parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
		want, perr := parse(goja.Undefined(), vm.ToValue(src))
		if perr != nil {
			return
		}
		if err != nil {
			t.Fatalf("valid JSON %q refused: %v", src, err)
		}
		stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
		a, _ := stringify(goja.Undefined(), v)
		b, _ := stringify(goja.Undefined(), want)
		if a.String() != b.String() {
			t.Fatalf("%q: got %s, JSON.parse gives %s", src, a, b)
		}
	})
}
