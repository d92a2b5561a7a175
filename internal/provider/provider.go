// Package provider defines what dnsctl asks of a DNS provider or registrar:
// small interfaces, the capabilities each provider declares, and the registry
// that builds a provider from its creds.json entry.
package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// ErrZoneNotFound is returned (wrapped) by DNS.Records when the provider has
// no zone of that name.
var ErrZoneNotFound = errors.New("zone does not exist")

// DNS is a DNS provider: it reads a zone's records and applies plans.
//
// Every zone argument (and Plan.Zone) is a zone reference: the zone name,
// or "name!tag" for a split-horizon view (D("example.com!internal", …));
// model.SplitZone separates them. Record names never carry the tag.
type DNS interface {
	// Records returns every record in the zone, normalised like
	// configuration records (FQDN names, canonical data). SOA records are
	// included when the provider has them; the differ never changes them.
	Records(ctx context.Context, zone string) ([]*model.Record, error)
	// Apply makes the changes of plan, in order.
	Apply(ctx context.Context, plan *diff.Plan) error
	// Nameservers returns the name servers the provider serves zone from
	// (fully qualified, trailing dot), or nil when it has none to offer.
	Nameservers(ctx context.Context, zone string) ([]string, error)
	// Capabilities says which record types and features the provider serves.
	Capabilities() Capabilities
}

// ZoneCreator is a DNS provider that can create missing zones.
type ZoneCreator interface {
	// EnsureZone creates zone unless it exists; created reports which.
	// A provider may make the zone real only with its content (BIND
	// writes the file then): Records reads it as created meanwhile, and
	// the engine follows a creation with an Apply of the zone's plan, an
	// empty one when there is nothing to change.
	EnsureZone(ctx context.Context, zone string) (created bool, err error)
}

// Locker is a DNS provider whose zones another process may change between
// the read that plans a push and the write that applies it (zone files
// in a shared directory). The engine locks the zones of a push before it
// reads the first of them and releases them after the last write; preview
// takes no lock.
type Locker interface {
	// Lock takes an exclusive lock covering zones, waiting while another
	// process holds it (waiting is told once what it waits for) until
	// ctx ends. release frees it.
	Lock(ctx context.Context, zones []string, waiting func(msg string)) (release func(), err error)
}

// ZoneLister is a DNS provider that can list its zones (get-zones "all").
type ZoneLister interface {
	// ListZones returns every zone as a zone reference, sorted: the zone
	// name, or "name!tag" for a split-horizon view (BIND) or for one of
	// several zones sharing a name (Route 53's public and private zones).
	ListZones(ctx context.Context) ([]string, error)
}

// ZoneFinder is a DNS provider whose zones have IDs besides their names,
// so that several may share a name (Route 53 hosted zones).
type ZoneFinder interface {
	// FindZone resolves a zone as a user names it (a zone name, a zone
	// reference as ListZones returns it, or the provider's ID of the
	// zone) to the zone reference to read it by, and the ID a
	// configuration must pin it with (R53_ZONE on D()), or "" when its
	// name alone finds it. Later calls with ref read that zone.
	FindZone(ctx context.Context, zone string) (ref, id string, err error)
}

// Preparer is a DNS provider that completes or checks the desired records
// of a zone before they are compared with the existing ones: filling
// defaults the provider applies (an alias's own zone ID), and rejecting
// what the provider would refuse at push time (an alias loop).
type Preparer interface {
	Prepare(ctx context.Context, zone string, desired []*model.Record) error
}

// ZoneHinter is a DNS provider told, before planning, which zones the run
// will use, so it can find them with the fewest calls.
type ZoneHinter interface {
	WillUse(zones []string)
}

// ViewChecker is a DNS provider that tells zones of one name apart only by
// their ID (Route 53), told every zone of the configuration that uses it,
// so that split-horizon views ("x.tld", "x.tld!inside") are never mistaken
// for one another, even in a run filtered with --domains.
type ViewChecker interface {
	ZoneViews(zones []string)
}

// SyncWaiter is a DNS provider that can wait, after applying changes,
// until the provider reports them served by all its name servers
// (push --wait).
type SyncWaiter interface {
	WaitForSync()
}

// NewZoneDescriber is a ZoneCreator that knows what a zone it creates will
// hold from the start (Route 53's own apex NS set), so a preview of a zone
// that push will create shows exactly what push will do.
type NewZoneDescriber interface {
	NewZoneRecords(ctx context.Context, zone string) ([]*model.Record, error)
}

// NameserverAssigner is a DNS provider that chooses a zone's name servers
// only when it creates the zone (Route 53 without a delegation set): until
// then nobody knows them, so a registrar change must wait for the zone.
// For such a zone its Nameservers returns stand-ins (names under .invalid)
// that its NewZoneRecords uses too, so that the plan has the shape of the
// one push makes once the zone exists; they never reach a registrar.
type NameserverAssigner interface {
	AssignsNameservers(zone string) bool
}

// ListedNameservers is a DNS provider that can tell a zone's name servers
// from the record listing that planning reads next anyway, saving a call
// of its own, where the listing leaves no doubt (Route 53: an apex NS set
// of exactly the form Route 53 assigns). The answer may rest on records
// someone could have edited, so the engine asks for it only where nothing
// is delegated from it: the domain's registrar is NONE, it has no other DNS
// provider (whose apex NS set would get the answer) and every server counts
// (no NS count). Otherwise it calls Nameservers, which reads the zone's
// real delegation.
type ListedNameservers interface {
	ListedNameservers(ctx context.Context, zone string) ([]string, error)
}

// SettingsPlanner is a DNS provider that manages, with a zone's records,
// things of the zone that are not records (Route 53: health checks, VPC
// associations, DNSSEC, tags), declared as the domain's model.Settings.
// PlanSettings adds their changes to the zone's record plan (changes with
// Setting set, see diff.Change) and may rewrite record changes that depend
// on them; Apply makes them in the order the plan says. existing and
// desired are the records the plan was computed from. A domain that
// declares none of them costs no call.
type SettingsPlanner interface {
	PlanSettings(ctx context.Context, zone string, existing, desired []*model.Record, plan *diff.Plan) error
}

// ChangeSkipper is a DNS provider told of each change of a plan the user
// declines (push -i), so that a later change of the run that depends on
// it is refused rather than made along with it.
type ChangeSkipper interface {
	SkipChange(zone string, c diff.Change)
}

// SettingsExporter is a DNS provider that can describe a zone's settings
// besides records as the declarations that would keep them (get-zones). It
// may rewrite records' metadata to refer to them (a health check ID
// becomes the name of the exported check).
type SettingsExporter interface {
	ExportSettings(ctx context.Context, zone string, records []*model.Record) ([]*model.Setting, error)
}

// ExportPlanner is a SettingsExporter told, before get-zones exports them,
// every zone it will export (as the references ExportSettings will be
// given), so that it can read what it keeps per zone for several zones in
// one call (Route 53: the tags of ten zones a call, the query logging of
// the whole account in one listing) rather than zone by zone.
type ExportPlanner interface {
	WillExport(zones []string)
}

// Batcher is a DNS provider that applies a plan in API batches and can say
// how many a plan needs, for preview.
type Batcher interface {
	Batches(plan *diff.Plan) int
}

// Registrar keeps a domain's delegation (its name servers at the registry)
// in step with the DNS providers.
type Registrar interface {
	// RegisteredNameservers returns the name servers the registry has for
	// domain (fully qualified, trailing dot).
	RegisteredNameservers(ctx context.Context, domain string) ([]string, error)
	// SetNameservers replaces them.
	SetNameservers(ctx context.Context, domain string, ns []string) error
}

// Capabilities lists what a provider can serve.
type Capabilities struct {
	// Types are the record types the provider serves, beyond none: a type
	// missing here is a validation error for domains using the provider.
	Types map[string]bool
	// SetID says whether records may carry a set identifier (routing policies).
	SetID bool
	// Concurrent says whether zones may be processed in parallel.
	Concurrent bool
	// OneTTLPerSet says a record set has one TTL (Route 53): values an
	// IGNORE keeps in a changed set take the set's new TTL.
	OneTTLPerSet bool
	// MetaKeys are the record metadata keys whose values are part of a
	// record's content for this provider (for Route 53: alias target zone,
	// weight, health check...). The differ compares them along with the
	// data; any other metadata is the provider's private business (for
	// example the exact text it read) and is carried, not compared.
	MetaKeys []string
	// ZoneFiles says a name server loads the provider's zones from zone
	// files (BIND): a zone needs NS records at its apex, and the owners
	// and targets BIND's check-names tests must be host names.
	ZoneFiles bool
}

// Supports reports whether the provider serves record type t.
func (c Capabilities) Supports(t string) bool { return c.Types[t] }

// SupportsSetID reports whether records may carry a set identifier.
func (c Capabilities) SupportsSetID() bool { return c.SetID }

// LoadsZoneFiles reports whether a name server loads the zones from files.
func (c Capabilities) LoadsZoneFiles() bool { return c.ZoneFiles }

// Entry is one creds.json entry: its key, TYPE and the remaining fields.
type Entry struct {
	Name   string
	Type   string
	Fields map[string]string
	// Unset maps fields whose "$VARIABLE" was not set (so they are empty)
	// to the variable; a provider may refuse that for fields that choose
	// an account.
	Unset map[string]string
	// Meta is the metadata object of the configuration's declaration of
	// the entry (NewDnsProvider("name", {…})), nil when it has none: the
	// provider settings DNSControl reads from dnsconfig.js.
	Meta map[string]any
	// Domains are the configuration's domains that name the entry as a DNS
	// provider, all of them whatever --domains selects (nil where no
	// configuration is read, as in get-zones): a provider that manages
	// settings besides records (see SettingsPlanner) reads theirs here.
	Domains []*model.Domain
	// Settings are the configuration's account-wide settings
	// (model.Config.Settings).
	Settings []*model.Setting
	// Peer builds (once per run) the provider of another creds.json entry,
	// for a provider whose settings involve another account (a VPC owned
	// by another AWS account, the registrar that publishes a DS record).
	// nil where the run has no creds file to build from.
	Peer func(ctx context.Context, name string) (any, error)
}

// Constructor builds a provider from its creds entry. The value returned
// implements DNS, Registrar or both.
type Constructor func(ctx context.Context, e Entry) (any, error)

// Info describes a registered provider type.
type Info struct {
	Type string
	New  Constructor
	// Capabilities of the DNS provider, known without building it.
	Capabilities Capabilities
	// DNS and Registrar say which roles the type can play.
	DNS, Registrar bool
	// NoEntry says the type works without a creds.json entry when the
	// configuration names its type (BIND, NONE); any other provider
	// declared without an entry is an error, whatever the environment holds.
	NoEntry bool
	// CheckSetting checks the arguments of a setting (model.Setting) of a
	// kind the type declares; known is false for kinds it does not. The
	// DSL checks the settings it makes; this checks those an IR file
	// (--ir) gives, which no evaluation has seen.
	CheckSetting func(kind string, args []any) (known bool, err error)
}

// CheckSetting checks a setting with the provider type that declares its
// kind; known is false when no registered type does.
func CheckSetting(s *model.Setting) (known bool, err error) {
	mu.RLock()
	infos := make([]Info, 0, len(registry))
	for _, info := range registry {
		infos = append(infos, info)
	}
	mu.RUnlock()
	for _, info := range infos {
		if info.CheckSetting == nil {
			continue
		}
		if known, err := info.CheckSetting(s.Kind, s.Args); known {
			return true, err
		}
	}
	return false, nil
}

var (
	mu       sync.RWMutex
	registry = map[string]Info{}
)

// Register makes a provider type available. It is called from the init
// function of each provider package.
func Register(info Info) {
	mu.Lock()
	defer mu.Unlock()
	registry[info.Type] = info
}

// Lookup returns the registered provider type t.
func Lookup(t string) (Info, error) {
	mu.RLock()
	defer mu.RUnlock()
	info, ok := registry[t]
	if !ok {
		return Info{}, fmt.Errorf("unknown provider type %q (known: %v)", t, typesLocked())
	}
	return info, nil
}

// Types lists the registered provider types.
func Types() []string {
	mu.RLock()
	defer mu.RUnlock()
	return typesLocked()
}

func typesLocked() []string {
	ts := make([]string, 0, len(registry))
	for t := range registry {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// TypeSet builds a Types map from a list.
func TypeSet(types ...string) map[string]bool {
	m := make(map[string]bool, len(types))
	for _, t := range types {
		m[t] = true
	}
	return m
}
