package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReferenceUpToDate regenerates the command reference into a temporary
// directory and fails when docs/reference differs from it.
func TestReferenceUpToDate(t *testing.T) {
	tmp := t.TempDir()
	if err := WriteReference(tmp); err != nil {
		t.Fatal(err)
	}
	const refresh = "refresh it with: go run ./scripts/gendocs"
	want, _ := filepath.Glob(filepath.Join(tmp, "*.md"))
	have, _ := filepath.Glob("../../docs/reference/*.md")
	if len(want) < 10 {
		t.Fatalf("generated %d pages, want one per command (at least 10)", len(want))
	}
	if len(have) != len(want) {
		t.Errorf("docs/reference has %d pages, the commands give %d; %s", len(have), len(want), refresh)
	}
	for _, p := range want {
		gen, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := os.ReadFile(filepath.Join("../../docs/reference", filepath.Base(p)))
		if err != nil || string(cur) != string(gen) {
			t.Errorf("docs/reference/%s is not current; %s", filepath.Base(p), refresh)
		}
	}
	preview, err := os.ReadFile(filepath.Join(tmp, "dnsctl_preview.md"))
	if err != nil || !strings.Contains(string(preview), "--report file") {
		t.Errorf("dnsctl_preview.md does not document --report: %v", err)
	}
}
