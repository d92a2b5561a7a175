package engine

import (
	"fmt"
	"strings"

	"github.com/dnsctl/dnsctl/internal/provider"
)

// Unhandled is a domain, or the registrar part of one, that the run leaves
// alone because it needs a provider of a type DNSControl has and dnsctl
// does not (CLOUDFLAREAPI, GANDI_V5…). Such configurations are common (one
// dnsconfig.js for every provider of an organisation); they must not stop
// the domains dnsctl can serve.
type Unhandled struct {
	// Domain is the domain's unique name ("example.com!tag").
	Domain string
	// Provider and Type are the creds.json entry and its provider type.
	Provider, Type string
	// Registrar says only the registrar is left alone: the zone itself is
	// handled, its delegation is neither checked nor changed.
	Registrar bool
	// Named says --domains named the domain exactly: the user asked for
	// it, so leaving it alone is an error of the run.
	Named bool
}

// String is the one line that says what is left alone and why.
func (u Unhandled) String() string {
	if u.Registrar {
		return fmt.Sprintf("%s: registrar %q is of type %s, which dnsctl does not have; the zone is handled, its delegation is not checked", u.Domain, u.Provider, u.Type)
	}
	return fmt.Sprintf("%s: DNS provider %q is of type %s, which dnsctl does not have; the domain is not handled", u.Domain, u.Provider, u.Type)
}

// foreignTypeError says a provider is of a DNSControl type dnsctl lacks.
type foreignTypeError struct{ typ string }

func (e foreignTypeError) Error() string {
	return fmt.Sprintf("provider type %s is DNSControl's; dnsctl does not have it", e.typ)
}

// setAsideUnhandled takes out of the run the domains that need a DNS
// provider of a type dnsctl does not have, and notes the domains whose
// registrar is of such a type (their zones still run). named holds the
// unique names --domains named exactly.
func (e *Engine) setAsideUnhandled(named map[string]bool) {
	if len(e.missing) == 0 {
		return
	}
	kept := e.Config.Domains[:0]
	for _, d := range e.Config.Domains {
		u := Unhandled{Domain: d.UniqueName(), Named: named[d.UniqueName()]}
		dropped := false
		for _, ref := range d.DNSProviders {
			if t, ok := e.missing["dns:"+ref.Name]; ok {
				u.Provider, u.Type = ref.Name, t
				e.Unhandled = append(e.Unhandled, u)
				dropped = true
				break
			}
		}
		if dropped {
			continue
		}
		kept = append(kept, d)
		if t, ok := e.missing["reg:"+d.Registrar]; ok {
			u.Provider, u.Type, u.Registrar, u.Named = d.Registrar, t, true, false
			e.Unhandled = append(e.Unhandled, u)
		}
	}
	e.Config.Domains = kept
}

// UnhandledNamed reports whether the run leaves alone a domain that
// --domains named: then the run as a whole has failed.
func (e *Engine) UnhandledNamed() bool {
	for _, u := range e.Unhandled {
		if u.Named {
			return true
		}
	}
	return false
}

// foreignType reports whether t is a provider type of DNSControl that
// dnsctl does not have. A type neither knows (a typo) stays an error.
func foreignType(t string) bool {
	t = strings.ToUpper(t)
	if _, err := provider.Lookup(t); err == nil || t == "" {
		return false
	}
	return dnscontrolTypes[t]
}

// dnscontrolTypes are the provider types DNSControl registers (from the
// folders under its providers/), with a few it had and renamed or retired,
// which old creds.json files still name.
var dnscontrolTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`
		ADGUARDHOME AKAMAIEDGEDNS ALIDNS AUTODNS AXFRDDNS AZURE_DNS AZURE_PRIVATE_DNS
		BUNNY_DNS CLOUDFLAREAPI CLOUDNS CNR CSCGLOBAL DESEC DIGITALOCEAN DNSCALE DNSIMPLE
		DNSMADEEASY DNSOVERHTTPS DOMAINNAMESHOP DYNADOT EASYNAME EXOSCALE FORTIGATE GANDI_V5
		GCLOUD GCORE GIDINET HEDNS HETZNER HETZNER_V2 HOSTINGDE HUAWEICLOUD INFOMANIAK
		INTERNETBS INWX JOKER LINODE LOOPIA LUADNS MIKROTIK MYTHICBEASTS NAMECHEAP NAMEDOTCOM
		NETBIRD NETCUP NETLIFY NETNOD NS1 OPENSRS ORACLE OVH PACKETFRAME PORKBUN POWERDNS
		REALTIMEREGISTER RWTH SAKURACLOUD SOFTLAYER TENCENTDNS TRANSIP UNIFI VERCEL VULTR
		ACTIVEDIRECTORY_PS GANDI HEXONET MSDNS OCTODNS
	`) {
		m[t] = true
	}
	return m
}()

// notificationsEntry is the creds.json entry that configures notifications
// (not a provider).
const notificationsEntry = "notifications"
