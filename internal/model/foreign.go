package model

import (
	"fmt"
	"strings"
)

// foreignType describes a record type of DNSControl's language that only
// DNS providers dnsctl does not have can serve (ALIAS, URL, CF_REDIRECT…).
// The DSL makes such records so that configurations shared with those
// providers load; Validate refuses them at every provider dnsctl has.
type foreignType struct {
	// fn is the DSL function that makes the record.
	fn string
	// servedBy names the DNSControl providers that serve the type.
	servedBy string
	// route53 is what does the same at Route 53, if anything does.
	route53 string
}

var foreignTypes = map[string]foreignType{
	"ALIAS":                        {"ALIAS", "Cloudflare, DNSimple, PowerDNS, NS1 and others", `R53_ALIAS(name, "A", target) (an alias to an AWS resource or to a record of a Route 53 zone)`},
	"AZURE_ALIAS":                  {"AZURE_ALIAS", "AZURE_DNS", `R53_ALIAS(name, type, target)`},
	"AKAMAICDN":                    {"AKAMAICDN", "AKAMAIEDGEDNS", ""},
	"AKAMAITLC":                    {"AKAMAITLC", "AKAMAIEDGEDNS", ""},
	"ADGUARDHOME_A_PASSTHROUGH":    {"ADGUARDHOME_A_PASSTHROUGH", "ADGUARDHOME", ""},
	"ADGUARDHOME_AAAA_PASSTHROUGH": {"ADGUARDHOME_AAAA_PASSTHROUGH", "ADGUARDHOME", ""},
	"BUNNY_DNS_PZ":                 {"BUNNY_DNS_PZ", "BUNNY_DNS", ""},
	"BUNNY_DNS_RDR":                {"BUNNY_DNS_RDR", "BUNNY_DNS", ""},
	"CF_REDIRECT":                  {"CF_REDIRECT", "CLOUDFLAREAPI", ""},
	"CF_TEMP_REDIRECT":             {"CF_TEMP_REDIRECT", "CLOUDFLAREAPI", ""},
	"CF_SINGLE_REDIRECT":           {"CF_SINGLE_REDIRECT", "CLOUDFLAREAPI", ""},
	"CF_WORKER_ROUTE":              {"CF_WORKER_ROUTE", "CLOUDFLAREAPI", ""},
	"CLOUDNS_WR":                   {"CLOUDNS_WR", "CLOUDNS", ""},
	"FRAME":                        {"FRAME", "NAMECHEAP", ""},
	"LUA":                          {"LUA", "POWERDNS", ""},
	"MIKROTIK_FORWARDER":           {"MIKROTIK_FORWARDER", "MIKROTIK", ""},
	"MIKROTIK_FWD":                 {"MIKROTIK_FWD", "MIKROTIK", ""},
	"MIKROTIK_NXDOMAIN":            {"MIKROTIK_NXDOMAIN", "MIKROTIK", ""},
	"NS1_URLFWD":                   {"NS1_URLFWD", "NS1", ""},
	"PORKBUN_URLFWD":               {"PORKBUN_URLFWD", "PORKBUN", ""},
	"URL":                          {"URL", "NAMECHEAP and PORKBUN", ""},
	"URL301":                       {"URL301", "NAMECHEAP and PORKBUN", ""},
}

// IsForeignType reports whether typ is a record type only DNS providers
// dnsctl does not have can serve.
func IsForeignType(typ string) bool {
	_, ok := foreignTypes[typ]
	return ok
}

// ForeignTypes lists those types.
func ForeignTypes() []string {
	out := make([]string, 0, len(foreignTypes))
	for t := range foreignTypes {
		out = append(out, t)
	}
	return out
}

// canonicalForeign keeps the data of a foreign record as the DSL made it:
// no provider of dnsctl ever serves or compares it.
func canonicalForeign(typ, data string) (string, error) {
	if strings.ContainsAny(data, "\n\r") {
		return "", fmt.Errorf("%s data %q holds a line break", typ, shorten(data))
	}
	return data, nil
}

// foreignHint explains, after "provider X does not support T records",
// why a foreign type T is refused and what to use at Route 53 instead.
func foreignHint(typ string) string {
	ft, ok := foreignTypes[typ]
	if !ok {
		return ""
	}
	s := fmt.Sprintf("; %s() makes records that only DNSControl providers dnsctl does not have serve (%s)", ft.fn, ft.servedBy)
	if ft.route53 != "" {
		s += "; at Route 53 use " + ft.route53 + " instead"
	}
	return s
}
