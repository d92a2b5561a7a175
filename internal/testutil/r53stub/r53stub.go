// Package r53stub is a small Route 53 endpoint for benchmarks and call
// count tests at account scale, where moto is too slow. It speaks the REST
// XML of the operations a preview and a push of generated configurations
// use (ListHostedZones, ListHostedZonesByName, GetHostedZone,
// ListResourceRecordSets, ChangeResourceRecordSets, GetChange) and counts
// requests by operation.
//
// Its zones are synthesised, not stored: zone d is "zone%d.example" and
// holds the apex NS set, an SOA and exactly the record sets the baseline
// configuration of gen (gen.Options with Changed 0) declares for it, so a
// preview of that configuration finds nothing to change. Pages are built on
// demand from a record's index; only record sets changed through
// ChangeResourceRecordSets are kept (an overlay), so the memory used does
// not grow with the number of records served.
//
// Besides the API it answers GET /stub/counts (the requests by operation,
// as a JSON object), POST /stub/reset (zero the counts) and POST
// /stub/restore (drop every change: the zones are the baseline again).
package r53stub

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

// xmlns is the namespace of every Route 53 answer.
const xmlns = "https://route53.amazonaws.com/doc/2013-04-01/"

// Page sizes: the API's maxima (and defaults when MaxItems is absent).
const (
	maxZonesPage = 100
	maxSetsPage  = 300
)

// Stub is the endpoint; it is an http.Handler safe for concurrent use.
type Stub struct {
	zones, records int
	names          []string // zone indices sorted by name
	order          []int    // order[k] is the index of the k-th zone by name
	pos            []int    // pos[d] is the place of zone d in order

	mu       sync.Mutex
	counts   map[string]int
	overlay  map[int]map[setKey]*recordSet // by zone; nil set: deleted
	changeID int
}

// New returns a stub serving zones zones of records generated records each.
func New(zones, records int) *Stub {
	s := &Stub{zones: zones, records: records, counts: map[string]int{}, overlay: map[int]map[setKey]*recordSet{}}
	s.order = make([]int, zones)
	for d := range s.order {
		s.order[d] = d
	}
	sort.Slice(s.order, func(a, b int) bool { return zoneName(s.order[a]) < zoneName(s.order[b]) })
	s.pos = make([]int, zones)
	s.names = make([]string, zones)
	for k, d := range s.order {
		s.pos[d] = k
		s.names[k] = zoneName(d)
	}
	return s
}

// Counts returns the requests served by operation since the last reset.
func (s *Stub) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// ResetCounts zeroes the request counts.
func (s *Stub) ResetCounts() {
	s.mu.Lock()
	s.counts = map[string]int{}
	s.mu.Unlock()
}

// Restore drops every change made through ChangeResourceRecordSets.
func (s *Stub) Restore() {
	s.mu.Lock()
	s.overlay = map[int]map[setKey]*recordSet{}
	s.mu.Unlock()
}

// ServeHTTP answers one request.
func (s *Stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/stub/counts":
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(s.Counts())
		return
	case "/stub/reset":
		s.ResetCounts()
		return
	case "/stub/restore":
		s.Restore()
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "InvalidInput", "reading the request: "+err.Error())
		return
	}
	op := faultproxy.Operation(r, body)
	s.mu.Lock()
	s.counts[op]++
	s.mu.Unlock()
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	q := r.URL.Query()
	switch op {
	case "ListHostedZones":
		s.listZones(w, q)
	case "ListHostedZonesByName":
		s.listZonesByName(w, q)
	case "GetHostedZone":
		s.getZone(w, parts[2])
	case "ListResourceRecordSets":
		s.listSets(w, parts[2], q)
	case "ChangeResourceRecordSets":
		s.changeSets(w, parts[2], body)
	case "GetChange":
		writeXML(w, getChangeResponse{Xmlns: xmlns, ChangeInfo: changeInfo{ID: "/change/" + parts[2], Status: "INSYNC", SubmittedAt: time.Now().UTC().Format(time.RFC3339)}})
	default:
		writeError(w, http.StatusBadRequest, "InvalidAction", fmt.Sprintf("the Route 53 stub does not serve %s", op))
	}
}

// zoneName is the name of zone d, as gen names it.
func zoneName(d int) string { return fmt.Sprintf("zone%d.example", d) }

// zoneID is the hosted zone ID of zone d.
func zoneID(d int) string { return fmt.Sprintf("ZSTUB%09d", d) }

// zoneIndex returns the zone of a hosted zone ID (with or without the
// "/hostedzone/" prefix).
func (s *Stub) zoneIndex(id string) (int, bool) {
	id = strings.TrimPrefix(id, "/hostedzone/")
	n, ok := strings.CutPrefix(id, "ZSTUB")
	if !ok || len(n) != 9 {
		return 0, false
	}
	d, err := strconv.Atoi(n)
	if err != nil || d < 0 || d >= s.zones {
		return 0, false
	}
	return d, true
}

// nameServers are the four name servers of zone d, in Route 53's form.
func nameServers(d int) []string {
	n, g := d%2048, d%512
	return []string{
		fmt.Sprintf("ns-%d.awsdns-%02d.com.", n, g%100),
		fmt.Sprintf("ns-%d.awsdns-%02d.net.", n+1, (g+1)%100),
		fmt.Sprintf("ns-%d.awsdns-%02d.org.", n+2, (g+2)%100),
		fmt.Sprintf("ns-%d.awsdns-%02d.co.uk.", n+3, (g+3)%100),
	}
}

func (s *Stub) hostedZone(d int) hostedZone {
	return hostedZone{
		ID:              "/hostedzone/" + zoneID(d),
		Name:            zoneName(d) + ".",
		CallerReference: "stub-" + strconv.Itoa(d),
		Config:          zoneConfig{PrivateZone: false},
		RecordSetCount:  int64(s.records + 2),
	}
}

// maxItems reads the maxitems parameter, bounded by limit.
func maxItems(q map[string][]string, limit int) (int, error) {
	v := ""
	if vs := q["maxitems"]; len(vs) > 0 {
		v = vs[0]
	}
	if v == "" {
		return limit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("maxitems %q is not a positive number", v)
	}
	return min(n, limit), nil
}

func (s *Stub) listZones(w http.ResponseWriter, q map[string][]string) {
	n, err := maxItems(q, maxZonesPage)
	if err != nil {
		writeError(w, http.StatusBadRequest, "InvalidInput", err.Error())
		return
	}
	start := 0
	marker := first(q["marker"])
	if marker != "" {
		d, ok := s.zoneIndex(marker)
		if !ok {
			writeError(w, http.StatusBadRequest, "InvalidInput", "unknown marker "+marker)
			return
		}
		start = s.pos[d]
	}
	out := listZonesResponse{Xmlns: xmlns, Marker: marker, MaxItems: strconv.Itoa(n)}
	end := min(start+n, s.zones)
	for k := start; k < end; k++ {
		out.HostedZones = append(out.HostedZones, s.hostedZone(s.order[k]))
	}
	if end < s.zones {
		out.IsTruncated = true
		out.NextMarker = zoneID(s.order[end])
	}
	writeXML(w, out)
}

func (s *Stub) listZonesByName(w http.ResponseWriter, q map[string][]string) {
	n, err := maxItems(q, maxZonesPage)
	if err != nil {
		writeError(w, http.StatusBadRequest, "InvalidInput", err.Error())
		return
	}
	name := strings.ToLower(strings.TrimSuffix(first(q["dnsname"]), "."))
	start := 0
	if name != "" {
		start = sort.SearchStrings(s.names, name)
	}
	if id := first(q["hostedzoneid"]); id != "" {
		d, ok := s.zoneIndex(id)
		if !ok {
			writeError(w, http.StatusBadRequest, "InvalidInput", "unknown hostedzoneid "+id)
			return
		}
		start = s.pos[d]
	}
	out := listZonesByNameResponse{Xmlns: xmlns, DNSName: first(q["dnsname"]), HostedZoneID: first(q["hostedzoneid"]), MaxItems: strconv.Itoa(n)}
	end := min(start+n, s.zones)
	for k := start; k < end; k++ {
		out.HostedZones = append(out.HostedZones, s.hostedZone(s.order[k]))
	}
	if end < s.zones {
		out.IsTruncated = true
		out.NextDNSName = s.names[end] + "."
		out.NextHostedZoneID = zoneID(s.order[end])
	}
	writeXML(w, out)
}

func (s *Stub) getZone(w http.ResponseWriter, id string) {
	d, ok := s.zoneIndex(id)
	if !ok {
		writeError(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+id)
		return
	}
	writeXML(w, getZoneResponse{Xmlns: xmlns, HostedZone: s.hostedZone(d), NameServers: nameServers(d)})
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func writeXML(w http.ResponseWriter, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "stub")
	io.WriteString(w, xml.Header)
	w.Write(b)
}

// writeError answers with a Route 53 error: an ErrorResponse naming the
// code, which the SDK turns into the error of that name.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	typ := "Sender"
	if status >= 500 {
		typ = "Receiver"
	}
	b, _ := xml.Marshal(errorResponse{Xmlns: xmlns, Error: errorBody{Type: typ, Code: code, Message: msg}, RequestID: "stub"})
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "stub")
	w.WriteHeader(status)
	io.WriteString(w, xml.Header)
	w.Write(b)
}

// The wire shapes.

type hostedZone struct {
	ID              string     `xml:"Id"`
	Name            string     `xml:"Name"`
	CallerReference string     `xml:"CallerReference"`
	Config          zoneConfig `xml:"Config"`
	RecordSetCount  int64      `xml:"ResourceRecordSetCount"`
}

type zoneConfig struct {
	Comment     string `xml:"Comment,omitempty"`
	PrivateZone bool   `xml:"PrivateZone"`
}

type listZonesResponse struct {
	XMLName     xml.Name     `xml:"ListHostedZonesResponse"`
	Xmlns       string       `xml:"xmlns,attr"`
	HostedZones []hostedZone `xml:"HostedZones>HostedZone"`
	Marker      string       `xml:"Marker"`
	IsTruncated bool         `xml:"IsTruncated"`
	NextMarker  string       `xml:"NextMarker,omitempty"`
	MaxItems    string       `xml:"MaxItems"`
}

type listZonesByNameResponse struct {
	XMLName          xml.Name     `xml:"ListHostedZonesByNameResponse"`
	Xmlns            string       `xml:"xmlns,attr"`
	HostedZones      []hostedZone `xml:"HostedZones>HostedZone"`
	DNSName          string       `xml:"DNSName,omitempty"`
	HostedZoneID     string       `xml:"HostedZoneId,omitempty"`
	IsTruncated      bool         `xml:"IsTruncated"`
	NextDNSName      string       `xml:"NextDNSName,omitempty"`
	NextHostedZoneID string       `xml:"NextHostedZoneId,omitempty"`
	MaxItems         string       `xml:"MaxItems"`
}

type getZoneResponse struct {
	XMLName     xml.Name   `xml:"GetHostedZoneResponse"`
	Xmlns       string     `xml:"xmlns,attr"`
	HostedZone  hostedZone `xml:"HostedZone"`
	NameServers []string   `xml:"DelegationSet>NameServers>NameServer"`
}

type changeInfo struct {
	ID          string `xml:"Id"`
	Status      string `xml:"Status"`
	SubmittedAt string `xml:"SubmittedAt"`
	Comment     string `xml:"Comment,omitempty"`
}

type changeResponse struct {
	XMLName    xml.Name   `xml:"ChangeResourceRecordSetsResponse"`
	Xmlns      string     `xml:"xmlns,attr"`
	ChangeInfo changeInfo `xml:"ChangeInfo"`
}

type getChangeResponse struct {
	XMLName    xml.Name   `xml:"GetChangeResponse"`
	Xmlns      string     `xml:"xmlns,attr"`
	ChangeInfo changeInfo `xml:"ChangeInfo"`
}

type errorResponse struct {
	XMLName   xml.Name  `xml:"ErrorResponse"`
	Xmlns     string    `xml:"xmlns,attr"`
	Error     errorBody `xml:"Error"`
	RequestID string    `xml:"RequestId"`
}

type errorBody struct {
	Type    string `xml:"Type"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// slicesEqualSet reports whether a and b hold the same strings, in any
// order.
func slicesEqualSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// baseline returns the baseline record set of zone d at index k (0 the
// apex NS set, 1 the SOA, 2+i the i-th generated record).
func (s *Stub) baseline(d, k int) *recordSet {
	zone := zoneName(d) + "."
	switch k {
	case 0:
		return &recordSet{Name: zone, Type: "NS", TTL: ptr(int64(172800)), Values: values(nameServers(d)...)}
	case 1:
		return &recordSet{Name: zone, Type: "SOA", TTL: ptr(int64(900)), Values: values(nameServers(d)[0] + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")}
	}
	i := k - 2
	label, typ, value := genSet(i, zone)
	return &recordSet{Name: label + "." + zone, Type: typ, TTL: ptr(int64(300)), Values: values(value)}
}

// genSet returns the label, type and value (as Route 53 holds it) of the
// i-th record gen.Record writes for the baseline of a zone.
func genSet(i int, zone string) (label, typ, value string) {
	v := gen.Value(i, 0)
	switch i % 10 {
	case 0, 1, 2, 3:
		return "h" + strconv.Itoa(i), "A", fmt.Sprintf("10.%d.%d.%d", v>>16&255, v>>8&255, v&255)
	case 4:
		// As dnsctl writes it: the address's canonical text.
		a := netip.MustParseAddr(fmt.Sprintf("2001:db8::%x:%x", v>>16&0xffff, v&0xffff))
		return "h" + strconv.Itoa(i), "AAAA", a.String()
	case 5, 6:
		return "c" + strconv.Itoa(i), "CNAME", fmt.Sprintf("h%d.%s", v%1000*10, zone)
	case 7:
		return "m" + strconv.Itoa(i), "MX", fmt.Sprintf("%d mail%d.example.net.", 10+v%50, v%7)
	default:
		return "t" + strconv.Itoa(i), "TXT", fmt.Sprintf("\"v=spf1 include:_spf%d.example.net ~all\"", v)
	}
}

// typeOf is the type of the i-th generated record.
func typeOf(i int) string {
	switch i % 10 {
	case 0, 1, 2, 3:
		return "A"
	case 4:
		return "AAAA"
	case 5, 6:
		return "CNAME"
	case 7:
		return "MX"
	}
	return "TXT"
}

// labelPrefix is the first letter of the i-th generated record's label.
func labelPrefix(i int) byte {
	switch i % 10 {
	case 5, 6:
		return 'c'
	case 7:
		return 'm'
	case 8, 9:
		return 't'
	}
	return 'h'
}

// baseIndex returns the index of a set in zone d's baseline (see
// baseline), from its name and type alone.
func (s *Stub) baseIndex(d int, k setKey) (int, bool) {
	if k.id != "" {
		return 0, false
	}
	zone := zoneName(d)
	name := strings.ToLower(strings.TrimSuffix(k.name, "."))
	if name == zone {
		switch k.typ {
		case "NS":
			return 0, true
		case "SOA":
			return 1, true
		}
		return 0, false
	}
	label, ok := strings.CutSuffix(name, "."+zone)
	if !ok || len(label) < 2 || strings.Contains(label, ".") {
		return 0, false
	}
	i, err := strconv.Atoi(label[1:])
	if err != nil || i < 0 || i >= s.records || strconv.Itoa(i) != label[1:] || labelPrefix(i) != label[0] || typeOf(i) != k.typ {
		return 0, false
	}
	return 2 + i, true
}

func ptr[T any](v T) *T { return &v }
