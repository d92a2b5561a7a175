// Package conformance is the provider test suite written once and run
// against every DNS provider: a sequence of steps, each a desired zone;
// every step is planned and applied, the zone is read back and must match,
// and planning again must find nothing to do.
package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Step is one desired state of the test zone.
type Step struct {
	Name string
	// Zone is the desired zone in zone-file syntax, relative to the zone.
	Zone string
	// Records are added to Zone (for what zone files cannot say, like aliases).
	Records func(zone string) []*model.Record
	// KeepUnknown and Ignores are the diff options of the step.
	KeepUnknown bool
	Ignores     []model.Ignore
	// Expect is the number of record-level corrections the step needs, or
	// -1 when not checked.
	Expect int
	// Need lists record types the step needs; it is skipped for providers
	// that serve none of them.
	Need []string
}

// Steps is the standard sequence. Steps build on each other.
func Steps() []Step {
	long := strings.Repeat("0123456789", 30) // 300 bytes: two strings on the wire
	return []Step{
		{Name: "empty", Zone: "", Expect: -1},
		{Name: "basic", Zone: `
@ 300 IN A 192.0.2.1
www 300 IN A 192.0.2.2
www 300 IN A 192.0.2.3
v6 300 IN AAAA 2001:db8::1
alias 300 IN CNAME www
@ 300 IN MX 10 mail.example.net.
@ 300 IN MX 20 mail2
@ 300 IN TXT "v=spf1 -all"
`, Expect: 8},
		{Name: "ttl change", Zone: `
@ 600 IN A 192.0.2.1
www 300 IN A 192.0.2.2
www 300 IN A 192.0.2.3
v6 300 IN AAAA 2001:db8::1
alias 300 IN CNAME www
@ 300 IN MX 10 mail.example.net.
@ 300 IN MX 20 mail2
@ 300 IN TXT "v=spf1 -all"
`, Expect: 1},
		{Name: "set shrinks, data changes, record goes", Zone: `
@ 600 IN A 192.0.2.1
www 300 IN A 192.0.2.2
v6 300 IN AAAA 2001:db8::2
alias 300 IN CNAME v6
@ 300 IN MX 10 mail.example.net.
@ 300 IN TXT "v=spf1 -all"
`, Expect: 4},
		{Name: "wildcards and apex", Zone: `
@ 600 IN A 192.0.2.1
* 300 IN A 192.0.2.9
*.sub 300 IN CNAME www
www 300 IN A 192.0.2.2
`, Expect: -1},
		{Name: "tricky TXT", Zone: `
@ 600 IN A 192.0.2.1
q 300 IN TXT "say \"hi\""
b 300 IN TXT "back\\slash"
s 300 IN TXT "semi;colon; v=DKIM1"
l 300 IN TXT "` + long + `"
split 300 IN TXT "first part " "second part"
e 300 IN TXT ""
u 300 IN TXT "caf\195\169"
`, Expect: -1},
		{Name: "every type", Need: []string{"SRV", "CAA", "PTR", "SSHFP", "TLSA", "HTTPS", "SVCB", "DS", "NAPTR", "LOC", "NS"}, Zone: `
@ 600 IN A 192.0.2.1
_sip._tcp 300 IN SRV 10 60 5060 sip.example.net.
@ 300 IN CAA 0 issue "letsencrypt.org"
@ 300 IN CAA 128 iodef "mailto:sec@example.com"
1.2 300 IN PTR host.example.net.
ssh 300 IN SSHFP 1 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
_443._tcp 300 IN TLSA 3 1 1 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789
svc 300 IN HTTPS 1 . alpn="h2,h3"
svcb 300 IN SVCB 1 svc.example.net. port=8443
sub 300 IN NS ns1.example.net.
sub 300 IN DS 12345 13 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
naptr 300 IN NAPTR 100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .
loc 300 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m
`, Expect: -1},
		{Name: "IDN", Zone: `
@ 600 IN A 192.0.2.1
xn--bcher-kva 300 IN A 192.0.2.7
www 300 IN CNAME xn--bcher-kva.example.net.
`, Expect: -1},
		{Name: "ignore keeps unmanaged records", Zone: `
@ 600 IN A 192.0.2.1
`, Ignores: []model.Ignore{{Label: "www"}, {Label: "xn--*"}}, Expect: 0},
		{Name: "no purge adds only", Zone: `
@ 600 IN A 192.0.2.1
new 300 IN A 192.0.2.8
`, KeepUnknown: true, Expect: 1},
		{Name: "large zone", Zone: largeZone(1200), Expect: -1},
		{Name: "large zone changed", Zone: largeZoneChanged(1200), Expect: 12},
		{Name: "cleanup", Zone: "", Expect: -1},
	}
}

func largeZone(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "h%d 300 IN A 10.0.%d.%d\n", i, i/250, i%250)
	}
	return b.String()
}

func largeZoneChanged(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		ttl := 300
		if i%100 == 0 {
			ttl = 600
		}
		fmt.Fprintf(&b, "h%d %d IN A 10.0.%d.%d\n", i, ttl, i/250, i%250)
	}
	return b.String()
}

// ZoneFileNS are the apex NS records every step's zone gets for a provider
// whose zones a name server loads from files (Capabilities.ZoneFiles).
const ZoneFileNS = `
@ 3600 IN NS ns1.example.net.
@ 3600 IN NS ns2.example.net.
`

// Run runs the steps against p on zone, which the caller has created (or
// which p creates on its first Apply).
func Run(t *testing.T, p provider.DNS, zone string, steps []Step) {
	t.Helper()
	ctx := context.Background()
	caps := p.Capabilities()
	for _, st := range steps {
		if !supportsAny(caps, st.Need) {
			t.Logf("step %q skipped: provider serves none of %v", st.Name, st.Need)
			continue
		}
		ok := t.Run(st.Name, func(t *testing.T) {
			desired := parseZone(t, zone, st.Zone, caps)
			if caps.ZoneFiles {
				// A name server loads a zone file only with NS records at
				// its apex, and the provider's tests load each file written.
				desired = append(desired, parseZone(t, zone, ZoneFileNS, caps)...)
			}
			if st.Records != nil {
				desired = append(desired, st.Records(zone)...)
			}
			opts := diff.Options{KeepUnknown: st.KeepUnknown, Ignores: st.Ignores, MetaKeys: caps.MetaKeys}
			plan := planFor(t, ctx, p, zone, desired, opts)
			if st.Expect >= 0 {
				if got := corrections(plan); got != st.Expect {
					t.Errorf("first plan has %d corrections, want %d:\n%s", got, st.Expect, render(plan))
				}
			}
			if err := p.Apply(ctx, plan); err != nil {
				t.Fatalf("apply: %v", err)
			}
			again := planFor(t, ctx, p, zone, desired, opts)
			if len(again.Changes) != 0 {
				t.Fatalf("zone does not converge; after apply the plan is still:\n%s", render(again))
			}
		})
		if !ok {
			t.Fatalf("step %q failed; later steps build on it", st.Name)
		}
	}
}

func supportsAny(caps provider.Capabilities, types []string) bool {
	if len(types) == 0 {
		return true
	}
	for _, typ := range types {
		if caps.Supports(typ) {
			return true
		}
	}
	return false
}

func planFor(t *testing.T, ctx context.Context, p provider.DNS, zone string, desired []*model.Record, opts diff.Options) *diff.Plan {
	t.Helper()
	existing, err := p.Records(ctx, zone)
	if err != nil && !isMissing(err) {
		t.Fatalf("records: %v", err)
	}
	want := make([]*model.Record, len(desired))
	for i, r := range desired {
		want[i] = r.Clone()
	}
	if prep, ok := p.(provider.Preparer); ok {
		if err := prep.Prepare(ctx, zone, want); err != nil {
			t.Fatalf("prepare: %v", err)
		}
	}
	plan, err := diff.Compute(zone, existing, want, opts)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	return plan
}

func isMissing(err error) bool {
	return errors.Is(err, provider.ErrZoneNotFound)
}

// parseZone reads zone-file text into canonical records, dropping types the
// provider does not serve.
func parseZone(t *testing.T, zone, text string, caps provider.Capabilities) []*model.Record {
	t.Helper()
	var out []*model.Record
	zp := dns.NewZoneParser(strings.NewReader(text), zone+".", "step")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		r := model.FromRR(rr)
		if caps.Supports(r.Type) {
			out = append(out, r)
		}
	}
	if err := zp.Err(); err != nil {
		t.Fatalf("step zone: %v", err)
	}
	return out
}

func corrections(p *diff.Plan) int {
	n := 0
	for _, c := range p.Changes {
		n += len(c.Lines(p.MetaKeys))
	}
	return n
}

func render(p *diff.Plan) string {
	var b strings.Builder
	for _, c := range p.Changes {
		for _, l := range c.Lines(p.MetaKeys) {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
