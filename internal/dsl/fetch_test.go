package dsl

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fetchServer answers /data with a body that echoes the request, /json
// with JSON and anything else with 404.
func fetchServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/data":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Add("X-Multi", "one")
			w.Header().Add("X-Multi", "two")
			_, _ = io.WriteString(w, r.Method+" "+r.Header.Get("X-Authentication")+" "+string(body))
		case "/json":
			_, _ = io.WriteString(w, `{"hosts": [{"name": "www", "ip": "192.0.2.7"}]}`)
		default:
			http.Error(w, "nothing here", http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := fetchServer(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tests := []struct {
		name  string
		src   string
		allow bool
		want  []string // "name TYPE data" of example.com's records, in order
		err   string
	}{
		{name: "docs example: POST with headers, D_EXTEND in then", allow: true, src: `
D("example.com", NewRegistrar("none"), A("@", "192.0.2.1"));
FETCH("URL/data", {
  headers: {"X-Authentication": "barfoo"},
  method: "POST",
  body: "Hello World",
}).then(function (r) {
  return r.text();
}).then(function (t) {
  D_EXTEND("example.com", [TXT("@", t.slice(0, 100))]);
});
`, want: []string{"@ A 192.0.2.1", "@ TXT POST barfoo Hello World"}},
		{name: "then runs after the top level", allow: true, src: `
var order = [];
FETCH("URL/json").then(function (r) { return r.json(); }).then(function (j) {
  order.push("then");
  j.hosts.forEach(function (h) { D_EXTEND("example.com", [A(h.name, h.ip)]); });
  D_EXTEND("example.com", [TXT("order", order.join(","))]);
});
order.push("top");
D("example.com", NewRegistrar("none"));
`, want: []string{"www A 192.0.2.7", "order TXT top,then"}},
		{name: "response fields as DNSControl", allow: true, src: `
D("example.com", NewRegistrar("none"));
fetch("URL/missing").then(function (r) {
  D_EXTEND("example.com", [TXT("r", [r.status, r.statusText, r.ok, typeof r.type].join("|"))]);
});
FETCH("URL/data").then(function (r) {
  D_EXTEND("example.com", [TXT("h", [r.headers.get("CONTENT-TYPE"), r.headers.getAll("x-multi").join("+"), r.headers.has("nope")].join("|"))]);
});
`, want: []string{"r TXT 404|404 Not Found|true|undefined", "h TXT text/plain|one+two|false"}},
		{name: "without --allow-fetch", src: `
D("example.com", NewRegistrar("none"));

FETCH("URL/data");
`, err: "dnsconfig.js:4: FETCH: ReferenceError: 'fetch' is not defined: FETCH needs the --allow-fetch flag"},
		{name: "fetch is not defined without the flag", src: `
D("example.com", NewRegistrar("none"), TXT("t", typeof fetch));
`, want: []string{"t TXT undefined"}},
		{name: "network failure stops the evaluation", allow: true, src: `
D("example.com", NewRegistrar("none"));
var p = FETCH("CLOSED/x");
p.then(function () {}, function () { D_EXTEND("example.com", [TXT("caught", "yes")]); });
`, err: "dnsconfig.js:3: FETCH: Error: Get \"CLOSED/x\""},
		{name: "fetch failure is a rejection", allow: true, src: `
D("example.com", NewRegistrar("none"));
fetch("CLOSED/x").catch(function (e) { D_EXTEND("example.com", [TXT("caught", String(e).slice(0, 10))]); });
`, want: []string{"caught TXT Error: Get"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.ReplaceAll(strings.ReplaceAll(tt.src, "URL", srv.URL), "CLOSED", closed.URL)
			cfg, err := evaluate("dnsconfig.js", []byte(src), nil, options{timeout: time.Minute, allowFetch: tt.allow, console: io.Discard})
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), strings.ReplaceAll(tt.err, "CLOSED", closed.URL)) {
					t.Fatalf("error = %v, want %q…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range cfg.Domains[0].Records {
				got = append(got, r.Name+" "+r.Type+" "+r.Data)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
