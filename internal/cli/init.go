package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/creds"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// initFlags are init's flags: DNSControl's (--creds, --config,
// --no-config) and the answers its wizard asks for.
type initFlags struct {
	credsPath, configPath string
	noConfig              bool
	providerType, credKey string
	directory             string
	domains               []string
}

// newInitCmd is the non-interactive part of DNSControl's init wizard: it
// writes a creds.json entry for a ROUTE53 or BIND account and a starting
// dnsconfig.js whose domains describe the zones as they are (so preview
// shows 0 corrections), after checking that the credentials work. It
// never overwrites a file.
func newInitCmd(g *globals) *cobra.Command {
	f := &initFlags{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a creds.json and a starting dnsconfig.js for a ROUTE53 or BIND account",
		Long: `init writes a creds.json entry for the account (--provider ROUTE53 or BIND,
named --credkey) and a dnsconfig.js with one D() per domain: the zones named
by --domains, or every zone the account has. A zone that exists is written as
get-zones --format=js exports it, so preview shows no correction; a new one
gets a starting D() without records. The credentials are checked first (by
listing the account's zones); nothing is written if they do not work.

init never overwrites a file: an existing dnsconfig.js is an error (use
--config or --no-config); an existing creds.json is used as it is if it
has the entry, and is an error otherwise (init shows the entry to add).
ROUTE53 entries hold no secret: the AWS SDK's usual credentials apply
(environment, ~/.aws, instance role); add KeyId and SecretKey by hand if
you need them.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInit(cmd.Context(), g, f) },
	}
	cmd.Flags().StringVar(&f.credsPath, "creds", "creds.json", "the credentials `file` to write")
	cmd.Flags().StringVar(&f.configPath, "config", "dnsconfig.js", "the configuration `file` to write")
	cmd.Flags().BoolVar(&f.noConfig, "no-config", false, "write creds.json only")
	cmd.Flags().StringVar(&f.providerType, "provider", "BIND", "the DNS provider `type`: BIND or ROUTE53")
	cmd.Flags().StringVar(&f.credKey, "credkey", "", "the name of the creds.json entry (default bind, or r53_main for ROUTE53)")
	cmd.Flags().StringVar(&f.directory, "directory", "zones", "BIND: the `directory` of the zone files")
	cmd.Flags().StringSliceVar(&f.domains, "domains", nil, "the domains of dnsconfig.js (comma-separated; default: every zone of the account)")
	return cmd
}

func runInit(ctx context.Context, g *globals, f *initFlags) error {
	typ := strings.ToUpper(f.providerType)
	if typ != "BIND" && typ != "ROUTE53" {
		return fmt.Errorf("init: --provider must be BIND or ROUTE53, not %q (other providers: write their creds.json entry by hand)", f.providerType)
	}
	key := f.credKey
	if key == "" {
		key = map[string]string{"BIND": "bind", "ROUTE53": "r53_main"}[typ]
	}
	fields := map[string]string{"TYPE": typ}
	if typ == "BIND" {
		fields["directory"] = f.directory
	}
	entryJSON, err := json.MarshalIndent(map[string]map[string]string{key: fields}, "", "  ")
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	entryJSON = append(entryJSON, '\n')

	// Refuse early, before contacting anything, what would overwrite.
	if !f.noConfig {
		if _, err := os.Lstat(f.configPath); err == nil {
			return fmt.Errorf("init: %s exists; init never overwrites a file (move it away, or use --config FILE or --no-config)", f.configPath)
		}
	}
	writeCreds := true
	var cf *creds.File
	_, err = os.Lstat(f.credsPath)
	if err == nil {
		cf, err = creds.LoadContext(ctx, f.credsPath)
	}
	switch {
	case err == nil:
		entry, lerr := cf.Lookup(key)
		if lerr != nil {
			return fmt.Errorf("init: %s exists and has no entry %q; init never rewrites it: add the entry yourself (or use --creds FILE):\n%s",
				f.credsPath, key, strings.TrimSuffix(string(entryJSON), "\n"))
		}
		if !strings.EqualFold(entry.Type, typ) {
			return fmt.Errorf("init: the entry %q of %s is of TYPE %s, not %s (choose another --credkey)", key, f.credsPath, entry.Type, typ)
		}
		writeCreds = false
		safe.Fprintf(g.stdout, "Using the entry %q of %s.\n", key, f.credsPath)
	case errors.Is(err, fs.ErrNotExist):
		if cf, err = creds.Parse(f.credsPath, entryJSON); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	default:
		return fmt.Errorf("init: %w", err)
	}
	entry, err := cf.Lookup(key)
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}

	// The credentials must work: list the account's zones.
	src, err := openZoneSource(ctx, g, "init", key, entry)
	if err != nil {
		return err
	}
	zones, err := src.list(ctx, "init")
	if err != nil {
		return fmt.Errorf("%w; nothing was written", err)
	}
	safe.Fprintf(g.stdout, "Credentials OK: %s at %s.\n", plural(len(zones), "zone"), key)

	var config []byte
	if !f.noConfig {
		domains := f.domains
		if len(domains) == 0 {
			domains = zones
		}
		if len(domains) == 0 {
			return fmt.Errorf("init: %s has no zone yet; name the domains of dnsconfig.js with --domains example.com,…", key)
		}
		if config, err = initConfig(ctx, src, domains, zones); err != nil {
			return err
		}
	}

	if writeCreds {
		if err := createFile(f.credsPath, entryJSON, 0o600); err != nil {
			return fmt.Errorf("init: %w", err)
		}
		safe.Fprintf(g.stdout, "Wrote %s.\n", f.credsPath)
	}
	if config != nil {
		if err := createFile(f.configPath, config, 0o644); err != nil {
			return fmt.Errorf("init: %w", err)
		}
		safe.Fprintf(g.stdout, "Wrote %s.\n", f.configPath)
		next := "dnsctl preview"
		if f.configPath != "dnsconfig.js" {
			next += " --config " + f.configPath
		}
		if f.credsPath != "creds.json" {
			next += " --creds " + f.credsPath
		}
		safe.Fprintf(g.stdout, "Next: %s\n", next)
	}
	return nil
}

// initConfig renders dnsconfig.js: the zones that exist as get-zones
// exports them, a starting D() for the others.
func initConfig(ctx context.Context, src *zoneSource, domains, existing []string) ([]byte, error) {
	var body bytes.Buffer
	for _, d := range domains {
		if i := slices.IndexFunc(existing, func(z string) bool { return strings.EqualFold(z, d) }); i >= 0 {
			if err := src.export(ctx, "init", "js", []string{existing[i]}, &body); err != nil {
				return nil, err
			}
			continue
		}
		ref, _, err := findZone(ctx, nil, d)
		if err != nil {
			return nil, fmt.Errorf("init: %w", err)
		}
		dsp := "DSP_" + jsIdentOf(strings.ToUpper(src.key))
		ns := ""
		if src.info.Type == "BIND" {
			ns = "\t// A zone file needs the name servers that serve it:\n\t// NAMESERVER(\"ns1.example.net.\"),\n"
		}
		d, _ := json.Marshal(ref)
		k, _ := json.Marshal(src.key)
		body.WriteString(fmt.Sprintf("var %s = NewDnsProvider(%s);\nvar REG_CHANGEME = NewRegistrar(\"none\");\n\nD(%s, REG_CHANGEME,\n\tDnsProvider(%s),\n%s\t// Records, for example:\n\t// A(\"@\", \"192.0.2.1\"),\n\t// MX(\"@\", 10, \"mail.example.net.\"),\nEND);\n\n",
			dsp, k, d, dsp, ns))
	}
	// Each exported zone declares the provider and registrar variables;
	// the file declares them once.
	var out bytes.Buffer
	out.WriteString("// dnsconfig.js, written by `dnsctl init`. The registrar is \"none\": change\n// REG_CHANGEME to manage the domains' delegation too.\n\n")
	seen := map[string]bool{}
	lines := strings.SplitAfter(body.String(), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "var ") {
			if seen[l] {
				if i+1 < len(lines) && lines[i+1] == "\n" && i > 0 && strings.HasPrefix(lines[i-1], "var ") {
					i++ // the blank line after the declarations
				}
				continue
			}
			seen[l] = true
		}
		out.WriteString(l)
	}
	return append(bytes.TrimRight(out.Bytes(), "\n"), '\n'), nil
}

// jsIdentOf turns a creds key into identifier characters byte by byte, as
// get-zones names its provider variable (so the names agree).
func jsIdentOf(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			b[i] = '_'
		}
	}
	return string(b)
}

// createFile writes b to a new file at path; an existing file is an error.
func createFile(path string, b []byte, perm fs.FileMode) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := fh.Write(b); err != nil {
		fh.Close()
		os.Remove(path)
		return err
	}
	return fh.Close()
}
