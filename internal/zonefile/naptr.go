package zonefile

import (
	"fmt"
	"strings"
)

// naptrTokens splits NAPTR data into its six fields, keeping the inside of a
// quoted field as written (its escapes included): NAPTR() in dnsconfig.js
// takes flags, service and regexp in presentation form, as DNSControl does,
// so the export must write them that way for the zone to read back unchanged.
func naptrTokens(d string) ([]string, error) {
	var out []string
	i := 0
	for {
		for i < len(d) && (d[i] == ' ' || d[i] == '\t') {
			i++
		}
		if i >= len(d) {
			return out, nil
		}
		if d[i] != '"' {
			j := i
			for j < len(d) && d[j] != ' ' && d[j] != '\t' {
				j++
			}
			out = append(out, d[i:j])
			i = j
			continue
		}
		j := i + 1
		for j < len(d) && d[j] != '"' {
			if d[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(d) {
			return nil, fmt.Errorf("data %q has an unterminated quote", d)
		}
		out = append(out, strings.Clone(d[i+1:j]))
		i = j + 1
	}
}
