package route53

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Bounds on one paginated listing. Route 53 pages hold at most 100 hosted
// zones or 300 record sets, an account holds 500 hosted zones unless AWS
// raised its quota, and a zone 10,000 record sets unless raised; the caps
// are far above any real account, so only a misbehaving endpoint (a proxy
// or emulator answering "truncated" forever, or absurd pages) reaches them.
var defaultListLimits = listLimits{pages: 20_000, zones: 1_000_000, recordSets: 1_000_000}

// listLimits are the bounds of one listing (tests lower them).
type listLimits struct {
	pages      int // pages of one listing
	zones      int // hosted zones one listing may return
	recordSets int // record sets listed for one zone
}

// pager guards one paginated listing: it refuses a truncated answer
// without a marker for the next page, a truncated answer with no items (an
// endpoint advancing its marker over empty pages forever), a marker seen
// before in the same listing (the endpoint would send the same pages
// forever), and a listing longer than its caps. Every loop over pages in
// this package goes through one, so none can loop forever or grow without
// bound.
type pager struct {
	action   string // IAM action of the call, e.g. "route53:ListHostedZones"
	zone     string // the zone listed, if any, for messages
	what     string // what is counted: "hosted zones", "record sets"
	maxItems int
	maxPages int

	pages, items int
	seen         map[string]bool
}

// zonePager guards a listing of hosted zones whose first request starts
// at the marker start ("" for the beginning); zone names the zone looked
// for, if any.
func (p *Provider) zonePager(action, zone, start string) *pager {
	return newPager(action, zone, "hosted zones", p.limits.zones, p.limits.pages, start)
}

// recordPager guards the listing of the record sets of zone.
func (p *Provider) recordPager(zone string) *pager {
	return newPager("route53:ListResourceRecordSets", zone, "record sets", p.limits.recordSets, p.limits.pages, "")
}

func newPager(action, zone, what string, maxItems, maxPages int, start string) *pager {
	return &pager{action: action, zone: zone, what: what, maxItems: maxItems, maxPages: maxPages, seen: map[string]bool{start: true}}
}

// next records a page of n items answered with truncated and, when
// truncated, the marker of the next page ("" if the answer gave none). It
// returns whether to request that page, or why the listing cannot go on.
func (pg *pager) next(n int, truncated bool, marker string) (bool, error) {
	pg.pages++
	pg.items += n
	switch {
	case pg.items > pg.maxItems:
		return false, pg.errorf("more than %d %s in %d pages; stopped, the listing is incomplete (Route 53 never lists that many: is Endpoint a misbehaving proxy or emulator?)", pg.maxItems, pg.what, pg.pages)
	case !truncated:
		return false, nil
	case n == 0:
		// Route 53 never answers an empty page with more to follow; an
		// endpoint that does could advance its marker forever, each page
		// costing a request and nothing else bounding the listing but the
		// page cap (hours at the API's rate).
		return false, pg.errorf("page %d is empty but says more follow; the listing is incomplete", pg.pages)
	case pg.pages >= pg.maxPages:
		return false, pg.errorf("still truncated after %d pages (%d %s); stopped, the listing is incomplete (Route 53 never lists that many: is Endpoint a misbehaving proxy or emulator?)", pg.pages, pg.items, pg.what)
	case marker == "":
		return false, pg.errorf("page %d says the listing is truncated but gives no marker for the next page; the listing is incomplete", pg.pages)
	case pg.seen[marker]:
		return false, pg.errorf("paging did not advance: page %d gives the next-page marker %q again, so the listing would never end; the listing is incomplete", pg.pages, printableMarker(marker))
	}
	pg.seen[marker] = true
	return true, nil
}

func (pg *pager) errorf(format string, args ...any) error {
	where := pg.action
	if pg.zone != "" {
		where += " (" + pg.zone + ")"
	}
	return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
}

// markerSep joins the parts of a composite marker (name, type, set
// identifier); printableMarker shows them separated by spaces.
const markerSep = "\x00"

func printableMarker(m string) string {
	return strings.TrimSpace(strings.ReplaceAll(m, markerSep, " "))
}

// maxResponseBytes bounds the body of one API response (64 MiB; tests
// lower it). The largest real answer, a page of 300 record sets, stays well
// under 16 MiB.
var maxResponseBytes int64 = 64 << 20

// errResponseTooLarge ends the reading of a response over maxResponseBytes.
var errResponseTooLarge = errors.New("the response is larger than the 64 MiB limit; stopped (no Route 53 answer is that large: is Endpoint a misbehaving proxy or emulator?)")

// limitedClient is an HTTP client whose response bodies fail with
// errResponseTooLarge past a size, so that an endpoint cannot make the
// provider read (and parse) without bound.
type limitedClient struct {
	client aws.HTTPClient
	max    int64
}

func (c limitedClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req)
	if err == nil && resp.Body != nil {
		resp.Body = &limitedBody{ReadCloser: resp.Body, left: c.max}
	}
	return resp, err
}

type limitedBody struct {
	io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a body of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := b.ReadCloser.Read(one[:]); n > 0 {
			return 0, errResponseTooLarge
		}
		return b.ReadCloser.Read(p)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}
