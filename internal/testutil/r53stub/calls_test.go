package r53stub_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/cli"
	"github.com/dnsctl/dnsctl/internal/testutil/gen"
	"github.com/dnsctl/dnsctl/internal/testutil/r53stub"
)

// env runs dnsctl in process against a stub in a directory of its own.
type env struct {
	t    testing.TB
	dir  string
	stub *r53stub.Stub
}

func newEnv(t testing.TB, zones, records int) *env {
	t.Helper()
	stub := r53stub.New(zones, records)
	srv := httptest.NewServer(stub)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	creds := fmt.Sprintf(`{"r53":{"TYPE":"ROUTE53","KeyId":"AKIAIOSFODNN7EXAMPLE","SecretKey":"stub","Endpoint":%q,"RateLimit":"1000"}}`, srv.URL)
	if err := os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644); err != nil {
		t.Fatal(err)
	}
	// Nothing of the machine's AWS configuration.
	for _, f := range []string{".aws-config", ".aws-credentials"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, ".aws-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, ".aws-credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Chdir(dir)
	return &env{t: t, dir: dir, stub: stub}
}

var doneLine = regexp.MustCompile(`Done\. (\d+) corrections`)

// run runs one dnsctl command and returns the corrections it reported and
// the calls the stub served for it.
func (e *env) run(args ...string) (int, map[string]int) {
	e.t.Helper()
	e.stub.ResetCounts()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), append(args, "--no-colors"), strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		e.t.Fatalf("dnsctl %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	m := doneLine.FindStringSubmatch(stdout.String())
	if m == nil {
		e.t.Fatalf("dnsctl %s: no \"Done. N corrections\" line in\n%s", strings.Join(args, " "), stdout.String())
	}
	n, _ := strconv.Atoi(m[1])
	return n, e.stub.Counts()
}

// TestPreviewAndPushCalls: over 250 zones of 50 records (registrar NONE,
// the split configuration of gen.WriteDir), a preview costs the API
// minimum, ceil(250/100) zone pages and one record listing per zone, with
// no per-zone GetHostedZone; a 1% change costs the same to preview, and
// its push adds one ChangeResourceRecordSets per changed zone, after
// which nothing is left to change. It fails if a per-zone call comes back.
func TestPreviewAndPushCalls(t *testing.T) {
	const zones, records = 250, 50
	e := newEnv(t, zones, records)
	base := gen.Options{Domains: zones, Records: records, Provider: "r53"}
	if err := gen.WriteDir(e.dir, base); err != nil {
		t.Fatal(err)
	}
	read := map[string]int{"ListHostedZones": 3, "ListResourceRecordSets": zones}
	// With 50 records a zone, 1% changed is record 0 of every zone.
	changedZones := zones
	push := maps.Clone(read)
	push["ChangeResourceRecordSets"] = changedZones

	changed := base
	changed.Changed = 0.01
	for _, step := range []struct {
		name      string
		opts      gen.Options
		args      []string
		wantCalls map[string]int
		// wantCorrections < 0: any positive number.
		wantCorrections int
	}{
		{"preview, no change", base, []string{"preview"}, read, 0},
		{"preview, 1% changed", changed, []string{"preview"}, read, -1},
		{"push, 1% changed", changed, []string{"push"}, push, -1},
		{"preview after the push", changed, []string{"preview"}, read, 0},
		{"push back to the baseline", base, []string{"push"}, push, -1},
		{"preview of the baseline again", base, []string{"preview"}, read, 0},
	} {
		if err := gen.WriteDir(e.dir, step.opts); err != nil {
			t.Fatal(err)
		}
		n, calls := e.run(step.args...)
		if !maps.Equal(calls, step.wantCalls) {
			t.Errorf("%s: calls %v, want %v", step.name, calls, step.wantCalls)
		}
		switch {
		case step.wantCorrections < 0 && n < changedZones:
			t.Errorf("%s: %d corrections, want at least one per changed zone (%d)", step.name, n, changedZones)
		case step.wantCorrections >= 0 && n != step.wantCorrections:
			t.Errorf("%s: %d corrections, want %d", step.name, n, step.wantCorrections)
		}
	}
}
