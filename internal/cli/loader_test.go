package cli

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dnsctl/dnsctl/internal/testutil/dnsserver"
)

// TestLoaderScripts runs the sessions under testdata/loader, which need an
// HTTP server for FETCH: $FETCH_URL serves /records.json (a JSON list of
// {name, ip}) and /echo (the method, a header and the body it got);
// $DEAD_URL refuses connections; $SPF_DNS is a DNS server publishing
// SPF records.
func TestLoaderScripts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/records.json":
			_, _ = io.WriteString(w, `[{"name": "www", "ip": "192.0.2.10"}, {"name": "api", "ip": "192.0.2.11"}]`)
		case "/echo":
			body, _ := io.ReadAll(r.Body)
			_, _ = io.WriteString(w, r.Method+" "+r.Header.Get("X-Token")+" "+string(body))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	// $SPF_DNS publishes SPF records for SPF_BUILDER's lookups.
	dnsSrv := dnsserver.Start(t, map[string][][]string{
		"_spf.mail.example":  {{"v=spf1 ip4:192.0.2.0/25 ip4:192.0.2.128/25 ~all"}},
		"spf.vendor.example": {{"v=spf1 ip4:203.0.113.0/24 -all"}},
	})
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/loader",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			bindScriptEnv(env)
			env.Setenv("FETCH_URL", srv.URL)
			env.Setenv("DEAD_URL", dead.URL)
			env.Setenv("SPF_DNS", dnsSrv.Addr)
			return nil
		},
	})
}
