package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDockerImage builds the image from the repository's Dockerfile and runs
// `dnsctl version` and `dnsctl check` in it with a directory mounted at
// /work. It needs a working container tool: where `docker info` fails, the
// test says so and is skipped.
func TestDockerImage(t *testing.T) {
	if out, err := exec.Command("docker", "info").CombinedOutput(); err != nil {
		t.Skipf("skipped: no working container tool (docker info: %v: %s)", err, lastLine(string(out)))
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tag := "dnsctl-test:" + strings.ToLower(filepath.Base(t.TempDir()))
	if out, err := exec.Command("docker", "build", "--build-arg", "VERSION=v0.0.1-test", "-t", tag, root).CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("docker", "rmi", "-f", tag).Run() })
	out, err := exec.Command("docker", "run", "--rm", tag, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "dnsctl v0.0.1-test (") {
		t.Errorf("docker run version = %q, %v; want dnsctl v0.0.1-test (…)", out, err)
	}
	work := t.TempDir()
	if err := os.Chmod(work, 0o755); err != nil {
		t.Fatal(err)
	}
	config := `D("example.com", NewRegistrar("none"), A("@", "192.0.2.1"));` + "\n"
	if err := os.WriteFile(filepath.Join(work, "dnsconfig.js"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command("docker", "run", "--rm", "-v", work+":/work", tag, "check").CombinedOutput()
	if err != nil {
		t.Errorf("docker run check with the directory mounted: %v\n%s", err, out)
	}
}

// lastLine is the last line of s: docker info ends with the reason it failed.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
