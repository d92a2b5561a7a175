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
			return runGetZones(cmd.Context(), g, "get-zones", credsPath, format, out, args)
		},
	}
	cmd.Flags().StringVar(&credsPath, "creds", "creds.json", "the credentials `file`")
	cmd.Flags().StringVar(&format, "format", "zone", "output format: "+strings.Join(getZonesFormats(), ", "))
	cmd.Flags().StringVar(&out, "out", "", "write to `file` instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", // fails only for an undefined flag
		cobra.FixedCompletions(getZonesFormats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// formatNameOnly is get-zones' format that lists the zones' names, one a
// line, without reading their records (DNSControl's "nameonly", which
// check-creds uses).
const formatNameOnly = "nameonly"

// getZonesFormats are the values of get-zones --format.
func getZonesFormats() []string { return append(zonefile.Formats(), formatNameOnly) }

// runGetZones runs get-zones (verb names the command in errors: check-creds
// runs it too).
func runGetZones(ctx context.Context, g *globals, verb, credsPath, format, out string, args []string) error {
	if !slices.Contains(getZonesFormats(), format) {
		return fmt.Errorf("%s: unknown --format %q (use one of %s)", verb, format, strings.Join(getZonesFormats(), ", "))
	}
	cf, err := creds.LoadContext(ctx, credsPath)
	if err != nil {
		return err
	}
	key, zones := args[0], args[1:]
	entry, err := cf.Lookup(key)
	if err != nil {
		return fmt.Errorf("%s: %w", verb, err)
	}
	if len(zones) > 1 {
		if t := zones[0]; t == "-" || isProviderType(t) {
			if t != "-" && entry.Type != "" && !strings.EqualFold(t, entry.Type) {
				return fmt.Errorf("%s: %q is of TYPE %s, not %s", verb, key, entry.Type, t)
			}
			if entry.Type == "" && t != "-" {
				entry.Type = strings.ToUpper(t)
			}
			zones = zones[1:]
		}
	}
	src, err := openZoneSource(ctx, g, verb, key, entry)
	if err != nil {
		return err
	}
	if len(zones) == 1 && zones[0] == "all" {
		if zones, err = src.list(ctx, verb); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if format == formatNameOnly {
		for _, z := range zones {
			safe.Fprintf(&buf, "%s\n", z)
		}
	} else if err := src.export(ctx, verb, format, zones, &buf); err != nil {
		return err
	}
	if out != "" {
		return writeOutput(out, buf.Bytes())
	}
	_, err = g.stdout.Write(buf.Bytes())
	return err
}

// zoneSource is the DNS provider of a creds.json entry, opened to read
// zones from (get-zones, check-creds, init).
type zoneSource struct {
	key  string
	info provider.Info
	impl any
	dns  provider.DNS
}

// openZoneSource builds the provider of the entry key; its warnings go to
// standard error.
func openZoneSource(ctx context.Context, g *globals, verb, key string, entry creds.Entry) (*zoneSource, error) {
	info, err := provider.Lookup(strings.ToUpper(entry.Type))
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", verb, key, err)
	}
	impl, warnings, err := engine.NewProvider(ctx, info, key, entry, nil, engine.Surroundings{})
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", verb, key, err)
	}
	for _, w := range warnings {
		safe.Fprintf(g.stderr, "WARNING: %s: %s: %s\n", verb, key, w)
	}
	p, ok := impl.(provider.DNS)
	if !ok || !info.DNS {
		return nil, fmt.Errorf("%s: %s (TYPE %s) is not a DNS provider", verb, key, info.Type)
	}
	return &zoneSource{key: key, info: info, impl: impl, dns: p}, nil
}

// list returns the references of every zone of the account, sorted.
func (s *zoneSource) list(ctx context.Context, verb string) ([]string, error) {
	zl, ok := s.impl.(provider.ZoneLister)
	if !ok {
		return nil, fmt.Errorf("%s: %s (TYPE %s) cannot list its zones; name them instead of \"all\"", verb, s.key, s.info.Type)
	}
	zones, err := zl.ListZones(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: listing zones of %s: %w", verb, s.key, err)
	}
	slices.Sort(zones)
	return zones, nil
}

// export writes zones to w in format (one of zonefile.Formats()). It
// resolves every zone first, so that a provider that exports settings can
// be told them all at once (provider.ExportPlanner).
func (s *zoneSource) export(ctx context.Context, verb, format string, zones []string, w *bytes.Buffer) error {
	type found struct{ ref, id string }
	refs := make([]found, 0, len(zones))
	for _, z := range zones {
		ref, id, err := findZone(ctx, s.impl, z)
		if err != nil {
			return fmt.Errorf("%s: %w", verb, err)
		}
		refs = append(refs, found{ref, id})
	}
	js := format == "js" || format == "djs"
	se, exports := s.impl.(provider.SettingsExporter)
	exports = exports && js
	if ep, ok := s.impl.(provider.ExportPlanner); ok && exports {
		names := make([]string, len(refs))
		for i, f := range refs {
			names[i] = f.ref
		}
		ep.WillExport(names)
	}
	for _, f := range refs {
		ref := f.ref
		var ns []string
		var err error
		if js {
			// The provider's own name servers, which the draft leaves to
			// dnsctl (the other apex NS become records). Where the provider
			// can tell them from the record listing, ask it that (the
			// listing is then kept for the Records call below): the draft's
			// registrar is NONE, so push plans the draft with that answer.
			read := s.dns.Nameservers
			if l, ok := s.impl.(provider.ListedNameservers); ok {
				read = l.ListedNameservers
			}
			if ns, err = read(ctx, ref); err != nil {
				return fmt.Errorf("%s: %s: %w", verb, ref, err)
			}
		}
		recs, err := s.dns.Records(ctx, ref)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", verb, ref, err)
		}
		var settings []*model.Setting
		if exports {
			if settings, err = se.ExportSettings(ctx, ref, recs); err != nil {
				return fmt.Errorf("%s: %s: %w", verb, ref, err)
			}
		}
		model.SortRecords(recs)
		zf := zonefile.Zone{Ref: ref, ZoneID: f.id, CredKey: s.key, Nameservers: ns, Records: recs, Settings: settings}
		if err := zonefile.Write(w, format, zf); err != nil {
			return fmt.Errorf("%s: %s: %w", verb, ref, err)
		}
	}
	return nil
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
	printUnhandled(g.stdout, e)
	if failed || e.UnhandledNamed() {
		return exitError{1}
	}
	return nil
}
