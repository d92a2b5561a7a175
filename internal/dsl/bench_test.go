package dsl

import (
	"fmt"
	"strings"
	"testing"
)

// genOneDomain writes a dnsconfig.js with one D() of n A records passed
// as arguments, one per line.
func genOneDomain(n int) []byte {
	var b strings.Builder
	b.WriteString("var REG = NewRegistrar(\"none\");\nvar P = NewDnsProvider(\"r53\");\n")
	b.WriteString("D(\"example.com\", REG, DnsProvider(P),\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  A(\"h%d\", \"10.%d.%d.%d\"),\n", i, i>>16&255, i>>8&255, i&255)
	}
	b.WriteString("END);\n")
	return []byte(b.String())
}

// genManyDomains writes domains D()s of perDomain records each, mixing
// record types, built with a loop the way larger configurations are.
func genManyDomains(domains, perDomain int) []byte {
	var b strings.Builder
	b.WriteString("var REG = NewRegistrar(\"none\");\nvar P = NewDnsProvider(\"r53\");\n")
	fmt.Fprintf(&b, "for (let d = 0; d < %d; d++) {\n", domains)
	b.WriteString("  const recs = [];\n")
	fmt.Fprintf(&b, "  for (let i = 0; i < %d; i += 5) {\n", perDomain)
	b.WriteString("    recs.push(A(`h${i}`, `10.0.${i >> 8}.${i & 255}`),\n")
	b.WriteString("      AAAA(`h${i}`, \"2001:db8::1\", TTL(\"1h\")),\n")
	b.WriteString("      CNAME(`c${i}`, `h${i}`),\n")
	b.WriteString("      MX(`m${i}`, 10, \"mail.example.net.\"),\n")
	b.WriteString("      TXT(`t${i}`, \"v=spf1 -all\"));\n")
	b.WriteString("  }\n")
	b.WriteString("  D(`example${d}.com`, REG, DnsProvider(P), DefaultTTL(600), recs);\n")
	b.WriteString("}\n")
	return []byte(b.String())
}

func benchmarkEvaluate(b *testing.B, src []byte, wantDomains, wantRecords int) {
	b.ReportAllocs()
	for b.Loop() {
		cfg, err := EvaluateSource("dnsconfig.js", src, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, d := range cfg.Domains {
			n += len(d.Records)
		}
		if len(cfg.Domains) != wantDomains || n != wantRecords {
			b.Fatalf("got %d domains and %d records, want %d and %d", len(cfg.Domains), n, wantDomains, wantRecords)
		}
	}
}

func BenchmarkEvaluate20k(b *testing.B) {
	benchmarkEvaluate(b, genOneDomain(20000), 1, 20000)
}

func BenchmarkEvaluate50k(b *testing.B) {
	benchmarkEvaluate(b, genOneDomain(50000), 1, 50000)
}

func BenchmarkEvaluate100x500(b *testing.B) {
	benchmarkEvaluate(b, genManyDomains(100, 500), 100, 100*500)
}
