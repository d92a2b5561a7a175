package dsl

import (
	"strings"
	"testing"
)

// Health checks belong to one view of a split-horizon name: a mistake in
// the view "sp.tld!inside" names that view, not the public one of the
// same name (where the check may well be declared).
func TestR53HealthCheckErrorsNameTheView(t *testing.T) {
	const head = "var R = NewRegistrar(\"r\");\nD(\"sp.tld\", R, R53_HEALTH_CHECK(\"app\", {type: \"HTTP\", ip: \"192.0.2.50\"}));\n"
	for _, tc := range []struct{ name, view, want string }{
		{"undeclared", `A("www", "10.0.0.1", R53_FAILOVER("PRIMARY", "p"), R53_HEALTH_CHECK_NAME("app"))`,
			`dnsconfig.js:3: R53_HEALTH_CHECK_NAME: health check "app" is not declared in sp.tld!inside (declare it with R53_HEALTH_CHECK)`},
		{"twice", `R53_HEALTH_CHECK("db", {type: "HTTP", ip: "192.0.2.1"}), R53_HEALTH_CHECK("db", {type: "HTTP", ip: "192.0.2.2"})`,
			`health check "db" is declared twice in sp.tld!inside with different options`},
		{"child", `R53_HEALTH_CHECK("all", {type: "CALCULATED", children: ["app"]})`,
			`health check "all": child "app" is neither declared in sp.tld!inside nor a health check ID`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := head + "D(\"sp.tld!inside\", R, " + tc.view + ");\n"
			_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
