package zonefile

import (
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// FuzzJSString checks that every string literal the js format writes means,
// to a JavaScript engine, exactly the text it was made from.
func FuzzJSString(f *testing.F) {
	f.Add(`say "hi" \ back; semi`)
	f.Add("café <&> \u2028 \x00 \t\n")
	f.Add("</script>")
	vm := goja.New()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // such TXT values are written commented out
		}
		lit := jsString(s)
		v, err := vm.RunString("(" + lit + ")")
		if err != nil {
			t.Fatalf("%s does not parse: %v", lit, err)
		}
		if got := v.String(); got != s {
			t.Fatalf("%s evaluates to %q, want %q", lit, got, s)
		}
	})
}
