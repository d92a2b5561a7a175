package diff

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// TestIgnoreMatching checks which records one IGNORE rule matches, as
// DNSControl's handsoff.go matches them: gobwas/glob without separators
// against the short label and the target field.
func TestIgnoreMatching(t *testing.T) {
	alias := func(name, aliasType, target string) *model.Record {
		return &model.Record{Name: name + ".example.com", Type: model.AliasType, Data: target,
			Meta: map[string]string{"alias_type": aliasType}}
	}
	cases := []struct {
		name   string
		rule   model.Ignore
		record string        // a zone-file line, or
		rec    *model.Record // a record zone files cannot hold
		want   bool
	}{
		// '*' is not stopped by dots.
		{"star crosses labels", model.Ignore{Label: "*.k8s"}, "deep.svc.k8s 300 IN A 192.0.2.1", nil, true},
		{"star one label", model.Ignore{Label: "*.k8s"}, "a.k8s 300 IN A 192.0.2.1", nil, true},
		{"star needs the dot", model.Ignore{Label: "*.k8s"}, "k8s 300 IN A 192.0.2.1", nil, false},
		{"star prefix label", model.Ignore{Label: "dev-system*", Types: "*", Target: "*"}, "dev-system.sub 300 IN A 192.0.2.1", nil, true},
		{"star prefix, a cname target with a dot", model.Ignore{Label: "dev-system*", Types: "*", Target: "*"}, "dev-system-x 300 IN CNAME x.example.net.", nil, true},
		{"double star", model.Ignore{Label: "**"}, "a.b.c 300 IN A 192.0.2.1", nil, true},
		{"double star suffix", model.Ignore{Label: "_acme-challenge.**"}, "_acme-challenge.a.b 300 IN TXT \"t\"", nil, true},
		{"double star needs the dot", model.Ignore{Label: "_acme-challenge.**"}, "_acme-challenge 300 IN TXT \"t\"", nil, false},
		{"question mark one character", model.Ignore{Label: "?oo"}, "zoo 300 IN A 192.0.2.1", nil, true},
		{"question mark also a dot", model.Ignore{Label: "f?o"}, "f.o 300 IN A 192.0.2.1", nil, true},
		{"question mark exactly one", model.Ignore{Label: "?oo"}, "fzoo 300 IN A 192.0.2.1", nil, false},
		{"class", model.Ignore{Label: "[abc]oo"}, "boo 300 IN A 192.0.2.1", nil, true},
		{"class misses", model.Ignore{Label: "[abc]oo"}, "doo 300 IN A 192.0.2.1", nil, false},
		{"class range", model.Ignore{Label: "[a-c]oo"}, "coo 300 IN A 192.0.2.1", nil, true},
		{"negated class", model.Ignore{Label: "[!abc]oo"}, "doo 300 IN A 192.0.2.1", nil, true},
		{"negated class misses", model.Ignore{Label: "[!a-c]oo"}, "aoo 300 IN A 192.0.2.1", nil, false},
		{"braces", model.Ignore{Label: "{bar,[fz]oo}"}, "zoo 300 IN A 192.0.2.1", nil, true},
		{"braces miss", model.Ignore{Label: "{bar,[fz]oo}"}, "boo 300 IN A 192.0.2.1", nil, false},
		{"braces with an empty alternative", model.Ignore{Label: "{,*.}k8s"}, "k8s 300 IN A 192.0.2.1", nil, true},
		{"escaped star is literal", model.Ignore{Label: `\*.foo`}, "*.foo 300 IN A 192.0.2.1", nil, true},
		{"escaped star matches only a star", model.Ignore{Label: `\*.foo`}, "x.foo 300 IN A 192.0.2.1", nil, false},
		{"stray closing brace is literal", model.Ignore{Label: "a}"}, "a 300 IN A 192.0.2.1", nil, false},
		{"apex is @", model.Ignore{Label: "@"}, "@ 300 IN MX 10 mail", nil, true},
		{"labels are short", model.Ignore{Label: "www.example.com"}, "www 300 IN A 192.0.2.1", nil, false},
		{"labels are short, with a dot too", model.Ignore{Label: "www.example.com."}, "www 300 IN A 192.0.2.1", nil, false},
		{"case-sensitive", model.Ignore{Label: "WWW"}, "www 300 IN A 192.0.2.1", nil, false},
		{"empty label matches all", model.Ignore{Label: ""}, "x 300 IN A 192.0.2.1", nil, true},

		// Types.
		{"type list", model.Ignore{Label: "bar", Types: "A,MX"}, "bar 300 IN MX 10 mail", nil, true},
		{"type list trimmed", model.Ignore{Label: "bar", Types: " A , MX "}, "bar 300 IN MX 10 mail", nil, true},
		{"type list misses", model.Ignore{Label: "bar", Types: "A,MX"}, "bar 300 IN TXT \"t\"", nil, false},
		{"types are case-sensitive", model.Ignore{Label: "bar", Types: "a"}, "bar 300 IN A 192.0.2.1", nil, false},
		{"star in a list is a type name", model.Ignore{Label: "bar", Types: "MX,*"}, "bar 300 IN A 192.0.2.1", nil, false},
		{"star alone is every type", model.Ignore{Label: "bar", Types: "*"}, "bar 300 IN A 192.0.2.1", nil, true},
		{"alias by its own type", model.Ignore{Label: "lb", Types: "R53_ALIAS"}, "", alias("lb", "A", "x.elb.amazonaws.com."), true},
		{"alias is not its alias type", model.Ignore{Label: "lb", Types: "A"}, "", alias("lb", "A", "x.elb.amazonaws.com."), false},

		// Targets: the main field, host names with their dot.
		{"cname target with the dot", model.Ignore{Target: "x.example.net."}, "c 300 IN CNAME x.example.net.", nil, true},
		{"cname target without the dot misses", model.Ignore{Target: "x.example.net"}, "c 300 IN CNAME x.example.net.", nil, false},
		{"cname target glob without the dot misses", model.Ignore{Target: "*.acm-validations.aws"}, "c 300 IN CNAME x.acm-validations.aws.", nil, false},
		{"cname target glob with the dot", model.Ignore{Target: "*.acm-validations.aws."}, "c 300 IN CNAME x.y.acm-validations.aws.", nil, true},
		{"relative cname target is qualified", model.Ignore{Target: "www.example.com."}, "c 300 IN CNAME www", nil, true},
		{"address", model.Ignore{Target: "192.0.2.*"}, "a 300 IN A 192.0.2.77", nil, true},
		{"address braces", model.Ignore{Target: "{192.0.2.1,192.0.2.2}"}, "a 300 IN A 192.0.2.2", nil, true},
		{"mx target is the host", model.Ignore{Target: "mail.example.net.", Types: "MX"}, "@ 300 IN MX 10 mail.example.net.", nil, true},
		{"mx preference is not the target", model.Ignore{Target: "10 *"}, "@ 300 IN MX 10 mail.example.net.", nil, false},
		{"srv target is the host", model.Ignore{Target: "sip.example.net."}, "_sip._tcp 300 IN SRV 10 5 5060 sip.example.net.", nil, true},
		{"txt target is the text", model.Ignore{Target: "v=spf1 *"}, "@ 300 IN TXT \"v=spf1 include:x -all\"", nil, true},
		{"txt target is unescaped", model.Ignore{Target: `say "hi"`}, `t 300 IN TXT "say \"hi\""`, nil, true},
		{"txt target is joined", model.Ignore{Target: "abcdef"}, `t 300 IN TXT "abc" "def"`, nil, true},
		{"caa target is the value", model.Ignore{Target: "letsencrypt.org"}, `@ 300 IN CAA 0 issue "letsencrypt.org"`, nil, true},
		{"ds has an empty target", model.Ignore{Target: "**"}, "sub 300 IN DS 12345 13 2 " + strings.Repeat("ab", 32), nil, true},
		{"ds target is not its digest", model.Ignore{Target: "ab*"}, "sub 300 IN DS 12345 13 2 " + strings.Repeat("ab", 32), nil, false},
		{"alias target", model.Ignore{Target: "*.elb.amazonaws.com."}, "", alias("lb", "A", "x.elb.amazonaws.com."), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, err := compileIgnores([]model.Ignore{c.rule})
			if err != nil {
				t.Fatal(err)
			}
			r := c.rec
			if r == nil {
				r = recs(t, c.record)[0]
			}
			if got := set.match(r, zone) != nil; got != c.want {
				t.Errorf("IGNORE(%q, %q, %q) matches %s: %v, want %v (label %q, target %q)",
					c.rule.Label, c.rule.Types, c.rule.Target, r, got, c.want, r.Label(zone), IgnoreTarget(r))
			}
		})
	}
}

// TestIgnorePatternErrors: patterns the glob library refuses, or accepts
// and then crashes on, are refused with a reason.
func TestIgnorePatternErrors(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{"[abc", "the '[' at offset 0 is never closed"},
		{"a[b]c[", "the '[' at offset 5 is never closed"},
		{"b{", "the '{' at offset 1 is never closed"},
		{"b{}", "only empty alternatives"},
		{"-{,}", "only empty alternatives"},
		{"x{a,{}}", "only empty alternatives"},
	} {
		for _, rule := range []model.Ignore{{Label: c.pattern}, {Target: c.pattern}} {
			err := ValidateIgnore(rule)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ValidateIgnore(%+v) = %v, want %q", rule, err, c.want)
			}
			rule.Pos = "dnsconfig.js:7"
			if _, err := Compute(zone, nil, nil, Options{Ignores: []model.Ignore{rule}}); err == nil || !strings.HasPrefix(err.Error(), "dnsconfig.js:7: IGNORE") {
				t.Errorf("Compute with %+v: %v", rule, err)
			}
		}
	}
	for _, ok := range []string{"{a,}", "{,a}", "a}", `\{`, "[{]", "{a\\,b,c}"} {
		if err := ValidateIgnore(model.Ignore{Label: ok}); err != nil {
			t.Errorf("ValidateIgnore(%q): %v", ok, err)
		}
	}
	// A crash in the glob library keeps the record rather than stopping
	// the run (the patterns known to crash are refused above).
	set, err := compileIgnores([]model.Ignore{{Label: "x"}})
	if err != nil {
		t.Fatal(err)
	}
	set[0].label = panicGlob{}
	if set.match(recs(t, "y 300 IN A 192.0.2.1")[0], zone) == nil {
		t.Error("a crashing glob did not keep the record")
	}
}

type panicGlob struct{}

func (panicGlob) Match(string) bool { panic("boom") }

func heritageTXT(label, owner string) string {
	return label + ` 300 IN TXT "heritage=external-dns,external-dns/owner=` + owner + `,external-dns/resource=ingress/default/app"`
}

func TestHandsoff(t *testing.T) {
	aliasA := &model.Record{Name: "myapp.example.com", Type: model.AliasType, Data: "x.elb.amazonaws.com.",
		Meta: map[string]string{"alias_type": "A"}}
	cases := []struct {
		name      string
		existing  []string
		extra     []*model.Record // more existing records
		desired   []string
		absent    []string
		opts      Options
		want      string
		wantError []string
	}{
		// IGNORE patterns that today's regexp globs did not match.
		{
			name:     "IGNORE_NAME star.k8s keeps a deep name",
			existing: []string{"deep.svc.k8s 300 IN A 192.0.2.1", "a.k8s 300 IN A 192.0.2.2", "other 300 IN A 192.0.2.3"},
			opts:     Options{Ignores: []model.Ignore{{Label: "*.k8s"}}},
			want:     "- DELETE other.example.com A 192.0.2.3 ttl=300\n",
		},
		{
			name:     "IGNORE label star keeps a CNAME whatever its target",
			existing: []string{"dev-system-a 300 IN CNAME x.example.net.", "dev 300 IN CNAME y.example.net."},
			opts:     Options{Ignores: []model.Ignore{{Label: "dev-system*", Types: "*", Target: "*"}}},
			want:     "- DELETE dev.example.com CNAME y.example.net. ttl=300\n",
		},

		// NO_PURGE.
		{
			name:     "NO_PURGE: a declared set is replaced whole",
			existing: []string{"foo 300 IN A 192.0.2.1", "foo 300 IN A 192.0.2.2", "keep 300 IN A 192.0.2.9", "foo 300 IN TXT \"kept\""},
			desired:  []string{"foo 300 IN A 192.0.2.3"},
			opts:     Options{KeepUnknown: true},
			want: "± MODIFY foo.example.com A (192.0.2.1 ttl=300) -> (192.0.2.3 ttl=300)\n" +
				"- DELETE foo.example.com A 192.0.2.2 ttl=300\n",
		},
		{
			name:     "NO_PURGE: an unchanged declared set is no change",
			existing: []string{"foo 300 IN A 192.0.2.1", "keep 300 IN A 192.0.2.9"},
			desired:  []string{"foo 300 IN A 192.0.2.1"},
			opts:     Options{KeepUnknown: true},
		},
		{
			name:     "NO_PURGE: IGNORE still keeps a value inside a declared set",
			existing: []string{"foo 300 IN A 192.0.2.1", "foo 300 IN A 192.0.2.2"},
			desired:  []string{"foo 300 IN A 192.0.2.3"},
			opts:     Options{KeepUnknown: true, Ignores: []model.Ignore{{Target: "192.0.2.2"}}},
			want:     "± MODIFY foo.example.com A (192.0.2.1 ttl=300) -> (192.0.2.3 ttl=300)\n",
		},

		// DISABLE_IGNORE_SAFETY_CHECK.
		{
			name:     "a configured record an IGNORE matches is an error",
			existing: []string{"myhost 300 IN TXT \"theirs\""},
			desired:  []string{"myhost 300 IN TXT \"mytext\"", "other 300 IN TXT \"x\"", "myhost 300 IN A 192.0.2.1"},
			opts:     Options{Ignores: []model.Ignore{{Label: "myhost", Pos: "dnsconfig.js:3"}}},
			wantError: []string{
				`myhost.example.com TXT "mytext" is configured but also matched by the IGNORE rule at dnsconfig.js:3`,
				"myhost.example.com A 192.0.2.1 is configured but also matched",
				"add DISABLE_IGNORE_SAFETY_CHECK to D()",
			},
		},
		{
			name:     "DISABLE_IGNORE_SAFETY_CHECK: the configured record is created, the ignored one stays",
			existing: []string{"myhost 300 IN TXT \"theirs\""},
			desired:  []string{"myhost 300 IN TXT \"mytext\""},
			opts:     Options{AllowIgnoredConfigured: true, Ignores: []model.Ignore{{Label: "myhost"}}},
			want:     "+ CREATE myhost.example.com TXT \"mytext\" ttl=300\n",
		},
		{
			name:     "DISABLE_IGNORE_SAFETY_CHECK: once there, both stay",
			existing: []string{"myhost 300 IN TXT \"theirs\"", "myhost 300 IN TXT \"mytext\""},
			desired:  []string{"myhost 300 IN TXT \"mytext\""},
			opts:     Options{AllowIgnoredConfigured: true, Ignores: []model.Ignore{{Label: "myhost"}}},
		},
		{
			name:     "DISABLE_IGNORE_SAFETY_CHECK: removed from the configuration, it stays (ignored)",
			existing: []string{"myhost 300 IN TXT \"theirs\"", "myhost 300 IN TXT \"mytext\""},
			opts:     Options{AllowIgnoredConfigured: true, Ignores: []model.Ignore{{Label: "myhost"}}},
		},
		{
			name:     "DISABLE_IGNORE_SAFETY_CHECK: the configured TTL applies to the configured record",
			existing: []string{"myhost 300 IN TXT \"mytext\""},
			desired:  []string{"myhost 600 IN TXT \"mytext\""},
			opts:     Options{AllowIgnoredConfigured: true, Ignores: []model.Ignore{{Label: "myhost"}}},
			want:     "± MODIFY myhost.example.com TXT (\"mytext\" ttl=300) -> (\"mytext\" ttl=600)\n",
		},
		{
			name:      "DISABLE_IGNORE_SAFETY_CHECK: a CNAME has one target",
			existing:  []string{"c 300 IN CNAME theirs.example.net."},
			desired:   []string{"c 300 IN CNAME mine.example.net."},
			opts:      Options{AllowIgnoredConfigured: true, Ignores: []model.Ignore{{Label: "c"}}},
			wantError: []string{"c.example.com CNAME mine.example.net. cannot be configured while IGNORE keeps the CNAME theirs.example.net. there"},
		},

		// ENSURE_ABSENT_REC.
		{
			name:     "ENSURE_ABSENT_REC deletes under NO_PURGE, only the named record",
			existing: []string{"old 300 IN A 192.0.2.9", "old 300 IN A 192.0.2.8", "keep 300 IN A 192.0.2.7", "mx 300 IN MX 20 old.example.net."},
			absent:   []string{"old 300 IN A 192.0.2.9", "mx 300 IN MX 10 old.example.net."},
			opts:     Options{KeepUnknown: true},
			want:     "- DELETE old.example.com A 192.0.2.9 ttl=300\n",
		},
		{
			name:     "ENSURE_ABSENT_REC: a whole set",
			existing: []string{"old 300 IN A 192.0.2.9", "keep 300 IN A 192.0.2.7"},
			absent:   []string{"old 60 IN A 192.0.2.9"},
			opts:     Options{KeepUnknown: true},
			want:     "- DELETE old.example.com A 192.0.2.9 ttl=300\n",
		},
		{
			name:     "ENSURE_ABSENT_REC never creates",
			absent:   []string{"old 300 IN A 192.0.2.9"},
			opts:     Options{KeepUnknown: true},
			existing: []string{},
		},
		{
			name:     "ENSURE_ABSENT_REC: IGNORE keeps it (as in DNSControl)",
			existing: []string{"old 300 IN A 192.0.2.9"},
			absent:   []string{"old 300 IN A 192.0.2.9"},
			opts:     Options{KeepUnknown: true, Ignores: []model.Ignore{{Label: "old"}}},
		},
		{
			name:     "ENSURE_ABSENT_REC: a configured record wins",
			existing: []string{"old 300 IN A 192.0.2.9"},
			desired:  []string{"old 300 IN A 192.0.2.9"},
			absent:   []string{"old 300 IN A 192.0.2.9"},
			opts:     Options{KeepUnknown: true},
		},
		{
			name:     "ENSURE_ABSENT_REC without NO_PURGE: deleted as any unconfigured record",
			existing: []string{"old 300 IN A 192.0.2.9", "other 300 IN A 192.0.2.1"},
			absent:   []string{"old 300 IN A 192.0.2.9"},
			want: "- DELETE old.example.com A 192.0.2.9 ttl=300\n" +
				"- DELETE other.example.com A 192.0.2.1 ttl=300\n",
		},

		// IGNORE_EXTERNAL_DNS.
		{
			name: "external-dns: a- and cname- owner records and what they own stay",
			existing: []string{heritageTXT("a-myapp", "k8s"), "myapp 300 IN A 10.0.0.1",
				heritageTXT("cname-api", "k8s"), "api 300 IN CNAME lb.example.net.",
				heritageTXT("aaaa-v6", "k8s"), "v6 300 IN AAAA 2001:db8::1", "v6 300 IN A 10.0.0.6",
				"mine 300 IN A 192.0.2.1"},
			opts: Options{ExternalDNS: true},
			want: "- DELETE mine.example.com A 192.0.2.1 ttl=300\n" +
				"- DELETE v6.example.com A 10.0.0.6 ttl=300\n",
		},
		{
			name: "external-dns: period form and the apex",
			existing: []string{heritageTXT("a.web", "k8s"), "web 300 IN A 10.0.0.2",
				heritageTXT("a-", "k8s"), "@ 300 IN A 10.0.0.3", "@ 300 IN MX 10 mail.example.net."},
			opts: Options{ExternalDNS: true},
			want: "- DELETE example.com MX 10 mail.example.net. ttl=300\n",
		},
		{
			name: "external-dns: legacy owner record at the same name",
			existing: []string{heritageTXT("legacy", "k8s"), "legacy 300 IN A 10.0.0.4", "legacy 300 IN AAAA 2001:db8::4",
				"legacy 300 IN TXT \"another\"", "legacy 300 IN CAA 0 issue \"ca.example.net\""},
			opts: Options{ExternalDNS: true},
			want: "- DELETE legacy.example.com CAA 0 issue \"ca.example.net\" ttl=300\n",
		},
		{
			name: "external-dns: a custom prefix",
			existing: []string{heritageTXT("extdns-a-www", "k8s"), "www 300 IN A 10.0.0.5",
				heritageTXT("extdns-a.web", "k8s"), "web 300 IN A 10.0.0.6",
				heritageTXT("EXTDNS-a", "k8s"), "@ 300 IN A 10.0.0.7",
				heritageTXT("extdns-svc", "k8s"), "svc 300 IN SRV 1 1 80 svc.example.net.",
				"mine 300 IN A 192.0.2.1"},
			opts: Options{ExternalDNS: true, ExternalDNSPrefix: "extdns-"},
			want: "- DELETE mine.example.com A 192.0.2.1 ttl=300\n",
		},
		{
			name:     "external-dns: without the prefix option, a prefixed owner owns its own label only",
			existing: []string{heritageTXT("extdns-a-www", "k8s"), "www 300 IN A 10.0.0.5"},
			opts:     Options{ExternalDNS: true},
			want:     "- DELETE www.example.com A 10.0.0.5 ttl=300\n",
		},
		{
			name:     "external-dns: a TXT without the heritage owns nothing",
			existing: []string{"a-foo 300 IN TXT \"owner=someone\"", "foo 300 IN A 10.0.0.8"},
			opts:     Options{ExternalDNS: true},
			want: "- DELETE a-foo.example.com TXT \"owner=someone\" ttl=300\n" +
				"- DELETE foo.example.com A 10.0.0.8 ttl=300\n",
		},
		{
			name:     "external-dns: off, its records go",
			existing: []string{heritageTXT("a-myapp", "k8s"), "myapp 300 IN A 10.0.0.1"},
			want: "- DELETE a-myapp.example.com TXT \"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/default/app\" ttl=300\n" +
				"- DELETE myapp.example.com A 10.0.0.1 ttl=300\n",
		},
		{
			name:     "external-dns: a configured set of an owned name belongs to the configuration",
			existing: []string{heritageTXT("a-myapp", "k8s"), "myapp 300 IN A 10.0.0.1"},
			desired:  []string{"myapp 300 IN A 192.0.2.1"},
			opts:     Options{ExternalDNS: true},
			want:     "± MODIFY myapp.example.com A (10.0.0.1 ttl=300) -> (192.0.2.1 ttl=300)\n",
		},
		{
			name:     "external-dns: its owner record stays inside a configured TXT set",
			existing: []string{heritageTXT("www", "k8s"), "www 300 IN A 10.0.0.1"},
			desired:  []string{"www 300 IN TXT \"v=spf1 -all\""},
			opts:     Options{ExternalDNS: true},
			want:     "+ CREATE www.example.com TXT \"v=spf1 -all\" ttl=300\n",
		},
		{
			name:     "external-dns: a Route 53 alias counts as the type it serves",
			existing: []string{heritageTXT("a-myapp", "k8s")},
			extra:    []*model.Record{aliasA},
			opts:     Options{ExternalDNS: true},
		},
		{
			name:     "external-dns: prefixes are not confused (aaaa- is not a- + aa)",
			existing: []string{heritageTXT("aaaa-x", "k8s"), "x 300 IN A 10.0.0.1", "aa-x 300 IN A 10.0.0.2"},
			opts:     Options{ExternalDNS: true},
			want:     "- DELETE aa-x.example.com A 10.0.0.2 ttl=300\n- DELETE x.example.com A 10.0.0.1 ttl=300\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			opts.Absent = recs(t, c.absent...)
			existing := append(recs(t, c.existing...), c.extra...)
			p, err := Compute(zone, existing, recs(t, c.desired...), opts)
			if len(c.wantError) > 0 {
				if err == nil {
					t.Fatalf("no error; plan:\n%s", render(p))
				}
				for _, w := range c.wantError {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := render(p); got != c.want {
				t.Errorf("plan:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestNoPurgeSetIdentity: NO_PURGE keeps sets by name, type and set
// identifier, as model.Key identifies them, so a weighted set the
// configuration drops stays while the one it declares changes.
func TestNoPurgeSetIdentity(t *testing.T) {
	mk := func(setID, data string) *model.Record {
		return &model.Record{Name: "www.example.com", Type: "A", TTL: 60, Data: data, SetID: setID,
			Meta: map[string]string{"weight": "1"}}
	}
	existing := []*model.Record{mk("west", "192.0.2.1"), mk("east", "192.0.2.2")}
	desired := []*model.Record{mk("west", "192.0.2.3")}
	p, err := Compute(zone, existing, desired, Options{KeepUnknown: true, MetaKeys: []string{"weight"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "± MODIFY www.example.com [west] A (192.0.2.1 ttl=60 weight=1) -> (192.0.2.3 ttl=60 weight=1)\n"
	if got := render(p); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
}

func TestDomainOptions(t *testing.T) {
	d := &model.Domain{KeepUnknown: true, Ignores: []model.Ignore{{Label: "x"}}, DisableIgnoreSafetyCheck: true,
		Absent: recs(t, "a 300 IN A 192.0.2.1"), IgnoreExternalDNS: true, ExternalDNSPrefix: "p-"}
	o := DomainOptions(d)
	if !o.KeepUnknown || len(o.Ignores) != 1 || !o.AllowIgnoredConfigured || len(o.Absent) != 1 || !o.ExternalDNS || o.ExternalDNSPrefix != "p-" {
		t.Errorf("DomainOptions = %+v", o)
	}
}
