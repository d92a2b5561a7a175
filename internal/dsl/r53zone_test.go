package dsl

import (
	"strings"
	"testing"
)

// The zone settings become model.Settings of the domain (DEFAULTS too),
// with their arguments as JSON values and their line.
func TestR53ZoneSettings(t *testing.T) {
	src := `var REG = NewRegistrar("none");
DEFAULTS(R53_ZONE_TAGS({org: "acme"}));
D("example.com", REG,
  R53_ZONE_COMMENT("public zone"),
  R53_ZONE_TAGS({team: "web", cost: 42}, {purge: true}),
  R53_QUERY_LOG("arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/example.com"),
END);
D("example.net", REG, R53_QUERY_LOG(false));
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range cfg.Domains[0].Settings {
		got = append(got, s.Pos+" "+s.Kind)
	}
	want := "dnsconfig.js:2 R53_ZONE_TAGS|dnsconfig.js:4 R53_ZONE_COMMENT|dnsconfig.js:5 R53_ZONE_TAGS|dnsconfig.js:6 R53_QUERY_LOG"
	if strings.Join(got, "|") != want {
		t.Errorf("settings %q, want %q", strings.Join(got, "|"), want)
	}
	tags := cfg.Domains[0].Settings[2].Args
	if m, ok := tags[0].(map[string]any); !ok || m["team"] != "web" || m["cost"] != float64(42) {
		t.Errorf("R53_ZONE_TAGS args %v", tags)
	}
	if s := cfg.Domains[1].Settings; len(s) != 2 || s[1].Args[0] != false {
		t.Errorf("example.net settings %+v", s)
	}
}

// Mistakes are reported at check, with the line.
func TestR53ZoneSettingsErrors(t *testing.T) {
	long := strings.Repeat("x", 257)
	for _, tc := range []struct{ call, want string }{
		{`R53_ZONE_COMMENT("` + long + `")`, "dnsconfig.js:2: R53_ZONE_COMMENT: the comment is 257 characters long; Route 53 takes at most 256"},
		{`R53_ZONE_COMMENT(5)`, "R53_ZONE_COMMENT: the comment must be a string, got a number"},
		{`R53_ZONE_COMMENT("a", "b")`, "R53_ZONE_COMMENT: takes at most 1 argument, got 2"},
		{`R53_ZONE_TAGS("team")`, "R53_ZONE_TAGS: the tags must be an object"},
		{`R53_ZONE_TAGS({"aws:x": "y"})`, `tag key "aws:x": keys starting with "aws:" are reserved for AWS`},
		{`R53_ZONE_TAGS({"": "y"})`, "a tag key must not be empty"},
		{`R53_ZONE_TAGS({["k".repeat(129)]: "y"})`, "is 129 characters long; AWS takes at most 128"},
		{`R53_ZONE_TAGS({k: "v".repeat(257)})`, `tag "k": the value is 257 characters long; AWS takes at most 256`},
		{`R53_ZONE_TAGS({k: "a;b"})`, "holds a character AWS does not allow"},
		{`R53_ZONE_TAGS({k: "v"}, {prune: true})`, `unknown option "prune" (known: purge)`},
		{`R53_ZONE_TAGS(Object.fromEntries([...Array(51).keys()].map(function(i) { return ["k" + i, "v"]; })))`, "51 tags; a hosted zone holds at most 50"},
		{`R53_QUERY_LOG("arn:aws:logs:eu-west-1:123456789012:log-group:x")`, "is in eu-west-1; Route 53 sends query logs only to log groups in us-east-1"},
		{`R53_QUERY_LOG("my-log-group")`, `"my-log-group" is not a CloudWatch Logs log group ARN`},
		{`R53_QUERY_LOG(true)`, "true is not a log group"},
		{`R53_QUERY_LOG()`, "needs 1 argument"},
	} {
		src := "var REG = NewRegistrar(\"none\");\nD(\"example.com\", REG, " + tc.call + ");\n"
		_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.call, err, tc.want)
		}
		if err != nil && !strings.Contains(err.Error(), "dnsconfig.js:2") {
			t.Errorf("%s: error %v lacks the line", tc.call, err)
		}
	}
}
