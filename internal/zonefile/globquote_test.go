package zonefile

import (
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// TestGlobQuote: a quoted target matches the text it quotes and nothing
// else a glob character would have let through.
func TestGlobQuote(t *testing.T) {
	for _, c := range []struct{ text, other string }{
		{"a,b*{c}", "a,bxx{c}"},
		{"[abc]", "a"},
		{`back\slash?`, `back\slashx`},
		{"\x80\x81", ""},
	} {
		rec := &model.Record{Name: "t.example.com", Type: "TXT", Data: model.TXTData(c.text)}
		rule := model.Ignore{Label: "t", Types: "TXT", Target: globQuote(c.text)}
		if ok, err := diff.IgnoreMatches(rule, rec, "example.com"); err != nil || !ok {
			t.Errorf("%q quoted as %q does not match it: %v", c.text, rule.Target, err)
		}
		if c.other == "" {
			continue
		}
		other := &model.Record{Name: "t.example.com", Type: "TXT", Data: model.TXTData(c.other)}
		if ok, _ := diff.IgnoreMatches(rule, other, "example.com"); ok {
			t.Errorf("%q quoted as %q matches %q", c.text, rule.Target, c.other)
		}
	}
}
