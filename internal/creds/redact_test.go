package creds

import (
	"fmt"
	"strings"
	"testing"
)

func TestEntryFormattingRedacts(t *testing.T) {
	e := Entry{Name: "r53", Type: "ROUTE53", Fields: map[string]string{"SecretKey": "TOPSECRET", "KeyId": "AKIAXYZ"}}
	f := &File{Path: "creds.json", Entries: map[string]Entry{"r53": e}}

	tests := []struct {
		format string
		arg    any
		want   string // exact output; empty means only check for leaks
	}{
		{"%v", e, "r53 (TYPE ROUTE53; fields: KeyId, SecretKey)"},
		{"%s", e, "r53 (TYPE ROUTE53; fields: KeyId, SecretKey)"},
		{"%+v", e, "r53 (TYPE ROUTE53; fields: KeyId, SecretKey)"},
		{"%q", e, `"r53 (TYPE ROUTE53; fields: KeyId, SecretKey)"`},
		{"%#v", e, `creds.Entry{Name:"r53", Type:"ROUTE53", Fields:map[string]string{"KeyId":"<redacted>", "SecretKey":"<redacted>"}}`},
		{"%v", &e, "r53 (TYPE ROUTE53; fields: KeyId, SecretKey)"},
		{"%#v", Entry{Name: "none", Type: "NONE"}, `creds.Entry{Name:"none", Type:"NONE", Fields:map[string]string(nil)}`},
		{"%v", Entry{Name: "old"}, "old (no TYPE; no fields)"},
		{"%d", e, ""},
		{"%x", e, ""},
		{"%t", e, ""},
		{"%v", f, ""},
		{"%+v", f, ""},
		{"%#v", f, ""},
		{"%v", *f, ""},
		{"%d", f, ""},
		{"%v", []Entry{e}, ""},
		{"%v", map[string]Entry{"r53": e}, ""},
	}
	for _, tt := range tests {
		got := fmt.Sprintf(tt.format, tt.arg)
		if tt.want != "" && got != tt.want {
			t.Errorf("Sprintf(%q) = %s, want %s", tt.format, got, tt.want)
		}
		if strings.Contains(got, "TOPSECRET") || strings.Contains(got, "AKIAXYZ") ||
			strings.Contains(got, "544f50534543524554") { // hex of TOPSECRET
			t.Errorf("Sprintf(%q) leaks a value: %s", tt.format, got)
		}
	}
	if got := e.String(); got != "r53 (TYPE ROUTE53; fields: KeyId, SecretKey)" {
		t.Errorf("String() = %s", got)
	}
}
