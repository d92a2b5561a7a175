package estate

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseHealthCheckErrors(t *testing.T) {
	cases := []struct {
		name string
		opts any
		want string
	}{
		{"a", map[string]any{}, "type is required"},
		{"a", map[string]any{"type": "PING"}, `type "PING" is not one of`},
		{"a", "HTTPS", "the options must be an object, got a string"},
		{"a", map[string]any{"type": "HTTPS"}, "HTTPS needs fqdn or ip"},
		{"a", map[string]any{"type": "TCP", "ip": "192.0.2.1"}, "TCP needs port"},
		{"a", map[string]any{"type": "TCP", "ip": "192.0.2.1", "port": float64(1), "path": "/x"}, "TCP does not take path"},
		{"a", map[string]any{"type": "HTTP", "ip": "300.1.1.1"}, `ip "300.1.1.1" is not an IPv4 or IPv6 address`},
		{"a", map[string]any{"type": "HTTP", "ip": "10.0.0.10"}, "ip 10.0.0.10 is a private address: Route 53's health checkers cannot reach it"},
		{"a", map[string]any{"type": "HTTP", "ip": "100.64.1.1"}, "ip 100.64.1.1 is a private address"},
		{"a", map[string]any{"type": "TCP", "ip": "127.0.0.1", "port": float64(22)}, "ip 127.0.0.1 is a loopback address"},
		{"a", map[string]any{"type": "HTTP", "ip": "169.254.169.254"}, "is a link-local address"},
		{"a", map[string]any{"type": "HTTP", "ip": "224.0.0.1"}, "is a multicast address"},
		{"a", map[string]any{"type": "HTTP", "ip": "fd00::1"}, "ip fd00::1 is a private address"},
		{"a", map[string]any{"type": "HTTP", "ip": "::ffff:192.168.1.1"}, "is a private address"},
		{"a", map[string]any{"type": "HTTP", "ip": "0.0.0.0"}, "is unspecified"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "path": "health"}, "must start with /"},
		{"a", map[string]any{"type": "HTTP_STR_MATCH", "fqdn": "x.tld"}, "HTTP_STR_MATCH needs search"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "search": "ok"}, "HTTP does not take search (use HTTP_STR_MATCH)"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "search": strings.Repeat("x", 256)}, "does not take search"},
		{"a", map[string]any{"type": "HTTPS_STR_MATCH", "fqdn": "x.tld", "search": strings.Repeat("x", 256)}, "1 to 255 characters"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "interval": float64(20)}, "interval must be 10 or 30"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "failure_threshold": float64(11)}, "failure_threshold must be a whole number from 1 to 10"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "regions": []any{"us-east-1", "eu-west-1"}}, "at least 3 regions"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "regions": []any{"us-east-1", "eu-west-1", "mars-1"}}, `region "mars-1"`},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "regions": []any{"us-east-1", "eu-west-1", "eu-west-1"}}, "names a region twice"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "sni": true}, "sni is for HTTPS checks only"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "children": []any{"b"}}, "HTTP does not take children"},
		{"a", map[string]any{"type": "CALCULATED"}, "children must name 1 to 256"},
		{"a", map[string]any{"type": "CALCULATED", "children": []any{"b", "b"}}, `children names "b" twice`},
		{"a", map[string]any{"type": "CALCULATED", "children": []any{"a"}}, "children names the check itself"},
		{"a", map[string]any{"type": "CALCULATED", "children": []any{"b"}, "healthy_threshold": float64(2)}, "healthy_threshold must be a whole number from 0 to 1"},
		{"a", map[string]any{"type": "CALCULATED", "children": []any{"b"}, "fqdn": "x.tld"}, "CALCULATED does not take fqdn"},
		{"a", map[string]any{"type": "CLOUDWATCH_METRIC"}, "CLOUDWATCH_METRIC needs alarm"},
		{"a", map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "x"}}, "alarm: needs name and region"},
		{"a", map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "x", "region": "us-east-1", "arn": "y"}}, `alarm: unknown option "arn"`},
		{"a", map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "x", "region": "us-east-1"}, "insufficient_data": "Maybe"}, "insufficient_data must be one of"},
		{"a", map[string]any{"type": "HTTP", "fqdn": "x.tld", "treshold": float64(1)}, `unknown option "treshold"`},
		{"", map[string]any{"type": "HTTP", "fqdn": "x.tld"}, "the name must be non-empty"},
		{"0b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1", map[string]any{"type": "HTTP", "fqdn": "x.tld"}, "must not look like a health check ID"},
	}
	for _, c := range cases {
		_, err := ParseHealthCheck([]any{c.name, c.opts})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseHealthCheck(%q, %v) = %v, want an error containing %q", c.name, c.opts, err, c.want)
		}
	}
}

// A declaration parses with its defaults filled in, is described in one
// line, and its Args (defaults left out) parse back to the same check.
func TestHealthCheckDefaultsDescribeArgs(t *testing.T) {
	cases := []struct {
		opts     map[string]any
		describe string
		args     map[string]any
	}{
		{map[string]any{"type": "https", "fqdn": "API.x.tld.", "path": "/h"},
			"HTTPS api.x.tld:443/h every 30s, 3 failures, regions all",
			map[string]any{"type": "HTTPS", "fqdn": "api.x.tld", "path": "/h"}},
		{map[string]any{"type": "HTTP_STR_MATCH", "ip": "2001:db8::1", "fqdn": "h.x.tld", "port": "8080", "search": "ok", "interval": float64(10),
			"regions": []any{"us-west-2", "us-east-1", "eu-west-1"}, "measure_latency": true, "inverted": true},
			`HTTP_STR_MATCH [2001:db8::1]:8080 (host h.x.tld) search "ok" every 10s, 3 failures, regions eu-west-1,us-east-1,us-west-2, measuring latency, inverted`,
			map[string]any{"type": "HTTP_STR_MATCH", "ip": "2001:db8::1", "fqdn": "h.x.tld", "port": float64(8080), "search": "ok", "interval": float64(10),
				"regions": []any{"eu-west-1", "us-east-1", "us-west-2"}, "measure_latency": true, "inverted": true}},
		{map[string]any{"type": "HTTPS", "ip": "192.0.2.1", "sni": false, "regions": []any{"ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "eu-west-1", "sa-east-1", "us-east-1", "us-west-1", "us-west-2"}},
			"HTTPS 192.0.2.1:443 every 30s, 3 failures, regions all, no SNI",
			map[string]any{"type": "HTTPS", "ip": "192.0.2.1", "sni": false}},
		{map[string]any{"type": "CALCULATED", "children": []any{"b", "a"}, "disabled": true},
			"CALCULATED healthy when 2 of 2 healthy: a, b, disabled",
			map[string]any{"type": "CALCULATED", "children": []any{"b", "a"}, "disabled": true}},
		{map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "cpu", "region": "eu-west-1"}, "insufficient_data": "Healthy"},
			"CLOUDWATCH_METRIC alarm cpu in eu-west-1, insufficient data Healthy",
			map[string]any{"type": "CLOUDWATCH_METRIC", "alarm": map[string]any{"name": "cpu", "region": "eu-west-1"}, "insufficient_data": "Healthy"}},
	}
	for _, c := range cases {
		h, err := ParseHealthCheck([]any{"n", c.opts})
		if err != nil {
			t.Errorf("ParseHealthCheck(%v): %v", c.opts, err)
			continue
		}
		if got := h.Describe(nil); got != c.describe {
			t.Errorf("Describe = %q, want %q", got, c.describe)
		}
		args := h.Args()
		if !reflect.DeepEqual(args, []any{"n", c.args}) {
			t.Errorf("Args = %v, want %v", args, c.args)
		}
		back, err := ParseHealthCheck(args)
		if err != nil || !reflect.DeepEqual(back, h) {
			t.Errorf("Args do not parse back to the check: %+v, %v; want %+v", back, err, h)
		}
		if !h.Equal(h.Normalize()) {
			t.Errorf("a declared check is not equal to itself normalized: %+v", h)
		}
	}
}

func TestHealthCheckReplacement(t *testing.T) {
	base := HealthCheck{Type: HCHTTP, IP: "192.0.2.1", Port: 80, Interval: 30, FailureThreshold: 3}
	cases := []struct {
		change func(*HealthCheck)
		want   string
	}{
		{func(h *HealthCheck) { h.FailureThreshold = 5 }, ""},
		{func(h *HealthCheck) { h.Port = 8080; h.Path = "/x" }, ""},
		{func(h *HealthCheck) { h.Type = HCHTTPS }, "its type cannot be updated (HTTP to HTTPS)"},
		{func(h *HealthCheck) { h.Interval = 10 }, "its interval cannot be updated (30s to 10s)"},
		{func(h *HealthCheck) { h.MeasureLatency = true }, "measure_latency cannot be updated (false to true)"},
		{func(h *HealthCheck) { h.IP, h.FQDN = "", "x.tld" }, "its ip cannot be removed by an update"},
	}
	for _, c := range cases {
		to := base
		c.change(&to)
		if got := base.Replacement(to); got != c.want {
			t.Errorf("Replacement to %+v = %q, want %q", to, got, c.want)
		}
	}
}
