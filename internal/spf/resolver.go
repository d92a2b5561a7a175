package spf

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// ResolvConf is where the system's resolvers are listed.
const ResolvConf = "/etc/resolv.conf"

// Resolver looks up SPF records with miekg/dns.
type Resolver struct {
	// Servers are "host:port" addresses, tried in order; empty means the
	// name servers of /etc/resolv.conf.
	Servers []string
	// Timeout bounds one query (default 5s).
	Timeout time.Duration
}

// LookupSPF returns the one TXT record at name that starts with "v=spf1"
// (its strings joined), as DNSControl does: none, or more than one, is an
// error.
func (r *Resolver) LookupSPF(ctx context.Context, name string) (string, error) {
	servers := r.Servers
	if len(servers) == 0 {
		conf, err := dns.ClientConfigFromFile(ResolvConf)
		if err != nil {
			return "", fmt.Errorf("no resolver: %w", err)
		}
		for _, s := range conf.Servers {
			servers = append(servers, net.JoinHostPort(s, conf.Port))
		}
		if len(servers) == 0 {
			return "", fmt.Errorf("no resolver: %s lists no name server", ResolvConf)
		}
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	q := new(dns.Msg)
	q.SetQuestion(dns.Fqdn(name), dns.TypeTXT)
	q.RecursionDesired = true
	var errs []error
	for _, srv := range servers {
		ans, err := exchange(ctx, q, srv, timeout)
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
			continue
		}
		switch ans.Rcode {
		case dns.RcodeSuccess:
		case dns.RcodeNameError:
			return "", fmt.Errorf("%s does not exist (NXDOMAIN from %s)", name, srv)
		default:
			errs = append(errs, fmt.Errorf("%s answered %s", srv, dns.RcodeToString[ans.Rcode]))
			continue
		}
		spf := ""
		for _, rr := range ans.Answer {
			txt, ok := rr.(*dns.TXT)
			if !ok {
				continue
			}
			v := unescape(strings.Join(txt.Txt, ""))
			if strings.HasPrefix(v, "v=spf1") {
				if spf != "" {
					return "", fmt.Errorf("%s has more than one SPF record", name)
				}
				spf = v
			}
		}
		if spf == "" {
			return "", fmt.Errorf("%s has no SPF record", name)
		}
		return spf, nil
	}
	return "", errors.Join(errs...)
}

// exchange sends q over UDP, and again over TCP when the answer is
// truncated.
func exchange(ctx context.Context, q *dns.Msg, srv string, timeout time.Duration) (*dns.Msg, error) {
	c := &dns.Client{Net: "udp", Timeout: timeout}
	ans, _, err := c.ExchangeContext(ctx, q, srv)
	if err == nil && ans.Truncated {
		c.Net = "tcp"
		ans, _, err = c.ExchangeContext(ctx, q, srv)
	}
	if err != nil {
		return nil, fmt.Errorf("asking %s: %w", srv, err)
	}
	return ans, nil
}

// unescape undoes miekg/dns's presentation escapes in TXT strings (\"
// and \\, \DDD for other bytes), giving the bytes on the wire.
func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			n := int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
			if n < 256 {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i+1])
		i++
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
