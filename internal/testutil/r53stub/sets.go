package r53stub

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// setKey names a record set: name (lower case, fully qualified), type and
// set identifier.
type setKey struct{ name, typ, id string }

// recordSet is one record set on the wire, in requests and answers.
type recordSet struct {
	Name             string       `xml:"Name"`
	Type             string       `xml:"Type"`
	SetIdentifier    string       `xml:"SetIdentifier,omitempty"`
	Weight           *int64       `xml:"Weight,omitempty"`
	Region           string       `xml:"Region,omitempty"`
	Failover         string       `xml:"Failover,omitempty"`
	MultiValueAnswer *bool        `xml:"MultiValueAnswer,omitempty"`
	TTL              *int64       `xml:"TTL,omitempty"`
	Values           []rrValue    `xml:"ResourceRecords>ResourceRecord,omitempty"`
	AliasTarget      *aliasTarget `xml:"AliasTarget,omitempty"`
	HealthCheckID    string       `xml:"HealthCheckId,omitempty"`
}

// rrValue is one value of a set (a ResourceRecord element of its own:
// a path ending in Value would put every value in one element).
type rrValue struct {
	Value string `xml:"Value"`
}

func values(vs ...string) []rrValue {
	out := make([]rrValue, len(vs))
	for i, v := range vs {
		out[i].Value = v
	}
	return out
}

func (r *recordSet) valueList() []string {
	out := make([]string, len(r.Values))
	for i, v := range r.Values {
		out[i] = v.Value
	}
	return out
}

type aliasTarget struct {
	HostedZoneID         string `xml:"HostedZoneId"`
	DNSName              string `xml:"DNSName"`
	EvaluateTargetHealth bool   `xml:"EvaluateTargetHealth"`
}

func (r *recordSet) key() setKey {
	name := strings.ToLower(r.Name)
	if !strings.HasSuffix(name, ".") {
		name += "."
	}
	return setKey{name: name, typ: r.Type, id: r.SetIdentifier}
}

// sameAs reports whether r and o are the same set with the same data, as
// a DELETE must name the set it deletes.
func (r *recordSet) sameAs(o *recordSet) bool {
	ttl := func(p *int64) int64 {
		if p == nil {
			return -1
		}
		return *p
	}
	if ttl(r.TTL) != ttl(o.TTL) || !slicesEqualSet(r.valueList(), o.valueList()) || (r.AliasTarget == nil) != (o.AliasTarget == nil) {
		return false
	}
	if r.AliasTarget != nil && *r.AliasTarget != *o.AliasTarget {
		return false
	}
	return true
}

type listSetsResponse struct {
	XMLName              xml.Name     `xml:"ListResourceRecordSetsResponse"`
	Xmlns                string       `xml:"xmlns,attr"`
	ResourceRecordSets   []*recordSet `xml:"ResourceRecordSets>ResourceRecordSet"`
	IsTruncated          bool         `xml:"IsTruncated"`
	NextRecordName       string       `xml:"NextRecordName,omitempty"`
	NextRecordType       string       `xml:"NextRecordType,omitempty"`
	NextRecordIdentifier string       `xml:"NextRecordIdentifier,omitempty"`
	MaxItems             string       `xml:"MaxItems"`
}

type changeRequest struct {
	XMLName xml.Name `xml:"ChangeResourceRecordSetsRequest"`
	Changes []struct {
		Action string     `xml:"Action"`
		Set    *recordSet `xml:"ResourceRecordSet"`
	} `xml:"ChangeBatch>Changes>Change"`
}

// extras returns the keys of zone d's overlay that are not in its
// baseline, sorted; they are listed after the baseline. The caller holds
// s.mu.
func (s *Stub) extras(d int) []setKey {
	var out []setKey
	for k := range s.overlay[d] {
		if _, ok := s.baseIndex(d, k); !ok {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, func(a, b setKey) int {
		return strings.Compare(a.name+"\x00"+a.typ+"\x00"+a.id, b.name+"\x00"+b.typ+"\x00"+b.id)
	})
	return out
}

// at returns the set at position k of zone d's listing (baseline indices,
// then extras), or nil where it was deleted. The caller holds s.mu.
func (s *Stub) at(d, k int, extras []setKey) *recordSet {
	base := s.records + 2
	if k >= base {
		return s.overlay[d][extras[k-base]]
	}
	set := s.baseline(d, k)
	if o, ok := s.overlay[d][set.key()]; ok {
		return o
	}
	return set
}

func (s *Stub) listSets(w http.ResponseWriter, id string, q map[string][]string) {
	d, ok := s.zoneIndex(id)
	if !ok {
		writeError(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+id)
		return
	}
	n, err := maxItems(q, maxSetsPage)
	if err != nil {
		writeError(w, http.StatusBadRequest, "InvalidInput", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	extras := s.extras(d)
	total := s.records + 2 + len(extras)
	start := 0
	if name := first(q["name"]); name != "" {
		k := (&recordSet{Name: name, Type: first(q["type"]), SetIdentifier: first(q["identifier"])}).key()
		i, ok := s.baseIndex(d, k)
		if !ok {
			j := slices.Index(extras, k)
			if j < 0 {
				writeError(w, http.StatusBadRequest, "InvalidInput", fmt.Sprintf("the stub cannot start a listing at %s %s", name, k.typ))
				return
			}
			i = s.records + 2 + j
		}
		start = i
	}
	out := listSetsResponse{Xmlns: xmlns, MaxItems: strconv.Itoa(n)}
	for k := start; k < total; k++ {
		set := s.at(d, k, extras)
		if set == nil {
			continue
		}
		if len(out.ResourceRecordSets) == n {
			out.IsTruncated = true
			out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier = set.Name, set.Type, set.SetIdentifier
			break
		}
		out.ResourceRecordSets = append(out.ResourceRecordSets, set)
	}
	writeXML(w, out)
}

func (s *Stub) changeSets(w http.ResponseWriter, id string, body []byte) {
	d, ok := s.zoneIndex(id)
	if !ok {
		writeError(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+id)
		return
	}
	var req changeRequest
	if err := xml.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "InvalidInput", "cannot read the change batch: "+err.Error())
		return
	}
	if len(req.Changes) == 0 {
		writeError(w, http.StatusBadRequest, "InvalidInput", "the change batch is empty")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The batch applies in order and all or nothing: work on a copy of the
	// sets it touches.
	touched := map[setKey]*recordSet{}
	current := func(k setKey) *recordSet {
		if set, ok := touched[k]; ok {
			return set
		}
		if set, ok := s.overlay[d][k]; ok {
			return set
		}
		if i, ok := s.baseIndex(d, k); ok {
			return s.baseline(d, i)
		}
		return nil
	}
	var problems []string
	for _, c := range req.Changes {
		if c.Set == nil {
			problems = append(problems, "a change without a ResourceRecordSet")
			continue
		}
		k := c.Set.key()
		zone := zoneName(d) + "."
		if k.name != zone && !strings.HasSuffix(k.name, "."+zone) {
			problems = append(problems, fmt.Sprintf("RRSet with DNS name %s is not permitted in zone %s", c.Set.Name, zone))
			continue
		}
		cur := current(k)
		switch c.Action {
		case "CREATE":
			if cur != nil {
				problems = append(problems, fmt.Sprintf("Tried to create resource record set [name='%s', type='%s'] but it already exists", k.name, k.typ))
				continue
			}
			touched[k] = c.Set
		case "DELETE":
			if cur == nil || !cur.sameAs(c.Set) {
				problems = append(problems, fmt.Sprintf("Tried to delete resource record set [name='%s', type='%s'] but it was not found", k.name, k.typ))
				continue
			}
			touched[k] = nil
		case "UPSERT":
			touched[k] = c.Set
		default:
			problems = append(problems, "unknown action "+c.Action)
		}
	}
	if len(problems) > 0 {
		writeError(w, http.StatusBadRequest, "InvalidChangeBatch", "["+strings.Join(problems, ", ")+"]")
		return
	}
	if s.overlay[d] == nil {
		s.overlay[d] = map[setKey]*recordSet{}
	}
	for k, set := range touched {
		s.overlay[d][k] = set
	}
	s.changeID++
	writeXML(w, changeResponse{Xmlns: xmlns, ChangeInfo: changeInfo{
		ID: fmt.Sprintf("/change/CSTUB%09d", s.changeID), Status: "PENDING", SubmittedAt: time.Now().UTC().Format(time.RFC3339),
	}})
}
