package conformance_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/provider/bind"
	"github.com/dnsctl/dnsctl/internal/provider/conformance"
	_ "github.com/dnsctl/dnsctl/internal/provider/none"
	_ "github.com/dnsctl/dnsctl/internal/provider/route53"
	"github.com/dnsctl/dnsctl/internal/testutil/bindcheck"
	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

// TestMain isolates the Route 53 runs from the machine's AWS settings and
// stops moto at the end.
func TestMain(m *testing.M) { moto.IsolatedMain(m) }

// TestGroupsBIND runs the suite against zone files. The file each push
// writes is loaded by named-checkzone, a few at a time in the background
// (a check costs a process start, most of this test's time otherwise).
func TestGroupsBIND(t *testing.T) {
	if _, err := bindcheck.Path(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "zones")
	checks := newZoneChecks(t.TempDir())
	zone := "example.com"
	conformance.RunGroups(t, conformance.Target{
		Type:  bind.TypeName,
		Entry: map[string]string{"directory": dir},
		Zone:  zone,
		// A zone file loads only with NS records at its apex.
		Modifiers: `NAMESERVER("ns1.example.net.")`,
		AfterPush: func(t *testing.T) {
			checks.add(t, zone, filepath.Join(dir, zone+".zone"))
		},
	}, conformance.Groups())
	for _, err := range checks.wait() {
		t.Error(err)
	}
	t.Logf("named-checkzone loaded %d zone files", checks.n)
}

// zoneChecks loads copies of zone files in named-checkzone concurrently.
type zoneChecks struct {
	dir  string
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
	n    int
}

func newZoneChecks(dir string) *zoneChecks {
	return &zoneChecks{dir: dir, sem: make(chan struct{}, 4)}
}

// add checks a copy of the file at path as it is now, on behalf of t.
func (z *zoneChecks) add(t *testing.T, zone, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the zone file: %v", err)
	}
	z.mu.Lock()
	z.n++
	snap := filepath.Join(z.dir, fmt.Sprintf("%04d.zone", z.n))
	z.mu.Unlock()
	if err := os.WriteFile(snap, data, 0o600); err != nil {
		t.Fatal(err)
	}
	name := t.Name()
	z.wg.Add(1)
	go func() {
		defer z.wg.Done()
		z.sem <- struct{}{}
		defer func() { <-z.sem }()
		if err := bindcheck.Check(zone, snap); err != nil {
			z.mu.Lock()
			z.errs = append(z.errs, fmt.Errorf("%s: %w", name, err))
			z.mu.Unlock()
		}
	}()
}

// wait returns the complaints once every check is done.
func (z *zoneChecks) wait() []error {
	z.wg.Wait()
	return z.errs
}

// TestGroupsRoute53 runs the suite against moto through the real SDK.
func TestGroupsRoute53(t *testing.T) {
	srv := moto.Start(t)
	srv.Reset(t)
	conformance.RunGroups(t, conformance.Target{
		Type: "ROUTE53",
		Entry: map[string]string{
			"KeyId":        "AKIAIOSFODNN7EXAMPLE",
			"SecretKey":    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
			"Endpoint":     srv.URL(),
			"RateLimit":    "1000",
			"RetryTimeout": (20 * time.Second).String(),
		},
		Zone:        "example.com",
		BeforeGroup: func(t *testing.T) { srv.Reset(t) },
	}, conformance.Groups())
}
