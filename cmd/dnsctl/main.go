// Command dnsctl manages DNS zones as code: see the README.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/dnsctl/dnsctl/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
