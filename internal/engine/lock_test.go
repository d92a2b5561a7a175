package engine

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dnsctl/dnsctl/internal/provider/bind"
)

// Push locks the directories of the run's BIND providers (those with a
// zone in the run) before it reads anything, and release frees them.
func TestLockTakesTheRunsDirectories(t *testing.T) {
	e := load(t, `
D("a.example", NewRegistrar("none"), DnsProvider(NewDnsProvider("one")));
D("b.example", NewRegistrar("none"), DnsProvider(NewDnsProvider("two")));
`, `{"one": {"TYPE": "BIND", "directory": "z1"}, "two": {"TYPE": "BIND", "directory": "z2"},
     "unused": {"TYPE": "BIND", "directory": "z3"}}`)
	var told []string
	release, err := e.Lock(context.Background(), func(m string) { told = append(told, m) })
	if err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(os.Getpid()) + "\n"
	for _, dir := range []string{"z1", "z2"} {
		if b, err := os.ReadFile(filepath.Join(dir, bind.LockName)); err != nil || string(b) != pid {
			t.Errorf("%s: lock file %q, %v; want our pid", dir, b, err)
		}
	}
	if _, err := os.Stat("z3"); err == nil {
		t.Error("the directory of a provider the run does not use was locked")
	}
	release()
	if b, err := os.ReadFile(filepath.Join("z1", bind.LockName)); err != nil || len(b) != 0 {
		t.Errorf("after release: %q, %v", b, err)
	}
	if len(told) != 0 {
		t.Errorf("waited for nobody: %v", told)
	}
}

// A zone push creates with nothing to hold still gets its file; so does
// one create-domains creates. EnsureZone alone writes nothing.
func TestCreatedZoneIsWritten(t *testing.T) {
	e := load(t, `D("a.example", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")));
D("b.example", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")));`,
		`{"bind": {"TYPE": "BIND", "directory": "zones"}}`)
	ctx := context.Background()
	dp := e.PlanDomain(ctx, e.Config.Domains[0])
	if len(dp.Providers) != 1 || !dp.Providers[0].ZoneMissing {
		t.Fatalf("plan: %+v", dp.Providers)
	}
	dp, err := e.EnsureZones(ctx, dp)
	if err != nil {
		t.Fatal(err)
	}
	if pp := dp.Providers[0]; !pp.Created || pp.ZoneMissing || len(pp.Plan.Changes) != 0 {
		t.Errorf("after EnsureZones: created %v, missing %v, %d changes", pp.Created, pp.ZoneMissing, len(pp.Plan.Changes))
	}
	if _, err := os.Stat("zones/a.example.zone"); err != nil {
		t.Error(err)
	}
	e.CreateZones(ctx, func(domain, _ string, created bool, err error) {
		if err != nil || created != (domain == "b.example") {
			t.Errorf("%s: created %v, %v", domain, created, err)
		}
	})
	if _, err := os.Stat("zones/b.example.zone"); err != nil {
		t.Error(err)
	}
}
