package conformance_test

import (
	"os"
	"path/filepath"
	"strings"
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
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			os.Unsetenv(k)
		}
	}
	dir, err := os.MkdirTemp("", "conformance-aws")
	if err != nil {
		panic(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		panic(err)
	}
	os.Setenv("AWS_CONFIG_FILE", empty)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	code := 0
	func() {
		defer os.RemoveAll(dir)
		defer moto.Stop()
		code = m.Run()
	}()
	os.Exit(code)
}

// TestGroupsBIND runs the suite against zone files, each written file
// loaded by named-checkzone.
func TestGroupsBIND(t *testing.T) {
	if _, err := bindcheck.Path(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "zones")
	zone := "example.com"
	conformance.RunGroups(t, conformance.Target{
		Type:  bind.TypeName,
		Entry: map[string]string{"directory": dir},
		Zone:  zone,
		// A zone file loads only with NS records at its apex.
		Modifiers: `NAMESERVER("ns1.example.net.")`,
		AfterPush: func(t *testing.T) {
			bindcheck.File(t, zone, filepath.Join(dir, zone+".zone"))
		},
	}, conformance.Groups())
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
