package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

// Colours appear only when stdout is a terminal, and --no-colors turns them
// off there too. The terminal is util-linux's script(1).
func TestColoursOnlyOnTerminal(t *testing.T) {
	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Fatalf("script(1) from util-linux is needed to give dnsctl a terminal: %v", err)
	}
	bin := buildDnsctl(t)
	dir := t.TempDir()
	for name, data := range map[string]string{
		"creds.json":   `{ "bind": { "TYPE": "BIND", "directory": "zones" } }`,
		"dnsconfig.js": `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")), A("www", "192.0.2.1"));`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(onTerminal bool, args ...string) string {
		t.Helper()
		var cmd *exec.Cmd
		if onTerminal {
			cmd = exec.Command(scriptCmd, "-qec", bin+" "+strings.Join(args, " "), "/dev/null")
		} else {
			cmd = exec.Command(bin, args...)
		}
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("dnsctl %v (terminal %v): %v\n%s", args, onTerminal, err, out)
		}
		return string(out)
	}
	const green = "\x1b[32m+ CREATE www.example.com A 192.0.2.1 ttl=300\x1b[0m"
	if out := run(true, "preview"); !strings.Contains(out, green) {
		t.Errorf("no colour on a terminal:\n%q", out)
	}
	if out := run(true, "preview", "--no-colors"); strings.Contains(out, "\x1b[") {
		t.Errorf("--no-colors still colours:\n%q", out)
	}
	if out := run(false, "preview"); strings.Contains(out, "\x1b[") || !strings.Contains(out, "+ CREATE www.example.com") {
		t.Errorf("colour (or no plan) in a pipe:\n%q", out)
	}
}

// A run that lasts more than a few seconds shows "zones done/total, API
// calls" on a terminal, on a line of its own that the zones' output does
// not run into. Here RateLimit 2/s makes 4 zones take about 5 s.
func TestProgressOnTerminal(t *testing.T) {
	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Fatalf("script(1) from util-linux is needed to give dnsctl a terminal: %v", err)
	}
	srv := moto.Start(t)
	srv.Reset(t)
	bin := buildDnsctl(t)
	dir := t.TempDir()
	creds := fmt.Sprintf(`{ "r53": { "TYPE": "ROUTE53", "KeyId": %q, "SecretKey": %q, "Endpoint": %q, "RateLimit": "2" } }`, r53KeyID, r53Secret, srv.URL())
	js := `var R = NewRegistrar("none"), P = NewDnsProvider("r53");
["p1.tld", "p2.tld", "p3.tld", "p4.tld"].forEach(z => D(z, R, DnsProvider(P), A("www", "192.0.2.1")));`
	for name, data := range map[string]string{"creds.json": creds, "dnsconfig.js": js, ".aws-config": "", ".aws-credentials": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(scriptCmd, "-qec", bin+" push --no-colors", "/dev/null")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE="+filepath.Join(dir, ".aws-config"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, ".aws-credentials"), "AWS_EC2_METADATA_DISABLED=true")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("push: %v\n%s", err, out)
	}
	s := string(out)
	if !regexp.MustCompile(`\r(planning|pushing): [0-4]/4 zones, [0-9]+ API calls`).MatchString(s) || !strings.Contains(s, "pushing: 4/4 zones, ") {
		t.Errorf("no progress line:\n%q", s)
	}
	// Zone output starts on a clean line: the progress line is erased
	// ("\r\x1b[K") before anything else is written after it.
	if regexp.MustCompile(`API calls\x1b\[K[^\r]`).MatchString(s) {
		t.Errorf("zone output runs into the progress line:\n%q", s)
	}
	if strings.Count(s, "SUCCESS!") != 4 {
		t.Errorf("not every zone was pushed:\n%q", s)
	}
}
