package route53

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

var _ provider.ListedNameservers = (*Provider)(nil)

// ListedNameservers answers Nameservers from the zone's record listing
// instead of a GetHostedZone call, where the listing's apex NS set is
// unmistakably the zone's delegation set: exactly four servers of the form
// Route 53 assigns (ns-N.awsdns-NN. under com, net, org and co.uk, one
// each), one of them the primary its SOA names when the SOA names one of
// that form (Route 53 names the first server of the zone's delegation set
// there, so an NS set replaced by hand with other Route 53 servers shows).
// The listing is kept for the Records call that planning makes next, so a
// zone costs one call instead of two. Anything else (an apex NS set
// edited by hand, white-label name servers, a zone not created yet, a
// private zone) gets Nameservers' answer, which reads the real delegation.
// The engine asks this only where nothing is delegated from the answer
// (see provider.ListedNameservers).
func (p *Provider) ListedNameservers(ctx context.Context, zone string) ([]string, error) {
	key := zoneKey(zone)
	if p.wantsPrivate(key) {
		return nil, nil
	}
	id, err := p.zoneID(ctx, key)
	if errors.Is(err, provider.ErrZoneNotFound) {
		return p.Nameservers(ctx, zone)
	}
	if err != nil {
		return nil, p.public(err)
	}
	p.zones.mu.Lock()
	_, known := p.zones.ns[id]
	_, created := p.zones.created[id]
	// A zone the listing found says whether it is private: such a zone
	// has no delegation, whatever its apex NS set looks like (Route 53's
	// form all the same). A zone pinned by ID was not listed.
	i := slices.IndexFunc(p.zones.byName[zoneName(key)], func(r zoneRef) bool { return r.ID == id })
	listed, private := i >= 0, i >= 0 && p.zones.byName[zoneName(key)][i].Private
	p.zones.mu.Unlock()
	switch {
	case private:
		return nil, nil
	case known || created || !listed:
		return p.Nameservers(ctx, zone)
	}
	name := zoneName(key)
	sets, err := p.listRRSets(ctx, name, id)
	if err != nil {
		return nil, p.public(err)
	}
	p.zones.mu.Lock()
	p.zones.prefetched[id] = sets
	p.zones.mu.Unlock()
	if ns := assignedApexNS(sets, name); ns != nil {
		return ns, nil
	}
	return p.Nameservers(ctx, zone)
}

// takePrefetched returns, once, the record sets ListedNameservers read for
// the zone with this ID.
func (p *Provider) takePrefetched(id string) ([]types.ResourceRecordSet, bool) {
	return p.takeSets(p.zones.prefetched, id)
}

// atApex reports whether the listed record set s is at the apex of zone
// (a canonical name), as identOf names it.
func atApex(s types.ResourceRecordSet, zone string) bool {
	return identOf(s, zone).name == zone
}

// awsdnsName is the form of the name servers Route 53 assigns.
var awsdnsName = regexp.MustCompile(`^ns-[0-9]{1,4}\.awsdns-[0-9]{1,3}\.(com|net|org|co\.uk)\.$`)

// assignedApexNS returns the apex NS set of the zone's record sets when it
// is exactly four servers of Route 53's form, one under each of com, net,
// org and co.uk (as fully qualified names), not those of a private zone,
// and holding the SOA's primary when that is of the same form; nil
// otherwise.
func assignedApexNS(sets []types.ResourceRecordSet, zone string) []string {
	ns := apexNSOfForm(sets, zone)
	if ns == nil || slices.Equal(slices.Sorted(slices.Values(ns)), slices.Sorted(slices.Values(privateZoneServers))) {
		return nil
	}
	if primary := soaPrimary(sets, zone); awsdnsName.MatchString(primary) && !slices.Contains(ns, primary) {
		return nil
	}
	return ns
}

// soaPrimary returns the primary server (MNAME) of the zone's apex SOA,
// lower-case and fully qualified, or "" if it has none that parses.
func soaPrimary(sets []types.ResourceRecordSet, zone string) string {
	for _, s := range sets {
		if s.Type != types.RRTypeSoa || len(s.ResourceRecords) != 1 || !atApex(s, zone) {
			continue
		}
		f := strings.Fields(aws.ToString(s.ResourceRecords[0].Value))
		if len(f) != 7 {
			return ""
		}
		return model.FQDNs(f[:1])[0]
	}
	return ""
}

// apexNSOfForm is the apex NS set when it is four servers of Route 53's
// form, one under each of its four domains.
func apexNSOfForm(sets []types.ResourceRecordSet, zone string) []string {
	for _, s := range sets {
		if s.Type != types.RRTypeNs || s.SetIdentifier != nil || !atApex(s, zone) {
			continue
		}
		if len(s.ResourceRecords) != 4 {
			return nil
		}
		var values []string
		for _, rr := range s.ResourceRecords {
			values = append(values, aws.ToString(rr.Value))
		}
		ns := model.FQDNs(values)
		tlds := map[string]bool{}
		for _, n := range ns {
			m := awsdnsName.FindStringSubmatch(n)
			if m == nil || tlds[m[1]] {
				return nil
			}
			tlds[m[1]] = true
		}
		return ns
	}
	return nil
}
