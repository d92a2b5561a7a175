package model

import (
	"strings"
	"testing"
)

// TestNormalizeAbsent: ENSURE_ABSENT_REC records are normalised as
// configured records are, so the differ compares them byte for byte; a bad
// one is reported at its line and dropped.
func TestNormalizeAbsent(t *testing.T) {
	d := &Domain{Name: "Example.COM", Absent: []*Record{
		{Name: "Old", Type: "txt", TTL: 60, Data: `say "hi"`, Pos: "c.js:3"},
		{Name: "mx", Type: "MX", TTL: 60, Data: "10 mail", Pos: "c.js:4"},
		{Name: "bad", Type: "A", TTL: 60, Data: "not-an-address", Pos: "c.js:5"},
	}}
	ps := NormalizeDomain(d)
	if len(ps) != 1 || ps[0].Pos != "c.js:5" || !strings.Contains(ps[0].Msg, "ENSURE_ABSENT_REC A bad") {
		t.Fatalf("problems %v", ps)
	}
	if len(d.Absent) != 2 {
		t.Fatalf("absent %v", d.Absent)
	}
	if r := d.Absent[0]; r.Name != "old.example.com" || r.Type != "TXT" || r.Data != `"say \"hi\""` {
		t.Errorf("absent TXT %+v", r)
	}
	if r := d.Absent[1]; r.Name != "mx.example.com" || r.Data != "10 mail.example.com." {
		t.Errorf("absent MX %+v", r)
	}
}
