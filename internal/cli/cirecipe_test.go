package cli

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/safe"
)

// TestCIRecipeMatchesCLI keeps docs/ci/github-actions.yml in step with the
// CLI: every `dnsctl <command> --flag` it runs must name a real command and
// real flags, and the recipe must run preview with a Markdown report and
// push, with the permission the plan comment needs.
func TestCIRecipeMatchesCLI(t *testing.T) {
	data, err := os.ReadFile("../../docs/ci/github-actions.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"dnsctl preview --no-colors --report plan.md",
		"dnsctl push ",
		"pull-requests: write",
		"gh pr comment",
		"--body-file plan.md",
		"aws-actions/configure-aws-credentials",
		"go install github.com/dnsctl/dnsctl/cmd/dnsctl@",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the CI recipe does not contain %q", want)
		}
	}
	var buf bytes.Buffer
	root := newRoot(&globals{stdout: safe.NewWriter(&buf), stderr: safe.NewWriter(&buf), stdin: strings.NewReader("")})
	run := regexp.MustCompile(`run: dnsctl ([a-z-]+)(.*)`)
	flag := regexp.MustCompile(`(?:^|\s)--([a-z0-9-]+)`)
	matches := run.FindAllStringSubmatch(text, -1)
	if len(matches) < 2 {
		t.Fatalf("found %d dnsctl commands in the recipe, want at least preview and push", len(matches))
	}
	for _, m := range matches {
		cmd, _, err := root.Find([]string{m[1]})
		if err != nil || cmd == root {
			t.Errorf("the CI recipe runs `dnsctl %s`, which is not a command", m[1])
			continue
		}
		for _, f := range flag.FindAllStringSubmatch(m[2], -1) {
			if cmd.Flags().Lookup(f[1]) == nil && cmd.InheritedFlags().Lookup(f[1]) == nil {
				t.Errorf("the CI recipe runs `dnsctl %s --%s`, which is not a flag of %s", m[1], f[1], m[1])
			}
		}
	}
}
