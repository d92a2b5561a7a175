package route53

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// zoneRef is one hosted zone.
type zoneRef struct {
	ID      string // without the "/hostedzone/" prefix
	Name    string // canonical: lower-case, no trailing dot
	Private bool
	Comment string // the zone's comment, as listed
}

// zoneCache remembers hosted zone IDs for the run.
//
// Finding a zone: the first lookup lists the account's hosted zones one page
// (100 zones) at a time, but only the first page. If that page holds every
// zone (the common case: most accounts have fewer than 100), all later
// lookups are answered from memory, so a push over N zones costs one call
// instead of N. In larger accounts each zone is looked up on its own with
// ListHostedZonesByName, which costs one call per zone used instead of
// (zones in the account / 100) calls for a full listing that a push of a
// few domains would mostly not need.
type zoneCache struct {
	mu       sync.Mutex
	byName   map[string][]zoneRef // looked-up names; an empty slice means "no such zone"
	complete bool                 // byName holds every zone of the account
	listed   bool
	listMu   sync.Mutex // serialises the first listing
	pinned   map[string]string
	checked  map[string]bool // pinned IDs verified with GetHostedZone
	ns       map[string][]string
	planned  map[string]bool // zone names the run will use (WillUse)
	// views maps a zone name to every key of the configuration that names
	// it at this provider ("x.tld", "x.tld!inside"), filtered out or not.
	views map[string][]string
	// comments holds, by zone ID, the comments of zones read by
	// GetHostedZone or changed by this run (see zoneComment).
	comments map[string]string
	// created holds, for zones this run created, the record sets Route 53
	// puts in a new zone, so planning the new zone needs no listing.
	created map[string][]types.ResourceRecordSet
	// prefetched holds the record sets ListedNameservers read, by zone
	// ID, for the Records call that follows it.
	prefetched map[string][]types.ResourceRecordSet
}

func newZoneCache() zoneCache {
	return zoneCache{byName: map[string][]zoneRef{}, pinned: map[string]string{}, checked: map[string]bool{}, ns: map[string][]string{},
		created: map[string][]types.ResourceRecordSet{}, prefetched: map[string][]types.ResourceRecordSet{}}
}

func canonicalZone(z string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(z), "."))
}

// zoneKey is how a zone is named by the engine: its DNS name, optionally
// followed by "!tag" for split horizon (D("example.com!internal")), which
// lets R53_ZONE pick one of several hosted zones of the same name.
func zoneKey(z string) string {
	name, tag, ok := strings.Cut(strings.TrimSpace(z), "!")
	key := canonicalZone(name)
	if ok {
		key += "!" + strings.ToLower(strings.TrimSpace(tag))
	}
	return key
}

// zoneName is the DNS name of a zone key.
func zoneName(key string) string {
	name, _, _ := strings.Cut(key, "!")
	return name
}

func cleanZoneID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimPrefix(id, "/")
	id = strings.TrimPrefix(id, "hostedzone/")
	return id
}

// ZoneViews tells the provider every zone of the configuration that uses
// it, including those a --domains filter leaves out of the run. Several
// domains of one name (split-horizon views, "x.tld" and "x.tld!inside")
// are told apart at Route 53 only by hosted zone ID, so each must then be
// pinned with R53_ZONE, but one (the public zone) may be left to be found
// by name.
func (p *Provider) ZoneViews(zones []string) {
	views := map[string][]string{}
	for _, z := range zones {
		key := zoneKey(z)
		name := zoneName(key)
		if !slices.Contains(views[name], key) {
			views[name] = append(views[name], key)
		}
	}
	p.zones.mu.Lock()
	p.zones.views = views
	p.zones.mu.Unlock()
}

// siblingCheck applies the rules of ZoneViews to key: it returns the IDs
// its same-named siblings are pinned to (not key's zone, then) and whether
// a sibling of the other kind (private: declaring R53_VPC, or public) is
// left to be found by name, or an error when key and another sibling of
// its kind are both left to be found by name, or when a sibling is pinned
// to the same ID as key.
func (p *Provider) siblingCheck(key, pinned string) (taken map[string]bool, looseOther bool, err error) {
	name := zoneName(key)
	private := p.wantsPrivate(key)
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	taken = map[string]bool{}
	var loose []string
	for _, k := range p.zones.views[name] {
		if k == key {
			continue
		}
		id := p.zones.pinned[k]
		switch {
		case id == "" && p.wantsPrivate(k) != private:
			looseOther = true
		case id == "":
			loose = append(loose, k)
		case id == pinned:
			return nil, false, fmt.Errorf("zone %s: %s names the same hosted zone with R53_ZONE(%q); each domain needs a hosted zone of its own", key, k, pinned)
		default:
			taken[id] = true
		}
	}
	if pinned == "" && len(loose) > 0 {
		return nil, false, fmt.Errorf("zone %s: the configuration also has %s at this provider; Route 53 tells hosted zones of one name apart only by ID, so give all but one of them R53_ZONE(\"ID\") (or, for a public and a private view, give the private one its VPCs with R53_VPC: it is then found among the private zones, the other among the public ones)", key, strings.Join(loose, ", "))
	}
	return taken, looseOther, nil
}

// UseZoneID pins zone to the hosted zone id (R53_ZONE on a domain), for
// accounts holding several zones of the same name (public and private).
func (p *Provider) UseZoneID(zone, id string) {
	zone, id = zoneKey(zone), cleanZoneID(id)
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	if p.zones.pinned[zone] == id {
		return // pinned already (every plan of the domain repeats it): keep what was checked
	}
	delete(p.zones.checked, zone)
	if id == "" {
		delete(p.zones.pinned, zone)
		return
	}
	p.zones.pinned[zone] = id
}

func (p *Provider) addZone(ref zoneRef) {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	for _, r := range p.zones.byName[ref.Name] {
		if r.ID == ref.ID {
			return
		}
	}
	p.zones.byName[ref.Name] = append(p.zones.byName[ref.Name], ref)
}

func refFromAPI(hz types.HostedZone) zoneRef {
	ref := zoneRef{ID: cleanZoneID(aws.ToString(hz.Id)), Name: canonicalZone(decodeName(aws.ToString(hz.Name)))}
	if hz.Config != nil {
		ref.Private = hz.Config.PrivateZone
		ref.Comment = aws.ToString(hz.Config.Comment)
	}
	return ref
}

// lookupZone returns the hosted zones named zone. fresh bypasses the cache.
func (p *Provider) lookupZone(ctx context.Context, zone string, fresh bool) ([]zoneRef, error) {
	if !fresh {
		p.zones.mu.Lock()
		refs, ok := p.zones.byName[zone]
		complete := p.zones.complete
		listed := p.zones.listed
		p.zones.mu.Unlock()
		if ok {
			return refs, nil
		}
		if complete {
			return nil, nil
		}
		if !listed {
			if err := p.firstListing(ctx); err != nil {
				return nil, err
			}
			p.zones.mu.Lock()
			refs, ok = p.zones.byName[zone]
			complete = p.zones.complete
			p.zones.mu.Unlock()
			if ok || complete {
				return refs, nil
			}
		}
	}
	var refs []zoneRef
	in := &route53.ListHostedZonesByNameInput{DNSName: aws.String(zone + "."), MaxItems: aws.Int32(100)}
	pg := p.zonePager("route53:ListHostedZonesByName", zone, zone+"."+markerSep)
	for {
		var out *route53.ListHostedZonesByNameOutput
		err := p.call(ctx, "route53:ListHostedZonesByName", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListHostedZonesByName(ctx, in)
			return err
		})
		if err != nil {
			return nil, err
		}
		beyond := false
		for _, hz := range out.HostedZones {
			ref := refFromAPI(hz)
			if ref.Name != zone {
				beyond = true
				break
			}
			refs = append(refs, ref)
		}
		if beyond {
			break
		}
		next := ""
		if out.NextDNSName != nil {
			next = aws.ToString(out.NextDNSName) + markerSep + aws.ToString(out.NextHostedZoneId)
		}
		more, err := pg.next(len(out.HostedZones), out.IsTruncated, next)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		in.DNSName, in.HostedZoneId = out.NextDNSName, out.NextHostedZoneId
	}
	p.zones.mu.Lock()
	if refs == nil {
		refs = []zoneRef{}
	}
	p.zones.byName[zone] = refs
	p.zones.mu.Unlock()
	return refs, nil
}

// WillUse tells the provider which zones the run will work on, so that
// finding them costs the fewest calls (see firstListing).
func (p *Provider) WillUse(zones []string) {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	if p.zones.planned == nil {
		p.zones.planned = map[string]bool{}
	}
	for _, z := range zones {
		p.zones.planned[zoneName(zoneKey(z))] = true
	}
}

// firstListing lists the account's hosted zones, 100 a page. When the
// first page is the only one, the cache becomes complete. Otherwise it reads
// on only while that is cheaper than the alternative, one
// ListHostedZonesByName call per zone the run will use (WillUse) that the
// pages read so far lack: it goes on while at least 3 are missing and
// fewer pages than that have been read beyond the first. A run over most
// of the account thus lists it once (ceil(zones/100) calls, the least
// possible), a run over a few domains of a large account reads one page,
// and no run spends more than about twice the cheaper way, without asking
// first how many zones there are.
func (p *Provider) firstListing(ctx context.Context) error {
	p.zones.listMu.Lock()
	defer p.zones.listMu.Unlock()
	p.zones.mu.Lock()
	listed := p.zones.listed
	p.zones.mu.Unlock()
	if listed {
		return nil
	}
	pg := p.zonePager("route53:ListHostedZones", "", "")
	in := &route53.ListHostedZonesInput{MaxItems: aws.Int32(100)}
	var held []zoneRef // zones of the last name of the previous page
	for extra := 0; ; extra++ {
		var out *route53.ListHostedZonesOutput
		err := p.call(ctx, "route53:ListHostedZones", "", callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListHostedZones(ctx, in)
			return err
		})
		if err != nil {
			return err
		}
		more, err := pg.next(len(out.HostedZones), out.IsTruncated, aws.ToString(out.NextMarker))
		if err != nil {
			return err
		}
		last := ""
		if more && len(out.HostedZones) > 0 {
			// More zones of the page's last name may follow on the next
			// page: they are recorded with it, or not at all.
			last = refFromAPI(out.HostedZones[len(out.HostedZones)-1]).Name
		}
		page := held
		held = nil
		for _, hz := range out.HostedZones {
			ref := refFromAPI(hz)
			if ref.Name == last {
				held = append(held, ref)
			} else {
				page = append(page, ref)
			}
		}
		p.zones.mu.Lock()
		for _, ref := range page {
			if !slices.ContainsFunc(p.zones.byName[ref.Name], func(r zoneRef) bool { return r.ID == ref.ID }) {
				p.zones.byName[ref.Name] = append(p.zones.byName[ref.Name], ref)
			}
		}
		missing := 0
		for z := range p.zones.planned {
			if _, ok := p.zones.byName[z]; !ok {
				missing++
			}
		}
		p.zones.complete = !more
		// Lookups that found listed set wait on listMu for the listing's
		// end: a zone on a page not read yet is not missing.
		done := !more || missing < 3 || extra >= missing
		p.zones.listed = done
		p.zones.mu.Unlock()
		if done {
			return nil
		}
		in.Marker = out.NextMarker
	}
}

// zoneID returns the ID of the hosted zone of the zone key (name or
// name!tag), or an error wrapping provider.ErrZoneNotFound.
func (p *Provider) zoneID(ctx context.Context, key string) (string, error) {
	zone := zoneName(key)
	p.zones.mu.Lock()
	pinned := p.zones.pinned[key]
	checked := p.zones.checked[key]
	p.zones.mu.Unlock()
	taken, looseOther, err := p.siblingCheck(key, pinned)
	if err != nil {
		return "", err
	}
	if pinned != "" {
		if checked {
			return pinned, nil
		}
		var out *route53.GetHostedZoneOutput
		err := p.call(ctx, "route53:GetHostedZone", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(pinned)})
			return err
		})
		if err != nil {
			var nf *zoneNotFoundError
			if errors.As(err, &nf) {
				// Not "zone missing": push cannot create a zone with a
				// chosen ID, so preview must not promise it.
				return "", fmt.Errorf("zone %s: R53_ZONE(%q) names no hosted zone of this AWS account; fix the ID in D(%q, ...), or remove R53_ZONE to have push create the zone", key, pinned, key)
			}
			return "", err
		}
		if out.HostedZone != nil {
			ref := refFromAPI(*out.HostedZone)
			if ref.Name != zone {
				return "", fmt.Errorf("zone %s: R53_ZONE(%q) is the hosted zone of %s, not of %s; fix the ID in D(%q, ...)", key, pinned, ref.Name, zone, key)
			}
			p.rememberComment(pinned, ref.Comment)
		}
		p.zones.mu.Lock()
		p.zones.checked[key] = true
		p.zones.mu.Unlock()
		return pinned, nil
	}
	refs, err := p.lookupZone(ctx, zone, false)
	if err != nil {
		return "", err
	}
	// Zones pinned by same-named siblings are theirs, not this one's.
	refs = slices.DeleteFunc(slices.Clone(refs), func(r zoneRef) bool { return taken[r.ID] })
	// A domain with R53_VPC is among the private zones, others among the
	// public ones (split horizon).
	if refs, err = p.ofKind(key, refs, looseOther); err != nil {
		return "", err
	}
	switch len(refs) {
	case 0:
		return "", &zoneNotFoundError{zone: key}
	case 1:
		return refs[0].ID, nil
	}
	var ids []string
	for _, r := range refs {
		kind := "public"
		if r.Private {
			kind = "private"
		}
		ids = append(ids, r.ID+" ("+kind+")")
	}
	return "", fmt.Errorf("zone %s: this AWS account has %d hosted zones of that name: %s; choose one with R53_ZONE(\"ID\") in D(%q, ...)", key, len(refs), strings.Join(ids, ", "), key)
}

// EnsureZone creates the hosted zone unless it exists, in the configured
// reusable delegation set if there is one.
func (p *Provider) EnsureZone(ctx context.Context, zone string) (bool, error) {
	created, err := p.ensureZone(ctx, zoneKey(zone))
	return created, p.public(err)
}

func (p *Provider) ensureZone(ctx context.Context, key string) (bool, error) {
	_, err := p.zoneID(ctx, key)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, provider.ErrZoneNotFound) {
		return false, err
	}
	p.zones.mu.Lock()
	pinned := p.zones.pinned[key]
	p.zones.mu.Unlock()
	zone := zoneName(key)
	if pinned != "" {
		return false, err
	}
	// A domain with R53_VPC is created private, with its first VPC.
	vpc, private, err := p.creationVPC(key)
	if err != nil {
		return false, err
	}
	for try := 0; ; try++ {
		in := &route53.CreateHostedZoneInput{
			Name:             aws.String(zone),
			CallerReference:  aws.String(callerReference(zone)),
			HostedZoneConfig: &types.HostedZoneConfig{Comment: p.newZoneComment(key), PrivateZone: private},
			VPC:              vpc,
		}
		if ds := p.cfg.DelegationSet; ds != "" && !private {
			in.DelegationSetId = aws.String(ds)
		}
		var out *route53.CreateHostedZoneOutput
		err := p.call(ctx, "route53:CreateHostedZone", zone, callOptions{mutating: true}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.CreateHostedZone(ctx, in)
			return err
		})
		var amb *ambiguousError
		if errors.As(err, &amb) {
			// The zone may have been created: look again before retrying.
			_, lerr := p.lookupZone(context.WithoutCancel(ctx), zone, true)
			if lerr == nil {
				if _, zerr := p.zoneID(context.WithoutCancel(ctx), key); zerr == nil {
					return true, nil
				}
			}
			if lerr == nil && try < 2 {
				continue
			}
			return false, amb.err
		}
		if err != nil {
			return false, err
		}
		if out.HostedZone != nil {
			ref := refFromAPI(*out.HostedZone)
			ref.Name = zone
			p.zones.mu.Lock()
			// Beside the zones of the name already known (split horizon).
			if !slices.ContainsFunc(p.zones.byName[zone], func(r zoneRef) bool { return r.ID == ref.ID }) {
				p.zones.byName[zone] = append(p.zones.byName[zone], ref)
			}
			if out.DelegationSet != nil {
				p.zones.ns[ref.ID] = model.FQDNs(out.DelegationSet.NameServers)
				p.zones.created[ref.ID] = newZoneSets(zone, p.zones.ns[ref.ID])
			}
			p.zones.mu.Unlock()
		}
		return true, nil
	}
}

func callerReference(zone string) string {
	s := fmt.Sprintf("dnsctl-%d-%s", time.Now().UnixNano(), zone)
	if len(s) > 128 {
		s = s[:128]
	}
	return s
}

// Nameservers returns the name servers of the zone's delegation set. For a
// zone that does not exist yet it returns those of the configured reusable
// delegation set (the zone will be created in it), else stand-ins for the
// four Route 53 will assign (see newZoneStandIns).
func (p *Provider) Nameservers(ctx context.Context, zone string) ([]string, error) {
	ns, err := p.nameservers(ctx, zoneKey(zone))
	return ns, p.public(err)
}

func (p *Provider) nameservers(ctx context.Context, key string) ([]string, error) {
	zone := zoneName(key)
	if p.wantsPrivate(key) {
		return nil, nil // a private zone has no delegation
	}
	id, err := p.zoneID(ctx, key)
	if errors.Is(err, provider.ErrZoneNotFound) {
		if p.cfg.DelegationSet == "" {
			return p.newZoneStandIns(), nil
		}
		return p.delegationSetServers(ctx, zone)
	}
	if err != nil {
		return nil, err
	}
	p.zones.mu.Lock()
	cached, ok := p.zones.ns[id]
	p.zones.mu.Unlock()
	if ok {
		return cached, nil
	}
	var out *route53.GetHostedZoneOutput
	err = p.call(ctx, "route53:GetHostedZone", zone, callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
		return err
	})
	if err != nil {
		return nil, err
	}
	if out.DelegationSet == nil {
		return nil, nil // private zones have no delegation set
	}
	ns := model.FQDNs(out.DelegationSet.NameServers)
	p.zones.mu.Lock()
	p.zones.ns[id] = ns
	p.zones.mu.Unlock()
	return ns, nil
}

func (p *Provider) delegationSetServers(ctx context.Context, zone string) ([]string, error) {
	var out *route53.GetReusableDelegationSetOutput
	err := p.call(ctx, "route53:GetReusableDelegationSet", zone, callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.GetReusableDelegationSet(ctx, &route53.GetReusableDelegationSetInput{Id: aws.String(p.cfg.DelegationSet)})
		return err
	})
	if err != nil {
		return nil, err
	}
	if out.DelegationSet == nil {
		return nil, nil
	}
	return model.FQDNs(out.DelegationSet.NameServers), nil
}

var _ provider.ZoneFinder = (*Provider)(nil)

// ListZones returns a zone reference for every hosted zone of the account,
// sorted: its name, or, for zones that share a name, the references
// refNames gives them (the public one keeps the plain name, the others get
// a tag), so that each can be exported and pushed on its own.
func (p *Provider) ListZones(ctx context.Context) ([]string, error) {
	names, err := p.listZones(ctx)
	return names, p.public(err)
}

func (p *Provider) listZones(ctx context.Context) ([]string, error) {
	all := map[string][]zoneRef{}
	in := &route53.ListHostedZonesInput{MaxItems: aws.Int32(100)}
	pg := p.zonePager("route53:ListHostedZones", "", "")
	for {
		var out *route53.ListHostedZonesOutput
		err := p.call(ctx, "route53:ListHostedZones", "", callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListHostedZones(ctx, in)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, hz := range out.HostedZones {
			ref := refFromAPI(hz)
			if !slices.ContainsFunc(all[ref.Name], func(r zoneRef) bool { return r.ID == ref.ID }) {
				all[ref.Name] = append(all[ref.Name], ref)
			}
		}
		more, err := pg.next(len(out.HostedZones), out.IsTruncated, aws.ToString(out.NextMarker))
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		in.Marker = out.NextMarker
	}
	p.zones.mu.Lock()
	p.zones.byName = all
	p.zones.complete, p.zones.listed = true, true
	p.zones.mu.Unlock()
	var keys []string
	for _, refs := range all {
		for _, key := range refNames(refs) {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// refNames returns the zone reference of each of the hosted zones refs
// (which share one name), by ID. A zone alone with its name is known by
// the name. Among several, the public zone (the first by ID, if there are
// more) keeps the plain name; the others are tagged by kind: "name!private"
// for the only private zone, "name!private-<id>" and "name!public-<id>"
// (the ID in lower case) when their kind has more than one. The references
// depend only on the zones of that name, so every run names them alike.
func refNames(refs []zoneRef) map[string]string {
	out := make(map[string]string, len(refs))
	if len(refs) == 1 {
		out[refs[0].ID] = refs[0].Name
		return out
	}
	rs := slices.Clone(refs)
	slices.SortFunc(rs, func(a, b zoneRef) int {
		if a.Private != b.Private {
			if a.Private {
				return 1
			}
			return -1
		}
		return strings.Compare(a.ID, b.ID)
	})
	count := map[bool]int{}
	for _, r := range rs {
		count[r.Private]++
	}
	for i, r := range rs {
		kind := "public"
		if r.Private {
			kind = "private"
		}
		switch {
		case i == 0 && !r.Private:
			out[r.ID] = r.Name
		case count[r.Private] == 1:
			out[r.ID] = r.Name + "!" + kind
		default:
			out[r.ID] = r.Name + "!" + kind + "-" + strings.ToLower(r.ID)
		}
	}
	return out
}

// FindZone resolves a zone named on get-zones' command line: a zone name,
// a reference as ListZones returns it ("name!private"), or a hosted zone
// ID ("Z0123…" or "/hostedzone/Z0123…"). It returns the zone's reference
// and, when other hosted zones share its name, its ID, which a
// configuration must give with R53_ZONE; the reference is pinned to that
// ID for the rest of the run.
func (p *Provider) FindZone(ctx context.Context, zone string) (string, string, error) {
	ref, id, err := p.findZone(ctx, strings.TrimSpace(zone))
	return ref, id, p.public(err)
}

func (p *Provider) findZone(ctx context.Context, arg string) (string, string, error) {
	var key, byID string
	if looksLikeZoneID(arg) {
		id := cleanZoneID(arg)
		var out *route53.GetHostedZoneOutput
		err := p.call(ctx, "route53:GetHostedZone", "", callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
			return err
		})
		var nf *zoneNotFoundError
		switch {
		case err == nil && out.HostedZone != nil:
			ref := refFromAPI(*out.HostedZone)
			key, byID = ref.Name, ref.ID
		case err == nil || errors.As(err, &nf):
			if strings.Contains(arg, "/") {
				return "", "", fmt.Errorf("hosted zone ID %s: %w: no hosted zone of this AWS account has that ID", id, provider.ErrZoneNotFound)
			}
			// Not an ID after all: a one-label zone name in capitals.
		default:
			return "", "", err
		}
	}
	if key == "" {
		name, tag, tagged := strings.Cut(arg, "!")
		canon, err := model.CanonicalZone(name)
		if err != nil {
			return "", "", fmt.Errorf("zone %q: %w", arg, err)
		}
		if tagged && strings.TrimSpace(tag) == "" {
			return "", "", fmt.Errorf("zone %q: the tag after \"!\" is empty", arg)
		}
		key = zoneKey(canon + "!" + tag)
		if !tagged {
			key = canon
		}
	}
	name := zoneName(key)
	refs, err := p.lookupZone(ctx, name, false)
	if err != nil {
		return "", "", err
	}
	if byID != "" && !slices.ContainsFunc(refs, func(r zoneRef) bool { return r.ID == byID }) {
		// Created since the listing this run made: look again.
		if refs, err = p.lookupZone(ctx, name, true); err != nil {
			return "", "", err
		}
	}
	switch len(refs) {
	case 0:
		return "", "", &zoneNotFoundError{zone: key}
	case 1:
		if byID != "" && refs[0].ID != byID {
			return "", "", fmt.Errorf("hosted zone ID %s (%s) is not among the account's zones of that name", byID, name)
		}
		// The name alone finds it; a tag the user gave names a view.
		return key, "", nil
	}
	names := refNames(refs)
	for _, r := range refs {
		if (byID != "" && r.ID == byID) || (byID == "" && names[r.ID] == key) {
			p.pin(names[r.ID], r.ID)
			return names[r.ID], r.ID, nil
		}
	}
	if byID != "" {
		return "", "", fmt.Errorf("hosted zone ID %s (%s) is not among the account's zones of that name", byID, name)
	}
	var choices []string
	for _, r := range refs {
		kind := "public"
		if r.Private {
			kind = "private"
		}
		choices = append(choices, fmt.Sprintf("%s (%s %s)", names[r.ID], kind, r.ID))
	}
	sort.Strings(choices)
	return "", "", fmt.Errorf("zone %s: this AWS account has %d hosted zones named %s: %s; name one of them, or give its hosted zone ID", key, len(refs), name, strings.Join(choices, ", "))
}

// looksLikeZoneID reports whether a get-zones argument may be a hosted
// zone ID rather than a zone name: "/hostedzone/…", or one word of
// capital letters and digits (a zone name would be written in lower case).
func looksLikeZoneID(s string) bool {
	if strings.HasPrefix(s, "/hostedzone/") || strings.HasPrefix(s, "hostedzone/") {
		return true
	}
	if len(s) < 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// pin ties the zone key to a hosted zone ID known to exist and to bear
// the key's name (as R53_ZONE does, without checking it again).
func (p *Provider) pin(key, id string) {
	key = zoneKey(key)
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	p.zones.pinned[key] = id
	p.zones.checked[key] = true
}

// newZoneSets returns what Route 53 puts in a zone it has just created
// besides the SOA (which dnsctl never changes): the apex NS set of the
// zone's delegation set, with Route 53's TTL of two days.
func newZoneSets(zone string, ns []string) []types.ResourceRecordSet {
	set := types.ResourceRecordSet{Name: aws.String(zone + "."), Type: types.RRTypeNs, TTL: aws.Int64(172800)}
	for _, n := range ns {
		set.ResourceRecords = append(set.ResourceRecords, types.ResourceRecord{Value: aws.String(n)})
	}
	return []types.ResourceRecordSet{set}
}

// takeCreated returns (once) the record sets of a zone this run created.
func (p *Provider) takeCreated(id string) ([]types.ResourceRecordSet, bool) {
	return p.takeSets(p.zones.created, id)
}

// takeSets removes and returns the record sets m (one of the cache's maps
// of sets, made with it and never replaced) holds for the zone id.
func (p *Provider) takeSets(m map[string][]types.ResourceRecordSet, id string) ([]types.ResourceRecordSet, bool) {
	p.zones.mu.Lock()
	defer p.zones.mu.Unlock()
	sets, ok := m[id]
	delete(m, id)
	return sets, ok
}

// AssignsNameservers reports whether Route 53 picks the name servers of a
// zone dnsctl creates only at creation: yes, unless the entry names a
// reusable delegation set, whose servers every new zone gets, or the zone
// is private (R53_VPC), which has no delegation.
func (p *Provider) AssignsNameservers(zone string) bool {
	return p.cfg.DelegationSet == "" && !p.wantsPrivate(zoneKey(zone))
}

// standInSuffix ends the names that stand for the name servers Route 53
// assigns to a zone only when it creates it (.invalid is reserved, RFC
// 2606: such a name can never be a real server).
const standInSuffix = ".assigned-by-route53.invalid."

// newZoneStandIns returns stand-ins for the four name servers Route 53 will
// assign to a zone created without a delegation set. Preview plans with
// them so that it shows the changes push will make (push plans again with
// the real ones once the zone exists); Apply refuses them. They name the
// creds.json entry, so that two accounts serving one domain get distinct
// ones, as they will get distinct servers.
func (p *Provider) newZoneStandIns() []string {
	entry := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, p.cfg.EntryName)
	entry = strings.Trim(entry, "-")
	if entry == "" || len(entry) > 40 {
		entry = "route53"
	}
	out := make([]string, 4)
	for i := range out {
		out[i] = fmt.Sprintf("ns-%d.%s%s", i+1, entry, standInSuffix)
	}
	return out
}

// NewZoneRecords returns the record sets Route 53 will put in zone when it
// creates it (besides the SOA): the apex NS set of the configured
// delegation set, or of stand-ins for the servers Route 53 will assign,
// or, for a private zone (R53_VPC), of the fixed servers Route 53 names in
// every private zone.
func (p *Provider) NewZoneRecords(ctx context.Context, zone string) ([]*model.Record, error) {
	key := zoneKey(zone)
	ns := p.newZoneStandIns()
	if p.wantsPrivate(key) {
		ns = privateZoneServers
	} else if p.cfg.DelegationSet != "" {
		var err error
		if ns, err = p.delegationSetServers(ctx, zoneName(key)); err != nil {
			return nil, p.public(err)
		}
	}
	var out []*model.Record
	for _, s := range newZoneSets(zoneName(key), ns) {
		out = append(out, rrsetRecords(s, zoneName(key))...)
	}
	return out, nil
}
