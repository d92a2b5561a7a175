package estate

import (
	"strings"
	"testing"
)

func TestZoneSettingsParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func() error
		want string // "" = no error
	}{
		{"comment", func() error { _, err := ZoneComment([]any{"ok"}); return err }, ""},
		{"empty comment", func() error { _, err := ZoneComment([]any{""}); return err }, ""},
		{"256 characters", func() error { _, err := ZoneComment([]any{strings.Repeat("é", 256)}); return err }, ""},
		{"257 characters", func() error { _, err := ZoneComment([]any{strings.Repeat("é", 257)}); return err }, "257 characters"},
		{"tags", func() error {
			_, err := ZoneTags([]any{map[string]any{"a b": "c:d/e@f", "n": 1.5, "x": ""}})
			return err
		}, ""},
		{"tag null", func() error { _, err := ZoneTags([]any{map[string]any{"a": nil}}); return err }, `tag "a": the value must be a string, got null`},
		{"AWS key", func() error { _, err := ZoneTags([]any{map[string]any{"AWS:x": "y"}}); return err }, "reserved for AWS"},
		{"purge not boolean", func() error { _, err := ZoneTags([]any{map[string]any{}, map[string]any{"purge": "yes"}}); return err }, "purge must be true or false"},
		{"log group", func() error {
			_, err := ParseQueryLog([]any{"arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/x.com:*"})
			return err
		}, ""},
		{"log group account", func() error { _, err := ParseQueryLog([]any{"arn:aws:logs:us-east-1:1234:log-group:x"}); return err }, "not a CloudWatch Logs log group ARN"},
		{"log group number", func() error { _, err := ParseQueryLog([]any{1.0}); return err }, "got a number"},
	} {
		err := tc.f()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestZoneSettingsHelpers(t *testing.T) {
	if !SameLogGroup("arn:aws:logs:us-east-1:1:log-group:x:*", "arn:aws:logs:us-east-1:1:log-group:x") || SameLogGroup("arn:x:a", "arn:x:b") {
		t.Error("SameLogGroup")
	}
	for k, want := range map[string]bool{"aws:x": true, "dnsctl:owner": true, "DNSCTL:x": true, "team": false, "awsome": false} {
		if ReservedTag(k) != want {
			t.Errorf("ReservedTag(%q) = %v", k, !want)
		}
	}
	if got := DescribeTags(map[string]string{"b": "two words", "a": "1", "c": ""}); got != `a=1, b="two words", c=""` {
		t.Errorf("DescribeTags = %s", got)
	}
	tags, err := ZoneTags([]any{map[string]any{"n": 42.0, "b": true}})
	if err != nil || tags.Set["n"] != "42" || tags.Set["b"] != "true" {
		t.Errorf("ZoneTags numbers: %v %v", tags, err)
	}
}
