package bind

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// providerMeta is what the configuration may say about a BIND provider in
// its declaration, NewDnsProvider("bind", {default_soa: {...}, default_ns:
// [...]}), as DNSControl's BIND provider reads it:
//
//   - default_ns: name servers written as the apex NS set of every zone
//     (besides NAMESERVER() and NS("@")), the way a hosted provider's own
//     name servers are;
//   - default_soa: the SOA fields (master, mbox, serial, refresh, retry,
//     expire, minttl, ttl) a zone gets when it has no SOA yet. They never
//     change an existing SOA (SOA() does that).
//
// Unknown keys are ignored, as DNSControl ignores them.
type providerMeta struct {
	nameservers []string
	soa         soaDefaults
}

// soaDefaults are default_soa's fields; zero or empty means "dnsctl's
// default".
type soaDefaults struct {
	master, mbox                                string
	serial, refresh, retry, expire, minTTL, ttl uint32
}

func parseMeta(meta map[string]any) (providerMeta, error) {
	var m providerMeta
	if v, ok := meta["default_ns"]; ok && v != nil {
		list, ok := v.([]any)
		if !ok {
			return m, fmt.Errorf("default_ns must be a list of name server names, not %s", describeJSON(v))
		}
		for i, x := range list {
			s, ok := x.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return m, fmt.Errorf("default_ns[%d] must be a name server name, not %s", i, describeJSON(x))
			}
			if !strings.HasSuffix(s, ".") {
				return m, fmt.Errorf("default_ns[%d] %q must be a fully qualified name ending in a dot (%q)", i, s, s+".")
			}
			n, err := model.QualifyTarget(s, ".")
			if err != nil {
				return m, fmt.Errorf("default_ns[%d]: %w", i, err)
			}
			m.nameservers = append(m.nameservers, n)
		}
	}
	if v, ok := meta["default_soa"]; ok && v != nil {
		obj, ok := v.(map[string]any)
		if !ok {
			return m, fmt.Errorf("default_soa must be an object such as {master: \"ns1.example.com.\", mbox: \"hostmaster.example.com.\"}, not %s", describeJSON(v))
		}
		for k, x := range obj {
			var err error
			switch k {
			case "master", "mbox":
				s, ok := x.(string)
				if !ok {
					return m, fmt.Errorf("default_soa.%s must be a name, not %s", k, describeJSON(x))
				}
				if k == "master" {
					m.soa.master = s
				} else {
					m.soa.mbox = s
				}
			case "serial":
				m.soa.serial, err = metaUint(k, x)
			case "refresh":
				m.soa.refresh, err = metaUint(k, x)
			case "retry":
				m.soa.retry, err = metaUint(k, x)
			case "expire":
				m.soa.expire, err = metaUint(k, x)
			case "minttl":
				m.soa.minTTL, err = metaUint(k, x)
			case "ttl":
				m.soa.ttl, err = metaUint(k, x)
			}
			if err != nil {
				return m, err
			}
		}
		// Checked once here, so that a zone's SOA never fails later.
		if _, err := model.CanonicalSOA(m.soa.data("example.", 0), "example."); err != nil {
			return m, fmt.Errorf("default_soa: %w", err)
		}
	}
	return m, nil
}

// metaUint reads a 32-bit number given as a JSON number or a numeric string.
func metaUint(key string, v any) (uint32, error) {
	switch x := v.(type) {
	case int64: // goja exports integral numbers so
		if x >= 0 && x <= math.MaxUint32 {
			return uint32(x), nil
		}
	case float64:
		if x >= 0 && x <= math.MaxUint32 && x == math.Trunc(x) {
			return uint32(x), nil
		}
	case string:
		if n, err := strconv.ParseUint(strings.TrimSpace(x), 10, 32); err == nil {
			return uint32(n), nil
		}
	}
	return 0, fmt.Errorf("default_soa.%s must be a number from 0 to 4294967295, not %s", key, describeJSON(v))
}

func describeJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil || len(b) > 60 {
		return fmt.Sprintf("a %T", v)
	}
	return string(b)
}

// data returns the SOA data of a zone that has none: default_soa's fields
// where set, else the first of the zone's apex NS (or ns1.<zone>) and
// hostmaster.<zone>, with dnsctl's default timers. host is the zone name
// as it may appear in host names (dot-terminated).
func (d soaDefaults) data(host string, serial uint32) string {
	master, mbox := d.master, d.mbox
	if master == "" {
		master = "ns1." + host
	}
	if mbox == "" {
		mbox = "hostmaster." + host
	}
	if d.serial > serial {
		serial = d.serial
	}
	return fmt.Sprintf("%s %s %d %d %d %d %d", master, mbox, serial,
		orDefault(d.refresh, defaultSOARefresh), orDefault(d.retry, defaultSOARetry),
		orDefault(d.expire, defaultSOAExpire), orDefault(d.minTTL, defaultSOAMinTTL))
}

func orDefault(v, def uint32) uint32 {
	if v == 0 {
		return def
	}
	return v
}
