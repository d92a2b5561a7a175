// Package engine runs dnsctl's pipeline for the commands: it evaluates the
// configuration, reads the credentials, builds the providers a run needs,
// validates everything before any provider is contacted, and then, per
// domain, computes and applies the corrections of each DNS provider and of
// the registrar. Run holds the rules of preview and push (run.go) and
// tells observers what happens as typed events (events.go); Verify asks
// the authoritative servers. It prints nothing: the CLI renders its events
// and results.
package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dnsctl/dnsctl/internal/creds"
	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/dsl"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Options select what a run loads and works on.
type Options struct {
	ConfigPath string
	CredsPath  string
	Vars       map[string]string
	// Domains and Providers filter the run (comma-separated lists; domain
	// entries may be globs such as "*.example.com"). Empty means all.
	Domains   string
	Providers string
	// SkipCreds evaluates and validates without creds.json (check, print-ir).
	SkipCreds bool
	// NoPopulate stops push from creating missing zones.
	NoPopulate bool
	// Wait makes push wait until providers serve the changes everywhere.
	Wait bool
	// MaxChange enforces a safety threshold for every zone ("30%"); empty
	// leaves it to creds.json and domain settings (see Safety).
	MaxChange string
	// EvalTimeout is the time limit of evaluating the configuration: 0
	// means dsl.DefaultTimeout, a negative value no limit.
	EvalTimeout time.Duration
	// AllowFetch lets the configuration make HTTP requests (FETCH).
	AllowFetch bool
	// IRPath, when set, is an IR file read instead of evaluating
	// ConfigPath (--ir): print-ir's JSON or DNSControl's.
	IRPath string
	// BindSerial, when not 0, is the SOA serial of every zone file the
	// run writes (--bindserial).
	BindSerial uint32
}

// Engine is a loaded, validated configuration with its providers.
type Engine struct {
	Config   *model.Config
	Warnings model.Problems

	dns        map[string]*DNSProvider
	registrars map[string]*Registrar
	safety     Safety
	noPopulate bool
	// missing maps the providers of the run whose type dnsctl does not
	// have (a DNSControl type such as CLOUDFLAREAPI) to that type, keyed
	// "dns:name" or "reg:name".
	missing map[string]string
	// Notifications are the fields of creds.json's "notifications" entry
	// (DNSControl's chat notifications), nil when it has none.
	Notifications map[string]string
	// Unhandled lists what the run leaves alone because it needs such a
	// provider (see setAsideUnhandled), in configuration order.
	Unhandled []Unhandled
	// all are the configuration's domains before --domains filtered them.
	all []*model.Domain
	// peerCache holds the providers built for provider.Entry.Peer.
	peerMu    sync.Mutex
	peerCache map[string]peer
}

// allConfig is the configuration with every domain, --domains or not: a
// provider that owns settings shared by zones must see them all.
func (e *Engine) allConfig() *model.Config {
	return &model.Config{Domains: e.all, Settings: e.Config.Settings}
}

// DNSProvider is a built DNS provider of the run.
type DNSProvider struct {
	Name, Type string
	Impl       provider.DNS
	Caps       provider.Capabilities
	// maxChange is the provider entry's safety threshold, if it sets one.
	maxChange string
	// serial is held while a provider that cannot work on zones
	// concurrently is busy.
	serial *sync.Mutex
}

// Registrar is a built registrar of the run; Impl is nil for NONE.
type Registrar struct {
	Name, Type string
	Impl       provider.Registrar
}

// Load evaluates, normalises and validates the configuration and builds the
// providers used by the selected domains. Every problem is returned together
// as a model.Problems error; nothing is contacted. The evaluation stops at
// once when ctx ends (its error then wraps context.Canceled) and at its
// time limit (dsl.ErrTimeLimit).
func Load(ctx context.Context, opts Options) (*Engine, error) {
	limits := dsl.Limits{Timeout: opts.EvalTimeout, AllowFetch: opts.AllowFetch}
	switch {
	case opts.EvalTimeout == 0:
		limits.Timeout = dsl.DefaultTimeout
	case opts.EvalTimeout < 0:
		limits.Timeout = 0
	}
	var cfg *model.Config
	var err error
	if opts.IRPath != "" {
		cfg, err = loadIR(opts.IRPath)
	} else {
		cfg, err = dsl.EvaluateContext(ctx, opts.ConfigPath, opts.Vars, limits)
	}
	if err != nil {
		return nil, err
	}
	problems := append(cfg.Warnings, model.Normalize(cfg)...)
	all := cfg.Domains
	var named map[string]bool
	cfg.Domains, named, err = filterDomains(cfg.Domains, opts.Domains)
	if err != nil {
		return nil, err
	}
	e := &Engine{Config: cfg, dns: map[string]*DNSProvider{}, registrars: map[string]*Registrar{},
		safety: DefaultSafety, noPopulate: opts.NoPopulate, missing: map[string]string{}, all: all}
	if opts.MaxChange != "" {
		v, err := ParseShare(opts.MaxChange)
		if err != nil {
			return nil, fmt.Errorf("--max-change: %w", err)
		}
		e.safety = Safety{Threshold: v, Enforced: true, MinRecords: DefaultSafety.MinRecords}
	}
	for _, d := range cfg.Domains {
		if v := d.Meta[maxChangeField]; v != "" {
			if _, err := ParseShare(v); err != nil {
				problems = append(problems, model.Problem{Pos: d.Pos, Domain: d.UniqueName(), Msg: maxChangeField + ": " + err.Error()})
			}
		}
		// IGNORE globs are compiled when a zone is planned; a bad one must
		// stop the run here, before any provider is read.
		for _, ig := range d.Ignores {
			if err := diff.ValidateIgnore(ig); err != nil {
				problems = append(problems, model.Problem{Pos: ig.Pos, Domain: d.UniqueName(), Msg: err.Error()})
			}
		}
	}

	supports := map[string]model.TypeSupport{}
	if opts.SkipCreds {
		var warn model.Problems
		supports, warn = declaredCapabilities(cfg, opts.CredsPath)
		problems = append(problems, warn...)
	} else {
		cf, err := creds.LoadContext(ctx, opts.CredsPath)
		if err != nil {
			return nil, err
		}
		problems = append(problems, e.buildProviders(ctx, cf, opts.Providers)...)
		e.setAsideUnhandled(named)
		if n, ok := cf.Entries[notificationsEntry]; ok {
			e.Notifications = n.Fields
		}
		for _, d := range cfg.DNSProviders {
			if p := e.dns[d.Name]; p != nil {
				supports[d.Name] = declSupport(p.Caps, d)
			}
		}
	}
	problems = append(problems, model.Validate(cfg, supports)...)
	problems.Sort()
	if problems.Err() != nil {
		// Every problem of the run, warnings included, in one report.
		return nil, problems
	}
	e.Warnings = problems.Warnings()
	e.forceSerial(opts.BindSerial)
	e.hintZones(all)
	if opts.Wait {
		for _, p := range e.dns {
			if w, ok := p.Impl.(provider.SyncWaiter); ok {
				w.WaitForSync()
			}
		}
	}
	return e, nil
}

// declaredCapabilities returns the capabilities of the DNS providers whose
// type is known without building them, for check and print-ir, which
// build none: from NewDnsProvider's type argument, or else from the TYPE
// of the provider's creds.json entry when creds.json is a file (a
// "!command" is not run for this). A creds.json that cannot be read costs
// only these checks: a warning says so, and preview reports the error.
func declaredCapabilities(cfg *model.Config, credsPath string) (map[string]model.TypeSupport, model.Problems) {
	var ps model.Problems
	var cf *creds.File
	if !strings.HasPrefix(credsPath, "!") {
		var err error
		if cf, err = creds.Load(credsPath); err != nil {
			ps = append(ps, model.Problem{Warning: true, Msg: fmt.Sprintf("%v; the provider types it gives are not checked", err)})
		}
	}
	out := map[string]model.TypeSupport{}
	for _, d := range cfg.DNSProviders {
		typ := d.Type
		if typ == "" && cf != nil {
			if e, err := cf.Lookup(d.Name); err == nil {
				typ = e.Type
			}
		}
		if info, err := provider.Lookup(strings.ToUpper(typ)); typ != "" && err == nil {
			out[d.Name] = declSupport(info.Capabilities, d)
		}
	}
	return out, ps
}

// declSupport is what validation learns of the provider declared by d:
// its capabilities, and (for check and preview alike) whether the
// declaration's default_ns writes apex NS records into every zone (BIND).
func declSupport(caps provider.Capabilities, d *model.ProviderDecl) model.TypeSupport {
	if ns, ok := d.Meta["default_ns"].([]any); ok && len(ns) > 0 {
		return addsApexNS{caps}
	}
	return caps
}

// addsApexNS are the capabilities of a declaration whose metadata gives
// name servers (default_ns) the provider writes into every zone.
type addsApexNS struct{ provider.Capabilities }

func (addsApexNS) AddsApexNS() bool { return true }

// hintZones tells each provider that wants to know which zones the run uses.
func (e *Engine) hintZones(all []*model.Domain) {
	zones := zonesByProvider(e.Config.Domains)
	for name, p := range e.dns {
		if h, ok := p.Impl.(provider.ZoneHinter); ok {
			h.WillUse(zones[name])
		}
	}
	// Every domain of the configuration, filtered out of the run or not:
	// a provider that tells same-named zones apart only by ID checks that
	// the run's zones cannot be mistaken for those of the others.
	views := zonesByProvider(all)
	checked := false
	for name, p := range e.dns {
		if v, ok := p.Impl.(provider.ViewChecker); ok {
			v.ZoneViews(views[name])
			checked = true
		}
	}
	if checked {
		for _, d := range all {
			e.pinZone(d) // the pins of the others count too
		}
	}
}

// zonesByProvider lists the zones (unique names) of ds by DNS provider.
func zonesByProvider(ds []*model.Domain) map[string][]string {
	out := map[string][]string{}
	for _, d := range ds {
		for _, ref := range d.DNSProviders {
			out[ref.Name] = append(out[ref.Name], d.UniqueName())
		}
	}
	return out
}

func (e *Engine) buildProviders(ctx context.Context, cf *creds.File, providerFilter string) model.Problems {
	var ps model.Problems
	wantProvider := map[string]bool{}
	for _, p := range strings.Split(providerFilter, ",") {
		if p = strings.TrimSpace(p); p != "" && p != "all" {
			wantProvider[p] = true
		}
	}
	decls := map[string]*model.ProviderDecl{}
	for _, d := range e.Config.DNSProviders {
		decls["dns:"+d.Name] = d
	}
	for _, d := range e.Config.Registrars {
		decls["reg:"+d.Name] = d
	}
	for _, name := range slices.Sorted(maps.Keys(wantProvider)) {
		if decls["dns:"+name] == nil && decls["reg:"+name] == nil {
			var known []string
			for _, d := range e.Config.DNSProviders {
				known = append(known, d.Name)
			}
			ps = append(ps, model.Problem{Msg: fmt.Sprintf("--providers: %q is no NewDnsProvider of the configuration (there are: %s)", name, strings.Join(known, ", "))})
		}
	}

	// A creds entry with "_exclude_from_defaults": "true" only takes part
	// when --providers names it (as in DNSControl).
	selected := func(name string) bool {
		if len(wantProvider) > 0 {
			return wantProvider[name]
		}
		if ent, ok := cf.Entries[name]; ok && ent.Fields[excludeField] == "true" {
			return false
		}
		return true
	}
	usedDNS := map[string]bool{}
	usedReg := map[string]bool{}
	for _, d := range e.Config.Domains {
		kept := d.DNSProviders[:0]
		for _, dp := range d.DNSProviders {
			if !selected(dp.Name) {
				continue
			}
			kept = append(kept, dp)
			// A name no NewDnsProvider declares is model.Validate's to
			// report, at the DnsProvider() call; nothing is built for it.
			if decls["dns:"+dp.Name] != nil {
				usedDNS[dp.Name] = true
			}
		}
		d.DNSProviders = kept
		if d.Registrar != "" && selected(d.Registrar) && decls["reg:"+d.Registrar] != nil {
			usedReg[d.Registrar] = true
		}
	}

	maxChange := map[string]string{}
	warned := map[string]bool{}
	build := func(kind, name string) (provider.Info, any, error) {
		decl := decls[kind+":"+name]
		fn := "NewDnsProvider"
		if kind == "reg" {
			fn = "NewRegistrar"
		}
		entry, err := cf.Lookup(name)
		typ := ""
		if decl != nil {
			typ = decl.Type
		}
		if err != nil && foreignType(typ) {
			return provider.Info{}, nil, foreignTypeError{typ: strings.ToUpper(typ)}
		}
		if err != nil {
			// Only a type that needs nothing from creds.json (BIND, NONE)
			// may go without an entry: a cloud provider would otherwise
			// quietly use whatever credentials the environment holds.
			if info, lerr := provider.Lookup(strings.ToUpper(typ)); typ == "" || lerr != nil || !info.NoEntry {
				return provider.Info{}, nil, fmt.Errorf("%s(%q): %w", fn, name, err)
			}
			entry = creds.Entry{Name: name, Type: typ}
		}
		if typ == "" {
			typ = entry.Type
		}
		if typ == "" {
			err := fmt.Errorf("%s(%q): no provider type: set \"TYPE\" in the %q entry of %s", fn, name, name, cf.Path)
			if note := entry.UnsetNote(""); entry.Unset["TYPE"] != "" {
				err = fmt.Errorf("%w; note: %s", err, note)
			}
			return provider.Info{}, nil, err
		}
		if entry.Type != "" && !strings.EqualFold(entry.Type, typ) {
			return provider.Info{}, nil, fmt.Errorf("%s(%q) says type %s but %s's %q entry says TYPE %s", fn, name, typ, cf.Path, name, entry.Type)
		}
		typ = strings.ToUpper(typ)
		if foreignType(typ) {
			return provider.Info{}, nil, foreignTypeError{typ: typ}
		}
		if v, ok := entry.Fields[maxChangeField]; ok {
			// An engine setting, not the provider's: providers never see it.
			if _, err := ParseShare(v); err != nil {
				return provider.Info{}, nil, fmt.Errorf("%s(%q): %s %s: %w", fn, name, cf.Path, maxChangeField, err)
			}
			maxChange[name] = v
			delete(entry.Fields, maxChangeField)
		}
		delete(entry.Fields, excludeField)
		info, err := provider.Lookup(typ)
		if err != nil {
			return provider.Info{}, nil, fmt.Errorf("%s(%q): %w", fn, name, err)
		}
		var meta map[string]any
		if decl != nil {
			meta = decl.Meta
		}
		impl, warnings, err := NewProvider(ctx, info, name, entry, meta, Surroundings{Config: e.allConfig(), Peer: e.peers(cf)})
		if err != nil {
			return provider.Info{}, nil, fmt.Errorf("%s(%q): %w", fn, name, err)
		}
		if !warned[name] { // an entry used twice warns once
			warned[name] = true
			pos := ""
			if decl != nil {
				pos = decl.Pos
			}
			for _, msg := range warnings {
				ps = append(ps, model.Problem{Pos: pos, Msg: fmt.Sprintf("%s(%q): %s", fn, name, msg), Warning: true})
			}
		}
		return info, impl, nil
	}
	posOf := func(kind, name string) string {
		if d := decls[kind+":"+name]; d != nil {
			return d.Pos
		}
		return ""
	}

	for _, name := range sortedKeys(usedDNS) {
		info, impl, err := build("dns", name)
		var fe foreignTypeError
		if errors.As(err, &fe) {
			e.missing["dns:"+name] = fe.typ
			continue
		}
		if err != nil {
			ps = append(ps, model.Problem{Pos: posOf("dns", name), Msg: err.Error()})
			continue
		}
		dnsImpl, ok := impl.(provider.DNS)
		if !ok || !info.DNS {
			ps = append(ps, model.Problem{Pos: posOf("dns", name), Msg: fmt.Sprintf("provider %q (type %s) cannot be a DNS provider", name, info.Type)})
			continue
		}
		p := &DNSProvider{Name: name, Type: info.Type, Impl: dnsImpl, Caps: dnsImpl.Capabilities(), maxChange: maxChange[name]}
		if !p.Caps.Concurrent {
			p.serial = &sync.Mutex{}
		}
		e.dns[name] = p
	}
	for _, name := range sortedKeys(usedReg) {
		info, impl, err := build("reg", name)
		var fe foreignTypeError
		if errors.As(err, &fe) {
			e.missing["reg:"+name] = fe.typ
			continue
		}
		if err != nil {
			ps = append(ps, model.Problem{Pos: posOf("reg", name), Msg: err.Error()})
			continue
		}
		r := &Registrar{Name: name, Type: info.Type}
		if info.Type != "NONE" {
			ri, ok := impl.(provider.Registrar)
			if !ok || !info.Registrar {
				ps = append(ps, model.Problem{Pos: posOf("reg", name), Msg: fmt.Sprintf("provider %q (type %s) cannot be a registrar", name, info.Type)})
				continue
			}
			r.Impl = ri
		}
		e.registrars[name] = r
	}
	return ps
}

// APICalls returns how many API calls the run's providers have made so far
// (providers that count them implement APICalls() int64).
func (e *Engine) APICalls() int64 {
	var n int64
	for _, p := range e.dns {
		if c, ok := p.Impl.(interface{ APICalls() int64 }); ok {
			n += c.APICalls()
		}
	}
	return n
}

// excludeField is the creds.json field that keeps an entry out of runs that
// do not name it in --providers.
const excludeField = "_exclude_from_defaults"

// DNS returns the built DNS provider name.
func (e *Engine) DNS(name string) (*DNSProvider, bool) {
	p, ok := e.dns[name]
	return p, ok
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isNone reports whether a provider is the do-nothing NONE provider.
func isNone(p any) bool {
	n, ok := p.(interface{ IsNone() bool })
	return ok && n.IsNone()
}

// Surroundings is what a provider learns of the run besides its creds
// entry: the configuration (for the settings of the domains it serves,
// provider.Entry.Domains) and how to reach the providers of other creds
// entries (provider.Entry.Peer). Either may be nil.
type Surroundings struct {
	Config *model.Config
	Peer   func(ctx context.Context, name string) (any, error)
}

// NewProvider builds provider info from the creds entry name. It returns
// the provider's remarks on the entry (fields it ignored), and its error
// notes the entry's "$VARIABLE"s that were not set. meta is the metadata of
// the configuration's declaration of the entry (nil when there is none).
func NewProvider(ctx context.Context, info provider.Info, name string, entry creds.Entry, meta map[string]any, sur Surroundings) (any, []string, error) {
	pe := provider.Entry{Name: name, Type: info.Type, Fields: entry.Fields, Unset: entry.Unset, Meta: meta, Peer: sur.Peer}
	if cfg := sur.Config; cfg != nil {
		pe.Settings = cfg.Settings
		for _, d := range cfg.Domains {
			if slices.ContainsFunc(d.DNSProviders, func(p model.DomainProvider) bool { return p.Name == name }) {
				pe.Domains = append(pe.Domains, d)
			}
		}
	}
	impl, err := info.New(ctx, pe)
	if err != nil {
		if note := entry.UnsetNote(err.Error()); note != "" {
			err = fmt.Errorf("%w; note: %s", err, note)
		}
		return nil, nil, err
	}
	var warnings []string
	if w, ok := impl.(interface{ ConfigWarnings() []string }); ok {
		warnings = w.ConfigWarnings()
	}
	return impl, warnings, nil
}

// errZoneMissing tells whether err says the zone does not exist.
func errZoneMissing(err error) bool { return errors.Is(err, provider.ErrZoneNotFound) }

// peers returns the function that builds, once per run, the provider of
// another creds entry that a provider asks for (provider.Entry.Peer): the
// account of a VPC in another account, the Route 53 Domains registrar of a
// zone that publishes its DS there. A registrar of the run is that
// registrar itself, so that what it reads is read once (Route 53 Domains'
// GetDomainDetail serves both the registrar's name servers and the DS).
func (e *Engine) peers(cf *creds.File) func(ctx context.Context, name string) (any, error) {
	return func(ctx context.Context, name string) (any, error) {
		// Built before any plan asks for a peer, and not changed since.
		if r := e.registrars[name]; r != nil && r.Impl != nil {
			return r.Impl, nil
		}
		e.peerMu.Lock()
		defer e.peerMu.Unlock()
		if e.peerCache == nil {
			e.peerCache = map[string]peer{}
		}
		if p, ok := e.peerCache[name]; ok {
			return p.impl, p.err
		}
		impl, err := e.buildPeer(ctx, cf, name)
		e.peerCache[name] = peer{impl, err}
		return impl, err
	}
}

type peer struct {
	impl any
	err  error
}

func (e *Engine) buildPeer(ctx context.Context, cf *creds.File, name string) (any, error) {
	entry, err := cf.Lookup(name)
	if err != nil {
		return nil, err
	}
	if entry.Type == "" {
		return nil, fmt.Errorf("creds entry %q has no TYPE", name)
	}
	info, err := provider.Lookup(strings.ToUpper(entry.Type))
	if err != nil {
		return nil, fmt.Errorf("creds entry %q: %w", name, err)
	}
	delete(entry.Fields, maxChangeField)
	delete(entry.Fields, excludeField)
	impl, _, err := NewProvider(ctx, info, name, entry, nil, Surroundings{})
	if err != nil {
		return nil, fmt.Errorf("creds entry %q: %w", name, err)
	}
	return impl, nil
}
