package engine

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestPopulateOnPreviewAndBindSerial: PopulateOnPreview creates a missing
// zone (a BIND file with what create-domains writes) and plans again
// against it, so the plan holds the records but not the zone's creation;
// with BindSerial every file written carries that serial; NoPopulate
// creates nothing.
func TestPopulateOnPreviewAndBindSerial(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("creds.json", []byte(`{"bind": {"TYPE": "BIND", "directory": "zones"}}`), 0o644)
	os.WriteFile("dnsconfig.js", []byte(`D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")),
  NAMESERVER("ns1.example.net."), A("www", "192.0.2.1"));`), 0o644)
	ctx := context.Background()
	opts := Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json", BindSerial: 31337}

	noPop := opts
	noPop.NoPopulate = true
	e, err := Load(ctx, noPop)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := e.PopulateOnPreview(ctx, e.PlanDomain(ctx, e.Config.Domains[0]))
	if err != nil || !dp.Providers[0].ZoneMissing {
		t.Fatalf("--no-populate: %v, zone missing %v", err, dp.Providers[0].ZoneMissing)
	}
	if _, err := os.Stat("zones/example.com.zone"); err == nil {
		t.Fatal("--no-populate created the zone")
	}

	e, err = Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	dp = e.PlanDomain(ctx, e.Config.Domains[0])
	if !dp.Providers[0].ZoneMissing {
		t.Fatal("the zone should be missing")
	}
	dp, err = e.PopulateOnPreview(ctx, dp)
	if err != nil {
		t.Fatal(err)
	}
	pp := dp.Providers[0]
	if pp.ZoneMissing || !pp.Created {
		t.Errorf("after populating: missing %v, created %v", pp.ZoneMissing, pp.Created)
	}
	if got := strings.Join(lines(pp), "\n"); got != "+ CREATE www.example.com A 192.0.2.1 ttl=300" {
		t.Errorf("plan against the new zone:\n%s", got)
	}
	b, err := os.ReadFile("zones/example.com.zone")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), " 31337 ") || strings.Contains(string(b), "192.0.2.1") {
		t.Errorf("new zone file:\n%s", b)
	}
	if err := e.Apply(ctx, pp, pp.Plan); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile("zones/example.com.zone")
	if !strings.Contains(string(b), " 31337 ") || !strings.Contains(string(b), "192.0.2.1") {
		t.Errorf("zone file after push:\n%s", b)
	}
}
