package estate

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// KindCIDRCollection is the function that declares a CIDR collection:
// R53_CIDR_COLLECTION(name, {location: [cidr, ...], ...}), or
// R53_CIDR_COLLECTION(name, false) for a collection that must not exist.
const KindCIDRCollection = "R53_CIDR_COLLECTION"

// Limits of the Route 53 API (CreateCidrCollection, ChangeCidrCollection,
// CidrCollectionChange) and of IP-based routing.
const (
	// MaxCIDRBlockLen is the longest CIDR block the API takes.
	MaxCIDRBlockLen = 50
	// MaxIPv4Bits and MaxIPv6Bits are the longest prefixes IP-based
	// routing accepts (/24 and /48): longer blocks are refused.
	MaxIPv4Bits = 24
	MaxIPv6Bits = 48
	// MaxCIDRChange is the most blocks one ChangeCidrCollection carries.
	MaxCIDRChange = 1000
)

var (
	// CIDRCollectionName is the shape of a collection name (1 to 64
	// letters, digits, _ and -).
	CIDRCollectionName = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)
	// CIDRLocationName is the shape of a location name in a collection
	// (the "*" of records, the default location, is not one).
	CIDRLocationName = regexp.MustCompile(`^[0-9A-Za-z_-]{1,16}$`)
)

// CIDRNamedMeta is set to "true" on a record get-zones exports whose
// cidr_collection_id it replaced with the name of a collection the export
// declares; the js export writes such a name in R53_CIDR (any other value
// must be a collection ID).
const CIDRNamedMeta = routing.PrivateMetaPrefix + "cidr_named"

// CIDRCollection is a declared CIDR collection: its name and, unless
// Absent, its locations and their blocks (canonical, sorted, without
// duplicates).
type CIDRCollection struct {
	Name string
	// Absent says the collection must not exist (declared false): push
	// deletes it, blocks first.
	Absent    bool
	Locations map[string][]string
}

// ParseCIDRCollection reads the arguments of R53_CIDR_COLLECTION.
func ParseCIDRCollection(args []any) (_ *CIDRCollection, err error) {
	defer shorten(&err)
	if len(args) != 2 {
		return nil, fmt.Errorf("needs 2 arguments (collection name, {locationName: [CIDR blocks]} or false), got %d", len(args))
	}
	name, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("collection name must be a string, got %s", kind(args[0]))
	}
	if !CIDRCollectionName.MatchString(name) {
		return nil, fmt.Errorf("collection name %q must be 1 to 64 letters, digits, _ or -", name)
	}
	c := &CIDRCollection{Name: name}
	if b, ok := args[1].(bool); ok {
		if b {
			return nil, fmt.Errorf("collection %s: the second argument is the locations, {locationName: [CIDR blocks]}, or false for a collection to delete; true means nothing", name)
		}
		c.Absent = true
		return c, nil
	}
	m, ok := args[1].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("collection %s: locations must be an object {locationName: [CIDR blocks]} (or false to delete the collection), got %s", name, kind(args[1]))
	}
	c.Locations = make(map[string][]string, len(m))
	seen := map[string]string{} // block -> location
	locs := make([]string, 0, len(m))
	for loc := range m {
		locs = append(locs, loc)
	}
	sort.Strings(locs)
	for _, loc := range locs {
		if !CIDRLocationName.MatchString(loc) {
			return nil, fmt.Errorf("collection %s: location name %q must be 1 to 16 letters, digits, _ or -", name, loc)
		}
		var raw []string
		switch x := m[loc].(type) {
		case string:
			raw = []string{x}
		case []any:
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("collection %s: location %s: block %d must be a string such as \"192.0.2.0/24\", got %s", name, loc, i+1, kind(e))
				}
				raw = append(raw, s)
			}
		default:
			return nil, fmt.Errorf("collection %s: location %s must be a list of CIDR blocks such as [\"192.0.2.0/24\"], got %s", name, loc, kind(m[loc]))
		}
		if len(raw) == 0 {
			return nil, fmt.Errorf("collection %s: location %s has no CIDR block; Route 53 keeps a location only while it has one (leave the location out instead)", name, loc)
		}
		blocks := make([]string, 0, len(raw))
		for _, s := range raw {
			b, err := CanonicalCIDR(s)
			if err != nil {
				return nil, fmt.Errorf("collection %s: location %s: %w", name, loc, err)
			}
			if other, dup := seen[b]; dup {
				if other == loc {
					return nil, fmt.Errorf("collection %s: location %s lists %s twice", name, loc, b)
				}
				return nil, fmt.Errorf("collection %s: %s is in locations %s and %s; a block belongs to one location", name, b, other, loc)
			}
			seen[b] = loc
			blocks = append(blocks, b)
		}
		slices.Sort(blocks)
		c.Locations[loc] = blocks
	}
	return c, nil
}

// CanonicalCIDR checks a CIDR block as IP-based routing takes it and
// returns its canonical spelling (lower case, shortest IPv6 form). Host
// bits must be zero; IPv4 prefixes are /0 to /24, IPv6 /0 to /48.
func CanonicalCIDR(s string) (_ string, err error) {
	defer shorten(&err)
	t := strings.TrimSpace(s)
	if len(t) == 0 || len(t) > MaxCIDRBlockLen {
		return "", fmt.Errorf("CIDR block %q must be 1 to %d characters", s, MaxCIDRBlockLen)
	}
	if !strings.Contains(t, "/") {
		return "", fmt.Errorf("CIDR block %q lacks its prefix length, as in \"192.0.2.0/24\"", s)
	}
	p, err := netip.ParsePrefix(t)
	if err != nil {
		return "", fmt.Errorf("CIDR block %q is not an IPv4 or IPv6 prefix such as \"192.0.2.0/24\" or \"2001:db8::/48\"", s)
	}
	if p.Addr().Zone() != "" || p.Addr().Is4In6() {
		return "", fmt.Errorf("CIDR block %q must be a plain IPv4 or IPv6 prefix", s)
	}
	if p.Addr().Is4() && p.Bits() > MaxIPv4Bits {
		return "", fmt.Errorf("CIDR block %q: Route 53 takes IPv4 prefixes from /0 to /%d", s, MaxIPv4Bits)
	}
	if p.Addr().Is6() && p.Bits() > MaxIPv6Bits {
		return "", fmt.Errorf("CIDR block %q: Route 53 takes IPv6 prefixes from /0 to /%d", s, MaxIPv6Bits)
	}
	if m := p.Masked(); m != p {
		return "", fmt.Errorf("CIDR block %q has host bits set; the block is %s", s, m)
	}
	return p.String(), nil
}

// HasLocation reports whether loc is a location of the collection or "*",
// the default location of records.
func (c *CIDRCollection) HasLocation(loc string) bool {
	if loc == "*" {
		return true
	}
	_, ok := c.Locations[loc]
	return ok
}

// LocationNames returns the collection's location names, sorted.
func (c *CIDRCollection) LocationNames() []string {
	out := make([]string, 0, len(c.Locations))
	for l := range c.Locations {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// DescribeCIDRLocations describes locations as a plan shows them:
// "branch=10.1.0.0/16 hq=192.0.2.0/24,2001:db8::/48".
func DescribeCIDRLocations(locs map[string][]string) string {
	names := make([]string, 0, len(locs))
	for l := range locs {
		names = append(names, l)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, l := range names {
		parts = append(parts, l+"="+strings.Join(locs[l], ","))
	}
	if len(parts) == 0 {
		return "(no locations)"
	}
	return strings.Join(parts, " ")
}

// CIDRCollections reads every R53_CIDR_COLLECTION among settings, by name.
// A collection declared twice is an error naming both places.
func CIDRCollections(settings []*model.Setting) (_ map[string]*CIDRCollection, err error) {
	defer shorten(&err)
	out := map[string]*CIDRCollection{}
	pos := map[string]string{}
	for _, s := range settings {
		if s.Kind != KindCIDRCollection {
			continue
		}
		c, err := ParseCIDRCollection(s.Args)
		if err != nil {
			return nil, withPos(s.Pos, err)
		}
		if _, dup := out[c.Name]; dup {
			return nil, withPos(s.Pos, fmt.Errorf("CIDR collection %s is declared twice (also at %s)", c.Name, pos[c.Name]))
		}
		out[c.Name], pos[c.Name] = c, s.Pos
	}
	return out, nil
}

func withPos(pos string, err error) error {
	if pos == "" {
		return fmt.Errorf("%s: %w", KindCIDRCollection, err)
	}
	return fmt.Errorf("%s: %s: %w", pos, KindCIDRCollection, err)
}

// CIDRSetting is the declaration that keeps collection c (get-zones).
func CIDRSetting(c *CIDRCollection) *model.Setting {
	if c.Absent {
		return &model.Setting{Kind: KindCIDRCollection, Args: []any{c.Name, false}}
	}
	locs := make(map[string]any, len(c.Locations))
	for l, bs := range c.Locations {
		list := make([]any, len(bs))
		for i, b := range bs {
			list[i] = b
		}
		locs[l] = list
	}
	return &model.Setting{Kind: KindCIDRCollection, Args: []any{c.Name, locs}}
}
