package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"testing"
)

func TestFormatVersion(t *testing.T) {
	vcs := func(rev, tm, mod string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: tm},
			{Key: "vcs.modified", Value: mod},
		}
	}
	tests := []struct {
		name string
		v    string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", "dev", nil, "dev (go1.26.8 linux/amd64)"},
		{"devel, no vcs", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev (go1.26.8 linux/amd64)"},
		{"go install @version", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3 (go1.26.8 linux/amd64)"},
		{"ldflags win over module version", "v9.9.9", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v9.9.9 (go1.26.8 linux/amd64)"},
		{"clean clone", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("0123456789abcdef0123456789abcdef01234567", "2026-12-04T06:00:00Z", "false")},
			"dev (commit 0123456789ab 2026-12-04T06:00:00Z, go1.26.8 linux/amd64)"},
		{"dirty clone", "dev", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261204060000-0123456789ab+dirty"},
			Settings: vcs("0123456789abcdef0123456789abcdef01234567", "2026-12-04T06:00:00Z", "true")},
			"v0.0.0-20261204060000-0123456789ab+dirty (commit 0123456789ab 2026-12-04T06:00:00Z modified, go1.26.8 linux/amd64)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatVersion(tt.v, tt.bi, "go1.26.8", "linux/amd64"); got != tt.want {
				t.Errorf("formatVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionFromClone builds dnsctl with go build inside a throwaway git
// repository holding a copy of the module, as a user's clone would, and
// checks that version prints the commit and, once a file changes, "modified".
func TestVersionFromClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed to test the VCS stamp: %v", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null",
			"GOFLAGS=-buildvcs=auto") // go build's default stamps VCS information; the machine may turn it off
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	run("cp", "-r", filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"), filepath.Join(root, "cmd"), filepath.Join(root, "internal"), dir)
	run("git", "init", "-q")
	run("git", "add", "-A")
	run("git", "commit", "-q", "-m", "snapshot")
	rev := run("git", "rev-parse", "HEAD")[:12]
	bin := filepath.Join(t.TempDir(), "dnsctl")
	run("go", "build", "-o", bin, "./cmd/dnsctl")
	out := run(bin, "version")
	want := regexp.MustCompile(`^dnsctl \S+ \(commit ` + rev + ` \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, go1\.[0-9.]+ [a-z0-9]+/[a-z0-9]+\)\n$`)
	if !want.MatchString(out) {
		t.Errorf("version from a clean clone = %q, want it to match %s", out, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "extra.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("go", "build", "-o", bin, "./cmd/dnsctl")
	if out := run(bin, "--version"); !regexp.MustCompile(`^dnsctl \S+ \(commit ` + rev + ` \S+ modified, go`).MatchString(out) {
		t.Errorf("--version from a dirty clone = %q, want the commit marked modified", out)
	}
}
