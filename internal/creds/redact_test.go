package creds

import (
	"fmt"
	"slices"
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

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://user:PASS@host:8080/path", "http://user:<redacted>@host:8080/path"},
		{"https://TOKEN@host/", "https://<redacted>@host/"},
		{"http://user:p@ss@host/x@y", "http://user:<redacted>@host/x@y"},
		{"http://user:@host", "http://user:<redacted>@host"},
		{"Endpoint http://a:b@h1 and https://c:d@h2; done", "Endpoint http://a:<redacted>@h1 and https://c:<redacted>@h2; done"},
		{"http://host:8080/path?u=a@b", "http://host:8080/path?u=a@b"},
		{"mailto-like user@example.com", "mailto-like user@example.com"},
		{"no url", "no url"},
		{`Get "http://u:secret@127.0.0.1:1/x"`, `Get "http://u:<redacted>@127.0.0.1:1/x"`},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		in      string
		secrets []string
		want    string
	}{
		{"key abcd and abcdef", []string{"abcd", "abcdef"}, "key <redacted> and <redacted>"},
		{"short a1 kept", []string{"a1", ""}, "short a1 kept"},
		{"AKIAIOSFODNN7EXAMPLE denied", nil, "AKIA…MPLE denied"},
		{"ASIAIOSFODNN7EXAMPLEX is no key", nil, "ASIAIOSFODNN7EXAMPLEX is no key"},
		{"http://u:pw@h failed with pw", []string{"pwpw"}, "http://u:<redacted>@h failed with pw"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in, tt.secrets...); got != tt.want {
			t.Errorf("Redact(%q, %q) = %q, want %q", tt.in, tt.secrets, got, tt.want)
		}
	}
}

// A value meant to be one URL has its user information hidden whether or
// not it parses: a password with a space, no scheme at all, an unescaped
// '/' or '#' in the password.
func TestURLSecretsAndRedactURLValue(t *testing.T) {
	tests := []struct {
		in      string
		secrets []string
		shown   string // RedactURLValue
	}{
		{"http://user:PASSWORD99@127.0.0.1:1", []string{"PASSWORD99"}, "http://user:<redacted>@127.0.0.1:1"},
		{"http://user:PASS W0RD@127.0.0.1:1", []string{"PASS W0RD"}, "http://user:<redacted>@127.0.0.1:1"},
		{"user:PASSW0RD@127.0.0.1:1", []string{"PASSW0RD"}, "user:<redacted>@127.0.0.1:1"},
		{"//user:PASSW0RD@127.0.0.1:1", []string{"PASSW0RD"}, "//user:<redacted>@127.0.0.1:1"},
		{"https://TOKEN1234@proxy.example", []string{"TOKEN1234"}, "https://<redacted>@proxy.example"},
		{"TOKEN1234@proxy.example", []string{"TOKEN1234"}, "<redacted>@proxy.example"},
		{"http://user:p@ss@host/x@y", []string{"p@ss"}, "http://user:<redacted>@host/x@y"},
		{"http://user:pa/ss@host", []string{"pa/ss"}, "http://user:<redacted>@host"},
		{"http://user:pa#ss@host", []string{"pa#ss"}, "http://user:<redacted>@host"},
		{"http://user:p%40ss@host", []string{"p%40ss", "p@ss"}, "http://user:<redacted>@host"},
		{"http://user:@host", nil, "http://user:<redacted>@host"},
		{"http://127.0.0.1:5000", nil, "http://127.0.0.1:5000"},
		{"", nil, ""},
	}
	for _, tt := range tests {
		got := URLSecrets(tt.in)
		if !slices.Equal(got, tt.secrets) {
			t.Errorf("URLSecrets(%q) = %q, want %q", tt.in, got, tt.secrets)
		}
		if got := RedactURLValue(tt.in); got != tt.shown {
			t.Errorf("RedactURLValue(%q) = %q, want %q", tt.in, got, tt.shown)
		}
		// As a library quotes it in an error.
		msg := "Failed to parse uri: " + tt.in
		red := Redact(msg, URLSecrets(tt.in)...)
		for _, sec := range tt.secrets {
			if strings.Contains(red, sec) {
				t.Errorf("Redact(%q, URLSecrets) = %q: shows %q", msg, red, sec)
			}
		}
	}
}
