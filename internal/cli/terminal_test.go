package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
