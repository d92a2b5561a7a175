package route53

import (
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
)

const testToken = "FwoGZXIvYXdzEXAMPLETOKENabcdefghijklmnopqrstuvwxyz0123456789"

func noSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	for _, s := range []string{testSecret, testToken, testKeyID, "ext-secret-id"} {
		if strings.Contains(msg, s) {
			t.Errorf("error shows a secret (%.6s…): %s", s, msg)
		}
	}
	if strings.Count(msg, "route53: ") != 1 || !strings.HasPrefix(msg, "route53: ") {
		t.Errorf("error is not prefixed exactly once: %s", msg)
	}
}

func TestAuthErrorsExplained(t *testing.T) {
	for _, tc := range []struct {
		kind faultproxy.Kind
		op   string
		want []string
	}{
		{faultproxy.InvalidClientTokenId, "ListHostedZones", []string{"unknown to AWS", "KeyId", "AKIA…MPLE", "InvalidClientTokenId", "The security token included in the request is invalid", "HTTP 403", "request ID faultproxy-"}},
		{faultproxy.SignatureDoesNotMatch, "ListHostedZones", []string{"SecretKey is wrong", "quoting", "SignatureDoesNotMatch", "request ID faultproxy-"}},
		{faultproxy.IncompleteSignature, "ListHostedZones", []string{"space", "KeyId, SecretKey and Token", "IncompleteSignature"}},
		{faultproxy.ExpiredToken, "ListHostedZones", []string{"expired", "ExpiredToken"}},
		{faultproxy.AccessDenied, "ListResourceRecordSets", []string{"not allowed to call route53:ListResourceRecordSets", "docs/providers/route53.md", "minimum IAM policy", "AccessDenied"}},
		{faultproxy.AccessDenied, "ListHostedZones", []string{"not allowed to call route53:ListHostedZones", "docs/providers/route53.md"}},
	} {
		t.Run(tc.kind.String()+"/"+tc.op, func(t *testing.T) {
			e := newEnv(t, func(c *Config) { c.Token = testToken })
			e.createZone("auth.example")
			e.proxy.Inject(tc.op, tc.kind, 1)
			_, err := e.p.Records(ctx(t), "auth.example")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.Code == "" || ae.RequestID == "" {
				t.Errorf("error does not carry the AWS code and request ID: %#v", ae)
			}
			noSecrets(t, err)
			if n := e.proxy.Calls(tc.op); n != 1 {
				t.Errorf("%s sent %d times; permanent errors must not be retried", tc.op, n)
			}
		})
	}
}

func TestWhitespaceInCredentials(t *testing.T) {
	for _, tc := range []struct {
		field, value, want string
	}{
		{"KeyId", " " + testKeyID, "KeyId starts with whitespace"},
		{"SecretKey", testSecret + "\n", "SecretKey ends with whitespace"},
		{"SecretKey", "wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY", "SecretKey contains whitespace at character 22"},
		{"Token", testToken + " ", "Token ends with whitespace"},
	} {
		fields := map[string]string{"KeyId": testKeyID, "SecretKey": testSecret, tc.field: tc.value}
		_, err := ParseConfig("r53_main", fields)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `"r53_main"`) {
			t.Errorf("%s %q: err = %v, want %q", tc.field, tc.value, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), strings.TrimSpace(tc.value)) {
			t.Errorf("error shows the value: %v", err)
		}
	}
}

// Whitespace in credentials that come from the environment is caught
// before any request.
func TestWhitespaceInEnvironmentCredentials(t *testing.T) {
	e := newEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", testKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", testSecret+"\n")
	p := e.provider(func(c *Config) { c.KeyId, c.SecretKey = "", "" })
	_, err := p.Records(ctx(t), "x.example")
	if err == nil || !strings.Contains(err.Error(), "secret access key from EnvConfigCredentials ends with whitespace") {
		t.Fatalf("err = %v", err)
	}
	noSecrets(t, err)
	if n := e.proxy.Calls(""); n != 0 {
		t.Errorf("%d requests sent with broken credentials", n)
	}
}

func TestNoCredentialsAtAll(t *testing.T) {
	e := newEnv(t)
	p, err := New(context.Background(), Config{EntryName: "r53_main", Endpoint: e.proxy.URL()})
	if err != nil {
		t.Fatalf("New without credentials must succeed (lazy): %v", err)
	}
	_, err = p.Records(ctx(t), "x.example")
	for _, want := range []string{"route53: ", "no AWS credentials were found", "NoCredentialProviders", `"r53_main"`, "KeyId and SecretKey", "AWS_ACCESS_KEY_ID", "NewDnsProvider()"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if n := e.proxy.Calls(""); n != 0 {
		t.Errorf("%d requests sent without credentials", n)
	}
}

// Fields DNSControl would ignore are ignored here too, with a warning that
// names them (and the field meant, for a wrong case).
func TestConfigUnknownFieldsWarn(t *testing.T) {
	c, err := ParseConfig("r53", map[string]string{"region": "eu-west-1", "Secret": testSecret, "comment": "prod account"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(c.Warnings, "\n")
	for _, want := range []string{`field "region" is ignored: field names are case-sensitive, did you mean "Region"?`, `unknown field "Secret" is ignored`, `unknown field "comment" is ignored`} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
	if c.Region != "" || strings.Contains(got, testSecret) || strings.Contains(got, "eu-west-1") {
		t.Errorf("an ignored field was used or shown: %+v", c)
	}
}

// A field that chooses the account from a "$VARIABLE" that is not set is
// refused (it would fall back to whatever the environment holds); an unset
// Token is what long-term keys look like; other fields warn.
func TestUnsetVariables(t *testing.T) {
	c, err := ParseConfig("r53", map[string]string{"KeyId": testKeyID, "SecretKey": testSecret, "Token": "", "RateLimit": ""})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.checkUnset(map[string]string{"Token": "AWS_SESSION_TOKEN", "RateLimit": "R53_RATE"}); err != nil {
		t.Errorf("unset Token: %v", err)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], `RateLimit is "$R53_RATE", which is not set or empty; using the default`) {
		t.Errorf("warnings %q", c.Warnings)
	}
	for _, f := range []string{"KeyId", "SecretKey", "Profile", "RoleArn", "ExternalId", "Endpoint"} {
		err := (&Config{EntryName: "r53"}).checkUnset(map[string]string{f: "PROD_VAR"})
		if err == nil || !strings.Contains(err.Error(), f+` is "$PROD_VAR", which is not set or empty`) {
			t.Errorf("unset %s: %v", f, err)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	for _, tc := range []struct {
		fields map[string]string
		want   string
	}{
		{map[string]string{"Profile": "prod", "KeyId": testKeyID, "SecretKey": testSecret}, "Profile cannot be combined with KeyId"},
		{map[string]string{"KeyId": testKeyID}, "KeyId is set but SecretKey is missing"},
		{map[string]string{"KeyId": testKeyID, "SecretKey": ""}, "SecretKey is missing or empty"},
		{map[string]string{"SecretKey": testSecret}, "SecretKey is set but KeyId is missing"},
		// A misspelt field that chooses the account is an error, not a
		// warning: ignored, the run would use the environment's credentials.
		{map[string]string{"keyid": testKeyID}, `did you mean "KeyId"?`},
		{map[string]string{"profile": "prod"}, `did you mean "Profile"?`},
		{map[string]string{"RateLimit": "fast"}, "RateLimit"},
		{map[string]string{"RetryTimeout": "soon"}, "RetryTimeout"},
		{map[string]string{"WaitForSync": "maybe"}, "WaitForSync"},
		{map[string]string{"ExternalId": "x"}, "need RoleArn"},
		{map[string]string{"RoleArn": "role/x"}, "is not an ARN"},
		{map[string]string{"Endpoint": "localhost:4566"}, "must be a URL"},
	} {
		_, err := ParseConfig("r53", tc.fields)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.fields, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), testSecret) {
			t.Errorf("error shows the secret: %v", err)
		}
	}
	c, err := ParseConfig("r53", map[string]string{"KeyId": testKeyID, "SecretKey": testSecret, "RateLimit": "2.5", "RetryTimeout": "90s", "WaitForSync": "true", "SyncTimeout": "120", "DelegationSet": "/delegationset/N1PA6795SAMPLE"})
	if err != nil {
		t.Fatal(err)
	}
	d := c.withDefaults()
	if d.RateLimit != 2.5 || d.RetryTimeout.Seconds() != 90 || !d.WaitForSync || d.SyncTimeout.Seconds() != 120 || d.DelegationSet != "N1PA6795SAMPLE" {
		t.Errorf("parsed %+v", d)
	}
	if d := (&Config{}).withDefaults(); d.RateLimit != 5 || d.RetryTimeout != DefaultRetryTimeout {
		t.Errorf("defaults %+v", d)
	}
}

// The registered constructor parses creds fields and makes no request.
func TestConstructorIsLazy(t *testing.T) {
	e := newEnv(t)
	info, err := provider.Lookup("ROUTE53")
	if err != nil {
		t.Fatal(err)
	}
	if !info.DNS || !info.Registrar || !info.Capabilities.SetID || !info.Capabilities.Concurrent || !info.Capabilities.Supports("R53_ALIAS") || !info.Capabilities.Supports("HTTPS") {
		t.Errorf("Info = %+v", info)
	}
	v, err := info.New(context.Background(), provider.Entry{Name: "r53", Type: "ROUTE53", Fields: map[string]string{"KeyId": testKeyID, "SecretKey": testSecret, "Endpoint": e.proxy.URL()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := v.(provider.DNS); !ok {
		t.Error("not a DNS provider")
	}
	if _, ok := v.(provider.Registrar); !ok {
		t.Error("not a registrar")
	}
	if _, ok := v.(interface{ UseZoneID(zone, id string) }); !ok {
		t.Error("no UseZoneID")
	}
	if n := e.proxy.Calls(""); n != 0 {
		t.Errorf("constructor sent %d requests", n)
	}
	_, err = info.New(context.Background(), provider.Entry{Name: "r53", Type: "ROUTE53", Fields: map[string]string{"Profile": "p", "KeyId": testKeyID, "SecretKey": testSecret}})
	if err == nil || !strings.Contains(err.Error(), "Profile cannot be combined") {
		t.Errorf("Profile+KeyId: %v", err)
	}
}

func writeAWSConfig(t *testing.T, content string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", path)
}

func TestProfile(t *testing.T) {
	e := newEnv(t)
	e.createZone("profile.example")
	writeAWSConfig(t, "[profile dnsctl]\naws_access_key_id = "+testKeyID+"\naws_secret_access_key = "+testSecret+"\n")
	p := e.provider(func(c *Config) { c.KeyId, c.SecretKey, c.Profile = "", "", "dnsctl" })
	if _, err := p.Records(ctx(t), "profile.example"); err != nil {
		t.Fatalf("Records with Profile: %v", err)
	}
	// AWS_PROFILE with an empty entry.
	t.Setenv("AWS_PROFILE", "dnsctl")
	p = e.provider(func(c *Config) { c.KeyId, c.SecretKey = "", "" })
	if _, err := p.Records(ctx(t), "profile.example"); err != nil {
		t.Fatalf("Records with AWS_PROFILE: %v", err)
	}
	t.Setenv("AWS_PROFILE", "")
	_, err := New(context.Background(), Config{EntryName: "r53", Profile: "missing"})
	if err == nil || !strings.Contains(err.Error(), `profile "missing" does not exist`) {
		t.Errorf("missing profile: %v", err)
	}
}

func TestEndpointEnvironmentVariables(t *testing.T) {
	e := newEnv(t)
	e.createZone("endpoint.example")
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", e.proxy.URL())
	p := e.provider(func(c *Config) { c.Endpoint = "" })
	if _, err := p.Records(ctx(t), "endpoint.example"); err != nil {
		t.Fatalf("Records via AWS_ENDPOINT_URL_ROUTE_53: %v", err)
	}
	if n := e.proxy.Calls("ListResourceRecordSets"); n != 1 {
		t.Errorf("AWS_ENDPOINT_URL_ROUTE_53 not honoured: %d calls through the proxy", n)
	}
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", "")
	os.Unsetenv("AWS_ENDPOINT_URL_ROUTE_53")
	t.Setenv("AWS_ENDPOINT_URL", e.proxy.URL())
	e.proxy.ResetCounts()
	p = e.provider(func(c *Config) { c.Endpoint = "" })
	if _, err := p.Records(ctx(t), "endpoint.example"); err != nil {
		t.Fatalf("Records via AWS_ENDPOINT_URL: %v", err)
	}
	if n := e.proxy.Calls("ListResourceRecordSets"); n != 1 {
		t.Errorf("AWS_ENDPOINT_URL not honoured: %d calls through the proxy", n)
	}

	// Route 53 Domains has its own variable; the others point nowhere.
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:1")
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53_DOMAINS", e.proxy.URL())
	e.proxy.ResetCounts()
	p = e.provider(func(c *Config) { c.Endpoint = "" })
	_, err := p.RegisteredNameservers(ctx(t), "endpoint.example")
	if n := e.proxy.Calls("GetDomainDetail"); n != 1 {
		t.Errorf("AWS_ENDPOINT_URL_ROUTE_53_DOMAINS not honoured: %d calls through the proxy (err %v)", n, err)
	}
}

func TestAssumeRole(t *testing.T) {
	e := newEnv(t)
	e.createZone("role.example")
	p := e.provider(func(c *Config) {
		c.RoleArn = "arn:aws:iam::123456789012:role/dnsctl"
		c.ExternalId = "ext-secret-id"
	})
	if _, err := p.Records(ctx(t), "role.example"); err != nil {
		t.Fatalf("Records with RoleArn: %v", err)
	}
	reqs := e.proxy.Requests("AssumeRole")
	if len(reqs) != 1 {
		t.Fatalf("AssumeRole calls = %d", len(reqs))
	}
	body := string(reqs[0].Body)
	if !strings.Contains(body, "ExternalId=ext-secret-id") || !strings.Contains(body, "RoleSessionName=dnsctl") {
		t.Errorf("AssumeRole request: %s", body)
	}
	// The Route 53 calls are signed with the role's credentials, not the
	// base keys.
	for _, r := range e.proxy.Requests("ListResourceRecordSets") {
		if strings.Contains(r.Header.Get("Authorization"), testKeyID) {
			t.Error("Route 53 request signed with the base key, not the role's")
		}
	}

	e.proxy.Inject("AssumeRole", faultproxy.AccessDenied, 1)
	p = e.provider(func(c *Config) {
		c.RoleArn = "arn:aws:iam::123456789012:role/dnsctl"
		c.ExternalId = "ext-secret-id"
	})
	_, err := p.Records(ctx(t), "role.example")
	if err == nil || !strings.Contains(err.Error(), "may not assume the role arn:aws:iam::123456789012:role/dnsctl") || !strings.Contains(err.Error(), "trust policy") {
		t.Errorf("AssumeRole denied: %v", err)
	}
	noSecrets(t, err)
}

func TestTranslateCodes(t *testing.T) {
	p := newProvider(Config{EntryName: "r53_main", KeyId: testKeyID, SecretKey: testSecret, DelegationSet: "/delegationset/N1PA6795", RateLimit: 5, RetryTimeout: DefaultRetryTimeout}, nil, nil, nil)
	for code, want := range map[string]string{
		"NoSuchDelegationSet":         `the reusable delegation set "N1PA6795" (DelegationSet in the creds.json entry "r53_main") cannot be used`,
		"ConflictingDomainExists":     "overlapping name",
		"TooManyHostedZones":          "hosted zone quota",
		"RequestExpired":              "clock is wrong",
		"OptInRequired":               "not signed up",
		"InvalidChangeBatch":          "nothing in this batch was applied",
		"UnrecognizedClientException": "unknown to AWS",
		"InvalidSignatureException":   "SecretKey is wrong",
	} {
		err := p.public(p.translate("route53:CreateHostedZone", "z.example", &smithy.GenericAPIError{Code: code, Message: "msg " + testSecret}))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", code, err, want)
		}
		noSecrets(t, err)
	}
	err := p.translate("route53:GetHostedZone", "z.example", &smithy.GenericAPIError{Code: "NoSuchHostedZone", Message: "No hosted zone found with ID: Z1"})
	if !errors.Is(err, provider.ErrZoneNotFound) {
		t.Errorf("NoSuchHostedZone does not wrap ErrZoneNotFound: %v", err)
	}
}

// An Endpoint's URL password never shows in an error: not in the hint
// that names the Endpoint, not where a library quotes the URL, not alone.
func TestEndpointPasswordRedacted(t *testing.T) {
	tests := []struct {
		endpoint string
		in       string // error text from below the provider
		want     string // substring of the public error
		secret   string // must not show; "PASSWORD99" if empty
	}{
		{"http://user:PASSWORD99@127.0.0.1:1", "dial failed", "Endpoint http://user:<redacted>@127.0.0.1:1)", ""},
		{"http://user:PASSWORD99@127.0.0.1:1", `Get "http://user:PASSWORD99@127.0.0.1:1/2013-04-01/hostedzone"`, `Get "http://user:<redacted>@127.0.0.1:1/2013-04-01/hostedzone"`, ""},
		{"https://PASSWORD99@proxy.example", "refused", "Endpoint https://<redacted>@proxy.example)", ""},
		{"http://user:PASSWORD99@127.0.0.1:1", "the proxy said PASSWORD99 is wrong", "the proxy said <redacted> is wrong", ""},
		// A token alone (user information without a password) is secret too.
		{"https://PASSWORD99@proxy.example", "the proxy said PASSWORD99 is wrong", "the proxy said <redacted> is wrong", ""},
		// An Endpoint that does not parse as a URL: the SDK quotes it whole.
		{"http://user:PASS W0RD@127.0.0.1:1", "failed to resolve service endpoint, Failed to parse uri: http://user:PASS W0RD@127.0.0.1:1",
			"Failed to parse uri: http://user:<redacted>@127.0.0.1:1", "PASS W0RD"},
		{"http://user:PASS W0RD@127.0.0.1:1", "dial failed", "Endpoint http://user:<redacted>@127.0.0.1:1)", "PASS W0RD"},
		{"http://user:PASS/W0RD@127.0.0.1:1", "Failed to parse uri: http://user:PASS/W0RD@127.0.0.1:1",
			"Failed to parse uri: http://user:<redacted>@127.0.0.1:1", "PASS/W0RD"},
		{"user:PASSW0RD@127.0.0.1:1", "Failed to parse uri: user:PASSW0RD@127.0.0.1:1", "Failed to parse uri: user:<redacted>@127.0.0.1:1", "PASSW0RD"},
	}
	for _, tt := range tests {
		secret := cmp.Or(tt.secret, "PASSWORD99")
		p := newProvider(Config{EntryName: "r53", Endpoint: tt.endpoint, RateLimit: 5, RetryTimeout: DefaultRetryTimeout}, nil, nil, nil)
		in := &smithyhttp.RequestSendError{Err: errors.New(tt.in)}
		err := p.public(p.translate("route53:ListHostedZones", "", in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Endpoint %s, error %q:\n got %v\nwant it to contain %q", tt.endpoint, tt.in, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("leaks the Endpoint's credentials: %v", err)
		}
	}
	// A malformed Endpoint is refused without showing its password, with
	// or without a scheme.
	for _, tt := range []struct{ endpoint, shown, secret string }{
		{"ftp://user:PASSWORD99@host", "ftp://user:<redacted>@host", "PASSWORD99"},
		{"user:PASSW0RD@127.0.0.1:1", "user:<redacted>@127.0.0.1:1", "PASSW0RD"},
		{"ftp://user:PASS W0RD@host", "ftp://user:<redacted>@host", "PASS W0RD"},
		{"TOKEN1234@host", "<redacted>@host", "TOKEN1234"},
	} {
		_, err := ParseConfig("r53", map[string]string{"Endpoint": tt.endpoint})
		if err == nil || strings.Contains(err.Error(), tt.secret) || !strings.Contains(err.Error(), `Endpoint "`+tt.shown+`" must be a URL`) {
			t.Errorf("ParseConfig(Endpoint %q): %v", tt.endpoint, err)
		}
	}
}
