package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSelectTargets(t *testing.T) {
	tests := []struct {
		spec    string
		want    int
		wantErr bool
	}{
		{"", 6, false},
		{"linux/amd64", 1, false},
		{"darwin/arm64, windows/amd64", 2, false},
		{"plan9/386", 0, true},
	}
	for _, tt := range tests {
		got, err := selectTargets(tt.spec)
		if (err != nil) != tt.wantErr || len(got) != tt.want {
			t.Errorf("selectTargets(%q) = %v, %v; want %d targets, error %v", tt.spec, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestReleaseBuilds runs the release for one foreign target (linux/arm64,
// to keep the test short: every target goes through the same code), checks
// SHA256SUMS against the file and the binary's header: ELF for arm64, with no
// interpreter (static).
func TestReleaseBuilds(t *testing.T) {
	out := t.TempDir()
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := run([]string{"-version", "v0.0.1-test", "-out", out, "-targets", "linux/arm64"}, &table); err != nil {
		t.Fatalf("release: %v", err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	if len(lines) != 1 {
		t.Fatalf("SHA256SUMS has %d lines, want 1:\n%s", len(lines), sums)
	}
	checks := map[string]func(string) error{
		"dnsctl_0.0.1-test_linux_arm64": func(p string) error {
			f, err := elf.Open(p)
			if err == nil && f.Machine != elf.EM_AARCH64 {
				t.Errorf("%s: machine %v, want EM_AARCH64", p, f.Machine)
			}
			if err == nil {
				for _, prog := range f.Progs {
					if prog.Type == elf.PT_INTERP {
						t.Errorf("%s: has an interpreter, want a static binary", p)
					}
				}
			}
			return err
		},
	}
	for _, line := range lines {
		sum, name, ok := strings.Cut(line, "  ")
		check := checks[name]
		if !ok || check == nil {
			t.Errorf("unexpected SHA256SUMS line %q", line)
			continue
		}
		p := filepath.Join(out, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: SHA256SUMS says %s, file hashes to %x", name, sum, h)
		}
		if err := check(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(table.String(), name) || !strings.Contains(table.String(), sum) {
			t.Errorf("the printed table does not list %s with its checksum:\n%s", name, table.String())
		}
	}
}
