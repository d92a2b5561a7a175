package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/model"
)

const zone = "example.com"

// recs parses zone-file lines (relative to example.com.) into records.
func recs(t testing.TB, lines ...string) []*model.Record {
	t.Helper()
	var out []*model.Record
	zp := dns.NewZoneParser(strings.NewReader(strings.Join(lines, "\n")), zone+".", "test")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		out = append(out, model.FromRR(rr))
	}
	if err := zp.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func render(p *Plan) string {
	var b strings.Builder
	for _, c := range p.Changes {
		for _, l := range c.Lines(p.MetaKeys) {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestCompute(t *testing.T) {
	cases := []struct {
		name      string
		existing  []string
		desired   []string
		opts      Options
		want      string
		wantError string
		check     func(t *testing.T, p *Plan)
	}{
		{
			name:    "create into empty zone",
			desired: []string{"www 300 IN A 192.0.2.1", "@ 300 IN MX 10 mail"},
			want: "+ CREATE example.com MX 10 mail.example.com. ttl=300\n" +
				"+ CREATE www.example.com A 192.0.2.1 ttl=300\n",
		},
		{
			name:     "no change",
			existing: []string{"www 300 IN A 192.0.2.1", "www 300 IN A 192.0.2.2"},
			desired:  []string{"www 300 IN A 192.0.2.2", "www 300 IN A 192.0.2.1"},
		},
		{
			name:     "ttl change is a modify",
			existing: []string{"www 300 IN A 192.0.2.1"},
			desired:  []string{"www 600 IN A 192.0.2.1"},
			want:     "± MODIFY www.example.com A (192.0.2.1 ttl=300) -> (192.0.2.1 ttl=600)\n",
		},
		{
			name:     "set grows and shrinks",
			existing: []string{"www 300 IN A 192.0.2.1", "www 300 IN A 192.0.2.2"},
			desired:  []string{"www 300 IN A 192.0.2.2", "www 300 IN A 192.0.2.3", "www 300 IN A 192.0.2.4"},
			want: "± MODIFY www.example.com A (192.0.2.1 ttl=300) -> (192.0.2.3 ttl=300)\n" +
				"+ CREATE www.example.com A 192.0.2.4 ttl=300\n",
		},
		{
			name:     "deletions first, then modifications, then creations",
			existing: []string{"old 300 IN CNAME x", "b 300 IN TXT \"one\""},
			desired:  []string{"b 300 IN TXT \"two\"", "a 300 IN A 192.0.2.9"},
			want: "- DELETE old.example.com CNAME x.example.com. ttl=300\n" +
				"± MODIFY b.example.com TXT (\"one\" ttl=300) -> (\"two\" ttl=300)\n" +
				"+ CREATE a.example.com A 192.0.2.9 ttl=300\n",
		},
		{
			name:     "soa and unmanaged apex ns are left alone",
			existing: []string{"@ 3600 IN SOA ns1 host 1 2 3 4 5", "@ 3600 IN NS ns1.provider.net.", "x 300 IN A 192.0.2.1"},
			desired:  []string{},
			want:     "- DELETE x.example.com A 192.0.2.1 ttl=300\n",
		},
		{
			name:     "configured soa compared without its serial",
			existing: []string{"@ 3600 IN SOA ns1 host 2026010101 3600 600 604800 300"},
			desired:  []string{"@ 3600 IN SOA ns1 host 0 3600 600 604800 300"},
		},
		{
			name:     "configured soa change keeps the serial for the provider",
			existing: []string{"@ 3600 IN SOA ns1 host 2026010101 3600 600 604800 300"},
			desired:  []string{"@ 3600 IN SOA ns1 host 0 7200 600 604800 300"},
			want: "± MODIFY example.com SOA (ns1.example.com. host.example.com. 2026010101 3600 600 604800 300 ttl=3600) -> " +
				"(ns1.example.com. host.example.com. 2026010101 7200 600 604800 300 ttl=3600)\n",
		},
		{
			name:     "apex ns managed when configured",
			existing: []string{"@ 3600 IN NS ns1.provider.net."},
			desired:  []string{"@ 3600 IN NS ns1.provider.net.", "@ 3600 IN NS ns2.provider.net."},
			want:     "+ CREATE example.com NS ns2.provider.net. ttl=3600\n",
		},
		{
			// A declared set belongs to the configuration: NO_PURGE
			// keeps only the sets it does not declare.
			name:     "no purge keeps unknown sets, replaces declared ones",
			existing: []string{"keep 300 IN A 192.0.2.1", "www 300 IN A 192.0.2.1"},
			desired:  []string{"www 300 IN A 192.0.2.2"},
			opts:     Options{KeepUnknown: true},
			want:     "± MODIFY www.example.com A (192.0.2.1 ttl=300) -> (192.0.2.2 ttl=300)\n",
		},
		{
			name:     "ignore name and target",
			existing: []string{"foo 300 IN A 192.0.2.1", "a.b 300 IN A 192.0.2.1", "_acme 300 IN CNAME x.acm-validations.aws.", "z 300 IN A 192.0.2.1"},
			desired:  []string{},
			opts: Options{Ignores: []model.Ignore{
				{Label: "foo"}, {Label: "*.b", Types: "A"}, {Target: "**.acm-validations.aws.", Types: "CNAME"},
			}},
			want: "- DELETE z.example.com A 192.0.2.1 ttl=300\n",
		},
		{
			name:      "configured record matched by ignore",
			desired:   []string{"foo 300 IN A 192.0.2.1"},
			opts:      Options{Ignores: []model.Ignore{{Label: "foo"}}},
			wantError: "also matched by the IGNORE rule",
		},
		{
			// Route 53 replaces whole sets: the ignored value stays in
			// the set on both sides, so the provider keeps it.
			name:     "ignore by target inside a changed set",
			existing: []string{"www 300 IN A 192.0.2.1", "www 300 IN A 192.0.2.2"},
			desired:  []string{"www 300 IN A 192.0.2.3"},
			opts:     Options{Ignores: []model.Ignore{{Label: "www", Types: "A", Target: "192.0.2.1"}}},
			want:     "± MODIFY www.example.com A (192.0.2.2 ttl=300) -> (192.0.2.3 ttl=300)\n",
			check: func(t *testing.T, p *Plan) {
				c := p.Changes[0]
				if len(c.Old) != 2 || len(c.New) != 2 || c.New[0].Data != "192.0.2.1" {
					t.Errorf("the ignored value is not in the set: old %v new %v", c.Old, c.New)
				}
			},
		},
		{
			name:      "CNAME beside a record IGNORE keeps",
			existing:  []string{"x 300 IN TXT \"keep\""},
			desired:   []string{"x 300 IN CNAME target.example.net."},
			opts:      Options{Ignores: []model.Ignore{{Label: "x", Types: "TXT"}}},
			wantError: "CNAME target.example.net. cannot be at x.example.com: the TXT record there, kept by IGNORE or NO_PURGE",
		},
		{
			name:      "CNAME beside a set NO_PURGE keeps",
			existing:  []string{"y 300 IN A 192.0.2.1"},
			desired:   []string{"y 300 IN CNAME target.example.net."},
			opts:      Options{KeepUnknown: true},
			wantError: "the A record there, kept by IGNORE or NO_PURGE",
		},
		{
			name:      "record beside a CNAME IGNORE keeps",
			existing:  []string{"z 300 IN CNAME elsewhere.example.net."},
			desired:   []string{"z 300 IN TXT \"new\""},
			opts:      Options{Ignores: []model.Ignore{{Label: "z", Types: "CNAME"}}},
			wantError: "the CNAME record there",
		},
		{
			name:     "ignore respects types",
			existing: []string{"foo 300 IN A 192.0.2.1", "foo 300 IN TXT \"t\""},
			opts:     Options{Ignores: []model.Ignore{{Label: "foo", Types: "TXT"}}},
			want:     "- DELETE foo.example.com A 192.0.2.1 ttl=300\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Compute(zone, recs(t, c.existing...), recs(t, c.desired...), c.opts)
			if c.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantError) {
					t.Fatalf("error = %v, want one containing %q", err, c.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := render(p); got != c.want {
				t.Errorf("plan:\n%s\nwant:\n%s", got, c.want)
			}
			if c.check != nil && len(p.Changes) > 0 {
				c.check(t, p)
			}
		})
	}
}

func TestMetaKeysAndSetIDs(t *testing.T) {
	mk := func(setID, weight, data string) *model.Record {
		return &model.Record{Name: "www.example.com", Type: "CNAME", TTL: 60, Data: data, SetID: setID,
			Meta: map[string]string{"weight": weight, "private": "ignored"}}
	}
	existing := []*model.Record{mk("a", "10", "a.example.net."), mk("b", "20", "b.example.net.")}
	desired := []*model.Record{mk("a", "10", "a.example.net."), mk("b", "30", "b.example.net.")}
	desired[0].Meta["private"] = "different but not compared"
	p, err := Compute(zone, existing, desired, Options{MetaKeys: []string{"weight"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "± MODIFY www.example.com [b] CNAME (b.example.net. ttl=60 weight=20) -> (b.example.net. ttl=60 weight=30)\n"
	if got := render(p); got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestAliasTTLNotCompared(t *testing.T) {
	a := &model.Record{Name: "example.com", Type: model.AliasType, TTL: 0, Data: "lb.example.com.", Meta: map[string]string{"alias_type": "A"}}
	b := a.Clone()
	b.TTL = 3600
	p, err := Compute(zone, []*model.Record{a}, []*model.Record{b}, Options{MetaKeys: []string{"alias_type"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 0 {
		t.Errorf("alias TTL produced changes: %s", render(p))
	}
}

func genZone(n int) []*model.Record {
	out := make([]*model.Record, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, &model.Record{Name: fmt.Sprintf("h%d.example.com", i), Type: "A", TTL: 300,
			Data: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)})
	}
	return out
}

func TestOnePercentChange(t *testing.T) {
	old := genZone(10000)
	desired := make([]*model.Record, len(old))
	for i, r := range old {
		desired[i] = r.Clone()
		if i%100 == 0 {
			desired[i].TTL = 600
		}
	}
	p, err := Compute(zone, old, desired, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 100 {
		t.Fatalf("got %d changes, want 100", len(p.Changes))
	}
}

func BenchmarkDiff50kOnePercent(b *testing.B) {
	old := genZone(50000)
	desired := make([]*model.Record, len(old))
	for i, r := range old {
		desired[i] = r.Clone()
		if i%100 == 0 {
			desired[i].Data = "192.0.2.1"
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(zone, old, desired, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffScaling diffs zones of growing size with 1% changed: the
// time per record should stay flat (the diff is linear, plus n log n in
// the changes).
func BenchmarkDiffScaling(b *testing.B) {
	for _, n := range []int{12500, 25000, 50000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			old := genZone(n)
			desired := make([]*model.Record, len(old))
			for i, r := range old {
				desired[i] = r.Clone()
				if i%100 == 0 {
					desired[i].TTL = 600
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := Compute(zone, old, desired, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/record")
		})
	}
}
