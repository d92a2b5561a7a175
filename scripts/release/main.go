// Command release builds dnsctl's release binaries: static (CGO_ENABLED=0),
// reproducible (-trimpath) builds for linux, darwin and windows on amd64 and
// arm64, named dnsctl_<version>_<os>_<arch>[.exe], into dist/, with a
// SHA256SUMS file in the format sha256sum -c reads. It prints a table of the
// files, their sizes and checksums.
//
// Usage, from the repository root:
//
//	go run ./scripts/release [-version v1.2.3] [-out dist] [-targets linux/amd64,darwin/arm64]
//
// The version defaults to `git describe --tags --always --dirty`; the
// DNSCTL_RELEASE_TARGETS environment variable also limits the targets.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// allTargets are the GOOS/GOARCH pairs a release ships.
var allTargets = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	version := fs.String("version", "", "version in the file names and in dnsctl version (default: git describe)")
	out := fs.String("out", "dist", "output directory")
	targets := fs.String("targets", os.Getenv("DNSCTL_RELEASE_TARGETS"), "comma-separated os/arch pairs (default: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version == "" {
		v, err := gitDescribe()
		if err != nil {
			return fmt.Errorf("no -version given and git describe failed: %w", err)
		}
		*version = v
	}
	list, err := selectTargets(*targets)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", *out, err)
	}
	var sums strings.Builder
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TARGET\tFILE\tSIZE\tSHA256")
	for _, t := range list {
		goos, goarch, _ := strings.Cut(t, "/")
		name := fileName(*version, goos, goarch)
		path := filepath.Join(*out, name)
		if err := build(path, goos, goarch, *version); err != nil {
			return fmt.Errorf("building %s: %w", t, err)
		}
		sum, size, err := hashFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, name)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", t, name, size, sum)
	}
	if err := os.WriteFile(filepath.Join(*out, "SHA256SUMS"), []byte(sums.String()), 0o644); err != nil {
		return fmt.Errorf("writing SHA256SUMS: %w", err)
	}
	return tw.Flush()
}

// selectTargets returns the targets named in spec (comma-separated), or all
// of them when spec is empty; a target a release does not ship is refused.
func selectTargets(spec string) ([]string, error) {
	if strings.TrimSpace(spec) == "" {
		return allTargets, nil
	}
	var list []string
	for _, t := range strings.Split(spec, ",") {
		t = strings.TrimSpace(t)
		known := false
		for _, a := range allTargets {
			known = known || a == t
		}
		if !known {
			return nil, fmt.Errorf("unknown target %q: want one of %s", t, strings.Join(allTargets, ", "))
		}
		list = append(list, t)
	}
	return list, nil
}

// fileName is the release file name of a target's binary.
func fileName(version, goos, goarch string) string {
	name := fmt.Sprintf("dnsctl_%s_%s_%s", strings.TrimPrefix(version, "v"), goos, goarch)
	if goos == "windows" {
		name += ".exe"
	}
	return name
}

func build(path, goos, goarch, version string) error {
	cmd := exec.Command("go", "build", "-trimpath",
		"-ldflags", "-s -w -X github.com/dnsctl/dnsctl/internal/cli.Version="+version,
		"-o", path, "./cmd/dnsctl")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("hashing: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hashing %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func gitDescribe() (string, error) {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(string(out))
	if v == "" {
		return "", errors.New("empty output")
	}
	return v, nil
}
