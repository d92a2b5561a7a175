// Package gen writes synthetic dnsconfig.js files for benchmarks and
// scale tests: a realistic mix of A, AAAA, CNAME, MX and TXT records.
package gen

import (
	"fmt"
	"io"
	"strings"
)

// Options shape a generated configuration.
type Options struct {
	Domains int
	Records int // per domain
	// Changed is the share of records (0 to 1) whose data differs from the
	// baseline, to measure a diff against a copy with some changes.
	Changed float64
	// Provider is the creds key of the DNS provider (default "bind").
	Provider string
}

// Write writes the configuration to w.
func Write(w io.Writer, o Options) error {
	if o.Provider == "" {
		o.Provider = "bind"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "var REG = NewRegistrar(\"none\");\nvar DSP = NewDnsProvider(%q);\n", o.Provider)
	every := 0
	if o.Changed > 0 {
		every = int(1 / o.Changed)
	}
	for d := 0; d < o.Domains; d++ {
		fmt.Fprintf(&b, "D(\"zone%d.example\", REG, DnsProvider(DSP), DefaultTTL(300),\n", d)
		if o.Provider == "bind" {
			// A zone file BIND loads has name servers.
			b.WriteString("  NAMESERVER(\"ns1.example.net.\"),\n")
		}
		for i := 0; i < o.Records; i++ {
			v := i
			if every > 0 && i%every == 0 {
				v += 1000003
			}
			b.WriteString("  ")
			b.WriteString(Record(i, v))
			b.WriteString(",\n")
		}
		b.WriteString("END);\n")
		if b.Len() > 1<<20 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Record returns the i-th record of a generated zone as a dnsconfig.js
// call; v varies its data (v == i for the baseline).
func Record(i, v int) string {
	switch i % 10 {
	case 0, 1, 2, 3:
		return fmt.Sprintf("A(\"h%d\", \"10.%d.%d.%d\")", i, v>>16&255, v>>8&255, v&255)
	case 4:
		return fmt.Sprintf("AAAA(\"h%d\", \"2001:db8::%x:%x\")", i, v>>16&0xffff, v&0xffff)
	case 5, 6:
		return fmt.Sprintf("CNAME(\"c%d\", \"h%d\")", i, v%1000*10)
	case 7:
		return fmt.Sprintf("MX(\"m%d\", %d, \"mail%d.example.net.\")", i, 10+v%50, v%7)
	default:
		return fmt.Sprintf("TXT(\"t%d\", \"v=spf1 include:_spf%d.example.net ~all\")", i, v)
	}
}
