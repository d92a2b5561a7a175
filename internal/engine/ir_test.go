package engine

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDNSControlIRRecords: each record type of DNSControl's IR becomes the
// record the DSL would have produced (data in zone-file syntax).
func TestDNSControlIRRecords(t *testing.T) {
	for _, tc := range []struct {
		json string
		data string
		meta map[string]string
	}{
		{`{"type":"A","name":"www","target":"192.0.2.1"}`, "192.0.2.1", nil},
		{`{"type":"MX","name":"@","mxpreference":10,"target":"mail.example.com."}`, "10 mail.example.com.", nil},
		{`{"type":"MX","name":"@","target":"."}`, "0 .", nil},
		{`{"type":"SRV","name":"_sip._tcp","srvpriority":1,"srvweight":2,"srvport":5060,"target":"sip."}`, "1 2 5060 sip.", nil},
		{`{"type":"CAA","name":"@","caaflag":128,"caatag":"issue","target":"ca.example; x=\"y\""}`, `128 issue "ca.example; x=\"y\""`, nil},
		{`{"type":"DS","name":"sub","dskeytag":2371,"dsalgorithm":13,"dsdigesttype":2,"dsdigest":"ABCD"}`, "2371 13 2 ABCD", nil},
		{`{"type":"SSHFP","name":"h","sshfpalgorithm":4,"sshfpfingerprint":2,"target":"abcd"}`, "4 2 abcd", nil},
		{`{"type":"TLSA","name":"_443._tcp","tlsausage":3,"tlsaselector":1,"tlsamatchingtype":1,"target":"abcd"}`, "3 1 1 abcd", nil},
		{`{"type":"NAPTR","name":"@","naptrorder":100,"naptrpreference":10,"naptrflags":"U","naptrservice":"E2U+sip","naptrregexp":"!^.*$!sip:x@example.com!","target":"."}`,
			`100 10 "U" "E2U+sip" "!^.*$!sip:x@example.com!" .`, nil},
		{`{"type":"HTTPS","name":"@","svcpriority":1,"target":".","svcparams":"alpn=h2"}`, "1 . alpn=h2", nil},
		{`{"type":"TXT","name":"@","target":"v=spf1 -all"}`, "v=spf1 -all", nil},
		{`{"type":"R53_ALIAS","name":"@","target":"lb.example.com.","r53_alias":{"type":"A","zone_id":"Z1","evaluate_target_health":"true"}}`,
			"lb.example.com.", map[string]string{"alias_type": "A", "zone_id": "Z1", "evaluate_target_health": "true"}},
		{`{"type":"R53_ALIAS","name":"@","target":"www.example.com.","r53_alias":{"type":"AAAA"}}`,
			"www.example.com.", map[string]string{"alias_type": "AAAA", "evaluate_target_health": "false"}},
	} {
		var rc dcRecord
		if err := json.Unmarshal([]byte(tc.json), &rc); err != nil {
			t.Fatal(err)
		}
		r, err := rc.record("ir.json")
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		if r.Data != tc.data || !maps.Equal(r.Meta, tc.meta) || r.Name != rc.Name {
			t.Errorf("%s:\n got %q %v\nwant %q %v", tc.json, r.Data, r.Meta, tc.data, tc.meta)
		}
	}
}

// TestOwnIRNulls: null entries in print-ir's lists are refused with an
// error naming them (they made --ir panic).
func TestOwnIRNulls(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"domains":[null]}`, "domains[0] is null"},
		{`{"registrars":[null]}`, "registrars[0] is null"},
		{`{"dns_providers":[null]}`, "dns_providers[0] is null"},
		{`{"domains":[{"name":"example.com","records":[null]}]}`, "domain example.com: records[0] is null"},
		{`{"domains":[{"name":"example.com","recordsabsent":[null]}]}`, "domain example.com: recordsabsent[0] is null"},
	} {
		path := filepath.Join(t.TempDir(), "ir.json")
		if err := os.WriteFile(path, []byte(tc.json), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadIR(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.json, err, tc.want)
		}
	}
}

// TestIRZeroTTL: a record whose ttl is 0 or missing gets 300, as
// DNSControl's normalisation and the DSL's TTL(0) give it, in both forms
// of IR (it was pushed with TTL 0).
func TestIRZeroTTL(t *testing.T) {
	for _, tc := range []struct{ name, json string }{
		{"own", `{"domains":[{"name":"example.com","records":[{"name":"www.example.com","type":"A","ttl":0,"data":"192.0.2.1"}]}]}`},
		{"dnscontrol", `{"domains":[{"name":"example.com","dnsProviders":{"bind":-1},"records":[{"type":"A","name":"www","target":"192.0.2.1"}]}]}`},
	} {
		path := filepath.Join(t.TempDir(), "ir.json")
		if err := os.WriteFile(path, []byte(tc.json), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := loadIR(path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := cfg.Domains[0].Records[0].TTL; got != 300 {
			t.Errorf("%s: TTL %d, want 300", tc.name, got)
		}
	}
}

// TestDNSControlIRDomainSettings: rawrecords (records DNSControl had not
// converted) are refused rather than dropped, which deleted them at the
// provider; DISABLE_IGNORE_SAFETY_CHECK is read.
func TestDNSControlIRDomainSettings(t *testing.T) {
	write := func(s string) string {
		path := filepath.Join(t.TempDir(), "ir.json")
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	_, err := loadIR(write(`{"domains":[{"name":"example.com","dnsProviders":{"bind":-1},"records":[],
		"rawrecords":[{"type":"DS","args":["sub",1,13,2,"ABCD"]}]}]}`))
	if err == nil || !strings.Contains(err.Error(), "rawrecords") {
		t.Errorf("rawrecords: got %v, want them refused", err)
	}
	cfg, err := loadIR(write(`{"domains":[{"name":"example.com","dnsProviders":{"bind":-1},"records":[],
		"unmanaged_disable_safety_check":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Domains[0].DisableIgnoreSafetyCheck {
		t.Error("unmanaged_disable_safety_check was not read")
	}
}

// TestDNSControlIRNameserverTTL: NAMESERVER_TTL, which DNSControl's IR
// keeps as the domain's meta ns_ttl, sets the apex NS TTL (it was left as
// meta, so the apex NS got another TTL than in DNSControl).
func TestDNSControlIRNameserverTTL(t *testing.T) {
	for _, tc := range []struct {
		ttl  string
		want uint32
		err  bool
	}{{"3600", 3600, false}, {"soon", 0, true}} {
		path := filepath.Join(t.TempDir(), "ir.json")
		js := `{"domains":[{"name":"example.com","dnsProviders":{"bind":-1},"records":[],"meta":{"ns_ttl":"` + tc.ttl + `"}}]}`
		if err := os.WriteFile(path, []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := loadIR(path)
		if tc.err {
			if err == nil || !strings.Contains(err.Error(), "ns_ttl") {
				t.Errorf("%s: got %v, want an error naming ns_ttl", tc.ttl, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if d := cfg.Domains[0]; d.NameserverTTL != tc.want || d.Meta["ns_ttl"] != "" {
			t.Errorf("%s: NameserverTTL %d meta %v, want %d and no meta", tc.ttl, d.NameserverTTL, d.Meta, tc.want)
		}
	}
}
