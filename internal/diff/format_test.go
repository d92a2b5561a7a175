package diff

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// A correction is one line of printable text, whatever its name, set
// identifier, data or metadata hold.
func TestLinesEscapeUserData(t *testing.T) {
	const fake = "\n\x1b[2J\r\u202eDone. 0 corrections."
	for _, tc := range []struct {
		name string
		rec  model.Record
		want string
	}{
		{"plain", model.Record{Name: "www.example.com", Type: "A", TTL: 300, Data: "192.0.2.1"},
			"+ CREATE www.example.com A 192.0.2.1 ttl=300"},
		{"idn", model.Record{Name: "bücher.example", Type: "A", TTL: 300, Data: "192.0.2.1"},
			"+ CREATE bücher.example A 192.0.2.1 ttl=300"},
		{"name", model.Record{Name: "a" + fake, Type: "A", TTL: 300, Data: "192.0.2.1"},
			`+ CREATE a\n\x1b[2J\r\u202eDone. 0 corrections. A 192.0.2.1 ttl=300`},
		{"set id", model.Record{Name: "w.example.com", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "s" + fake},
			`+ CREATE w.example.com [s\n\x1b[2J\r\u202eDone. 0 corrections.] A 192.0.2.1 ttl=300`},
		{"data", model.Record{Name: "w.example.com", Type: "CNAME", TTL: 300, Data: "t" + fake},
			`+ CREATE w.example.com CNAME t\n\x1b[2J\r\u202eDone. 0 corrections. ttl=300`},
		{"metadata", model.Record{Name: "w.example.com", Type: "A", TTL: 300, Data: "192.0.2.1", Meta: map[string]string{"weight": "1" + fake}},
			`+ CREATE w.example.com A 192.0.2.1 ttl=300 weight=1\n\x1b[2J\r\u202eDone. 0 corrections.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.rec
			c := Change{Kind: Create, Key: r.Key(), New: []*model.Record{&r}}
			lines := c.Lines([]string{"weight"})
			if len(lines) != 1 || lines[0].Text != tc.want {
				t.Fatalf("Lines = %q, want one line %q", lines, tc.want)
			}
			if strings.ContainsAny(lines[0].Text, "\n\r\x1b\u202e") {
				t.Errorf("raw control character in %q", lines[0].Text)
			}
		})
	}
}
