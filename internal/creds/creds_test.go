package creds

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fakeEnv returns a lookupEnv backed by m.
func fakeEnv(m map[string]string) lookupEnv {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// secretEnv holds values that must never show up in error text.
var secretEnv = map[string]string{
	"R53_TYPE":              "ROUTE53",
	"AWS_ACCESS_KEY_ID":     "AKIA-SECRET-ID",
	"AWS_SECRET_ACCESS_KEY": "very/secret+key",
	"HEXONET_APILOGIN":      "hexlogin-secret",
	"HEXONET_APIPASSWORD":   "hexpass-secret",
	"EMPTY":                 "",
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFiles(t *testing.T) {
	tests := []struct {
		file string
		want map[string]Entry
	}{
		{
			file: "dnscontrol_sample.json",
			want: map[string]Entry{
				"cloudflare_tal": {Name: "cloudflare_tal", Type: "CLOUDFLAREAPI", Fields: map[string]string{
					"apikey": "REDACTED", "apiuser": "REDACTED"}},
				"inside": {Name: "inside", Type: "BIND", Fields: map[string]string{
					"directory": "inzones", "filenameformat": "db_%T%?_%D"}},
				"hexonet": {Name: "hexonet", Type: "HEXONET", Fields: map[string]string{
					"apilogin": "hexlogin-secret", "apipassword": "hexpass-secret"}},
			},
		},
		{
			file: "relaxed.json",
			want: map[string]Entry{
				"r53_prod": {Name: "r53_prod", Type: "ROUTE53", Fields: map[string]string{
					"KeyId":     "AKIA-SECRET-ID",
					"SecretKey": "very/secret+key",
					"url":       "https://example.com/a//b/*c*/",
					"quote":     `say "hi" // not a comment`,
				}},
				"bind": {Name: "bind", Type: "BIND", Fields: map[string]string{"directory": "zones"}},
				"old_style": {Name: "old_style", Type: "", Fields: map[string]string{
					"port":    "8053",
					"nothing": "",
				}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := parse(tt.file, readTestdata(t, tt.file), fakeEnv(secretEnv))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if f.Path != tt.file {
				t.Errorf("Path = %q, want %q", f.Path, tt.file)
			}
			if !reflect.DeepEqual(f.Entries, tt.want) {
				t.Errorf("Entries mismatch\n got: %#v\nwant: %#v", plain(f.Entries), plain(tt.want))
			}
		})
	}
}

// plain renders entries with their values, for failure messages in tests
// that only use fake secrets.
func plain(m map[string]Entry) map[string]any {
	out := map[string]any{}
	for k, e := range m {
		out[k] = struct {
			Name, Type string
			Fields     map[string]string
		}{e.Name, e.Type, e.Fields}
	}
	return out
}

func TestParseInline(t *testing.T) {
	env := fakeEnv(secretEnv)
	tests := []struct {
		name string
		in   string
		want map[string]Entry
	}{
		{"empty object", `{}`, map[string]Entry{}},
		{"comments only around", "// c\n{} /* d */\n// e", map[string]Entry{}},
		{"BOM", "\xef\xbb\xbf{\"a\":{}}", map[string]Entry{"a": {Name: "a", Fields: map[string]string{}}}},
		{"CRLF and comment", "{\r\n\"a\": {\"TYPE\": \"X\", // c\r\n}\r\n}", map[string]Entry{"a": {Name: "a", Type: "X", Fields: map[string]string{}}}},
		{"trailing comma top", `{"a":{"TYPE":"X"},}`, map[string]Entry{"a": {Name: "a", Type: "X", Fields: map[string]string{}}}},
		{"trailing comma before comment", `{"a":{"k":"v", /* x */ }, // y` + "\n}", map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": "v"}}}},
		{"set but empty var", `{"a":{"k":"$EMPTY"}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": ""}, Unset: map[string]string{"k": "EMPTY"}}}},
		{"lone dollar is literal", `{"a":{"k":"$"}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": "$"}}}},
		{"dollar in middle is literal", `{"a":{"k":"x$AWS_ACCESS_KEY_ID"}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": "x$AWS_ACCESS_KEY_ID"}}}},
		{"escapes", `{"a":{"k":"tab\there\u00e9\/"}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": "tab\there\u00e9/"}}}},
		{"null is empty", `{"a":{"k":null}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": ""}}}},
		{"same field in two entries", `{"a":{"k":"1"},"b":{"k":"2"}}`, map[string]Entry{
			"a": {Name: "a", Fields: map[string]string{"k": "1"}},
			"b": {Name: "b", Fields: map[string]string{"k": "2"}},
		}},
		{"field names are case-sensitive", `{"a":{"k":"1","K":"2"}}`, map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": "1", "K": "2"}}}},
		{"slash star in string", `{"a":{"k":"/*"}, "b":{"k":"*/"}}`, map[string]Entry{
			"a": {Name: "a", Fields: map[string]string{"k": "/*"}},
			"b": {Name: "b", Fields: map[string]string{"k": "*/"}},
		}},
		{"escaped backslash before quote", `{"a":{"k":"c:\\"} // tail` + "\n}", map[string]Entry{"a": {Name: "a", Fields: map[string]string{"k": `c:\`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parse("creds.json", []byte(tt.in), env)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if !reflect.DeepEqual(f.Entries, tt.want) {
				t.Errorf("Entries mismatch\n got: %#v\nwant: %#v", plain(f.Entries), plain(tt.want))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string // testdata file; used as the name in errors
		in   string // inline input when file is empty
		want string // exact error text
	}{
		{name: "unquoted value", file: "bad_unquoted.json",
			want: "bad_unquoted.json:4:12: unexpected character looking for beginning of value"},
		{name: "missing comma", file: "bad_missing_comma.json",
			want: `bad_missing_comma.json:4:5: invalid character '"' after object key:value pair`},
		{name: "unterminated comment", file: "bad_comment.json",
			want: "bad_comment.json:3:3: unterminated /* comment"},
		{name: "truncated", file: "bad_truncated.json",
			want: "bad_truncated.json:4:1: unexpected end of JSON input"},
		{name: "empty", in: "", want: "creds.json: no JSON object (the input is empty)"},
		{name: "only comments", in: "// nothing\n/* here */", want: "creds.json: no JSON object (the input is empty)"},
		{name: "top level array", in: `[]`, want: "creds.json: top level must be a JSON object of provider entries"},
		{name: "top level null", in: `null`, want: "creds.json: top level must be a JSON object of provider entries"},
		{name: "entry not object", in: `{"a": "secret-string"}`, want: `creds.json:1:7: entry "a" must be a JSON object of fields, not a string`},
		{name: "entry null", in: `{"a": null}`, want: `creds.json:1:7: entry "a" must be a JSON object of fields, not null`},
		{name: "TYPE not string", in: `{"a": {"TYPE": 7}}`, want: `creds.json:1:16: entry "a" field "TYPE": must be a JSON string (in double quotes), not a number`},
		{name: "TYPE null", in: `{"a": {"TYPE": null}}`, want: `creds.json:1:16: entry "a": TYPE must be a string`},
		{name: "duplicate entry", in: "{\n  \"r53\": {\"KeyId\": \"AKIA1\"},\n  \"bind\": {},\n  \"r53\": {\"KeyId\": \"AKIA2\"}\n}",
			want: `creds.json:4:3: duplicate entry "r53": it is already defined at line 2 (remove or rename one of them)`},
		{name: "duplicate entry spelt with an escape", in: "{\"r53\": {},\n\"r\\u0035\\u0033\": {}}",
			want: `creds.json:2:1: duplicate entry "r53": it is already defined at line 1 (remove or rename one of them)`},
		{name: "duplicate field", in: "{\"r53\": {\n  \"SecretKey\": \"s3cret-1\",\n  // again\n  \"SecretKey\": \"s3cret-2\"\n}}",
			want: `creds.json:4:3: entry "r53": duplicate field "SecretKey": it is already set at line 2 (remove one of them)`},
		{name: "duplicate field and entry, all reported", in: "{\"a\": {\"k\": \"1\", \"k\": \"2\"},\n\"a\": {}}",
			want: "creds.json:1:18: entry \"a\": duplicate field \"k\": it is already set at line 1, column 8 (remove one of them)\n" +
				`creds.json:2:1: duplicate entry "a": it is already defined at line 1 (remove or rename one of them)`},
		{name: "array where a string is expected", in: "{\"bind\": {\n  \"TYPE\": \"BIND\",\n  \"directory\": [\"a\", \"b\"]\n}}",
			want: `creds.json:3:16: entry "bind" field "directory": must be a JSON string (in double quotes), not an array`},
		{name: "number hides its value", in: `{"a": {"pin": 12345678901234567890}}`,
			want: `creds.json:1:15: entry "a" field "pin": must be a JSON string (in double quotes), not a number`},
		{name: "boolean", in: `{"a": {"WaitForSync": true}}`,
			want: `creds.json:1:23: entry "a" field "WaitForSync": must be a JSON string (in double quotes), not a boolean`},
		{name: "object", in: `{"a": {"k": {"SecretKey": "s3cret"}}}`,
			want: `creds.json:1:13: entry "a" field "k": must be a JSON string (in double quotes), not an object`},
		{name: "every wrong field reported", in: `{"a": {"x": 1, "y": [], "z": "ok"}, "b": {"x": false}}`,
			want: "creds.json:1:13: entry \"a\" field \"x\": must be a JSON string (in double quotes), not a number\n" +
				"creds.json:1:21: entry \"a\" field \"y\": must be a JSON string (in double quotes), not an array\n" +
				`creds.json:1:48: entry "b" field "x": must be a JSON string (in double quotes), not a boolean`},
		{name: "lone comma object", in: `{,}`, want: `creds.json:1:2: invalid character ',' looking for beginning of object key string`},
		{name: "double comma", in: `{"a":{},,}`, want: `creds.json:1:9: invalid character ',' looking for beginning of object key string`},
		{name: "comma after colon", in: `{"a":,}`, want: `creds.json:1:6: invalid character ',' looking for beginning of value`},
		{name: "bad escape hides char", in: `{"a":{"k":"ab\qcd"}}`, want: `creds.json:1:15: unexpected character in string escape code`},
		{name: "bad literal hides char", in: `{"a":{"k":trux}}`, want: `creds.json:1:14: unexpected character in literal true (expecting 'e')`},
		{name: "control char in string", in: "{\"a\":{\"k\":\"ab\ncd\"}}", want: `creds.json:1:14: unexpected character in string literal`},
		{name: "trailing garbage", in: `{} x`, want: `creds.json:1:4: unexpected character after top-level value`},
		{name: "column counts runes", in: "{\"é\": {\"k\": zz}}", want: `creds.json:1:13: unexpected character looking for beginning of value`},
		{name: "lone slash", in: `{"a": /}`, want: `creds.json:1:7: unexpected character looking for beginning of value`},
		{name: "dollar non-identifier hidden", in: `{"a":{"k":"$ecr#t-p@ss"}}`,
			want: `creds.json:1:11: entry "a" field "k": value starts with "$" but the rest is not a valid environment variable name (not shown, in case it is a secret)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, data := "creds.json", []byte(tt.in)
			if tt.file != "" {
				name, data = tt.file, readTestdata(t, tt.file)
			}
			f, err := parse(name, data, fakeEnv(secretEnv))
			if err == nil {
				// Unset variables fail only when the entry is used.
				err = lookupAll(f)
			}
			if err == nil {
				t.Fatalf("parse succeeded with %v; want error %q", f.Names(), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error mismatch\n got: %s\nwant: %s", err, tt.want)
			}
			assertNoSecrets(t, err.Error())
		})
	}
}

// assertNoSecrets fails if s contains any fake secret or a value fragment
// from the test inputs.
func assertNoSecrets(t *testing.T, s string) {
	t.Helper()
	for _, bad := range []string{"s3cret", "secret-string", "AKIA", "very/secret", "hexpass", "ecr#t", "'q'", "'x'", "'z'"} {
		if strings.Contains(s, bad) {
			t.Errorf("error text %q leaks %q", s, bad)
		}
	}
}

func TestParseUsesProcessEnvironment(t *testing.T) {
	t.Setenv("DNSCTL_CREDS_TEST_KEY", "from-env")
	f, err := Parse("x.json", []byte(`{"p":{"TYPE":"X","key":"$DNSCTL_CREDS_TEST_KEY"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Entries["p"].Fields["key"]; got != "from-env" {
		t.Errorf("key = %q, want %q", got, "from-env")
	}
}

func TestLookup(t *testing.T) {
	f, err := parse("creds.json", []byte(`{
		"r53_prod": {"TYPE": "ROUTE53", "KeyId": "k"},
		"bind": {"TYPE": "BIND", "directory": "zones"},
	}`), fakeEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key     string
		want    Entry
		wantErr string
	}{
		{key: "r53_prod", want: Entry{Name: "r53_prod", Type: "ROUTE53", Fields: map[string]string{"KeyId": "k"}}},
		{key: "bind", want: Entry{Name: "bind", Type: "BIND", Fields: map[string]string{"directory": "zones"}}}, // file wins over built-in
		{key: "none", want: Entry{Name: "none", Type: "NONE"}},                                                  // built-in
		{key: "r53_main", wantErr: `creds.json has no entry "r53_main"; entries present: bind, r53_prod`},
		{key: "NONE", wantErr: `creds.json has no entry "NONE"; entries present: bind, r53_prod`},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, err := f.Lookup(tt.key)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Lookup(%q) error = %v, want %q", tt.key, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Lookup(%q): %v", tt.key, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Lookup(%q) = %#v, want %#v", tt.key, got, tt.want)
			}
		})
	}

	// The returned map is a copy.
	e, _ := f.Lookup("r53_prod")
	e.Fields["KeyId"] = "changed"
	if f.Entries["r53_prod"].Fields["KeyId"] != "k" {
		t.Error("mutating a looked-up entry changed the File")
	}
}

func TestLookupEmptyAndNil(t *testing.T) {
	for _, f := range []*File{nil, {Path: "creds.json"}, {Path: "other.json", Entries: map[string]Entry{}}} {
		for _, b := range []string{"none", "bind"} {
			e, err := f.Lookup(b)
			if err != nil || e.Name != b || e.Type != strings.ToUpper(b) || e.Fields != nil {
				t.Errorf("%v.Lookup(%q) = %#v, %v", f, b, e, err)
			}
		}
		_, err := f.Lookup("cf")
		path := "creds.json"
		if f != nil {
			path = f.Path
		}
		want := path + ` has no entry "cf"; the file has no entries`
		if err == nil || err.Error() != want {
			t.Errorf("Lookup(cf) error = %v, want %q", err, want)
		}
		if n := f.Names(); len(n) != 0 {
			t.Errorf("Names() = %v, want empty", n)
		}
	}
}

func TestNamesSorted(t *testing.T) {
	f, err := parse("c", []byte(`{"zeta":{},"alpha":{},"Mid":{},"bind":{}}`), fakeEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Mid", "alpha", "bind", "zeta"}
	if got := f.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"a": {"TYPE": "X", "k": "$DNSCTL_LOAD_TEST"},}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DNSCTL_LOAD_TEST", "v1")

	t.Run("file", func(t *testing.T) {
		f, err := Load(good)
		if err != nil {
			t.Fatal(err)
		}
		if f.Path != good || f.Entries["a"].Fields["k"] != "v1" || f.Entries["a"].Type != "X" {
			t.Errorf("Load = %+v", f)
		}
	})

	t.Run("missing default is empty", func(t *testing.T) {
		t.Chdir(dir)
		for _, p := range []string{"creds.json", "./creds.json", ""} {
			f, err := Load(p)
			if err != nil {
				t.Fatalf("Load(%q): %v", p, err)
			}
			if len(f.Entries) != 0 || f.Entries == nil {
				t.Errorf("Load(%q) entries = %v, want empty non-nil map", p, f.Entries)
			}
			if e, err := f.Lookup("bind"); err != nil || e.Type != "BIND" {
				t.Errorf("Lookup(bind) = %v, %v", e, err)
			}
		}
	})

	t.Run("missing explicit path is an error", func(t *testing.T) {
		_, err := Load(filepath.Join(dir, "nope.json"))
		if err == nil || !strings.Contains(err.Error(), "nope.json") {
			t.Errorf("error = %v, want one naming nope.json", err)
		}
	})

	t.Run("missing creds.json in another directory is an error", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "sub", "creds.json")); err == nil {
			t.Error("want error")
		}
	})

	t.Run("syntax error names the path", func(t *testing.T) {
		abs, _ := filepath.Abs(filepath.Join("testdata", "bad_comment.json"))
		_, err := Load(abs)
		if want := abs + ":3:3: unterminated /* comment"; err == nil || err.Error() != want {
			t.Errorf("error = %v, want %q", err, want)
		}
	})
}

func TestLoadCommand(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	t.Setenv("DNSCTL_CMD_TEST", "tok")
	for _, k := range []string{"DNSCTL_TEST_UNSET_1", "DNSCTL_TEST_UNSET_2", "DNSCTL_TEST_UNSET_3"} {
		t.Setenv(k, "") // restores any previous value when the test ends
		os.Unsetenv(k)
	}
	tests := []struct {
		name    string
		path    string
		check   func(t *testing.T, f *File)
		wantErr string
	}{
		{
			name: "cat testdata with unset variables",
			path: "!cat testdata/unset_vars.json",
			check: func(t *testing.T, f *File) {
				x := f.Entries["x"]
				if x.Fields["token"] != "" || x.Fields["other"] != "" || x.Unset["token"] != "DNSCTL_TEST_UNSET_1" || f.Entries["y"].Type != "" {
					t.Errorf("unset variables: x = %#v, y = %#v", x, f.Entries["y"])
				}
			},
		},
		{
			name: "printf output with env",
			path: `!printf '{"p": {"TYPE": "X", "token": "$DNSCTL_CMD_TEST"}}'`,
			check: func(t *testing.T, f *File) {
				if got := f.Entries["p"].Fields["token"]; got != "tok" {
					t.Errorf("token = %q", got)
				}
			},
		},
		{
			name: "pipeline and comments",
			path: `!echo '{"a": {"TYPE": "BIND",}, // c' && echo '}'`,
			check: func(t *testing.T, f *File) {
				if f.Entries["a"].Type != "BIND" {
					t.Errorf("entries = %v", f.Entries)
				}
			},
		},
		{
			name:    "failure reports stderr",
			path:    `!echo '{"partial":' ; echo '  vault is sealed  ' >&2; exit 3`,
			wantErr: `creds command "echo '{\"partial\":' ; echo '  vault is sealed  ' >&2; exit 3" failed: exit status 3: vault is sealed`,
		},
		{
			name:    "failure without stderr",
			path:    `!exit 1`,
			wantErr: `creds command "exit 1" failed: exit status 1`,
		},
		{
			name:    "bad JSON from command has position",
			path:    `!printf '{\n  "a": x\n}'`,
			wantErr: `!printf '{\n  "a": x\n}':2:8: unexpected character looking for beginning of value`,
		},
		{
			name:    "empty command",
			path:    "! ",
			wantErr: `creds command is empty (a creds path starting with "!" must name a command)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(tt.path)
			if err == nil && tt.wantErr != "" {
				err = lookupAll(f)
			}
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error mismatch\n got: %v\nwant: %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Path != tt.path {
				t.Errorf("Path = %q, want %q", f.Path, tt.path)
			}
			tt.check(t, f)
		})
	}

	// The command runs in the environment-injected loader too.
	f, err := load(context.Background(), "!cat testdata/relaxed.json", fakeEnv(secretEnv))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); !reflect.DeepEqual(got, []string{"bind", "old_style", "r53_prod"}) {
		t.Errorf("Names() = %v", got)
	}
}

func TestLoadCommandScript(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "creds.sh")
	body := "#!/bin/sh\necho '{\"s\": {\"TYPE\": \"NONE\"}}'\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	f, err := Load("!./creds.sh")
	if err != nil {
		t.Fatal(err)
	}
	if e, err := f.Lookup("s"); err != nil || e.Type != "NONE" {
		t.Errorf("Lookup(s) = %v, %v", e, err)
	}
}

// lookupAll looks up every entry and joins the errors, in name order.
func lookupAll(f *File) error {
	var errs []error
	for _, n := range f.Names() {
		if _, err := f.Lookup(n); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// An unset variable gives an empty value, as in DNSControl ("Token":
// "$AWS_SESSION_TOKEN" with long-term keys), and is noted for messages.
func TestUnsetVariableIsEmpty(t *testing.T) {
	f, err := parse("creds.json", []byte(`{"r53":{"TYPE":"ROUTE53","KeyId":"$DNSCTL_KEY","SecretKey":"$DNSCTL_SECRET","Token":"$DNSCTL_NOT_SET"}}`),
		fakeEnv(map[string]string{"DNSCTL_KEY": "AKIAEXAMPLE", "DNSCTL_SECRET": "s3cr3t"}))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	e, err := f.Lookup("r53")
	if err != nil {
		t.Fatal(err)
	}
	if e.Fields["KeyId"] != "AKIAEXAMPLE" || e.Fields["Token"] != "" || e.Unset["Token"] != "DNSCTL_NOT_SET" || len(e.Unset) != 1 {
		t.Errorf("entry %#v, unset %v", e.Fields, e.Unset)
	}
	if got, want := e.UnsetNote(""), "the environment variable $DNSCTL_NOT_SET (Token) is not set or empty"; got != want {
		t.Errorf("UnsetNote = %q, want %q", got, want)
	}
	if got := e.UnsetNote(`Token is "$DNSCTL_NOT_SET"`); got != "" {
		t.Errorf("UnsetNote adds to a message that names a variable: %q", got)
	}
	// Set but empty counts as not set; a name not spelt like a variable
	// (perhaps a literal secret "$ecretPassw0rd") is never shown.
	f, err = parse("creds.json", []byte(`{"x":{"TYPE":"ROUTE53","KeyId":"$DNSCTL_EMPTY","SecretKey":"$ecretPassw0rd"}}`), fakeEnv(map[string]string{"DNSCTL_EMPTY": ""}))
	if err != nil {
		t.Fatal(err)
	}
	x := f.Entries["x"]
	if x.Unset["KeyId"] != "DNSCTL_EMPTY" || x.Unset["SecretKey"] != "…" || strings.Contains(x.UnsetNote(""), "ecretPassw0rd") {
		t.Errorf("unset %v, note %q", x.Unset, x.UnsetNote(""))
	}
}

// Without a creds.json the message says the file is missing.
func TestNoCredsFile(t *testing.T) {
	t.Chdir(t.TempDir())
	f, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Lookup("bind"); err != nil {
		t.Errorf("bind without creds.json: %v", err)
	}
	if _, err := f.Lookup("r53_main"); err == nil || !strings.Contains(err.Error(), "there is no creds.json in ") || !strings.Contains(err.Error(), "--creds") {
		t.Errorf("Lookup without creds.json: %v", err)
	}
}

// A creds command is bounded in time and output, killed with its children,
// and its standard error is redacted before it is quoted.
func TestLoadCommandLimits(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "marker")
	t.Setenv("VAULT_TOKEN", "hvs.TOPSECRETTOKEN")
	// The secrets are in a script, as they would be in a vault: the
	// command line itself holds none.
	script := filepath.Join(dir, "creds.sh")
	if err := os.WriteFile(script, []byte(`printf '{"r53": {"SecretKey": "s3cret-from-vault", "KeyId": "AKIAIOSFODNN7EXAMPLE"}}'
echo "vault: s3cret-from-vault for AKIAIOSFODNN7EXAMPLE at https://admin:hunter2pass@vault.example/ with $VAULT_TOKEN" >&2
exit 2
`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		cmd     string
		timeout string // DNSCTL_CREDS_TIMEOUT
		cancel  time.Duration
		want    []string // substrings of the error
		hidden  []string // must not appear in the error
		within  time.Duration
	}{
		{
			name: "time limit", cmd: "sleep 30", timeout: "0.3",
			want:   []string{`creds command "sleep 30" did not finish within 300ms and was stopped (set DNSCTL_CREDS_TIMEOUT, e.g. DNSCTL_CREDS_TIMEOUT=5m, to allow more)`},
			within: 5 * time.Second,
		},
		{
			name: "time limit as a duration, stderr quoted", cmd: "echo 'waiting for vault' >&2; sleep 30", timeout: "200ms",
			want:   []string{"did not finish within 200ms", ": waiting for vault"},
			within: 5 * time.Second,
		},
		{
			name: "children of the command are killed too", cmd: "(sleep 1; touch " + marker + ") & sleep 30", timeout: "0.2",
			want:   []string{"did not finish within 200ms"},
			within: 5 * time.Second,
		},
		{
			name: "output limit", cmd: "yes", timeout: "30s",
			want:   []string{`creds command "yes" printed more than 16 MiB and was stopped (its output must be a creds.json document)`},
			within: 20 * time.Second,
		},
		{
			name: "interrupted", cmd: "sleep 30", cancel: 200 * time.Millisecond,
			want:   []string{`creds command "sleep 30" was stopped: context canceled`},
			within: 5 * time.Second,
		},
		{
			name:   "secrets in stderr are redacted",
			cmd:    "sh " + script,
			want:   []string{`failed: exit status 2: vault: <redacted> for <redacted> at https://admin:<redacted>@vault.example/ with <redacted>`},
			hidden: []string{"s3cret-from-vault", "AKIAIOSFODNN7EXAMPLE", "hunter2pass", "TOPSECRET"},
		},
		{
			name:   "access key IDs masked, URLs in the command too",
			cmd:    `echo "key AKIAIOSFODNN7EXAMPLE refused by http://u:pw-in-url@h" >&2; exit 1`,
			want:   []string{`failed: exit status 1: key AKIA…MPLE refused by http://u:<redacted>@h`, `@h\" >&2; exit 1" failed`},
			hidden: []string{"AKIAIOSFODNN7EXAMPLE", "pw-in-url"},
		},
		{
			name: "stderr kept short", cmd: "head -c 100000 /dev/zero | tr '\\0' x >&2; exit 1",
			want: []string{strings.Repeat("x", 4096) + "..."},
		},
		{
			name: "bad timeout setting", cmd: "true", timeout: "soon",
			want: []string{`creds command: DNSCTL_CREDS_TIMEOUT="soon" is not a duration (use seconds, or a value such as 90s or 5m)`},
		},
		{
			name: "zero timeout refused", cmd: "true", timeout: "0",
			want: []string{`DNSCTL_CREDS_TIMEOUT="0" must be more than 0`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(TimeoutEnv, tt.timeout)
			c := context.Background()
			if tt.cancel > 0 {
				var cancel context.CancelFunc
				c, cancel = context.WithCancel(c)
				defer cancel()
				time.AfterFunc(tt.cancel, cancel)
			}
			start := time.Now()
			f, err := LoadContext(c, "!"+tt.cmd)
			if elapsed := time.Since(start); tt.within > 0 && elapsed > tt.within {
				t.Errorf("took %s, want at most %s", elapsed, tt.within)
			}
			if err == nil {
				t.Fatalf("LoadContext succeeded with %v", f.Names())
			}
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
			for _, h := range tt.hidden {
				if strings.Contains(err.Error(), h) {
					t.Errorf("error %q\nleaks %q", err, h)
				}
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	if _, err := os.Stat(marker); err == nil {
		t.Error("a child of the timed-out command kept running")
	}
}

// A command that exits at once but leaves a background child holding its
// output open still counts: what it printed is used.
func TestLoadCommandBackgroundChild(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	start := time.Now()
	f, err := Load(`!echo '{"a": {"TYPE": "NONE"}}'; sleep 30 &`)
	if err != nil {
		t.Fatal(err)
	}
	if f.Entries["a"].Type != "NONE" {
		t.Errorf("entries %v", f.Names())
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
}
