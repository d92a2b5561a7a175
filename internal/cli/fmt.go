package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/dsl"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// fmtFlags are the flags of fmt: DNSControl's, and --check.
type fmtFlags struct {
	input, output string
	verbose       bool
	check         bool
}

// newFmtCmd is DNSControl's fmt: it lays dnsconfig.js out as DNSControl's
// fmt does (dsl.Format) and rewrites the file only when that changes it.
func newFmtCmd(g *globals) *cobra.Command {
	f := &fmtFlags{}
	cmd := &cobra.Command{
		Use:   "fmt",
		Short: "Lay out dnsconfig.js as DNSControl's fmt does",
		Long: `fmt reformats dnsconfig.js in DNSControl's fmt layout (4-space indents, one
statement per line, blank lines kept) and writes it back only if that changes
it, saying "dnsconfig.js (formatted)" on standard error. -i and -o choose the
files; "" means standard input or output. A file with a syntax error is
refused with its line and column, and nothing is written. --check writes
nothing and exits 1 if the file is not formatted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runFmt(g, f) },
	}
	cmd.Flags().StringVarP(&f.input, "input", "i", "dnsconfig.js", "the `file` to format (\"\": standard input)")
	cmd.Flags().StringVarP(&f.output, "output", "o", "dnsconfig.js", "where to write it (\"\": standard output)")
	cmd.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "name the output file even when it is unchanged")
	cmd.Flags().BoolVar(&f.check, "check", false, "change nothing; exit 1 if the input is not formatted")
	return cmd
}

func runFmt(g *globals, f *fmtFlags) error {
	name := f.input
	in := g.stdin
	if f.input == "" {
		name = "<stdin>"
	} else {
		fh, err := os.Open(f.input)
		if err != nil {
			return fmt.Errorf("fmt: %w", err)
		}
		defer fh.Close()
		in = fh
	}
	src, err := io.ReadAll(io.LimitReader(in, dsl.MaxFileSize+1))
	if err != nil {
		return fmt.Errorf("fmt: reading %s: %w", name, err)
	}
	if len(src) > dsl.MaxFileSize {
		return fmt.Errorf("fmt: %s is larger than %d bytes", name, dsl.MaxFileSize)
	}
	out, err := dsl.Format(name, src)
	if err != nil {
		return fmt.Errorf("fmt: %w", err)
	}
	if f.check {
		if !bytes.Equal(out, src) {
			safe.Fprintf(g.stderr, "%s (not formatted)\n", name)
			return exitError{1}
		}
		if f.verbose {
			safe.Fprintf(g.stderr, "%s (formatted already)\n", name)
		}
		return nil
	}
	if f.output == "" {
		_, err := g.stdout.Write(out)
		return err
	}
	// The output is written only when its content changes, so an unchanged
	// file keeps its time stamp.
	old, err := os.ReadFile(f.output)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("fmt: %w", err)
	}
	changed := err != nil || !bytes.Equal(old, out)
	if changed {
		if err := replaceFile(f.output, out); err != nil {
			return fmt.Errorf("fmt: %w", err)
		}
		safe.Fprintf(g.stderr, "%s (formatted)\n", f.output)
	} else if f.verbose {
		safe.Fprintf(g.stderr, "%s (unchanged)\n", f.output)
	}
	return nil
}

// replaceFile writes b to path through a temporary file in the same
// directory and a rename, so that an interruption leaves the old file or
// the new one, never half of one. A symbolic link is followed (its target
// is replaced); the file keeps its permissions (a new one gets 0644).
func replaceFile(path string, b []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
