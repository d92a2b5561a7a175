// Command dnsctl manages DNS zones as code: see the README.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/dnsctl/dnsctl/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	go func() {
		<-ctx.Done()
		select {
		case <-finished:
			return // the run ended normally
		default:
		}
		// The first interrupt stops the run cleanly: change requests
		// already sent are seen through, nothing new starts. A second one
		// ends the process at once.
		stop()
		fmt.Fprintln(os.Stderr, "dnsctl: interrupted; finishing the requests in flight (interrupt again to quit at once)")
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	close(finished)
	stop()
	os.Exit(code)
}
