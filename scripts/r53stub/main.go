// Command r53stub serves the Route 53 stub of internal/testutil/r53stub:
// synthesised zones of generated records, for benchmarks at account scale.
// It prints the endpoint's URL on its first line of output, then serves
// until killed.
//
//	go run ./scripts/r53stub -zones 1000 -records 1000
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/dnsctl/dnsctl/internal/testutil/r53stub"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on (port 0: any free port)")
	zones := flag.Int("zones", 1000, "hosted zones (zone0.example, zone1.example, ...)")
	records := flag.Int("records", 1000, "generated records per zone")
	flag.Parse()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "r53stub:", err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", l.Addr())
	if err := http.Serve(l, r53stub.New(*zones, *records)); err != nil {
		fmt.Fprintln(os.Stderr, "r53stub:", err)
		os.Exit(1)
	}
}
