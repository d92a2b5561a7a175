// Command dnsctl manages DNS zones as code: see the README.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dnsctl/dnsctl/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first interrupt ends ctx: the run stops cleanly (cli.Main
		// says how: at once, or after the change requests already sent).
		// Signals then get their default handling again, so a second
		// interrupt ends the process at once.
		<-ctx.Done()
		stop()
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
