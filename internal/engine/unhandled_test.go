package engine

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestUnhandled: providers of DNSControl types dnsctl lacks do not stop
// the run. A domain needing such a DNS provider is set aside (named, when
// --domains named it exactly); one whose registrar is such only loses its
// registrar part; --providers and _exclude_from_defaults decide first
// (ns1 is excluded from the default run).
func TestUnhandled(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("creds.json", []byte(`{
  "bind": {"TYPE": "BIND", "directory": "zones"},
  "cf": {"TYPE": "CLOUDFLAREAPI"},
  "ns1": {"TYPE": "NS1", "_exclude_from_defaults": "true"},
  "gandi": {"TYPE": "GANDI_V5"}
}`), 0o644)
	os.WriteFile("dnsconfig.js", []byte(`
var NONE = NewRegistrar("none"), BIND = NewDnsProvider("bind");
D("a.example", NONE, DnsProvider(BIND), NAMESERVER("ns1.example.net."));
D("cf.example", NONE, DnsProvider(NewDnsProvider("cf", "CLOUDFLAREAPI")));
D("mixed.example", NONE, DnsProvider(BIND), DnsProvider("cf"), NAMESERVER("ns1.example.net."));
D("ns1.example", NONE, DnsProvider(BIND), DnsProvider(NewDnsProvider("ns1")), NAMESERVER("ns1.example.net."));
D("reg.example", NewRegistrar("gandi"), DnsProvider(BIND), NAMESERVER("ns1.example.net."));
`), 0o644)
	for _, tc := range []struct {
		domains, providers string
		run                []string
		unhandled          []string // domain, "R" for a registrar, "!" when named
		named              bool
	}{
		{"", "", []string{"a.example", "ns1.example", "reg.example"}, []string{"cf.example", "mixed.example", "reg.example R"}, false},
		{"cf.example,a.example", "", []string{"a.example"}, []string{"cf.example !"}, true},
		{"*.example", "", []string{"a.example", "ns1.example", "reg.example"}, []string{"cf.example", "mixed.example", "reg.example R"}, false},
		{"reg.example", "", []string{"reg.example"}, []string{"reg.example R"}, false},
		// A domain none of whose providers is selected stays in the run with
		// nothing to do, as before; registrars run only when --providers
		// names them.
		{"", "bind", []string{"a.example", "cf.example", "mixed.example", "ns1.example", "reg.example"}, nil, false},
		{"", "ns1", []string{"a.example", "cf.example", "mixed.example", "reg.example"}, []string{"ns1.example"}, false},
		{"", "bind,cf", []string{"a.example", "ns1.example", "reg.example"}, []string{"cf.example", "mixed.example"}, false},
		{"", "bind,gandi", []string{"a.example", "cf.example", "mixed.example", "ns1.example", "reg.example"}, []string{"reg.example R"}, false},
	} {
		e, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json", Domains: tc.domains, Providers: tc.providers})
		if err != nil {
			t.Errorf("%q/%q: %v", tc.domains, tc.providers, err)
			continue
		}
		var run, un []string
		for _, d := range e.Config.Domains {
			run = append(run, d.UniqueName())
		}
		for _, u := range e.Unhandled {
			s := u.Domain
			if u.Registrar {
				s += " R"
			}
			if u.Named {
				s += " !"
			}
			un = append(un, s)
			if !strings.Contains(u.String(), "dnsctl does not have") || !strings.Contains(u.String(), u.Type) {
				t.Errorf("unclear line: %s", u)
			}
		}
		if !slices.Equal(run, tc.run) || !slices.Equal(un, tc.unhandled) || e.UnhandledNamed() != tc.named {
			t.Errorf("--domains %q --providers %q: run %v, unhandled %v (named %v); want %v, %v (%v)",
				tc.domains, tc.providers, run, un, e.UnhandledNamed(), tc.run, tc.unhandled, tc.named)
		}
	}
}
