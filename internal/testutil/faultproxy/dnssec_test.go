package faultproxy

import (
	"net/http/httptest"
	"testing"
)

func TestDNSSECOperationNames(t *testing.T) {
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/2013-04-01/hostedzone/Z1/dnssec", "GetDNSSEC"},
		{"POST", "/2013-04-01/hostedzone/Z1/enable-dnssec", "EnableHostedZoneDNSSEC"},
		{"POST", "/2013-04-01/hostedzone/Z1/disable-dnssec", "DisableHostedZoneDNSSEC"},
		{"POST", "/2013-04-01/keysigningkey", "CreateKeySigningKey"},
		{"POST", "/2013-04-01/keysigningkey/Z1/main_ksk/activate", "ActivateKeySigningKey"},
		{"POST", "/2013-04-01/keysigningkey/Z1/main_ksk/deactivate", "DeactivateKeySigningKey"},
		{"DELETE", "/2013-04-01/keysigningkey/Z1/main_ksk", "DeleteKeySigningKey"},
		{"GET", "/2013-04-01/hostedzone/Z1", "GetHostedZone"},
	} {
		if got := Operation(httptest.NewRequest(tc.method, tc.path, nil), nil); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}
