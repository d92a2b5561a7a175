package zonefile

import (
	"strings"
)

// naptrTokens splits NAPTR data into its six fields, keeping the inside of a
// quoted field as written (its escapes included): NAPTR() in dnsconfig.js
// takes flags, service and regexp in presentation form, as DNSControl does,
// so the export must write them that way for the zone to read back unchanged.
func naptrTokens(d string) ([]string, error) {
	return splitFields(d, func(q string) (string, error) {
		return strings.Clone(q[1 : len(q)-1]), nil
	})
}
