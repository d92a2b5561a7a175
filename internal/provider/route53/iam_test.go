package route53

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every IAM action the provider names in a call (the action of p.call) is
// listed in the provider's documentation, where the minimum IAM policy
// is: a user who follows the page never meets an AccessDenied that the
// page did not warn about.
func TestIAMPolicyListsEveryAction(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	action := regexp.MustCompile(`"((?:route53|route53domains|sts|kms|logs):[A-Z][A-Za-z]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range action.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 5 {
		t.Fatalf("found only %d IAM actions in the provider's sources; the pattern is wrong", len(used))
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "providers", "route53.md"))
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for a := range used {
		if !strings.Contains(string(doc), a) {
			missing = append(missing, a)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("docs/providers/route53.md does not name these IAM actions the provider uses: %s", strings.Join(missing, ", "))
	}
}
