package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/testutil/bindcheck"
)

// The README's main job, on the bundled example: check without warnings,
// push, and every zone file it writes loads in BIND (named-checkzone, as
// named loads a primary zone); a second preview finds nothing to do.
func TestExampleLoadsInBIND(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"dnsconfig.js", "creds.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args = append(args, "--config", filepath.Join(dir, "dnsconfig.js"), "--creds", filepath.Join(dir, "creds.json"))
		if code := Main(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("dnsctl %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	// creds.json names the directory "zones", relative to where dnsctl runs.
	t.Chdir(dir)

	if _, stderr := run("check"); stderr != "" {
		t.Errorf("check of the example warns:\n%s", stderr)
	}
	// create-domains writes the zones with their name servers (and the
	// address of ns1.example.com, inside example.com): BIND loads them.
	run("create-domains")
	n, err := bindcheck.Dir(filepath.Join(dir, "zones"))
	if err != nil {
		t.Error(err)
	}
	if n != 2 {
		t.Errorf("named-checkzone loaded %d zone files after create-domains, want the example's 2", n)
	}
	run("push")
	n, err = bindcheck.Dir(filepath.Join(dir, "zones"))
	if err != nil {
		t.Error(err)
	}
	if n != 2 {
		t.Errorf("named-checkzone loaded %d zone files, want the example's 2", n)
	}
	if out, _ := run("preview"); !strings.HasSuffix(out, "Done. 0 corrections.\n") {
		t.Errorf("preview after push:\n%s", out)
	}
}
