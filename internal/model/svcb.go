package model

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/miekg/dns"
)

// ECHIgnore is how the canonical data of a configured HTTPS or SVCB record
// holds DNSControl's ech=IGNORE: "keep the ech value the zone has". It is
// no base64, so no provider ever returns it; ResolveECHIgnore replaces it
// before records are compared.
const ECHIgnore = `ech="IGNORE"`

// echIgnoreRE finds ech=IGNORE (or ech="IGNORE") among the parameters.
var echIgnoreRE = regexp.MustCompile(`(^|[ \t])ech=(?:"IGNORE"|IGNORE)([ \t]|$)`)

// echPlaceholder stands in for IGNORE while the parser reads the record:
// valid base64 (of "dnsctl-ech-ignore"), so every other check still runs.
const echPlaceholder = "ZG5zY3RsLWVjaC1pZ25vcmU="

// echValueRE finds the ech value in canonical data (miekg quotes it).
var echValueRE = regexp.MustCompile(`(?:^| )ech="([^"]*)"`)

// mandatoryECHRE finds a mandatory= list that names ech.
var mandatoryECHRE = regexp.MustCompile(`(?:^| )mandatory="?[^ "]*\bech\b`)

// canonicalSVCB canonicalises the data of a configured HTTPS or SVCB record,
// accepting ech=IGNORE as DNSControl does.
func canonicalSVCB(typ, data, zone string) (string, error) {
	if !echIgnoreRE.MatchString(data) {
		return parseGeneric(typ, data, zone, true)
	}
	sub := echIgnoreRE.ReplaceAllString(data, "${1}ech="+echPlaceholder+"${2}")
	out, err := parseGeneric(typ, sub, zone, true)
	if err != nil {
		return "", fmt.Errorf("%s", strings.ReplaceAll(err.Error(), echPlaceholder, "IGNORE"))
	}
	return strings.Replace(out, `ech="`+echPlaceholder+`"`, ECHIgnore, 1), nil
}

// ResolveECHIgnore gives every desired HTTPS or SVCB record that says
// ech=IGNORE the ech value of the existing record it replaces, as
// DNSControl does: the existing record of the same set (name, type, set
// identifier) with the same priority and target, else the first of the
// set with an ech value. Where the set has none, the parameter is left
// out. desired is changed in place; no record keeps ECHIgnore.
func ResolveECHIgnore(desired, existing []*Record) error {
	for _, r := range desired {
		if (r.Type != "HTTPS" && r.Type != "SVCB") || !strings.Contains(r.Data, ECHIgnore) {
			continue
		}
		head := svcbHead(r.Data)
		var val string
		found := false
		for _, e := range existing {
			if e.Name != r.Name || e.Type != r.Type || e.SetID != r.SetID {
				continue
			}
			m := echValueRE.FindStringSubmatch(e.Data)
			if m == nil {
				continue
			}
			same := svcbHead(e.Data) == head
			if !found || same {
				val, found = m[1], true
			}
			if same {
				break
			}
		}
		if found {
			r.Data = strings.Replace(r.Data, ECHIgnore, `ech="`+val+`"`, 1)
			continue
		}
		if mandatoryECHRE.MatchString(r.Data) {
			return fmt.Errorf("%s%s %s: ech=IGNORE keeps the ech value the zone has, but it has none, and mandatory= lists ech; give the value once",
				posPrefix(r.Pos), r.Type, r.Name)
		}
		r.Data = strings.TrimSpace(strings.Replace(r.Data, " "+ECHIgnore, "", 1))
	}
	return nil
}

func posPrefix(pos string) string {
	if pos == "" {
		return ""
	}
	return pos + ": "
}

// svcbHead returns the priority and target of SVCB data.
func svcbHead(data string) string {
	f := strings.SplitN(data, " ", 3)
	if len(f) < 2 {
		return data
	}
	return f[0] + " " + f[1]
}

// svcbParamProblem says which parameter of SVCB/HTTPS data does not parse
// and what it takes, for the parse errors miekg/dns gives without a
// reason; "" when it cannot tell.
func svcbParamProblem(typ, data string) string {
	toks, err := presentationFields(data)
	if err != nil || len(toks) < 2 {
		return ""
	}
	for _, t := range toks[2:] {
		zp := dns.NewZoneParser(strings.NewReader("@ 1 IN "+typ+" 1 . "+t+"\n"), ".", "")
		zp.Next()
		if zp.Err() == nil {
			continue
		}
		key, _, _ := strings.Cut(t, "=")
		what, ok := svcbKeyTakes[key]
		if !ok {
			if strings.HasPrefix(key, "key") {
				what = "a value in presentation form, and key numbers run from 0 to 65535"
			} else {
				return fmt.Sprintf("parameter %s: %q is not a parameter name (use alpn, port, ipv4hint, ipv6hint, ech, mandatory, no-default-alpn, dohpath, ohttp or keyNNNNN)", t, key)
			}
		}
		return fmt.Sprintf("parameter %s is not valid: %s takes %s", t, key, what)
	}
	return ""
}

var svcbKeyTakes = map[string]string{
	"mandatory":       "a comma-separated list of parameter names",
	"alpn":            "a comma-separated list of protocol names such as h2,h3",
	"no-default-alpn": "no value",
	"port":            "a port number from 0 to 65535",
	"ipv4hint":        "IPv4 addresses separated by commas",
	"ech":             "base64 (an ECHConfigList), or IGNORE to keep the value the zone has",
	"ipv6hint":        "IPv6 addresses separated by commas",
	"dohpath":         "a URI template (RFC 9461)",
	"ohttp":           "no value",
}

// presentationFields splits data at blanks outside double quotes, keeping
// the quotes.
func presentationFields(data string) ([]string, error) {
	var out []string
	var b strings.Builder
	inQuote, esc := false, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case esc:
			esc = false
		case c == '\\':
			esc = true
		case c == '"':
			inQuote = !inQuote
		case (c == ' ' || c == '\t') && !inQuote:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
			continue
		}
		b.WriteByte(c)
	}
	if inQuote {
		return nil, fmt.Errorf("unterminated quote")
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out, nil
}
