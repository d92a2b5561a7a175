package faultproxy

import (
	"net/http"
	"regexp"
)

var (
	reDNSSEC = regexp.MustCompile(`^/2013-04-01/hostedzone/[^/]+/(dnssec|enable-dnssec|disable-dnssec)/?$`)
	reKSK    = regexp.MustCompile(`^/2013-04-01/keysigningkey(?:/[^/]+/[^/]+(/activate|/deactivate)?)?/?$`)
)

// dnssecOperation names the Route 53 DNSSEC operation of a request, or
// returns "".
func dnssecOperation(method, path string) string {
	if m := reDNSSEC.FindStringSubmatch(path); m != nil {
		return map[string]string{"dnssec": "GetDNSSEC", "enable-dnssec": "EnableHostedZoneDNSSEC", "disable-dnssec": "DisableHostedZoneDNSSEC"}[m[1]]
	}
	if m := reKSK.FindStringSubmatch(path); m != nil {
		switch {
		case m[1] == "/activate":
			return "ActivateKeySigningKey"
		case m[1] == "/deactivate":
			return "DeactivateKeySigningKey"
		case method == http.MethodDelete:
			return "DeleteKeySigningKey"
		case method == http.MethodPost:
			return "CreateKeySigningKey"
		}
	}
	return ""
}
