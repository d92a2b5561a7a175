package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	_ "github.com/dnsctl/dnsctl/internal/provider/bind"
	_ "github.com/dnsctl/dnsctl/internal/provider/none"
)

// fake is an in-memory DNS provider and registrar.
type fake struct {
	mu         sync.Mutex
	ns         []string
	zones      map[string][]*model.Record
	registered map[string][]string
	applied    int
	// failRead and failApply make Records and Apply fail (run_test.go);
	// skipped records the changes push -i declined (provider.ChangeSkipper).
	failRead  map[string]error
	failApply error
	skipped   []diff.Change
	// peer is the run's way to other creds entries (provider.Entry.Peer).
	peer func(ctx context.Context, name string) (any, error)
}

var fakes = map[string]*fake{}

func init() {
	provider.Register(provider.Info{
		Type: "FAKE", DNS: true, Registrar: true,
		Capabilities: fakeCaps,
		New: func(_ context.Context, e provider.Entry) (any, error) {
			f := &fake{ns: strings.FieldsFunc(e.Fields["ns"], func(r rune) bool { return r == ',' }), zones: map[string][]*model.Record{}, registered: map[string][]string{}}
			if e.Fields["registered"] != "" {
				f.registered["example.com"] = strings.Split(e.Fields["registered"], ",")
			}
			f.peer = e.Peer
			fakes[e.Name] = f
			return f, nil
		},
	})
}

var fakeCaps = provider.Capabilities{Types: provider.TypeSet("A", "NS", "TXT", "CNAME"), Concurrent: true}

func (f *fake) Capabilities() provider.Capabilities { return fakeCaps }
func (f *fake) Nameservers(context.Context, string) ([]string, error) {
	return f.ns, nil
}
func (f *fake) Records(_ context.Context, zone string) ([]*model.Record, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.failRead[zone]; err != nil {
		return nil, err
	}
	rs, ok := f.zones[zone]
	if !ok {
		return nil, provider.ErrZoneNotFound
	}
	return slices.Clone(rs), nil
}
func (f *fake) EnsureZone(_ context.Context, zone string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.zones[zone]; ok {
		return false, nil
	}
	f.zones[zone] = []*model.Record{{Name: zone, Type: "NS", TTL: 172800, Data: f.ns[0]}}
	return true, nil
}
func (f *fake) Apply(ctx context.Context, p *diff.Plan) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failApply != nil {
		return f.failApply
	}
	f.applied++
	rs := f.zones[p.Zone]
	for _, c := range p.Changes {
		rs = slices.DeleteFunc(rs, func(r *model.Record) bool { return r.Key() == c.Key })
		rs = append(rs, c.New...)
	}
	f.zones[p.Zone] = rs
	provider.TraceBatch(ctx, provider.Batch{N: 1, Of: 1, Changes: len(p.Changes)})
	return nil
}
func (f *fake) SkipChange(_ string, c diff.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.skipped = append(f.skipped, c)
}
func (f *fake) RegisteredNameservers(_ context.Context, d string) ([]string, error) {
	return f.registered[d], nil
}
func (f *fake) SetNameservers(_ context.Context, d string, ns []string) error {
	f.registered[d] = ns
	return nil
}

func load(t *testing.T, config, creds string) *Engine {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(config), 0o644)
	os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644)
	t.Chdir(dir)
	e, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func lines(pp *ProviderPlan) []string {
	var out []string
	for _, c := range pp.Plan.Changes {
		for _, l := range c.Lines(pp.Plan.MetaKeys) {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestNameserversFlowToZoneAndRegistrar(t *testing.T) {
	e := load(t, `
D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")),
  NAMESERVER("ns0.other.net."),
  A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake.,ns2.fake."}, "reg": {"TYPE": "FAKE", "ns": "x.", "registered": "old.ns."}}`)
	ctx := context.Background()
	dp := e.PlanDomain(ctx, e.Config.Domains[0])
	if dp.Err != nil {
		t.Fatal(dp.Err)
	}
	if want := []string{"ns0.other.net.", "ns1.fake.", "ns2.fake."}; !slices.Equal(dp.Nameservers, want) {
		t.Errorf("nameservers %v, want %v", dp.Nameservers, want)
	}
	pp := dp.Providers[0]
	if !pp.ZoneMissing {
		t.Error("zone should be missing")
	}
	// push: create the zone, replan against what now exists.
	dp, err := e.EnsureZones(ctx, dp)
	if err != nil {
		t.Fatal(err)
	}
	pp = dp.Providers[0]
	got := strings.Join(lines(pp), "\n")
	// With NAMESERVER() the set gets the TTL DNSControl gives it, 300
	// (no NAMESERVER_TTL), the new zone's own NS included.
	if !strings.Contains(got, "+ CREATE example.com A 192.0.2.1 ttl=300") || !strings.Contains(got, "ns0.other.net. ttl=300") ||
		!strings.Contains(got, "ns2.fake. ttl=300") || !strings.Contains(got, "(ns1.fake. ttl=172800) -> (ns1.fake. ttl=300)") {
		t.Errorf("plan after zone creation:\n%s", got)
	}
	if err := e.Apply(ctx, pp, pp.Plan); err != nil {
		t.Fatal(err)
	}
	rp := dp.Registrar
	if !rp.Changed() || !slices.Equal(rp.Old, []string{"old.ns."}) || len(rp.New) != 3 {
		t.Fatalf("registrar plan %+v", rp)
	}
	if err := e.ApplyRegistrar(ctx, e.Config.Domains[0], rp); err != nil {
		t.Fatal(err)
	}
	again := e.PlanDomain(ctx, e.Config.Domains[0])
	if n := again.Providers[0].Corrections(); n != 0 || again.Registrar.Changed() {
		t.Errorf("not converged: %v, registrar %+v", lines(again.Providers[0]), again.Registrar)
	}
}

func TestNSCountAndNoNS(t *testing.T) {
	e := load(t, `
D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns"), 1), A("@", "192.0.2.1"));
D("example.org", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"}, A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake.,ns2.fake."}}`)
	ctx := context.Background()
	dp := e.PlanDomain(ctx, e.Config.Domains[0])
	if !slices.Equal(dp.Nameservers, []string{"ns1.fake."}) {
		t.Errorf("nsCount 1 gave %v", dp.Nameservers)
	}
	dp = e.PlanDomain(ctx, e.Config.Domains[1])
	for _, l := range lines(dp.Providers[0]) {
		if strings.Contains(l, " NS ") {
			t.Errorf("no_ns domain plans NS: %s", l)
		}
	}
	if dp.Registrar == nil || dp.Registrar.Changed() {
		t.Errorf("NONE registrar must never change: %+v", dp.Registrar)
	}
}

// A registrar-only provider works when the DNS is elsewhere: the
// delegation comes from NAMESERVER() and the other provider.
func TestRegistrarOnly(t *testing.T) {
	e := load(t, `
D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("bind")),
  NAMESERVER("ns1.example.net."), NAMESERVER("ns2.example.net."), A("@", "192.0.2.1"));
`, `{"bind": {"TYPE": "BIND", "directory": "zones"}, "reg": {"TYPE": "FAKE", "ns": "unused.", "registered": "ns1.example.net."}}`)
	dp := e.PlanDomain(context.Background(), e.Config.Domains[0])
	rp := dp.Registrar
	if rp.Err != nil || !rp.Changed() || !slices.Equal(rp.New, []string{"ns1.example.net.", "ns2.example.net."}) {
		t.Fatalf("registrar plan %+v", rp)
	}
}

// A provider that asks for another creds entry (provider.Entry.Peer) that
// is a registrar of the run gets that registrar itself, so that what the
// registrar reads (Route 53 Domains' GetDomainDetail) is read once; any
// other entry is built for it, once.
func TestPeerIsTheRunsRegistrar(t *testing.T) {
	e := load(t, `
D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")), A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKE", "ns": "ns1.example.net."}, "reg": {"TYPE": "FAKE", "ns": "unused."}, "other": {"TYPE": "FAKE"}}`)
	peer := fakes["dns"].peer
	got, err := peer(context.Background(), "reg")
	if err != nil || got != e.registrars["reg"].Impl {
		t.Errorf("peer reg = %p, %v; want the run's registrar %p", got, err, e.registrars["reg"].Impl)
	}
	o1, err1 := peer(context.Background(), "other")
	o2, err2 := peer(context.Background(), "other")
	if err1 != nil || err2 != nil || o1 == nil || o1 != o2 || o1 == got {
		t.Errorf("peer other = %p, %p (%v, %v); want one instance of its own", o1, o2, err1, err2)
	}
}

func TestLoadErrorsListEverything(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(`
D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("nosuch")),
  A("@", "not-an-ip"));
`), 0o644)
	os.WriteFile(filepath.Join(dir, "creds.json"), []byte(`{"bind":{"TYPE":"BIND"}}`), 0o644)
	t.Chdir(dir)
	_, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"})
	if err == nil {
		t.Fatal("want error")
	}
	msg := err.Error()
	for _, want := range []string{
		`dnsconfig.js:3: example.com: A @: "not-an-ip" is not an IPv4 address`,
		`NewDnsProvider("nosuch"): creds.json has no entry "nosuch"; entries present: bind`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

// A provider's own apex name servers stay whatever the configuration says
// of the apex NS set: delegation elsewhere (DnsProvider(p, 0) with
// NAMESERVER()), or no_ns with NS("@") records of its own.
func TestOwnNameserversNeverDeleted(t *testing.T) {
	for _, tc := range []struct{ name, config, create string }{
		{"delegated elsewhere", `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns"), 0),
  NAMESERVER("ns.elsewhere.net."), A("@", "192.0.2.1"));`, "+ CREATE example.com NS ns.elsewhere.net. ttl=172800"},
		{"no_ns with NS records", `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")),
  {no_ns: "true"}, NS("@", "ns.elsewhere.net.", TTL(172800)), A("@", "192.0.2.1"));`, "+ CREATE example.com NS ns.elsewhere.net. ttl=172800"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := load(t, tc.config, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake.,ns2.fake."}}`)
			f := fakes["dns"]
			f.zones["example.com"] = []*model.Record{
				{Name: "example.com", Type: "NS", TTL: 172800, Data: "ns1.fake."},
				{Name: "example.com", Type: "NS", TTL: 172800, Data: "ns2.fake."},
			}
			dp := e.PlanDomain(context.Background(), e.Config.Domains[0])
			got := lines(dp.Providers[0])
			for _, l := range got {
				if strings.Contains(l, "fake.") && !strings.HasPrefix(l, "+") {
					t.Errorf("own name server touched: %s", l)
				}
			}
			if !slices.Contains(got, tc.create) {
				t.Errorf("plan lacks %q:\n%s", tc.create, strings.Join(got, "\n"))
			}
		})
	}
}

// The apex NS set has one TTL. Adding a server with NS("@") at the
// default TTL lowers the whole set's TTL, and the plan shows it for every
// server, not only the new one.
func TestApexNSSetHasOneTTL(t *testing.T) {
	e := load(t, `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), NS("@", "ns9.example.org."));`,
		`{"dns": {"TYPE": "FAKE", "ns": "ns1.fake."}}`)
	fakes["dns"].zones["example.com"] = []*model.Record{{Name: "example.com", Type: "NS", TTL: 172800, Data: "ns1.fake."}}
	got := lines(e.PlanDomain(context.Background(), e.Config.Domains[0]).Providers[0])
	want := []string{"± MODIFY example.com NS (ns1.fake. ttl=172800) -> (ns1.fake. ttl=300)", "+ CREATE example.com NS ns9.example.org. ttl=300"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("plan lacks %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	// With NAMESERVER_TTL the set keeps the TTL it is told.
	e = load(t, `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), NAMESERVER_TTL(172800), NS("@", "ns9.example.org."));`,
		`{"dns": {"TYPE": "FAKE", "ns": "ns1.fake."}}`)
	fakes["dns"].zones["example.com"] = []*model.Record{{Name: "example.com", Type: "NS", TTL: 172800, Data: "ns1.fake."}}
	got = lines(e.PlanDomain(context.Background(), e.Config.Domains[0]).Providers[0])
	if !slices.Equal(got, []string{"+ CREATE example.com NS ns9.example.org. ttl=172800"}) {
		t.Errorf("with NAMESERVER_TTL: %q", got)
	}
}

func TestSafetyThreshold(t *testing.T) {
	const plain = `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"}, A("@", "192.0.2.1"));`
	const lenient = `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true", max_change: "100%"}, A("@", "192.0.2.1"));`
	seed := func() {
		var rs []*model.Record
		for i := range 20 {
			rs = append(rs, &model.Record{Name: "h" + string(rune('a'+i)) + ".example.com", Type: "A", TTL: 300, Data: "192.0.2.9"})
		}
		fakes["dns"].zones["example.com"] = rs
	}
	for _, tc := range []struct {
		name, cfg, creds, flag string
		risk, enforced         bool
	}{
		{name: "warn only by default", cfg: plain, creds: `{"dns": {"TYPE": "FAKE", "ns": "x."}}`, risk: true},
		{name: "flag enforces", cfg: plain, creds: `{"dns": {"TYPE": "FAKE", "ns": "x."}}`, flag: "30%", risk: true, enforced: true},
		{name: "creds entry enforces", cfg: plain, creds: `{"dns": {"TYPE": "FAKE", "ns": "x.", "max_change": "0.5"}}`, risk: true, enforced: true},
		{name: "domain beats creds entry", cfg: lenient, creds: `{"dns": {"TYPE": "FAKE", "ns": "x.", "max_change": "0.5"}}`},
		{name: "flag beats domain", cfg: lenient, creds: `{"dns": {"TYPE": "FAKE", "ns": "x."}}`, flag: "30%", risk: true, enforced: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(tc.cfg), 0o644)
			os.WriteFile(filepath.Join(dir, "creds.json"), []byte(tc.creds), 0o644)
			t.Chdir(dir)
			e, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json", MaxChange: tc.flag})
			if err != nil {
				t.Fatal(err)
			}
			seed()
			pp := e.PlanDomain(context.Background(), e.Config.Domains[0]).Providers[0]
			if (pp.Risk != nil) != tc.risk {
				t.Fatalf("deleting 20 of 20 records: risk %+v, want flagged=%v", pp.Risk, tc.risk)
			}
			if tc.risk && (pp.Risk.Deleted != 20 || pp.Risk.Existing != 20 || pp.Refused() != tc.enforced) {
				t.Errorf("risk %+v refused=%v", pp.Risk, pp.Refused())
			}
		})
	}
}

func TestParseShare(t *testing.T) {
	for in, want := range map[string]float64{"30%": 0.3, " 30 % ": 0.3, "0.3": 0.3, "100%": 1, "0": 0, "0%": 0, "2.5%": 0.025} {
		if got, err := ParseShare(in); err != nil || got != want {
			t.Errorf("ParseShare(%q) = %v, %v", in, got, err)
		}
	}
	// A bare 1 or more is ambiguous ("1": 1% or everything?).
	for _, bad := range []string{"", "x", "-1", "150%", "30", "1", "1.5", "NaN", "Inf", "NaN%", "%"} {
		if _, err := ParseShare(bad); err == nil {
			t.Errorf("ParseShare(%q): want error", bad)
		}
	}
}

// assigning is a fake provider that, like Route 53 without a delegation
// set, assigns a zone's name servers only when it creates the zone.
type assigning struct{ *fake }

func init() {
	provider.Register(provider.Info{
		Type: "FAKEASSIGN", DNS: true, Capabilities: fakeCaps,
		New: func(_ context.Context, e provider.Entry) (any, error) {
			f := &fake{ns: strings.FieldsFunc(e.Fields["ns"], func(r rune) bool { return r == ',' }), zones: map[string][]*model.Record{}, registered: map[string][]string{}}
			fakes[e.Name] = f
			return assigning{f}, nil
		},
	})
}

// Nameservers of a zone not created yet are stand-ins, as Route 53's are.
func (a assigning) Nameservers(ctx context.Context, zone string) ([]string, error) {
	if _, err := a.Records(ctx, zone); err != nil {
		return []string{"ns-1.fake.invalid."}, nil
	}
	return a.ns, nil
}
func (a assigning) AssignsNameservers(string) bool { return true }

// Preview of a zone whose name servers come with its creation still shows
// the registrar correction; it cannot be applied before the zone exists,
// and push, which creates the zone first, applies the real name servers.
func TestRegistrarWaitsForAssignedNameservers(t *testing.T) {
	e := load(t, `
D("example.com", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")), A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKEASSIGN", "ns": "ns1.aws.,ns2.aws."}, "reg": {"TYPE": "FAKE", "ns": "x.", "registered": "old.ns."}}`)
	ctx := context.Background()
	d := e.Config.Domains[0]
	dp := e.PlanDomain(ctx, d)
	rp := dp.Registrar
	if !rp.Changed() || !slices.Equal(rp.Pending, []string{"dns"}) || len(rp.New) != 0 {
		t.Fatalf("preview registrar plan %+v", rp)
	}
	if err := e.ApplyRegistrar(ctx, d, rp); err == nil || !strings.Contains(err.Error(), "not known until it is created") {
		t.Fatalf("applying a pending registrar plan: %v", err)
	}
	if got := fakes["reg"].registered["example.com"]; !slices.Equal(got, []string{"old.ns."}) {
		t.Fatalf("registrar changed to %v before the zone existed", got)
	}
	dp, err := e.EnsureZones(ctx, dp)
	if err != nil {
		t.Fatal(err)
	}
	rp = dp.Registrar
	if len(rp.Pending) != 0 || !slices.Equal(rp.New, []string{"ns1.aws.", "ns2.aws."}) {
		t.Fatalf("registrar plan after creation %+v", rp)
	}
	if err := e.ApplyRegistrar(ctx, d, rp); err != nil {
		t.Fatal(err)
	}
	// --no-populate: nothing will be created, so nothing is pending, and
	// the stand-ins are no delegation.
	e2 := load(t, `
D("example.org", NewRegistrar("reg"), DnsProvider(NewDnsProvider("dns")), A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKEASSIGN", "ns": "ns1.aws."}, "reg": {"TYPE": "FAKE", "ns": "x."}}`)
	e2.noPopulate = true
	if rp := e2.PlanDomain(ctx, e2.Config.Domains[0]).Registrar; rp.Changed() {
		t.Errorf("--no-populate registrar plan %+v", rp)
	}
}

// A second provider of the domain plans the stand-ins into its apex NS set
// in preview; push plans again once the zone exists, and a plan still
// holding a stand-in is refused whatever the provider.
func TestStandInsNeverApplied(t *testing.T) {
	e := load(t, `
D("example.net", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), DnsProvider(NewDnsProvider("other")), A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKEASSIGN", "ns": "ns1.aws."}, "other": {"TYPE": "FAKE", "ns": "ns1.other."}}`)
	ctx := context.Background()
	fakes["other"].zones["example.net"] = nil
	dp := e.PlanDomain(ctx, e.Config.Domains[0])
	other := dp.Providers[1]
	if !slices.Contains(lines(other), "+ CREATE example.net NS ns-1.fake.invalid. ttl=300") {
		t.Fatalf("preview of the other provider: %v", lines(other))
	}
	if err := e.Apply(ctx, other, other.Plan); err == nil || !strings.Contains(err.Error(), "stand-in") {
		t.Errorf("a plan holding a stand-in was applied: %v", err)
	}
	if fakes["other"].applied != 0 {
		t.Errorf("the other provider applied %d plans", fakes["other"].applied)
	}
	dp, err := e.EnsureZones(ctx, dp)
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(dp.Providers[1]); slices.ContainsFunc(got, func(l string) bool { return strings.Contains(l, ".invalid.") }) || !slices.Contains(got, "+ CREATE example.net NS ns1.aws. ttl=300") {
		t.Errorf("after creation the other provider plans %v", got)
	}
	if !dp.Providers[0].Created {
		t.Errorf("the created zone is not marked Created")
	}
}

// Load reports these problems with the file and line at fault, every one
// of them, before any provider is built or read; check (SkipCreds) too.
func TestLoadValidatesBeforeProviders(t *testing.T) {
	config := `var REG = NewRegistrar("none");
var DNS = NewDnsProvider("dns");
D("example.com", REG, DnsProvider(DNS),
  DnsProvider("undeclared"),
  IGNORE("{a,b"),
  IGNORE_TARGET("[x"),
  A("foo.example.com", "192.0.2.1"),
  A("bar.example.com", "192.0.2.1", DISABLE_REPEATED_DOMAIN_CHECK),
  TXT("huge", "h".repeat(70000)),
  DS("ds", 1, 13, 2, "zz"),
END);
D(REV("192.0.2.0/24"), REG, DnsProvider(DNS),
  PTR("198.51.100.7", "x.example.com."),
END);
`
	want := []string{
		`ERROR: dnsconfig.js:4: example.com: DnsProvider("undeclared"): no DNS provider of that name is declared`,
		`ERROR: dnsconfig.js:5: example.com: IGNORE label pattern "{a,b": the '{' at offset 0 is never closed`,
		`ERROR: dnsconfig.js:6: example.com: IGNORE target pattern "[x": the '[' at offset 0 is never closed`,
		`ERROR: dnsconfig.js:7: example.com: A foo.example.com: the name repeats the domain`,
		`ERROR: dnsconfig.js:9: example.com: TXT huge: the text is 70000 bytes`,
		`ERROR: dnsconfig.js:10: example.com: DS ds: DS data "1 13 2 zz": cannot be encoded`,
		`ERROR: dnsconfig.js:13: 2.0.192.in-addr.arpa: PTR 198.51.100.7: 198.51.100.7 is not inside the zone 2.0.192.in-addr.arpa`,
	}
	for _, skipCreds := range []bool{true, false} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(config), 0o644)
		// The provider would fail to build: Load must not get that far.
		os.WriteFile(filepath.Join(dir, "creds.json"), []byte(`{"dns": {"TYPE": "NOSUCHTYPE"}}`), 0o644)
		t.Chdir(dir)
		_, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json", SkipCreds: skipCreds})
		if err == nil {
			t.Fatal("want errors")
		}
		msg := err.Error()
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("SkipCreds=%v: errors lack %q:\n%s", skipCreds, w, msg)
			}
		}
		if strings.Contains(msg, "bar.example.com") || strings.Contains(msg, `NewDnsProvider("undeclared")`+":") {
			t.Errorf("SkipCreds=%v: unexpected error:\n%s", skipCreds, msg)
		}
	}
}

// DnsProvider() of a name no NewDnsProvider declares is blamed on that
// call, never on a NewDnsProvider that does not exist, even when creds.json
// has an entry of that name.
func TestUndeclaredDnsProvider(t *testing.T) {
	for _, creds := range []string{`{"bind": {"TYPE": "BIND"}}`, `{"undeclared": {"TYPE": "FAKE", "ns": "ns1.fake."}}`} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(`var REG = NewRegistrar("none");
D("example.com", REG,
  DnsProvider("undeclared"), A("@", "192.0.2.1"));
`), 0o644)
		os.WriteFile(filepath.Join(dir, "creds.json"), []byte(creds), 0o644)
		t.Chdir(dir)
		_, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"})
		want := `ERROR: dnsconfig.js:3: example.com: DnsProvider("undeclared"): no DNS provider of that name is declared; use the name NewDnsProvider("undeclared") returns`
		if err == nil || err.Error() != want {
			t.Errorf("creds %s: error %v\nwant %s", creds, err, want)
		}
	}
}

// PTR names in reverse zones follow DNSControl's PTR.md and REV.md.
func TestPTRNames(t *testing.T) {
	e := load(t, `var REG = NewRegistrar("none");
var DNS = NewDnsProvider("dns");
D(REV("192.0.2.0/24"), REG, DnsProvider(DNS),
  PTR("192.0.2.7", "c.example.com."),
  PTR(REV("192.0.2.5"), "d.example.com."),
  PTR("6.2.0.192.in-addr.arpa", "e.example.com."),
  PTR("9", "f.example.com."),
);
D(REV("2001:db8::/32"), REG, DnsProvider(DNS), PTR("2001:db8::1", "g.example.com."));
D_EXTEND(REV("192.0.2.10"), PTR("192.0.2.10", "h.example.com."));
`, `{"dns": {"TYPE": "BIND", "directory": "zones"}}`)
	var got []string
	for _, d := range e.Config.Domains {
		for _, r := range d.Records {
			got = append(got, r.Label(d.Name)+" "+r.Data)
		}
	}
	want := []string{"7 c.example.com.", "5 d.example.com.", "6 e.example.com.", "9 f.example.com.", "10 h.example.com.",
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 g.example.com."}
	if !slices.Equal(got, want) {
		t.Errorf("PTR labels %q\nwant %q", got, want)
	}
}

// IGNORE_NAME("straße") keeps the existing record xn--strae-oqa, as
// IGNORE_TARGET("*.bücher.example.") keeps a CNAME to xn--bcher-kva.example.
func TestIgnoreIDN(t *testing.T) {
	e := load(t, `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), {no_ns: "true"},
  IGNORE_NAME("straße"), IGNORE_TARGET("*.bücher.example.", "CNAME"),
  A("@", "192.0.2.1"));
`, `{"dns": {"TYPE": "FAKE", "ns": "ns1.fake."}}`)
	fakes["dns"].zones["example.com"] = []*model.Record{
		{Name: "example.com", Type: "A", TTL: 300, Data: "192.0.2.1"},
		{Name: "xn--strae-oqa.example.com", Type: "A", TTL: 300, Data: "192.0.2.2"},
		{Name: "shop.example.com", Type: "CNAME", TTL: 300, Data: "www.xn--bcher-kva.example."},
	}
	dp := e.PlanDomain(context.Background(), e.Config.Domains[0])
	if dp.Err != nil {
		t.Fatal(dp.Err)
	}
	if n := dp.Providers[0].Corrections(); n != 0 {
		t.Errorf("ignored records would change: %q", lines(dp.Providers[0]))
	}
}

// A provider declared with its type but without a creds.json entry is an
// error, unless its type needs no entry (BIND, NONE): a cloud provider
// must not quietly run on whatever credentials the environment holds.
func TestMissingEntryWithType(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("creds.json", []byte(`{"r53_prod": {"TYPE": "FAKE", "ns": "x."}}`), 0o644)
	os.WriteFile("dnsconfig.js", []byte(`D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("r53_main", "FAKE")));`), 0o644)
	_, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"})
	for _, want := range []string{`NewDnsProvider("r53_main")`, "creds.json", `"r53_main"`, "r53_prod"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	os.WriteFile("dnsconfig.js", []byte(`D("example.com", NewRegistrar("myreg", "NONE"), DnsProvider(NewDnsProvider("mybind", "BIND")));`), 0o644)
	if _, err := Load(context.Background(), Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"}); err != nil {
		t.Errorf("BIND and NONE need no entry: %v", err)
	}
}
