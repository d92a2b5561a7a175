package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"
)

// run runs dnsctl in dir and returns its status, stdout and stderr.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReportDNSControlFields: the --report JSON carries DNSControl's
// fields (commands/previewPush.go ReportItem) with their names and JSON
// types, for provider and registrar entries, and matches the golden file
// (refresh with -update).
func TestReportDNSControlFields(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"creds.json": `{"bind": {"TYPE": "BIND", "directory": "zones"}}`,
		"dnsconfig.js": `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")), NAMESERVER("ns1.example.net."),
  A("@", "192.0.2.1"), MX("@", 10, "mail"), TXT("@", "v=spf1 -all"));`,
	})
	code, out, errOut := run(t, dir, "preview", "--report", "report.json")
	if code != 0 {
		t.Fatalf("preview: %d\n%s%s", code, out, errOut)
	}
	got, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(got, &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("want a provider and a registrar entry, got %s", got)
	}
	for i, it := range items {
		if _, ok := it["domain"].(string); !ok {
			t.Errorf("entry %d: domain is not a string: %v", i, it["domain"])
		}
		n, ok := it["corrections"].(float64)
		if !ok {
			t.Errorf("entry %d: corrections is not a number: %v", i, it["corrections"])
		}
		details, _ := it["correction_details"].([]any)
		if int(n) != len(details) {
			t.Errorf("entry %d: %v corrections but %d correction_details", i, n, len(details))
		}
		for _, d := range details {
			if _, ok := d.(string); !ok {
				t.Errorf("entry %d: a correction detail is not a string: %v", i, d)
			}
		}
		_, p := it["provider"].(string)
		_, r := it["registrar"].(string)
		if p == r {
			t.Errorf("entry %d: want exactly one of provider and registrar: %v", i, it)
		}
	}
	golden := filepath.Join("testdata", "report_dnscontrol.json")
	t.Chdir(origWD)
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("report differs from %s:\n%s", golden, got)
	}
}

var origWD, _ = os.Getwd()

// TestNotifyWebhook: --notify (or notify_on_preview / notify_on_push in
// creds.json) posts each zone's corrections to the webhook of creds.json's
// "notifications" entry, as DNSControl does; without either, nothing is
// sent. A webhook that fails is a warning, not a failure of the run.
func TestNotifyWebhook(t *testing.T) {
	var mu sync.Mutex
	var got []string
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var p struct{ Text string }
		json.Unmarshal(b, &p)
		mu.Lock()
		got = append(got, r.URL.Path+" "+p.Text)
		w.WriteHeader(status)
		mu.Unlock()
	}))
	defer srv.Close()
	dir := t.TempDir()
	creds := func(extra string) string {
		return `{"bind": {"TYPE": "BIND", "directory": "zones"},
  "notifications": {"slack_url": "` + srv.URL + `/slack", "teams_url": "` + srv.URL + `/teams"` + extra + `}}`
	}
	writeFiles(t, dir, map[string]string{
		"creds.json":   creds(""),
		"dnsconfig.js": `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")), NAMESERVER("ns1.example.net."), A("@", "192.0.2.1"));`,
	})
	take := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
	const lines = "+ CREATE example.com A 192.0.2.1 ttl=300\n+ CREATE example.com NS ns1.example.net. ttl=300"

	if code, out, e := run(t, dir, "preview"); code != 0 || len(take()) != 0 {
		t.Fatalf("preview without --notify: %d %s%s", code, out, e)
	}
	run(t, dir, "preview", "--notify")
	if g := take(); len(g) != 2 || g[0] != "/slack **Preview: example.com[bind] -** "+lines || !strings.HasPrefix(g[1], "/teams **dnsctl preview example.com**\n+ CREATE") {
		t.Errorf("preview --notify sent %q", g)
	}
	writeFiles(t, dir, map[string]string{"creds.json": creds(`, "notify_on_push": "true"`)})
	run(t, dir, "preview")
	if g := take(); len(g) != 0 {
		t.Errorf("notify_on_push sent at preview: %q", g)
	}
	status = http.StatusInternalServerError
	code, out, errOut := run(t, dir, "push")
	if code != 0 || !strings.Contains(out, "SUCCESS!") {
		t.Fatalf("push: %d\n%s%s", code, out, errOut)
	}
	if g := take(); len(g) != 2 || g[0] != "/slack Successfully ran correction for **example.com[bind]** - "+lines {
		t.Errorf("push sent %q", g)
	}
	if !strings.Contains(errOut, "WARNING: slack notification: the service answered 500 Internal Server Error") {
		t.Errorf("a failing webhook is not reported: %q", errOut)
	}
	// Nothing to do: nothing to say.
	run(t, dir, "push", "--notify")
	if g := take(); len(g) != 0 {
		t.Errorf("push without corrections sent %q", g)
	}
	// A service dnsctl cannot send to is named, once.
	writeFiles(t, dir, map[string]string{"creds.json": `{"bind": {"TYPE": "BIND", "directory": "zones"},
  "notifications": {"shoutrrr_url": "discord://token@id"}}`})
	_, _, errOut = run(t, dir, "preview", "--notify")
	if strings.Count(errOut, "only Shoutrrr's generic webhook") != 1 {
		t.Errorf("shoutrrr: %q", errOut)
	}
}

// TestWorkers: --concurrency wins; --cmode none is one zone at a time;
// --cmax caps the default.
func TestWorkers(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		concurrency int
		want        func(n int) bool
	}{
		{nil, 0, func(n int) bool { return n >= 4 }},
		{[]string{"--cmode", "none"}, 0, func(n int) bool { return n == 1 }},
		{[]string{"--cmode", "none"}, 3, func(n int) bool { return n == 3 }},
		{[]string{"--cmax", "2"}, 0, func(n int) bool { return n == 2 }},
		{[]string{"--cmax", "1000"}, 0, func(n int) bool { return n >= 4 && n < 1000 }},
		{[]string{"--cmode", "all"}, 0, func(n int) bool { return n >= 4 }},
	} {
		cmd := &cobra.Command{}
		var c compatFlags
		var config string
		c.addFlags(cmd, &config)
		if err := cmd.ParseFlags(tc.args); err != nil {
			t.Fatal(err)
		}
		if n := workers(cmd, tc.concurrency, &c); !tc.want(n) {
			t.Errorf("%v --concurrency %d: %d workers", tc.args, tc.concurrency, n)
		}
	}
}
