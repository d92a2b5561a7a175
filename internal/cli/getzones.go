package cli

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/creds"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/safe"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

func newGetZonesCmd(g *globals) *cobra.Command {
	var credsPath, format, out string
	cmd := &cobra.Command{
		Use:   "get-zones CREDKEY [PROVIDER] ZONE...|all",
		Short: "Export existing zones as dnsconfig.js, zone files or TSV",
		Long: `get-zones reads zones from the provider of a creds.json entry and prints them
in the chosen format. "all" exports every zone the provider has. A zone is
named by its name; by "name!tag" for a split-horizon view (BIND's
example.com!inside.zone) or for one of several Route 53 hosted zones of one
name, as "all" names them ("example.com!private"); or by its Route 53 hosted
zone ID. For compatibility with DNSControl, a provider type (or "-") may
follow CREDKEY; it must agree with the entry's TYPE.

The js and djs formats describe each zone exactly: pushed unchanged, the
configuration changes nothing. What dnsconfig.js cannot write is kept
commented out, with an IGNORE() that leaves it as it is.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGetZones(cmd.Context(), g, credsPath, format, out, args)
		},
	}
	cmd.Flags().StringVar(&credsPath, "creds", "creds.json", "the credentials `file`")
	cmd.Flags().StringVar(&format, "format", "zone", "output format: "+strings.Join(zonefile.Formats(), ", "))
	cmd.Flags().StringVar(&out, "out", "", "write to `file` instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", // fails only for an undefined flag
		cobra.FixedCompletions(zonefile.Formats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runGetZones(ctx context.Context, g *globals, credsPath, format, out string, args []string) error {
	if !slices.Contains(zonefile.Formats(), format) {
		return fmt.Errorf("get-zones: unknown --format %q (use one of %s)", format, strings.Join(zonefile.Formats(), ", "))
	}
	cf, err := creds.LoadContext(ctx, credsPath)
	if err != nil {
		return err
	}
	key, zones := args[0], args[1:]
	entry, err := cf.Lookup(key)
	if err != nil {
		return fmt.Errorf("get-zones: %w", err)
	}
	if len(zones) > 1 {
		if t := zones[0]; t == "-" || isProviderType(t) {
			if t != "-" && entry.Type != "" && !strings.EqualFold(t, entry.Type) {
				return fmt.Errorf("get-zones: %q is of TYPE %s, not %s", key, entry.Type, t)
			}
			if entry.Type == "" && t != "-" {
				entry.Type = strings.ToUpper(t)
			}
			zones = zones[1:]
		}
	}
	info, err := provider.Lookup(strings.ToUpper(entry.Type))
	if err != nil {
		return fmt.Errorf("get-zones: %s: %w", key, err)
	}
	impl, warnings, err := engine.NewProvider(ctx, info, key, entry, nil)
	if err != nil {
		return fmt.Errorf("get-zones: %s: %w", key, err)
	}
	for _, w := range warnings {
		safe.Fprintf(g.stderr, "WARNING: get-zones: %s: %s\n", key, w)
	}
	p, ok := impl.(provider.DNS)
	if !ok || !info.DNS {
		return fmt.Errorf("get-zones: %s (TYPE %s) is not a DNS provider", key, info.Type)
	}
	if len(zones) == 1 && zones[0] == "all" {
		zl, ok := impl.(provider.ZoneLister)
		if !ok {
			return fmt.Errorf("get-zones: %s (TYPE %s) cannot list its zones; name them instead of \"all\"", key, info.Type)
		}
		if zones, err = zl.ListZones(ctx); err != nil {
			return fmt.Errorf("get-zones: listing zones of %s: %w", key, err)
		}
		slices.Sort(zones)
	}
	var buf bytes.Buffer
	for _, z := range zones {
		ref, id, err := findZone(ctx, impl, z)
		if err != nil {
			return fmt.Errorf("get-zones: %w", err)
		}
		recs, err := p.Records(ctx, ref)
		if err != nil {
			return fmt.Errorf("get-zones: %s: %w", ref, err)
		}
		var ns []string
		if format == "js" || format == "djs" {
			// The provider's own name servers, which the draft leaves to
			// dnsctl (the other apex NS become records).
			if ns, err = p.Nameservers(ctx, ref); err != nil {
				return fmt.Errorf("get-zones: %s: %w", ref, err)
			}
		}
		model.SortRecords(recs)
		zf := zonefile.Zone{Ref: ref, ZoneID: id, CredKey: key, Nameservers: ns, Records: recs}
		if err := zonefile.Write(&buf, format, zf); err != nil {
			return fmt.Errorf("get-zones: %s: %w", ref, err)
		}
	}
	if out != "" {
		return writeOutput(out, buf.Bytes())
	}
	_, err = g.stdout.Write(buf.Bytes())
	return err
}

// findZone resolves a zone named on the command line (or listed by "all")
// to the zone reference to read, "name" or "name!tag", and the provider's
// zone ID the exported configuration must pin (R53_ZONE), if any.
func findZone(ctx context.Context, impl any, z string) (ref, id string, err error) {
	if f, ok := impl.(provider.ZoneFinder); ok {
		return f.FindZone(ctx, z)
	}
	if _, tag, tagged := strings.Cut(z, "!"); tagged && strings.TrimSpace(tag) == "" {
		return "", "", fmt.Errorf("zone %q: the tag after \"!\" is empty", z)
	}
	name, tag, err := model.ParseZoneRef(z)
	if err != nil {
		return "", "", fmt.Errorf("zone %q: %w", z, err)
	}
	if tag == "" {
		return name, "", nil
	}
	return name + "!" + tag, "", nil
}

func isProviderType(s string) bool {
	return slices.Contains(provider.Types(), strings.ToUpper(s)) && s == strings.ToUpper(s)
}

func newCreateDomainsCmd(g *globals) *cobra.Command {
	f := &configFlags{}
	var domains, providers string
	cmd := &cobra.Command{
		Use:   "create-domains",
		Short: "Create the zones of the configuration that do not exist yet",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCreateDomains(cmd.Context(), g, f, domains, providers)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&domains, "domains", "", "only these domains (comma-separated, globs allowed)")
	cmd.Flags().StringVar(&providers, "providers", "", "only these providers (comma-separated names)")
	return cmd
}

func runCreateDomains(ctx context.Context, g *globals, f *configFlags, domains, providers string) error {
	vars, err := f.varMap()
	if err != nil {
		return err
	}
	e, err := loadEngine(ctx, g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars,
		Domains: domains, Providers: providers, EvalTimeout: f.engineEvalTimeout(), AllowFetch: f.allowFetch})
	if err != nil {
		return err
	}
	release, err := e.Lock(ctx, func(msg string) { safe.Fprintf(g.stderr, "%s\n", msg) })
	if err != nil {
		return err
	}
	defer release()
	g.setPhase(phaseApply)
	failed := false
	last := ""
	e.CreateZones(ctx, func(domain, prov string, created bool, err error) {
		if domain != last {
			safe.Fprintf(g.stdout, "******************** Domain: %s\n", domain)
			last = domain
		}
		switch {
		case err != nil:
			failed = true
			safe.Fprintf(g.stdout, "ERROR: creating %s at %s: %v\n", domain, prov, err)
		case created:
			safe.Fprintf(g.stdout, "  - Created zone %q at %q\n", domain, prov)
		default:
			safe.Fprintf(g.stdout, "  - Zone %q already exists at %q\n", domain, prov)
		}
	})
	if failed {
		return exitError{1}
	}
	return nil
}
