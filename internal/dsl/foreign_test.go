package dsl

import (
	"strings"
	"testing"
)

// Settings of providers dnsctl does not have are kept as metadata and
// warned about once, at the first use.
func TestForeignMetadataWarnedOnce(t *testing.T) {
	src := `var REG = NewRegistrar("none");
D("example.com", REG, CF_PROXY_DEFAULT_ON,
  A("@", "192.0.2.1", CF_PROXY_ON),
  A("www", "192.0.2.2", HEDNS_DYNAMIC_ON, CF_COMMENT("x")),
  A("plain", "192.0.2.3", {note: "mine"}),
END);
D("example.net", REG, A("@", "192.0.2.1", CF_PROXY_OFF));
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", cfg.Warnings)
	}
	w := cfg.Warnings[0]
	if w.Pos != "dnsconfig.js:3" || !strings.Contains(w.Msg, `A: "cloudflare_proxy" is a setting of DNS provider type CLOUDFLAREAPI, which dnsctl does not have`) {
		t.Errorf("warning %+v", w)
	}
	if got := cfg.Domains[0].Records[1].Meta; got["hedns_dynamic"] != "on" || got["cloudflare_comment"] != "x" {
		t.Errorf("metadata %v", got)
	}
}

// A record function of another provider is positioned at the user's call,
// takes record modifiers, and checks its arguments.
func TestForeignRecordFunctions(t *testing.T) {
	src := `var REG = NewRegistrar("none");
D("example.com", REG,
  URL("go", "https://example.net/",
    TTL(60), {k: "v"}),
  CF_WORKER_ROUTE("example.com/api/*", "worker", TTL("1h")),
END);
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := cfg.Domains[0].Records
	if len(rs) != 2 || rs[0].Pos != "dnsconfig.js:3" || rs[0].TTL != 60 || rs[0].Meta["k"] != "v" || rs[0].Type != "URL" ||
		rs[1].Name != "@" || rs[1].TTL != 3600 || rs[1].Data != "example.com/api/*,worker" {
		t.Errorf("records %+v %+v", rs[0], rs[1])
	}
	for src, want := range map[string]string{
		`URL("go")`:                              `dnsconfig.js:1: URL: needs 2 arguments (name, target), got 1`,
		`URL("go", 5)`:                           `dnsconfig.js:1: URL: target must be a string, got 5`,
		`URL("go", "x", 7)`:                      `dnsconfig.js:1: URL: argument 3 is 7; expected a record modifier`,
		`CF_REDIRECT("a,b", "c")`:                `dnsconfig.js:1: CF_REDIRECT: source must not hold a comma, got "a,b"`,
		`AKAMAITLC("x", "MX", "t")`:              `dnsconfig.js:1: AKAMAITLC: answer_type must be "DUAL", "A" or "AAAA", got "MX"`,
		`CF_SINGLE_REDIRECT("r", "x", "a", "b")`: `dnsconfig.js:1: CF_SINGLE_REDIRECT: code must be a whole number, got "x"`,
		`BUNNY_DNS_PZ("pz", null)`:               `dnsconfig.js:1: BUNNY_DNS_PZ: pullZoneId must be a number or a string, got null`,
		`LUA("l", "A", ["x", 1])`:                `dnsconfig.js:1: LUA: script[1] must be a string, got 1`,
	} {
		_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", src, err, want)
		}
	}
}
