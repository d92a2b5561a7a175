package bind

import (
	"context"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/provider"
)

func TestProviderMeta(t *testing.T) {
	for _, tc := range []struct {
		name    string
		meta    map[string]any
		ns      []string
		soa     string // the default SOA of "example.org" without apex NS
		soaTTL  uint32
		wantErr string
	}{
		{name: "none", soa: "ns1.example.org. hostmaster.example.org. 0 3600 600 604800 1440", soaTTL: 3600},
		{
			name: "documented example",
			meta: map[string]any{
				"default_soa": map[string]any{"master": "ns1.example.com.", "mbox": "spamtrap.example.com.",
					"refresh": int64(7200), "retry": int64(900), "expire": float64(1209600), "minttl": "300", "ttl": int64(86400)},
				"default_ns": []any{"ns1.example.com.", "NS2.Example.com."},
			},
			ns:     []string{"ns1.example.com.", "ns2.example.com."},
			soa:    "ns1.example.com. spamtrap.example.com. 0 7200 900 1209600 300",
			soaTTL: 86400,
		},
		{
			name:   "address mailbox, serial, partial",
			meta:   map[string]any{"default_soa": map[string]any{"mbox": "dns.admin@example.com", "serial": int64(2020010100)}},
			soa:    "ns1.example.org. dns\\.admin.example.com. 2020010100 3600 600 604800 1440",
			soaTTL: 3600,
		},
		{name: "unknown keys ignored", meta: map[string]any{"whatever": true}, soa: "ns1.example.org. hostmaster.example.org. 0 3600 600 604800 1440", soaTTL: 3600},
		{name: "dotless ns", meta: map[string]any{"default_ns": []any{"ns1.example.com"}}, wantErr: `default_ns[0] "ns1.example.com" must be a fully qualified name ending in a dot`},
		{name: "empty ns", meta: map[string]any{"default_ns": []any{""}}, wantErr: `default_ns[0] must be a name server name, not ""`},
		{name: "ns not a list", meta: map[string]any{"default_ns": "ns1.example.com."}, wantErr: "default_ns must be a list"},
		{name: "bad number", meta: map[string]any{"default_soa": map[string]any{"refresh": "soon"}}, wantErr: `default_soa.refresh must be a number from 0 to 4294967295, not "soon"`},
		{name: "negative", meta: map[string]any{"default_soa": map[string]any{"retry": int64(-1)}}, wantErr: "default_soa.retry must be a number"},
		{name: "bad master", meta: map[string]any{"default_soa": map[string]any{"master": "ns 1.example.com."}}, wantErr: "default_soa: "},
		{name: "soa not object", meta: map[string]any{"default_soa": []any{}}, wantErr: "default_soa must be an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			impl, err := newFromEntry(context.Background(), provider.Entry{Name: "bind", Type: TypeName,
				Fields: map[string]string{"directory": t.TempDir()}, Meta: tc.meta})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p := impl.(*Provider)
			ns, err := p.Nameservers(context.Background(), "example.org")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ns, " ") != strings.Join(tc.ns, " ") {
				t.Errorf("Nameservers = %q, want %q", ns, tc.ns)
			}
			soa, err := p.defaultSOA("example.org", nil)
			if err != nil {
				t.Fatal(err)
			}
			if soa.Data != tc.soa || soa.TTL != tc.soaTTL {
				t.Errorf("default SOA = %d %q, want %d %q", soa.TTL, soa.Data, tc.soaTTL, tc.soa)
			}
		})
	}
}
