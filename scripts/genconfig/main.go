// Command genconfig writes a synthetic dnsconfig.js for benchmarks:
//
//	go run ./scripts/genconfig -domains 100 -records 500 > dnsconfig.js
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/dnsctl/dnsctl/internal/testutil/gen"
)

func main() {
	var o gen.Options
	flag.IntVar(&o.Domains, "domains", 1, "number of domains")
	flag.IntVar(&o.Records, "records", 1000, "records per domain")
	flag.Float64Var(&o.Changed, "changed", 0, "share of records with changed data (0.01 = 1%)")
	flag.StringVar(&o.Provider, "provider", "bind", "creds key of the DNS provider")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	if err := gen.Write(w, o); err != nil {
		fmt.Fprintln(os.Stderr, "genconfig:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genconfig:", err)
		os.Exit(1)
	}
}
