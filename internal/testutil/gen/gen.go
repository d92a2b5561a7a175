// Package gen writes synthetic dnsconfig.js files for benchmarks and
// scale tests: a realistic mix of A, AAAA, CNAME, MX and TXT records.
package gen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// header declares the registrar and DNS provider every domain uses.
func header(o Options) string {
	return fmt.Sprintf("var REG = NewRegistrar(\"none\");\nvar DSP = NewDnsProvider(%q);\n", o.provider())
}

func (o Options) provider() string {
	if o.Provider == "" {
		return "bind"
	}
	return o.Provider
}

// Write writes the configuration to w.
func Write(w io.Writer, o Options) error {
	var b strings.Builder
	b.WriteString(header(o))
	for d := 0; d < o.Domains; d++ {
		writeDomain(&b, d, o)
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

// WriteDir writes the configuration split the way a large account keeps
// it: dir/dnsconfig.js declares the registrar and provider and includes
// dir/zones/ with require_glob, and dir/zones/zoneNNNNNN.js holds domain N
// (numbered with leading zeros, so that require_glob, which reads the files
// in name order, declares the domains in Write's order). The records are
// those of Write. Files of domains beyond o.Domains left in
// dir/zones/ by an earlier call are removed.
func WriteDir(dir string, o Options) error {
	zones := filepath.Join(dir, "zones")
	if err := os.MkdirAll(zones, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	top := header(o) + "require_glob(\"./zones/\");\n"
	if err := os.WriteFile(filepath.Join(dir, "dnsconfig.js"), []byte(top), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	old, err := filepath.Glob(filepath.Join(zones, "*.js"))
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	keep := map[string]bool{}
	var b strings.Builder
	for d := 0; d < o.Domains; d++ {
		b.Reset()
		writeDomain(&b, d, o)
		name := filepath.Join(zones, fmt.Sprintf("zone%06d.js", d))
		keep[name] = true
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	for _, f := range old {
		if !keep[f] {
			if err := os.Remove(f); err != nil {
				return fmt.Errorf("gen: %w", err)
			}
		}
	}
	return nil
}

// writeDomain writes the D() call of domain d.
func writeDomain(b *strings.Builder, d int, o Options) {
	fmt.Fprintf(b, "D(\"zone%d.example\", REG, DnsProvider(DSP), DefaultTTL(300),\n", d)
	if o.provider() == "bind" {
		// A zone file BIND loads has name servers.
		b.WriteString("  NAMESERVER(\"ns1.example.net.\"),\n")
	}
	for i := 0; i < o.Records; i++ {
		b.WriteString("  ")
		b.WriteString(Record(i, Value(i, o.Changed)))
		b.WriteString(",\n")
	}
	b.WriteString("END);\n")
}

// Value returns the v that Record is given for the i-th record of a zone
// with the share changed of its records changed: i itself, or a value
// shifted past every baseline value for every (1/changed)-th record,
// starting with record 0.
func Value(i int, changed float64) int {
	if changed > 0 && i%int(1/changed) == 0 {
		return i + 1000003
	}
	return i
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
