// Package faultproxy is a reverse proxy for tests that sits between an AWS
// SDK client and an emulator (moto) and injects scripted faults: AWS error
// responses in the wire format of the service called (REST-XML for Route
// 53, JSON for Route 53 Domains, Query XML for STS), and connections cut
// before the request is forwarded or after the upstream answered but before
// the client sees the answer. It also counts requests per operation, and
// can serve canned responses for operations the emulator lacks.
package faultproxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Kind is a kind of fault.
type Kind int

const (
	// Throttling answers 400 Throttling "Rate exceeded".
	Throttling Kind = iota + 1
	// PriorRequestNotComplete answers 400 PriorRequestNotComplete.
	PriorRequestNotComplete
	// InternalError answers 500 InternalError.
	InternalError
	// ServiceUnavailable answers 503 ServiceUnavailable.
	ServiceUnavailable
	// InvalidChangeBatch answers 400 with Route 53's InvalidChangeBatch document.
	InvalidChangeBatch
	// AccessDenied answers 403 AccessDenied (AccessDeniedException for JSON services).
	AccessDenied
	// InvalidClientTokenId answers 403 InvalidClientTokenId (UnrecognizedClientException for JSON services).
	InvalidClientTokenId
	// SignatureDoesNotMatch answers 403 SignatureDoesNotMatch (InvalidSignatureException for JSON services).
	SignatureDoesNotMatch
	// IncompleteSignature answers 403 IncompleteSignature.
	IncompleteSignature
	// ExpiredToken answers 403 ExpiredToken.
	ExpiredToken
	// DropBeforeForward closes the connection without forwarding the request.
	DropBeforeForward
	// DropAfterForward forwards the request, lets the upstream carry it out,
	// then closes the connection without answering.
	DropAfterForward
)

func (k Kind) String() string {
	switch k {
	case Throttling:
		return "Throttling"
	case PriorRequestNotComplete:
		return "PriorRequestNotComplete"
	case InternalError:
		return "InternalError"
	case ServiceUnavailable:
		return "ServiceUnavailable"
	case InvalidChangeBatch:
		return "InvalidChangeBatch"
	case AccessDenied:
		return "AccessDenied"
	case InvalidClientTokenId:
		return "InvalidClientTokenId"
	case SignatureDoesNotMatch:
		return "SignatureDoesNotMatch"
	case IncompleteSignature:
		return "IncompleteSignature"
	case ExpiredToken:
		return "ExpiredToken"
	case DropBeforeForward:
		return "DropBeforeForward"
	case DropAfterForward:
		return "DropAfterForward"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Fault is a scripted fault: after After requests for Op ("" for any
// operation) have passed untouched, the next Times requests get Kind.
// Message overrides the default error message.
type Fault struct {
	Op      string
	Kind    Kind
	Times   int
	After   int
	Message string
}

// Handler serves a request itself instead of forwarding it.
type Handler func(w http.ResponseWriter, r *http.Request, body []byte)

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	srv      *httptest.Server
	upstream *url.URL
	rp       *httputil.ReverseProxy

	mu        sync.Mutex
	faults    []*Fault
	calls     map[string]int // requests received, by operation
	forwarded map[string]int // requests passed to the upstream
	injected  map[string]int // faults injected, by operation
	stubs     map[string]Handler
	observers map[string]func(n int)
	requests  []Request
	seq       atomic.Int64
}

// Request is a request the proxy saw.
type Request struct {
	Op     string
	Method string
	Path   string
	Body   []byte
	Header http.Header
}

// New starts a proxy in front of upstream (a base URL); it stops at the end
// of the test.
func New(tb testing.TB, upstream string) *Proxy {
	tb.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		tb.Fatalf("faultproxy: bad upstream %q: %v", upstream, err)
	}
	p := &Proxy{upstream: u, calls: map[string]int{}, forwarded: map[string]int{}, injected: map[string]int{}, stubs: map[string]Handler{}}
	p.rp = httputil.NewSingleHostReverseProxy(u)
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	tb.Cleanup(p.srv.Close)
	return p
}

// URL is the proxy's base URL; point the SDK's endpoint at it.
func (p *Proxy) URL() string { return p.srv.URL }

// Inject scripts a fault for the next times requests of op ("" = any).
func (p *Proxy) Inject(op string, kind Kind, times int) {
	p.InjectFault(Fault{Op: op, Kind: kind, Times: times})
}

// InjectFault scripts f. Faults are used in the order they were added.
func (p *Proxy) InjectFault(f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ff := f
	p.faults = append(p.faults, &ff)
}

// Stub serves op with h instead of forwarding it (until cleared with nil).
func (p *Proxy) Stub(op string, h Handler) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h == nil {
		delete(p.stubs, op)
		return
	}
	p.stubs[op] = h
}

// Observe calls fn with the request's number (1 for the first) each time a
// request for op arrives, before it is answered or forwarded: a test can
// act while the request is in flight (cancel the client's context).
func (p *Proxy) Observe(op string, fn func(n int)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.observers == nil {
		p.observers = map[string]func(int){}
	}
	p.observers[op] = fn
}

// Pending returns how many scripted faults have not fired yet.
func (p *Proxy) Pending() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, f := range p.faults {
		n += f.Times
	}
	return n
}

// Calls returns how many requests for op reached the proxy ("" = all).
func (p *Proxy) Calls(op string) int { return p.count(p.calls, op) }

// Forwarded returns how many requests for op reached the upstream.
func (p *Proxy) Forwarded(op string) int { return p.count(p.forwarded, op) }

// Injected returns how many faults were injected into requests for op.
func (p *Proxy) Injected(op string) int { return p.count(p.injected, op) }

func (p *Proxy) count(m map[string]int, op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if op != "" {
		return m[op]
	}
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Counts returns a copy of the per-operation request counts.
func (p *Proxy) Counts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.calls))
	for k, v := range p.calls {
		out[k] = v
	}
	return out
}

// Requests returns the requests seen so far (bodies included).
func (p *Proxy) Requests(op string) []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Request
	for _, r := range p.requests {
		if op == "" || r.Op == op {
			out = append(out, r)
		}
	}
	return out
}

// ResetCounts zeroes the counters and forgets recorded requests and
// pending faults.
func (p *Proxy) ResetCounts() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls, p.forwarded, p.injected = map[string]int{}, map[string]int{}, map[string]int{}
	p.requests = nil
	p.faults = nil
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	op := Operation(r, body)
	p.mu.Lock()
	p.calls[op]++
	p.requests = append(p.requests, Request{Op: op, Method: r.Method, Path: r.URL.Path, Body: body, Header: r.Header.Clone()})
	var fault *Fault
	for _, f := range p.faults {
		if f.Times > 0 && (f.Op == "" || f.Op == op) {
			if f.After > 0 {
				f.After--
				break
			}
			f.Times--
			ff := *f
			fault = &ff
			p.injected[op]++
			break
		}
	}
	stub := p.stubs[op]
	observe, n := p.observers[op], p.calls[op]
	p.mu.Unlock()
	if observe != nil {
		observe(n)
	}

	proto := protocolOf(r)
	if fault != nil {
		switch fault.Kind {
		case DropBeforeForward:
			hijackClose(w)
			return
		case DropAfterForward:
			rec := httptest.NewRecorder()
			p.forward(rec, r, body, op, stub)
			hijackClose(w)
			return
		default:
			p.writeError(w, proto, op, fault)
			return
		}
	}
	p.forward(w, r, body, op, stub)
}

func (p *Proxy) forward(w http.ResponseWriter, r *http.Request, body []byte, op string, stub Handler) {
	if stub != nil {
		stub(w, r, body)
		return
	}
	p.mu.Lock()
	p.forwarded[op]++
	p.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	p.rp.ServeHTTP(w, r)
}

func hijackClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("faultproxy: response writer cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

type protocol int

const (
	restXML protocol = iota
	jsonRPC
	queryXML
)

func protocolOf(r *http.Request) protocol {
	if r.Header.Get("X-Amz-Target") != "" {
		return jsonRPC
	}
	if strings.HasPrefix(r.URL.Path, "/2013-04-01/") {
		return restXML
	}
	return queryXML
}

var defaults = map[Kind]struct {
	status          int
	code, json, msg string
}{
	Throttling:              {400, "Throttling", "ThrottlingException", "Rate exceeded"},
	PriorRequestNotComplete: {400, "PriorRequestNotComplete", "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request."},
	InternalError:           {500, "InternalError", "InternalFailure", "We encountered an internal error. Please try again."},
	ServiceUnavailable:      {503, "ServiceUnavailable", "ServiceUnavailable", "Service is unavailable. Please try again."},
	InvalidChangeBatch:      {400, "InvalidChangeBatch", "InvalidChangeBatch", "Tried to create resource record set but it already exists"},
	AccessDenied:            {403, "AccessDenied", "AccessDeniedException", "User: arn:aws:iam::123456789012:user/dnsctl is not authorized to perform: %s"},
	InvalidClientTokenId:    {403, "InvalidClientTokenId", "UnrecognizedClientException", "The security token included in the request is invalid."},
	SignatureDoesNotMatch:   {403, "SignatureDoesNotMatch", "InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
	IncompleteSignature:     {403, "IncompleteSignature", "IncompleteSignatureException", "'ABCDEFGHIJKLMNOPQRST/20200118/us-east-1/route53/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header"},
	ExpiredToken:            {403, "ExpiredToken", "ExpiredTokenException", "The security token included in the request is expired"},
}

func (p *Proxy) writeError(w http.ResponseWriter, proto protocol, op string, f *Fault) {
	d, ok := defaults[f.Kind]
	if !ok {
		http.Error(w, "faultproxy: unknown fault", http.StatusInternalServerError)
		return
	}
	msg := d.msg
	if strings.Contains(msg, "%s") {
		service := "sts"
		switch proto {
		case restXML:
			service = "route53"
		case jsonRPC:
			service = "route53domains"
		}
		msg = fmt.Sprintf(msg, service+":"+op)
	}
	if f.Message != "" {
		msg = f.Message
	}
	reqID := fmt.Sprintf("faultproxy-%06d", p.seq.Add(1))
	w.Header().Set("X-Amzn-Requestid", reqID)
	switch proto {
	case jsonRPC:
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-Errortype", d.json)
		w.WriteHeader(d.status)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": d.json, "message": msg})
	case restXML:
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(d.status)
		if f.Kind == InvalidChangeBatch {
			fmt.Fprintf(w, `<?xml version="1.0"?>`+"\n"+`<InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages><Message>%s</Message></Messages><RequestId>%s</RequestId></InvalidChangeBatch>`, xmlEscape(msg), reqID)
			return
		}
		fmt.Fprintf(w, `<?xml version="1.0"?>`+"\n"+`<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`, d.code, xmlEscape(msg), reqID)
	default:
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(d.status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`, d.code, xmlEscape(msg), reqID)
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xmlEscapeText(&b, s)
	return b.String()
}

func xmlEscapeText(b *bytes.Buffer, s string) error {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return nil
}

var (
	reZone     = regexp.MustCompile(`^/2013-04-01/hostedzone/[^/]+$`)
	reRRSet    = regexp.MustCompile(`^/2013-04-01/hostedzone/[^/]+/rrset/?$`)
	reChange   = regexp.MustCompile(`^/2013-04-01/change/[^/]+$`)
	reDelegSet = regexp.MustCompile(`^/2013-04-01/delegationset/[^/]+$`)
	reAction   = regexp.MustCompile(`(?:^|&)Action=([A-Za-z]+)`)
	// CIDR collections (ListCidrLocations is GET on the collection).
	reCIDRColl   = regexp.MustCompile(`^/2013-04-01/cidrcollection/[^/]+$`)
	reCIDRBlocks = regexp.MustCompile(`^/2013-04-01/cidrcollection/[^/]+/cidrblocks$`)
)

// Operation names the AWS operation of a request: "ListResourceRecordSets",
// "GetDomainDetail", "AssumeRole", or "METHOD /path" when unknown.
func Operation(r *http.Request, body []byte) string {
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		if i := strings.LastIndexByte(t, '.'); i >= 0 {
			return t[i+1:]
		}
		return t
	}
	path := r.URL.Path
	switch {
	case path == "/2013-04-01/hostedzone":
		if r.Method == http.MethodPost {
			return "CreateHostedZone"
		}
		return "ListHostedZones"
	case path == "/2013-04-01/hostedzonesbyname":
		return "ListHostedZonesByName"
	case path == "/2013-04-01/hostedzonecount":
		return "GetHostedZoneCount"
	case reRRSet.MatchString(path):
		if r.Method == http.MethodPost {
			return "ChangeResourceRecordSets"
		}
		return "ListResourceRecordSets"
	case reZone.MatchString(path):
		switch r.Method {
		case http.MethodDelete:
			return "DeleteHostedZone"
		case http.MethodPost:
			return "UpdateHostedZoneComment"
		}
		return "GetHostedZone"
	case strings.HasPrefix(path, "/2013-04-01/tags/"):
		switch {
		case strings.Count(path, "/") == 3: // /2013-04-01/tags/TYPE
			return "ListTagsForResources"
		case r.Method == http.MethodPost:
			return "ChangeTagsForResource"
		}
		return "ListTagsForResource"
	case path == "/2013-04-01/queryloggingconfig":
		if r.Method == http.MethodPost {
			return "CreateQueryLoggingConfig"
		}
		return "ListQueryLoggingConfigs"
	case strings.HasPrefix(path, "/2013-04-01/queryloggingconfig/"):
		if r.Method == http.MethodDelete {
			return "DeleteQueryLoggingConfig"
		}
		return "GetQueryLoggingConfig"
	case reChange.MatchString(path):
		return "GetChange"
	case dnssecOperation(r.Method, path) != "":
		return dnssecOperation(r.Method, path)
	case path == "/2013-04-01/delegationset":
		if r.Method == http.MethodPost {
			return "CreateReusableDelegationSet"
		}
		return "ListReusableDelegationSets"
	case path == "/2013-04-01/cidrcollection":
		if r.Method == http.MethodPost {
			return "CreateCidrCollection"
		}
		return "ListCidrCollections"
	case reCIDRColl.MatchString(path):
		switch r.Method {
		case http.MethodPost:
			return "ChangeCidrCollection"
		case http.MethodDelete:
			return "DeleteCidrCollection"
		}
		return "ListCidrLocations"
	case reCIDRBlocks.MatchString(path):
		return "ListCidrBlocks"
	case reDelegSet.MatchString(path):
		if r.Method == http.MethodDelete {
			return "DeleteReusableDelegationSet"
		}
		return "GetReusableDelegationSet"
	}
	if m := reAction.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	if a := r.URL.Query().Get("Action"); a != "" {
		return a
	}
	return r.Method + " " + path
}
