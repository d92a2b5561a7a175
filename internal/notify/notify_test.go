package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// hook records what a test webhook receives.
type hook struct {
	mu   sync.Mutex
	got  []request
	code int
}

type request struct {
	path, query, contentType, body string
}

func (h *hook) start(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.got = append(h.got, request{r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), string(b)})
		code := h.code
		h.mu.Unlock()
		if code != 0 {
			w.WriteHeader(code)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWebhooks(t *testing.T) {
	h := &hook{}
	srv := h.start(t)
	old := telegramAPI
	telegramAPI = srv.URL + "/tg"
	t.Cleanup(func() { telegramAPI = old })

	n, warn := New(map[string]string{
		"slack_url": srv.URL + "/slack", "teams_url": srv.URL + "/teams", "bonfire_url": srv.URL + "/bonfire",
		"telegram_bot_token": "SECRET", "telegram_chat_id": "-42",
	})
	if len(warn) != 0 || !n.Active() {
		t.Fatalf("warnings %v, active %v", warn, n.Active())
	}
	lines := []string{"+ CREATE www.example.com A 192.0.2.1 ttl=300", "- DELETE old.example.com A 192.0.2.9 ttl=300"}
	for _, e := range []Event{
		{Domain: "example.com", Provider: "bind", Lines: lines, Preview: true},
		{Domain: "example.com", Provider: "bind", Lines: lines},
		{Domain: "example.com", Provider: "bind", Lines: lines[:1], Err: errors.New("disk full")},
	} {
		if err := n.Notify(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, r := range h.got {
		paths = append(paths, r.path)
	}
	// Per event: slack, teams, bonfire twice (headline, rest), telegram;
	// the failed push has one line, so bonfire posts it once.
	want := []string{"/slack", "/teams", "/bonfire", "/bonfire", "/tg/botSECRET/sendMessage",
		"/slack", "/teams", "/bonfire", "/bonfire", "/tg/botSECRET/sendMessage",
		"/slack", "/teams", "/bonfire", "/tg/botSECRET/sendMessage"}
	if !slices.Equal(paths, want) {
		t.Fatalf("posted to %v\nwant %v", paths, want)
	}
	var p struct{ Username, Text string }
	if err := json.Unmarshal([]byte(h.got[0].body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Text != "**Preview: example.com[bind] -** "+strings.Join(lines, "\n") || h.got[0].contentType != "application/json" {
		t.Errorf("slack preview: %+v (%s)", p, h.got[0].contentType)
	}
	json.Unmarshal([]byte(h.got[6].body), &p)
	if !strings.HasPrefix(p.Text, "**dnsctl changed example.com**\n+ CREATE") || !strings.Contains(p.Text, "\n    - DELETE") {
		t.Errorf("teams push: %q", p.Text)
	}
	if h.got[7].body != "Successfully ran correction for **example.com[bind]** - "+lines[0] || h.got[7].contentType != "text/markdown" {
		t.Errorf("bonfire push headline: %q", h.got[7].body)
	}
	json.Unmarshal([]byte(h.got[10].body), &p)
	if p.Text != "**ERROR running correction on example.com[bind] -** ("+lines[0]+") Error: disk full" {
		t.Errorf("slack failure: %q", p.Text)
	}
	var tg struct {
		ChatID int64  `json:"chat_id"`
		Text   string `json:"text"`
	}
	json.Unmarshal([]byte(h.got[4].body), &tg)
	if tg.ChatID != -42 || !strings.HasPrefix(tg.Text, "dnsctl preview: example.com[bind]:\n+ CREATE") {
		t.Errorf("telegram: %+v", tg)
	}
}

// A service that refuses the message, or cannot be reached, gives an error
// naming the service and never the secret URL.
func TestWebhookErrors(t *testing.T) {
	h := &hook{code: http.StatusForbidden}
	srv := h.start(t)
	n, _ := New(map[string]string{"slack_url": srv.URL + "/hooks/SECRET"})
	err := n.Notify(context.Background(), Event{Domain: "d", Provider: "p", Lines: []string{"x"}, Preview: true})
	if err == nil || !strings.Contains(err.Error(), "slack notification: the service answered 403") {
		t.Errorf("refused: %v", err)
	}
	srv.Close()
	err = n.Notify(context.Background(), Event{Domain: "d", Provider: "p", Lines: []string{"x"}, Preview: true})
	if err == nil || strings.Contains(err.Error(), "SECRET") || !strings.HasPrefix(err.Error(), "slack notification: ") {
		t.Errorf("unreachable: %v", err)
	}
	// Nothing to say: nothing is sent.
	if err := n.Notify(context.Background(), Event{Domain: "d", Provider: "p"}); err != nil {
		t.Errorf("empty event: %v", err)
	}
}

func TestNewWarnsAndWanted(t *testing.T) {
	for _, tc := range []struct {
		fields map[string]string
		warn   string
		active bool
	}{
		{map[string]string{"shoutrrr_url": "discord://t@i"}, "only Shoutrrr's generic webhook", false},
		{map[string]string{"shoutrrr_url": "generic://h/x?template=custom"}, "template \"custom\" is not supported", false},
		{map[string]string{"shoutrrr_url": "generic://h/x"}, "", true},
		{map[string]string{"telegram_bot_token": "x"}, "needs both", false},
		{map[string]string{"telegram_bot_token": "x", "telegram_chat_id": "abc"}, "is not a number", false},
		{map[string]string{"slack_url": "http://h/x", "notify_on_push": "true"}, "", true},
		{nil, "", false},
	} {
		n, warn := New(tc.fields)
		if got := strings.Join(warn, "\n"); tc.warn == "" && got != "" || !strings.Contains(got, tc.warn) {
			t.Errorf("%v: warnings %q, want %q", tc.fields, got, tc.warn)
		}
		if n.Active() != tc.active {
			t.Errorf("%v: active %v", tc.fields, n.Active())
		}
	}
	for _, tc := range []struct {
		fields     map[string]string
		flag, push bool
		want       bool
	}{
		{nil, true, false, true},
		{nil, false, true, false},
		{map[string]string{"notify_on_push": "true"}, false, true, true},
		{map[string]string{"notify_on_push": "true"}, false, false, false},
		{map[string]string{"notify_on_preview": "true"}, false, false, true},
		{map[string]string{"notify_on_preview": "false"}, false, false, false},
	} {
		if got := Wanted(tc.fields, tc.flag, tc.push); got != tc.want {
			t.Errorf("Wanted(%v, %v, %v) = %v", tc.fields, tc.flag, tc.push, got)
		}
	}
}

// TestShoutrrrGeneric: Shoutrrr's generic webhook, in its two URL forms,
// posts where and what Shoutrrr would.
func TestShoutrrrGeneric(t *testing.T) {
	h := &hook{}
	srv := h.start(t)
	hostPath := strings.TrimPrefix(srv.URL, "http://")
	ev := Event{Domain: "example.com", Provider: "r53", Lines: []string{"+ CREATE a.example.com A 192.0.2.1 ttl=300"}}
	for _, tc := range []struct {
		url                    string
		path, query, ctype, in string
		header                 string
	}{
		{"generic+" + srv.URL + "/hook?token=1", "/hook", "token=1", "application/json",
			"dnsctl successfully ran correction for example.com[r53]:\n+ CREATE a.example.com A 192.0.2.1 ttl=300", ""},
		{"generic://" + hostPath + "/hook?disabletls=yes&template=json&title=DNS&messagekey=text&$env=prod&@X-Team=ops&keep=me&_title=x",
			"/hook", "keep=me&title=x", "application/json",
			`{"env":"prod","text":"dnsctl successfully ran correction for example.com[r53]:\n+ CREATE a.example.com A 192.0.2.1 ttl=300","title":"DNS"}`, "ops"},
		{"generic://" + hostPath + "/plain?disabletls=yes&contenttype=text/plain", "/plain", "", "text/plain",
			"dnsctl successfully ran correction for example.com[r53]:\n+ CREATE a.example.com A 192.0.2.1 ttl=300", ""},
	} {
		h.got = nil
		n, warn := New(map[string]string{"shoutrrr_url": tc.url})
		if len(warn) != 0 {
			t.Fatalf("%s: %v", tc.url, warn)
		}
		var hdr string
		n.client.Transport = roundTrip(func(r *http.Request) (*http.Response, error) {
			hdr = r.Header.Get("X-Team")
			return http.DefaultTransport.RoundTrip(r)
		})
		if err := n.Notify(context.Background(), ev); err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		if len(h.got) != 1 {
			t.Fatalf("%s: %d requests", tc.url, len(h.got))
		}
		r := h.got[0]
		if r.path != tc.path || r.query != tc.query || r.contentType != tc.ctype || r.body != tc.in || hdr != tc.header {
			t.Errorf("%s:\n got %q %q %q %q %q\nwant %q %q %q %q %q", tc.url, r.path, r.query, r.contentType, r.body, hdr,
				tc.path, tc.query, tc.ctype, tc.in, tc.header)
		}
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestTimedOutServiceGivenUp: a webhook that does not answer in time is
// sent to once per run, not once per zone (each zone waited for the
// timeout again); its token stays out of the error; others still get
// every event.
func TestTimedOutServiceGivenUp(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if strings.HasPrefix(r.URL.Path, "/tg") {
			<-release
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	old := telegramAPI
	telegramAPI = srv.URL + "/tg"
	t.Cleanup(func() { telegramAPI = old })
	n, _ := New(map[string]string{"slack_url": srv.URL + "/slack", "telegram_bot_token": "SECRET", "telegram_chat_id": "1"})
	n.client.Timeout = 100 * time.Millisecond
	e := Event{Domain: "example.com", Provider: "bind", Lines: []string{"+ CREATE www.example.com A 192.0.2.1 ttl=300"}}
	err := n.Notify(context.Background(), e)
	if err == nil || !strings.Contains(err.Error(), "nothing more is sent there") || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("first event: got %v, want the timeout, without the token", err)
	}
	for range 3 {
		if err := n.Notify(context.Background(), e); err != nil {
			t.Errorf("later event: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/slack"] != 4 || hits["/tg/botSECRET/sendMessage"] != 1 {
		t.Errorf("requests %v, want 4 to slack and 1 to telegram", hits)
	}
}
