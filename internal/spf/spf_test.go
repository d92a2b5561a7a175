package spf

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// zone is the published SPF data the tests flatten (names as in
// DNSControl's documentation example, addresses made up).
var zone = map[string]string{
	"_spf.google.com":        "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all",
	"_netblocks.google.com":  "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all",
	"_netblocks2.google.com": "v=spf1 ip6:2001:4860:4000::/36 ~all",
	"_netblocks3.google.com": "v=spf1 ip4:172.217.0.0/19 ~all",
	"mailgun.org":            "v=spf1 include:spf1.mailgun.org include:spf2.mailgun.org ~all",
	"spf1.mailgun.org":       "v=spf1 ip4:209.61.151.0/24 ~all",
	"spf2.mailgun.org":       "v=spf1 ip4:166.78.68.0/22 ~all",
	"noall.example":          "v=spf1 ip4:192.0.2.1 ip4:192.0.2.2",
	"loop.example":           "v=spf1 include:loop.example ~all",
	"bad.example":            "v=spf1 exp=explain.example ~all",
}

// mapSource serves zone and records which names were asked for.
type mapSource struct{ asked []string }

func (m *mapSource) SPF(_ context.Context, name string) (string, error) {
	m.asked = append(m.asked, name)
	if v, ok := zone[name]; ok {
		return v, nil
	}
	return "", errors.New(name + " has no SPF record")
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{in: "v=spf1 ip4:192.0.2.0/24 -all", want: "v=spf1 ip4:192.0.2.0/24 -all"},
		{in: "v=spf1  a  mx ~all", want: "v=spf1 a mx ~all"},                                       // empty terms skipped
		{in: "v=spf1 include:x.example ~all exp=e.example", want: "v=spf1 include:x.example ~all"}, // all ends it
		{in: "v=spf1 Ip4:192.0.2.1 ptr:p.example exists:e.example ?all", want: "v=spf1 Ip4:192.0.2.1 ptr:p.example exists:e.example ?all"},
		{in: "v=spf1 ip4:192.0.2.1 redirect=r.example", want: "v=spf1 ip4:192.0.2.1 redirect=r.example"},
		{in: "v=spf1 redirect=r.example -all", err: "redirect=r.example must be the last term"},
		{in: "v=spf1 exp=e.example -all", err: `unsupported SPF term "exp=e.example"`},
		{in: "v=spf1", err: "not an SPF record"},
		{in: "spf1 -all", err: "not an SPF record"},
	}
	for _, tt := range tests {
		r, err := Parse(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := r.TXT(); got != tt.want {
			t.Errorf("Parse(%q).TXT() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFlatten: the records DNSControl's flattening gives for the same
// input (derived from pkg/spflib's Flatten: a named include is replaced by
// the included terms but the last; "*" alone names every include), and
// only the names flattening needs are looked up.
func TestFlatten(t *testing.T) {
	base := "v=spf1 ip4:198.252.206.0/24 include:_spf.google.com include:mailgun.org ~all"
	tests := []struct {
		name    string
		in      string
		flatten []string
		want    string
		asked   string
		err     string
	}{
		{name: "one include", in: base, flatten: []string{"_spf.google.com"},
			want:  "v=spf1 ip4:198.252.206.0/24 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com include:mailgun.org ~all",
			asked: "_spf.google.com"},
		{name: "nested names", in: base, flatten: []string{"_spf.google.com", "_netblocks2.google.com"},
			want:  "v=spf1 ip4:198.252.206.0/24 include:_netblocks.google.com ip6:2001:4860:4000::/36 include:_netblocks3.google.com include:mailgun.org ~all",
			asked: "_spf.google.com _netblocks2.google.com"},
		{name: "star", in: base, flatten: []string{"*"},
			want:  "v=spf1 ip4:198.252.206.0/24 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip6:2001:4860:4000::/36 ip4:172.217.0.0/19 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all",
			asked: "_spf.google.com _netblocks.google.com _netblocks2.google.com _netblocks3.google.com mailgun.org spf1.mailgun.org spf2.mailgun.org"},
		{name: "star among names is a name", in: base, flatten: []string{"*", "mailgun.org"},
			want:  "v=spf1 ip4:198.252.206.0/24 include:_spf.google.com include:spf1.mailgun.org include:spf2.mailgun.org ~all",
			asked: "mailgun.org"},
		{name: "a name not included changes nothing", in: base, flatten: []string{"other.example"}, want: base},
		{name: "the last term of an included record is dropped even if not all", in: "v=spf1 include:noall.example -all", flatten: []string{"noall.example"},
			want: "v=spf1 ip4:192.0.2.1 -all", asked: "noall.example"},
		{name: "redirect at the end is flattened", in: "v=spf1 ip4:192.0.2.9 redirect=spf1.mailgun.org", flatten: []string{"spf1.mailgun.org"},
			want: "v=spf1 ip4:192.0.2.9 ip4:209.61.151.0/24", asked: "spf1.mailgun.org"},
		{name: "missing", in: "v=spf1 include:nowhere.example -all", flatten: []string{"nowhere.example"}, err: "nowhere.example has no SPF record"},
		{name: "loop", in: "v=spf1 include:loop.example -all", flatten: []string{"*"}, err: "includes nest more than 20 deep at loop.example"},
		{name: "bad included record", in: "v=spf1 include:bad.example -all", flatten: []string{"bad.example"}, err: `the SPF record of bad.example: unsupported SPF term "exp=explain.example"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			src := &mapSource{}
			spec := NewSpec(tt.flatten)
			err = r.Resolve(context.Background(), spec, src)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f, err := r.Flatten(spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.TXT(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if got := strings.Join(src.asked, " "); got != tt.asked {
				t.Errorf("looked up %q, want %q", got, tt.asked)
			}
		})
	}
}

// TestSplit: chains as DNSControl's TXTSplit makes them (pkg/spflib).
func TestSplit(t *testing.T) {
	long := "include:X" + strings.Repeat("1234567890", 21) + ".com" // 223 bytes
	ip := "ip4:200.192.169.178"
	many := "v=spf1" + strings.Repeat(" "+ip, 41) + " -all"
	ten := "v=spf1" + strings.Repeat(" "+ip, 10)
	tests := []struct {
		name     string
		in       string
		overhead int
		max      int
		want     []Link
	}{
		{"fits", "v=spf1 -all", 0, 255, []Link{{"@", "v=spf1 -all"}}},
		{"overflow carries the all term", "v=spf1 include:a.com include:b.com " + long + " ~all", 0, 255, []Link{
			{"@", "v=spf1 include:a.com include:b.com include:_spf1.example.com ~all"},
			{"_spf1.example.com", "v=spf1 " + long + " ~all"}}},
		{"overhead1 shortens the first", "v=spf1 include:a.com include:b.com " + long + " ~all", 200, 255, []Link{
			{"@", "v=spf1 include:a.com include:_spf1.example.com ~all"},
			{"_spf1.example.com", "v=spf1 include:b.com " + long + " ~all"}}},
		// 10 terms of 20 bytes fit with the 31-byte tail; the last 11
		// and the all term fit without one.
		{"long chain", many, 0, 255, []Link{
			{"@", ten + " include:_spf1.example.com -all"},
			{"_spf1.example.com", ten + " include:_spf2.example.com -all"},
			{"_spf2.example.com", ten + " include:_spf3.example.com -all"},
			{"_spf3.example.com", "v=spf1" + strings.Repeat(" "+ip, 11) + " -all"}}},
		{"txtMaxSize 450", many, 0, 450, []Link{
			{"@", "v=spf1" + strings.Repeat(" "+ip, 20) + " include:_spf1.example.com -all"},
			{"_spf1.example.com", "v=spf1" + strings.Repeat(" "+ip, 21) + " -all"}}},
		{"a first term too long stops", "v=spf1 include:" + strings.Repeat("a", 250) + ".com -all", 0, 255, []Link{
			{"@", "v=spf1 include:" + strings.Repeat("a", 250) + ".com -all"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := r.Split("_spf%d.example.com", tt.overhead, tt.max)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d records %q, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("record %d:\n got %q\nwant %q", i, got[i], tt.want[i])
				}
				if len(got[i].Text) > tt.max && i > 0 {
					t.Errorf("record %d is %d bytes", i, len(got[i].Text))
				}
			}
		})
	}
}

// fanSource publishes records that include the next level three times,
// twelve levels deep; it gives up after 100,000 questions.
type fanSource struct{ asked int }

func (f *fanSource) SPF(_ context.Context, name string) (string, error) {
	f.asked++
	if f.asked > 100000 {
		return "", errors.New("asked too often")
	}
	if len(name) > len("a.example")+12 {
		return "v=spf1 ip4:192.0.2.1 ~all", nil
	}
	next := "x" + name
	return "v=spf1 include:" + next + " include:" + next + " include:" + next + " ~all", nil
}

// TestResolveBoundsIncludes: records that include each other several
// times stop at maxIncludes instead of multiplying lookups and text.
func TestResolveBoundsIncludes(t *testing.T) {
	rec, err := Parse("v=spf1 include:a.example -all")
	if err != nil {
		t.Fatal(err)
	}
	src := &fanSource{}
	err = rec.Resolve(context.Background(), Spec("*"), src)
	if err == nil || !strings.Contains(err.Error(), "more than 1000 includes") {
		t.Fatalf("got %v, want the includes limit", err)
	}
	if src.asked > 1000 {
		t.Errorf("%d lookups, want at most 1000", src.asked)
	}
}
