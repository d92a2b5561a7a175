package creds

import (
	"encoding/json"
	"testing"
)

func TestStripJSONC(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", `{"a":1}`, `{"a":1}`},
		{"line comment", "{// x\n}", "{    \n}"},
		{"line comment at EOF", "{}//x", "{}   "},
		{"block comment keeps newlines", "{/*a\nb*/}", "{   \n   }"},
		{"block comment star run", "{/***/}", "{     }"},
		{"slashes in string", `{"a//b":"/*"}`, `{"a//b":"/*"}`},
		{"escaped quote", `{"a\"//":1}`, `{"a\"//":1}`},
		{"escaped backslash", `{"a\\"//x` + "\n}", `{"a\\"   ` + "\n}"},
		{"trailing comma object", `{"a":1,}`, `{"a":1 }`},
		{"trailing comma array", `[1,2,]`, `[1,2 ]`},
		{"trailing comma across comment", "[1, // c\n]", "[1      \n]"},
		{"trailing comma after string", `{"a":"x",}`, `{"a":"x" }`},
		{"trailing comma after nested", `{"a":{},}`, `{"a":{} }`},
		{"comma in string untouched", `{"a":",}"}`, `{"a":",}"}`},
		{"lone comma kept", `{,}`, `{,}`},
		{"double comma kept", `[1,,]`, `[1,,]`},
		{"comma after colon kept", `{"a":,}`, `{"a":,}`},
		{"lone slash kept", `{/}`, `{/}`},
		{"BOM", "\xef\xbb\xbf{}", "   {}"},
		{"unterminated string untouched", `{"a//`, `{"a//`},
		{"multibyte in comment", "{/*é*/}", "{      }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stripJSONC([]byte(tt.in))
			if err != nil {
				t.Fatalf("error: %v", err.msg)
			}
			if string(got) != tt.want {
				t.Errorf("stripJSONC(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(got) != len(tt.in) {
				t.Errorf("length changed: %d -> %d", len(tt.in), len(got))
			}
		})
	}
}

func TestStripJSONCErrors(t *testing.T) {
	for _, in := range []string{"{/*", "{/* x *", "{/*/}"} {
		_, err := stripJSONC([]byte(in))
		if err == nil || err.off != 1 || err.msg != "unterminated /* comment" {
			t.Errorf("stripJSONC(%q) err = %+v", in, err)
		}
	}
}

func TestDoubleCommaStillInvalid(t *testing.T) {
	// "[1,,]" must not become valid by blanking both commas.
	out, _ := stripJSONC([]byte(`[1,,]`))
	if json.Valid(out) {
		t.Errorf("%q became valid JSON", out)
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\ncé\r\nx")
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2},
		{6, 2, 3}, // after the two bytes of é
		{8, 3, 1}, {9, 3, 2}, {100, 3, 2}, {-5, 1, 1},
	}
	for _, tt := range tests {
		if l, c := lineCol(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}
