package dsl

import "testing"

// TestQuoteNAPTR: NAPTR strings are taken in presentation form, as
// DNSControl takes them; a string that cannot be presentation text means
// the characters written.
func TestQuoteNAPTR(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"E2U+sip", `"E2U+sip"`},
		{`!^(.*)$!sip:\\1@pbx.example.net!`, `"!^(.*)$!sip:\\1@pbx.example.net!"`}, // \1 on the wire
		{`!^.*$!\065!`, `"!^.*$!\065!"`},                                           // \DDD kept
		{`a\"b`, `"a\"b"`},                                                         // an escaped quote
		{`!^(.*)$!\1!`, `"!^(.*)$!\\1!"`},                                          // \1 is not \DDD
		{`a"b`, `"a\"b"`},                                                          // a bare quote
		{`ends\`, `"ends\\"`},                                                      // a lone backslash
		{`\256`, `"\\256"`},                                                        // above 255
		{"", `""`},
	} {
		if got := quoteNAPTR(tc.in); got != tc.want {
			t.Errorf("quoteNAPTR(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
