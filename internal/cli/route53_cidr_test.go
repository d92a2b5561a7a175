package cli

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// CIDR collections in the CLI scripts. moto 5.2.1 serves no CIDR
// collection call (its route53/urls.py has no cidrcollection route) and
// drops the CidrRoutingConfig of record sets (its RecordSet keeps no such
// field). `r53 cidr stub` makes the script's proxy answer the CIDR
// collection calls itself, in Route 53's REST-XML (shapes and error codes
// of the AWS API reference), and keep the CidrRoutingConfig of the record
// sets written through it, giving it back when they are listed:
//
//	r53 cidr stub                       serve CIDR collections in the proxy
//	r53 cidr collections                print "NAME VERSION LOCATION BLOCK" lines, sorted
//	r53 cidr put NAME LOCATION BLOCK... create the collection if needed and put blocks
//	                                    (behind dnsctl's back)
func cmdR53CIDR(ts *testscript.TestScript, st *r53State, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: r53 cidr stub|collections|put ...")
	}
	v, _ := cidrServers.LoadOrStore(st, &cidrServer{moto: st.moto, colls: map[string]*cidrColl{}, routing: map[string][2]string{}})
	srv := v.(*cidrServer)
	switch args[0] {
	case "stub":
		s := srv
		for op, h := range map[string]func(http.ResponseWriter, *http.Request, []byte){
			"ListCidrCollections":      s.list,
			"ListCidrBlocks":           s.blocks,
			"CreateCidrCollection":     s.create,
			"ChangeCidrCollection":     s.change,
			"DeleteCidrCollection":     s.delete,
			"ChangeResourceRecordSets": s.changeRRSets,
			"ListResourceRecordSets":   s.listRRSets,
		} {
			st.proxy.Stub(op, h)
		}
	case "collections":
		srv.mu.Lock()
		defer srv.mu.Unlock()
		var lines []string
		for _, c := range srv.colls {
			for b, l := range c.blocks {
				lines = append(lines, fmt.Sprintf("%s %d %s %s", c.name, c.version, l, b))
			}
			if len(c.blocks) == 0 {
				lines = append(lines, fmt.Sprintf("%s %d", c.name, c.version))
			}
		}
		slices.Sort(lines)
		w := ts.Stdout()
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	case "put":
		if len(args) < 4 {
			ts.Fatalf("usage: r53 cidr put NAME LOCATION BLOCK...")
		}
		s := srv
		s.mu.Lock()
		defer s.mu.Unlock()
		c := s.byName(args[1])
		if c == nil {
			c = s.add(args[1])
		}
		for _, b := range args[3:] {
			c.blocks[b] = args[2]
		}
		c.version++
	default:
		ts.Fatalf("r53 cidr: unknown subcommand %q", args[0])
	}
}

// cidrServers holds the CIDR collections of each script (by its
// *r53State).
var cidrServers sync.Map

// cidrServer is the state of the CIDR collections a script's proxy serves.
type cidrServer struct {
	moto    string
	mu      sync.Mutex
	colls   map[string]*cidrColl // by ID
	routing map[string][2]string // record set key -> collection ID, location
	n       int
}

type cidrColl struct {
	id, name string
	version  int64
	blocks   map[string]string // block -> location
}

func (s *cidrServer) byName(name string) *cidrColl {
	for _, c := range s.colls {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (s *cidrServer) add(name string) *cidrColl {
	s.n++
	c := &cidrColl{id: fmt.Sprintf("c1d2c0de-%04d-4000-8000-000000000000", s.n), name: name, version: 1, blocks: map[string]string{}}
	s.colls[c.id] = c
	return c
}

const cidrR53NS = `xmlns="https://route53.amazonaws.com/doc/2013-04-01/"`

func cidrWriteXML(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "cidr-stub")
	w.WriteHeader(status)
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+body)
}

func cidrWriteErr(w http.ResponseWriter, status int, code, msg string) {
	cidrWriteXML(w, status, fmt.Sprintf(`<ErrorResponse %s><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>cidr-stub</RequestId></ErrorResponse>`, cidrR53NS, code, cidrXMLText(msg)))
}

func cidrXMLText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func cidrCollXML(c *cidrColl) string {
	return fmt.Sprintf("<Arn>arn:aws:route53:::cidrcollection/%s</Arn><Id>%s</Id><Name>%s</Name><Version>%d</Version>", c.id, c.id, c.name, c.version)
}

func (s *cidrServer) list(w http.ResponseWriter, _ *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, id := range slices.Sorted(maps.Keys(s.colls)) {
		b.WriteString("<member>" + cidrCollXML(s.colls[id]) + "</member>")
	}
	cidrWriteXML(w, 200, fmt.Sprintf(`<ListCidrCollectionsResponse %s><CidrCollections>%s</CidrCollections></ListCidrCollectionsResponse>`, cidrR53NS, b.String()))
}

// cidrCollectionID is the {Id} of /2013-04-01/cidrcollection/{Id}[/cidrblocks].
func cidrCollectionID(r *http.Request) string {
	rest := strings.TrimPrefix(r.URL.Path, "/2013-04-01/cidrcollection/")
	id, _, _ := strings.Cut(rest, "/")
	return id
}

func (s *cidrServer) blocks(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.colls[cidrCollectionID(r)]
	if c == nil {
		cidrWriteErr(w, 404, "NoSuchCidrCollectionException", "The CIDR collection you specified, doesn't exist.")
		return
	}
	var b strings.Builder
	for _, blk := range slices.Sorted(maps.Keys(c.blocks)) {
		if l := r.URL.Query().Get("location"); l == "" || l == c.blocks[blk] {
			fmt.Fprintf(&b, "<member><CidrBlock>%s</CidrBlock><LocationName>%s</LocationName></member>", blk, c.blocks[blk])
		}
	}
	cidrWriteXML(w, 200, fmt.Sprintf(`<ListCidrBlocksResponse %s><CidrBlocks>%s</CidrBlocks></ListCidrBlocksResponse>`, cidrR53NS, b.String()))
}

func (s *cidrServer) create(w http.ResponseWriter, _ *http.Request, body []byte) {
	var in struct {
		Name            string
		CallerReference string
	}
	if err := xml.Unmarshal(body, &in); err != nil || in.Name == "" || in.CallerReference == "" || len(in.CallerReference) > 64 {
		cidrWriteErr(w, 400, "InvalidInput", fmt.Sprintf("bad CreateCidrCollection request (%v)", err))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byName(in.Name) != nil {
		cidrWriteErr(w, 409, "CidrCollectionAlreadyExistsException", "A CIDR collection with this name and a different caller reference already exists in this account.")
		return
	}
	c := s.add(in.Name)
	w.Header().Set("Location", "https://route53.amazonaws.com/2013-04-01/cidrcollection/"+c.id)
	cidrWriteXML(w, 201, fmt.Sprintf(`<CreateCidrCollectionResponse %s><Collection>%s</Collection></CreateCidrCollectionResponse>`, cidrR53NS, cidrCollXML(c)))
}

func (s *cidrServer) used(id, loc string) bool {
	for _, v := range s.routing {
		if v[0] == id && (loc == "" || v[1] == loc) {
			return true
		}
	}
	return false
}

func (s *cidrServer) change(w http.ResponseWriter, r *http.Request, body []byte) {
	var in struct {
		CollectionVersion *int64
		Changes           []struct {
			Action       string
			LocationName string
			CidrList     []string `xml:"CidrList>Cidr"`
		} `xml:"Changes>member"`
	}
	if err := xml.Unmarshal(body, &in); err != nil {
		cidrWriteErr(w, 400, "InvalidInput", err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := cidrCollectionID(r)
	c := s.colls[id]
	if c == nil {
		cidrWriteErr(w, 404, "NoSuchCidrCollectionException", "The CIDR collection you specified, doesn't exist.")
		return
	}
	if in.CollectionVersion != nil && *in.CollectionVersion != c.version {
		cidrWriteErr(w, 409, "CidrCollectionVersionMismatchException", "The CIDR collection version you provided, doesn't match the one in the ListCidrCollections operation.")
		return
	}
	blocks := maps.Clone(c.blocks)
	for _, ch := range in.Changes {
		for _, b := range ch.CidrList {
			switch ch.Action {
			case "PUT":
				if l, ok := blocks[b]; ok && l != ch.LocationName {
					cidrWriteErr(w, 400, "InvalidInput", b+" is already in location "+l)
					return
				}
				blocks[b] = ch.LocationName
			case "DELETE_IF_EXISTS":
				if blocks[b] == ch.LocationName {
					delete(blocks, b)
				}
			default:
				cidrWriteErr(w, 400, "InvalidInput", "unknown action "+ch.Action)
				return
			}
		}
	}
	left := map[string]bool{}
	for _, l := range blocks {
		left[l] = true
	}
	for _, l := range c.blocks {
		if !left[l] && s.used(id, l) {
			cidrWriteErr(w, 400, "CidrBlockInUseException", "This CIDR block is in use by a record set (location "+l+").")
			return
		}
	}
	c.blocks = blocks
	c.version++
	cidrWriteXML(w, 200, fmt.Sprintf(`<ChangeCidrCollectionResponse %s><Id>%s</Id></ChangeCidrCollectionResponse>`, cidrR53NS, id))
}

func (s *cidrServer) delete(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := cidrCollectionID(r)
	c := s.colls[id]
	switch {
	case c == nil:
		cidrWriteErr(w, 404, "NoSuchCidrCollectionException", "The CIDR collection you specified, doesn't exist.")
	case len(c.blocks) > 0 || s.used(id, ""):
		cidrWriteErr(w, 400, "CidrCollectionInUseException", "This CIDR collection is in use, and isn't empty.")
	default:
		delete(s.colls, id)
		cidrWriteXML(w, 200, fmt.Sprintf(`<DeleteCidrCollectionResponse %s></DeleteCidrCollectionResponse>`, cidrR53NS))
	}
}

// cidrRRSetZone is the zone ID of /2013-04-01/hostedzone/{Id}/rrset.
func cidrRRSetZone(r *http.Request) string {
	rest := strings.TrimPrefix(r.URL.Path, "/2013-04-01/hostedzone/")
	id, _, _ := strings.Cut(rest, "/")
	return id
}

func cidrRRSetKey(zone, name, typ, setID string) string {
	name = strings.ToLower(name)
	if !strings.HasSuffix(name, ".") {
		name += "."
	}
	return zone + "|" + name + "|" + typ + "|" + setID
}

// toMoto sends the request on to moto and returns its answer.
func (s *cidrServer) toMoto(r *http.Request, body []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequest(r.Method, s.moto+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp, out, err
}

func cidrRelay(w http.ResponseWriter, resp *http.Response, body []byte) {
	for k, v := range resp.Header {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// changeRRSets checks the CidrRoutingConfig of the changes as Route 53
// does, lets moto make them, and keeps the CidrRoutingConfig.
func (s *cidrServer) changeRRSets(w http.ResponseWriter, r *http.Request, body []byte) {
	var in struct {
		Changes []struct {
			Action string
			Set    struct {
				Name, Type, SetIdentifier string
				CollectionID              string `xml:"CidrRoutingConfig>CollectionId"`
				Location                  string `xml:"CidrRoutingConfig>LocationName"`
			} `xml:"ResourceRecordSet"`
		} `xml:"ChangeBatch>Changes>Change"`
	}
	if err := xml.Unmarshal(body, &in); err != nil {
		cidrWriteErr(w, 400, "InvalidInput", err.Error())
		return
	}
	s.mu.Lock()
	for _, ch := range in.Changes {
		if ch.Set.CollectionID == "" || ch.Action == "DELETE" {
			continue
		}
		c := s.colls[ch.Set.CollectionID]
		if c == nil {
			s.mu.Unlock()
			cidrWriteErr(w, 404, "NoSuchCidrCollectionException", "The CIDR collection you specified, doesn't exist.")
			return
		}
		if ch.Set.Location != "*" && !slices.Contains(slices.Collect(maps.Values(c.blocks)), ch.Set.Location) {
			s.mu.Unlock()
			cidrWriteErr(w, 404, "NoSuchCidrLocationException", "The CIDR collection location doesn't match any location in your account.")
			return
		}
	}
	s.mu.Unlock()
	resp, out, err := s.toMoto(r, body)
	if err != nil {
		cidrWriteErr(w, 500, "InternalFailure", err.Error())
		return
	}
	if resp.StatusCode/100 == 2 {
		s.mu.Lock()
		zone := cidrRRSetZone(r)
		for _, ch := range in.Changes {
			k := cidrRRSetKey(zone, ch.Set.Name, ch.Set.Type, ch.Set.SetIdentifier)
			if ch.Set.CollectionID != "" && ch.Action != "DELETE" {
				s.routing[k] = [2]string{ch.Set.CollectionID, ch.Set.Location}
			} else {
				delete(s.routing, k)
			}
		}
		s.mu.Unlock()
	}
	cidrRelay(w, resp, out)
}

var (
	cidrReRRSet  = regexp.MustCompile(`(?s)<ResourceRecordSet>.*?</ResourceRecordSet>`)
	cidrXMLField = func(name string) *regexp.Regexp {
		return regexp.MustCompile(`<` + name + `>([^<]*)</` + name + `>`)
	}
	cidrReSetName, cidrReSetType, cidrReSetID = cidrXMLField("Name"), cidrXMLField("Type"), cidrXMLField("SetIdentifier")
)

// listRRSets gives moto's record sets back their CidrRoutingConfig.
func (s *cidrServer) listRRSets(w http.ResponseWriter, r *http.Request, body []byte) {
	resp, out, err := s.toMoto(r, body)
	if err != nil {
		cidrWriteErr(w, 500, "InternalFailure", err.Error())
		return
	}
	zone := cidrRRSetZone(r)
	s.mu.Lock()
	out = cidrReRRSet.ReplaceAllFunc(out, func(set []byte) []byte {
		field := func(re *regexp.Regexp) string {
			if m := re.FindSubmatch(set); m != nil {
				return string(m[1])
			}
			return ""
		}
		v, ok := s.routing[cidrRRSetKey(zone, field(cidrReSetName), field(cidrReSetType), field(cidrReSetID))]
		if !ok {
			return set
		}
		cfg := fmt.Sprintf("<CidrRoutingConfig><CollectionId>%s</CollectionId><LocationName>%s</LocationName></CidrRoutingConfig></ResourceRecordSet>", v[0], v[1])
		return bytes.Replace(set, []byte("</ResourceRecordSet>"), []byte(cfg), 1)
	})
	s.mu.Unlock()
	cidrRelay(w, resp, out)
}
