// Command gendocs regenerates dnsctl's command reference, one Markdown page
// per command, in docs/reference (or the directory given as its argument):
//
//	go run ./scripts/gendocs
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dnsctl/dnsctl/internal/cli"
)

func main() {
	dir := "docs/reference"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	// Pages of removed commands must not linger: start from an empty directory.
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	if err := cli.WriteReference(dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
