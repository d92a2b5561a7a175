package dsl

import (
	"strings"
	"testing"
)

// TestUserModifierFunctions checks functions the user writes, given to
// D(), D_EXTEND(), DEFAULTS() or a record function: each is called as
// DNSControl's helpers call it, and the records are those DNSControl
// makes of the same configuration.
func TestUserModifierFunctions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"record ttl", `D("example.com", "none", A("a", "192.0.2.1", function (r) { r.ttl = 60; }));`,
			[]string{"a A 60 192.0.2.1"}},
		// As in DNSControl, a record modifier sees ttl = the domain's
		// DefaultTTL (0 without one): the name and target come later.
		{"record ttl starts at DefaultTTL", `function DOUBLE(r) { if (r.ttl) { r.ttl = r.ttl * 2; } }
D("example.com", "none", DefaultTTL(600), A("a", "192.0.2.1", DOUBLE));
D_EXTEND("example.com", DefaultTTL(0), A("b", "192.0.2.2", DOUBLE));`,
			[]string{"a A 1200 192.0.2.1", "b A 300 192.0.2.2"}},
		{"record modifiers in order", `D("example.com", "none",
  A("a", "192.0.2.1", function (r) { r.ttl = 60; }, TTL(120)),
  A("b", "192.0.2.2", TTL(120), function (r) { r.ttl = r.ttl * 2; }),
  A("c", "192.0.2.3", TTL("1h"), function (r) { r.ttl = "2h"; }));`,
			[]string{"a A 120 192.0.2.1", "b A 240 192.0.2.2", "c A 7200 192.0.2.3"}},
		{"record meta", `function PROXY(r) { r.meta.cloudflare_proxy = "on"; }
D("example.com", "none", A("a", "192.0.2.1", PROXY, {x: "1"}, function (r) { delete r.meta.x; }), A("b", "192.0.2.2", PROXY));`,
			[]string{"a A 300 192.0.2.1 cloudflare_proxy=on", "b A 300 192.0.2.2 cloudflare_proxy=on"}},
		{"domain records so far", `D("example.com", "none",
  A("a", "192.0.2.1"), MX("@", 10, "mx.example.net."),
  function (d) {
    d.records.forEach(function (r) { r.ttl = r.type === "MX" ? r.mxpreference * 100 : 60; });
  },
  A("c", "192.0.2.3"));`,
			[]string{"a A 60 192.0.2.1", "@ MX 1000 10 mx.example.net.", "c A 300 192.0.2.3"}},
		// As in DNSControl, a record without TTL() or DefaultTTL shows ttl 0.
		{"domain records unset ttl", `D("example.com", "none", A("a", "192.0.2.1"), A("b", "192.0.2.2", TTL(300)),
  function (d) { d.records.forEach(function (r) { if (!r.ttl) { r.ttl = 60; } }); },
  DefaultTTL(600), A("c", "192.0.2.3"), A("z", "192.0.2.4", TTL(0)),
  function (d) { d.records.forEach(function (r) { if (!r.ttl) { r.ttl = 7; } }); });`,
			[]string{"a A 60 192.0.2.1", "b A 300 192.0.2.2", "c A 600 192.0.2.3", "z A 7 192.0.2.4"}},
		{"domain records filtered", `D("example.com", "none", A("a", "192.0.2.1"), A("b", "192.0.2.2"), TXT("t", "x"),
  function (d) { d.records = d.records.filter(function (r) { return r.target !== "192.0.2.2"; }); },
  function (d) { d.records.reverse(); });`,
			[]string{"t TXT 300 x", "a A 300 192.0.2.1"}},
		{"domain meta and defaultTTL", `DEFAULTS(function (d) { d.defaultTTL = 1800; d.meta.from_defaults = d.name; });
D("example.com", "none", A("a", "192.0.2.1"), function (d) { d.defaultTTL = 900; d.meta.sub = d.subdomain; }, A("b", "192.0.2.2"));`,
			[]string{"a A 1800 192.0.2.1", "b A 900 192.0.2.2", "domain from_defaults=example.com sub="}},
		{"D_EXTEND subdomain", `D("example.com", "none");
D_EXTEND("www.example.com", A("@", "192.0.2.1"), function (d) { d.meta.sub = d.subdomain; d.records[0].ttl = 42; });`,
			[]string{"www A 42 192.0.2.1", "domain sub=www"}},
		{"KeepUnknown and nameservers", `D("example.com", "none", function (d) { d.KeepUnknown = true; d.nameservers.push({name: "ns1.example.net."}); });`,
			[]string{"domain keep ns=ns1.example.net."}},
		{"array of functions", `D("example.com", "none", [A("a", "192.0.2.1"), function (d) { d.records[0].meta.k = 5; }]);`,
			[]string{"a A 300 192.0.2.1 k=5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := evalHelpers(t, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			d := cfg.Domains[0]
			for _, r := range d.Records {
				line := r.Name + " " + r.Type + " " + u(uint64(r.TTL)) + " " + r.Data
				for _, k := range sortedKeys(r.Meta) {
					line += " " + k + "=" + r.Meta[k]
				}
				got = append(got, line)
			}
			if len(d.Meta) > 0 || d.KeepUnknown || len(d.Nameservers) > 0 {
				line := "domain"
				for _, k := range sortedKeys(d.Meta) {
					line += " " + k + "=" + d.Meta[k]
				}
				if d.KeepUnknown {
					line += " keep"
				}
				for _, ns := range d.Nameservers {
					line += " ns=" + ns
				}
				got = append(got, line)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestUserModifierErrors checks that what a user function does and dnsctl
// cannot represent fails at the line of the call that got the function.
func TestUserModifierErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"pushed object", "D(\"example.com\", \"none\",\n  function (d) { d.records.push({type: \"A\", name: \"x\", target: \"192.0.2.1\"}); });",
			"dnsconfig.js:1: D: argument 3 is a function, called with the domain object as DNSControl does; d.records[0] is an object, not one of the records it was given: add records by passing them to D (A(...), TXT(...)), not by pushing objects"},
		{"record target", "D(\"example.com\", \"none\", A(\"a\", \"192.0.2.1\"),\n  function (d) { d.records[0].target = \"192.0.2.9\"; });",
			"dnsconfig.js:1: D: argument 4 is a function, called with the domain object as DNSControl does; it changed the target of record a A, which dnsctl cannot represent (only ttl and meta)"},
		{"registrar", "D(\"example.com\", \"none\", function (d) { d.registrar = \"other\"; });",
			"dnsconfig.js:1: D: argument 3 is a function, called with the domain object as DNSControl does; it changed d.registrar, which dnsctl cannot represent (a function may change d.meta, d.defaultTTL, d.KeepUnknown, d.nameservers and the ttl and meta of d.records, or remove records)"},
		{"record name", "D(\"example.com\", \"none\",\n  A(\"a\", \"192.0.2.1\", function (r) { r.name = \"b\"; }));",
			"dnsconfig.js:2: A: argument 3 is a function, called with the record object as DNSControl does; it set r.name, which dnsctl cannot represent (a record function may change r.ttl and r.meta)"},
		{"bad ttl", "D(\"example.com\", \"none\",\n  A(\"a\", \"192.0.2.1\", function (r) { r.ttl = -1; }));",
			"dnsconfig.js:2: A: argument 3 is a function, called with the record object as DNSControl does; the ttl it left must be"},
		{"thrown", "D(\"example.com\", \"none\",\n  function (d) {\n    throw new Error(\"no\");\n  });",
			"dnsconfig.js:3: Error: no"},
		{"not a record function", "D(\"example.com\", \"none\", IMPORT_TRANSFORM([{low: \"10.0.0.0\", high: \"10.0.0.255\", newBase: \"192.0.2.0\"}], \"other.example\", 60, function (r) {}));",
			"dnsconfig.js:1: IMPORT_TRANSFORM: argument 4 is a function; expected a record modifier such as TTL(...) or a metadata object (a function you write is a modifier of the record functions, A() to TXT(), not of IMPORT_TRANSFORM)"},
		{"language function uncalled", "D(\"example.com\", \"none\", A(\"a\", \"192.0.2.1\", TTL));",
			"dnsconfig.js:1: A: argument 3 is a function; expected a record modifier such as TTL(...) or a metadata object (TTL itself, not called; did you forget the parentheses: TTL(...)?)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evalHelpers(t, tc.src)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %s", err, tc.want)
			}
		})
	}
}

// TestUnderscore checks the `_` helpers DNSControl's engine preloads, as
// its documentation uses them (code-tricks: _.each over domain names).
func TestUnderscore(t *testing.T) {
	cfg, err := evalHelpers(t, `_.each(["a.example", "b.example"], function (name) {
  D(name, "none", A("@", "192.0.2.1"));
});
var hosts = {www: "192.0.2.10", mail: "192.0.2.20"};
D("c.example", "none",
  _.map(_.keys(hosts).sort(), function (h) { return A(h, hosts[h]); }),
  TXT("t", [
    _.filter([1, 2, 3, 4], function (n) { return n % 2 === 0; }).join(","),
    _.reduce([1, 2, 3], function (m, n) { return m + n; }, 0),
    _.contains(["x"], "x"), _.isString("s"), _.isEmpty({}), _.size({a: 1, b: 2}),
    _.uniq([1, 1, 2]).length, _.flatten([1, [2, [3]]]).length, _.difference([1, 2, 3], [2]).join(""),
    _.range(3).join(""), _.extend({a: 1}, {b: 2}).b, _.defaults({a: 1}, {a: 2, c: 3}).a,
    _.find([5, 6, 7], function (n) { return n > 5; }), _.pluck([{k: "p"}], "k")[0],
    _.sortBy([3, 1, 2], function (n) { return -n; }).join(""),
  ].join(" ")));`)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Domains) != 3 || cfg.Domains[0].Name != "a.example" || cfg.Domains[1].Name != "b.example" {
		t.Fatalf("domains %v", cfg.Domains)
	}
	got := []string{}
	for _, r := range cfg.Domains[2].Records {
		got = append(got, r.Name+" "+r.Type+" "+r.Data)
	}
	want := "mail A 192.0.2.20\nwww A 192.0.2.10\nt TXT 2,4 6 true true true 2 2 3 13 012 2 1 6 p 321"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
