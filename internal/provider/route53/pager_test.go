package route53

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

// A misbehaving endpoint, served by faultproxy stubs in Route 53's XML: a
// closed port stands behind the proxy, so every call the provider makes is
// answered by a stub (an unstubbed one fails the test with a connection
// error).

const r53NS = `xmlns="https://route53.amazonaws.com/doc/2013-04-01/"`

// zonesXML is a ListHostedZones (byName false) or ListHostedZonesByName
// answer holding zones ("name/ID"); next is NextMarker, or for byName
// "NextDNSName NextHostedZoneId".
func zonesXML(byName bool, zones []string, truncated bool, next string) string {
	var b strings.Builder
	root := "ListHostedZonesResponse"
	if byName {
		root = "ListHostedZonesByNameResponse"
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><%s %s><HostedZones>`, root, r53NS)
	for _, z := range zones {
		name, id, _ := strings.Cut(z, "/")
		fmt.Fprintf(&b, `<HostedZone><Id>/hostedzone/%s</Id><Name>%s.</Name><CallerReference>ref-%s</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>`, id, name, id)
	}
	fmt.Fprintf(&b, `</HostedZones><IsTruncated>%t</IsTruncated><MaxItems>100</MaxItems>`, truncated)
	if next != "" {
		if byName {
			dns, id, _ := strings.Cut(next, " ")
			fmt.Fprintf(&b, `<NextDNSName>%s</NextDNSName><NextHostedZoneId>%s</NextHostedZoneId>`, dns, id)
		} else {
			fmt.Fprintf(&b, `<NextMarker>%s</NextMarker>`, next)
		}
	}
	fmt.Fprintf(&b, `</%s>`, root)
	return b.String()
}

// rrsetsXML is a ListResourceRecordSets answer with one A set per name;
// next is the NextRecordName (type A).
func rrsetsXML(names []string, truncated bool, next string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><ListResourceRecordSetsResponse %s><ResourceRecordSets>`, r53NS)
	for _, n := range names {
		fmt.Fprintf(&b, `<ResourceRecordSet><Name>%s</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`, n)
	}
	fmt.Fprintf(&b, `</ResourceRecordSets><IsTruncated>%t</IsTruncated><MaxItems>300</MaxItems>`, truncated)
	if next != "" {
		fmt.Fprintf(&b, `<NextRecordName>%s</NextRecordName><NextRecordType>A</NextRecordType>`, next)
	}
	b.WriteString(`</ListResourceRecordSetsResponse>`)
	return b.String()
}

func xmlHandler(answer func(q map[string]string) string) faultproxy.Handler {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := map[string]string{}
		for k, v := range r.URL.Query() {
			q[k] = v[0]
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprint(w, answer(q))
	}
}

// byMarker answers ListHostedZones from a table: marker → (zones, next);
// a marker missing from the table answers the last page.
func byMarker(pages map[string][2]string) faultproxy.Handler {
	return xmlHandler(func(q map[string]string) string {
		pg, ok := pages[q["marker"]]
		if !ok {
			return zonesXML(false, nil, false, "")
		}
		var zones []string
		if pg[0] != "" {
			zones = strings.Split(pg[0], ",")
		}
		return zonesXML(false, zones, pg[1] != "" || pg[0] == "truncated-no-marker", pg[1])
	})
}

// endlessZones returns a ListHostedZones handler whose every page holds n fresh
// zones and a fresh marker: a listing without end.
func endlessZones(n int) faultproxy.Handler {
	return xmlHandler(func(q map[string]string) string {
		page, _ := strconv.Atoi(strings.TrimPrefix(q["marker"], "M"))
		var zones []string
		for i := range n {
			zones = append(zones, fmt.Sprintf("z%d-%d.example/Z%dX%d", page, i, page, i))
		}
		return zonesXML(false, zones, true, fmt.Sprintf("M%d", page+1))
	})
}

// endlessEmpty returns a ListHostedZones handler whose first page holds one
// zone and every later page none, each with a fresh marker and truncated:
// a listing that advances forever and returns nothing more.
func endlessEmpty() faultproxy.Handler {
	return xmlHandler(func(q map[string]string) string {
		page, _ := strconv.Atoi(strings.TrimPrefix(q["marker"], "M"))
		var zones []string
		if page == 0 {
			zones = []string{"a.example/Z1"}
		}
		return zonesXML(false, zones, true, fmt.Sprintf("M%d", page+1))
	})
}

// oneZone answers ListHostedZones with x.example (Z2) alone, complete.
var oneZone = byMarker(map[string][2]string{"": {"x.example/Z2", ""}})

func TestPagersStopOnBadMarkers(t *testing.T) {
	tests := []struct {
		name   string
		stubs  map[string]faultproxy.Handler
		limits *listLimits
		use    []string // WillUse
		run    string   // "list" (get-zones all) or a zone to read (preview)
		want   string   // the whole error, or "" for success
		calls  map[string]int
	}{
		{
			name:  "ListHostedZones repeats its marker",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": byMarker(map[string][2]string{"": {"a.example/Z1", "Z1"}, "Z1": {"b.example/Z1B", "Z1"}})},
			run:   "list",
			want:  `route53: route53:ListHostedZones: paging did not advance: page 2 gives the next-page marker "Z1" again, so the listing would never end; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 2},
		},
		{
			name:  "ListHostedZones markers in a cycle",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": byMarker(map[string][2]string{"": {"a.example/Z1", "A"}, "A": {"b.example/Z2", "B"}, "B": {"c.example/Z3", "A"}})},
			run:   "list",
			want:  `route53: route53:ListHostedZones: paging did not advance: page 3 gives the next-page marker "A" again, so the listing would never end; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 3},
		},
		{
			name:  "ListHostedZones truncated without a marker",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": byMarker(map[string][2]string{"": {"truncated-no-marker", ""}})},
			run:   "list",
			want:  `route53: route53:ListHostedZones: page 1 says the listing is truncated but gives no marker for the next page; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 1},
		},
		{
			name:   "ListHostedZones with fresh markers forever stops at the page cap",
			stubs:  map[string]faultproxy.Handler{"ListHostedZones": endlessZones(1)},
			limits: &listLimits{pages: 30, zones: 1000, recordSets: 1000},
			run:    "list",
			want:   `route53: route53:ListHostedZones: still truncated after 30 pages (30 hosted zones); stopped, the listing is incomplete (Route 53 never lists that many: is Endpoint a misbehaving proxy or emulator?)`,
			calls:  map[string]int{"ListHostedZones": 30},
		},
		{
			name:   "ListHostedZones with absurdly many zones stops at the zone cap",
			stubs:  map[string]faultproxy.Handler{"ListHostedZones": endlessZones(5)},
			limits: &listLimits{pages: 1000, zones: 12, recordSets: 1000},
			run:    "list",
			want:   `route53: route53:ListHostedZones: more than 12 hosted zones in 3 pages; stopped, the listing is incomplete (Route 53 never lists that many: is Endpoint a misbehaving proxy or emulator?)`,
			calls:  map[string]int{"ListHostedZones": 3},
		},
		{
			name:  "ListHostedZones with empty pages and fresh markers forever",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": endlessEmpty()},
			run:   "list",
			want:  `route53: route53:ListHostedZones: page 2 is empty but says more follow; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 2},
		},
		{
			name:  "ListHostedZones whose first page is empty but truncated",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": byMarker(map[string][2]string{"": {"", "M1"}})},
			run:   "list",
			want:  `route53: route53:ListHostedZones: page 1 is empty but says more follow; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 1},
		},
		{
			name:  "pages that advance are all read",
			stubs: map[string]faultproxy.Handler{"ListHostedZones": byMarker(map[string][2]string{"": {"a.example/Z1", "M1"}, "M1": {"b.example/Z2", "M2"}, "M2": {"c.example/Z3", ""}})},
			run:   "list",
			calls: map[string]int{"ListHostedZones": 3},
		},
		{
			name: "first listing truncated without a marker, on the way to a zone",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": byMarker(map[string][2]string{"": {"truncated-no-marker", ""}}),
			},
			run:   "x.example",
			want:  `route53: route53:ListHostedZones: page 1 says the listing is truncated but gives no marker for the next page; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 1},
		},
		{
			name: "rest of the listing repeats its marker",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": byMarker(map[string][2]string{"": {"o.example/Z9", "M1"}, "M1": {"p.example/Z8", "M1"}}),
			},
			use:   []string{"x.example", "y.example", "z.example"},
			run:   "x.example",
			want:  `route53: route53:ListHostedZones: paging did not advance: page 2 gives the next-page marker "M1" again, so the listing would never end; the listing is incomplete`,
			calls: map[string]int{"ListHostedZones": 2},
		},
		{
			name: "ListHostedZonesByName repeats its marker",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": byMarker(map[string][2]string{"": {"o.example/Z9", "M1"}}),
				"ListHostedZonesByName": xmlHandler(func(map[string]string) string {
					return zonesXML(true, []string{"x.example/Z2"}, true, "x.example. Z3")
				}),
			},
			run:   "x.example",
			want:  `route53: route53:ListHostedZonesByName (x.example): paging did not advance: page 2 gives the next-page marker "x.example. Z3" again, so the listing would never end; the listing is incomplete`,
			calls: map[string]int{"ListHostedZonesByName": 2},
		},
		{
			name: "ListHostedZonesByName with empty pages and fresh markers forever",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": byMarker(map[string][2]string{"": {"o.example/Z9", "M1"}}),
				"ListHostedZonesByName": xmlHandler(func(q map[string]string) string {
					if q["hostedzoneid"] == "" { // the first page
						return zonesXML(true, []string{"x.example/Z2"}, true, "x.example. Z3")
					}
					return zonesXML(true, nil, true, "x.example. "+q["hostedzoneid"]+"X")
				}),
			},
			run:   "x.example",
			want:  `route53: route53:ListHostedZonesByName (x.example): page 2 is empty but says more follow; the listing is incomplete`,
			calls: map[string]int{"ListHostedZonesByName": 2},
		},
		{
			name: "ListResourceRecordSets with empty pages and fresh markers forever",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": oneZone,
				"ListResourceRecordSets": xmlHandler(func(q map[string]string) string {
					if q["name"] == "" { // the first page
						return rrsetsXML([]string{"a.x.example."}, true, "n.x.example.")
					}
					return rrsetsXML(nil, true, "n"+q["name"])
				}),
			},
			run:   "x.example",
			want:  `route53: route53:ListResourceRecordSets (x.example): page 2 is empty but says more follow; the listing is incomplete`,
			calls: map[string]int{"ListResourceRecordSets": 2},
		},
		{
			name: "ListResourceRecordSets repeats its marker",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": oneZone,
				"ListResourceRecordSets": xmlHandler(func(map[string]string) string {
					return rrsetsXML([]string{"a.x.example."}, true, "b.x.example.")
				}),
			},
			run:   "x.example",
			want:  `route53: route53:ListResourceRecordSets (x.example): paging did not advance: page 2 gives the next-page marker "b.x.example. A" again, so the listing would never end; the listing is incomplete`,
			calls: map[string]int{"ListResourceRecordSets": 2},
		},
		{
			name: "ListResourceRecordSets with absurdly many sets stops at the cap",
			stubs: map[string]faultproxy.Handler{
				"ListHostedZones": oneZone,
				"ListResourceRecordSets": xmlHandler(func(q map[string]string) string {
					n := len(q["name"])
					return rrsetsXML([]string{fmt.Sprintf("a%d.x.example.", n), fmt.Sprintf("b%d.x.example.", n), fmt.Sprintf("c%d.x.example.", n), fmt.Sprintf("d%d.x.example.", n)},
						true, fmt.Sprintf("n%s.x.example.", strings.Repeat("n", n)))
				}),
			},
			limits: &listLimits{pages: 1000, zones: 1000, recordSets: 10},
			run:    "x.example",
			want:   `route53: route53:ListResourceRecordSets (x.example): more than 10 record sets in 3 pages; stopped, the listing is incomplete (Route 53 never lists that many: is Endpoint a misbehaving proxy or emulator?)`,
			calls:  map[string]int{"ListResourceRecordSets": 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proxy := faultproxy.New(t, "http://127.0.0.1:1")
			for op, h := range tt.stubs {
				proxy.Stub(op, h)
			}
			p, err := New(context.Background(), Config{EntryName: "r53_test", KeyId: testKeyID, SecretKey: testSecret,
				Endpoint: proxy.URL(), RateLimit: 1000, RetryTimeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			fastBackoff(p)
			if tt.limits != nil {
				p.limits = *tt.limits
			}
			if tt.use != nil {
				p.WillUse(tt.use)
			}
			// Without the guards these listings never end: the context
			// turns that into a failure instead of a hung test.
			c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if tt.run == "list" {
				_, err = p.ListZones(c)
			} else {
				_, err = p.Records(c, tt.run)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error: %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Fatalf("error mismatch\n got: %v\nwant: %s", err, tt.want)
			}
			for op, n := range tt.calls {
				if got := proxy.Calls(op); got != n {
					t.Errorf("%s called %d times, want %d (all calls: %v)", op, got, n, proxy.Counts())
				}
			}
		})
	}
}

// An answer larger than the response limit is refused at once, without
// being read to its end, parsed or retried.
func TestResponseSizeLimit(t *testing.T) {
	defer func(old int64) { maxResponseBytes = old }(maxResponseBytes)
	maxResponseBytes = 4096
	tests := []struct {
		name  string
		zones int // in the one ListHostedZones page
		want  string
	}{
		{name: "under the limit", zones: 3},
		{name: "over the limit", zones: 200, want: "route53: route53:ListHostedZones: [AWS error: operation error Route 53: ListHostedZones, "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proxy := faultproxy.New(t, "http://127.0.0.1:1")
			proxy.Stub("ListHostedZones", xmlHandler(func(map[string]string) string {
				var zones []string
				for i := range tt.zones {
					zones = append(zones, fmt.Sprintf("z%d.example/Z%d", i, i))
				}
				return zonesXML(false, zones, false, "")
			}))
			p, err := New(context.Background(), Config{EntryName: "r53_test", KeyId: testKeyID, SecretKey: testSecret,
				Endpoint: proxy.URL(), RateLimit: 1000, RetryTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			fastBackoff(p)
			names, err := p.ListZones(ctx(t))
			if tt.want == "" {
				if err != nil || len(names) != tt.zones {
					t.Fatalf("ListZones = %d zones, %v", len(names), err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), "larger than the 64 MiB limit") {
				t.Fatalf("error = %v, want one starting %q and naming the limit", err, tt.want)
			}
			if testing.Verbose() {
				t.Log(err)
			}
			if n := proxy.Calls("ListHostedZones"); n != 1 {
				t.Errorf("ListHostedZones called %d times, want 1 (no retries)", n)
			}
		})
	}
}
