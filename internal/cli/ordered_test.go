package cli

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dnsctl/dnsctl/internal/safe"
)

func TestOrderedOutputStreamsHeadAndKeepsOrder(t *testing.T) {
	var w strings.Builder
	cleared := 0
	o := newOrderedOutput(safe.NewWriter(&w), 3, func() { cleared++ })
	fmt.Fprint(o.zone(2), "c1 ")
	o.finish(2)
	fmt.Fprint(o.zone(1), "b1 ")
	fmt.Fprint(o.zone(0), "a1 ")
	if got := w.String(); got != "a1 " {
		t.Fatalf("the first zone must write through at once, others wait: %q", got)
	}
	fmt.Fprint(o.zone(0), "a2 ")
	o.finish(0)
	if got := w.String(); got != "a1 a2 b1 " {
		t.Fatalf("after zone 0: %q", got)
	}
	fmt.Fprint(o.zone(1), "b2 ")
	if got := w.String(); got != "a1 a2 b1 b2 " {
		t.Fatalf("zone 1 is now the head and writes through: %q", got)
	}
	o.finish(1)
	if got := w.String(); got != "a1 a2 b1 b2 c1 " {
		t.Fatalf("after zone 1: %q", got)
	}
	if cleared == 0 {
		t.Error("before-hook never called")
	}
}

func TestOrderedOutputConcurrent(t *testing.T) {
	var w strings.Builder
	const n = 50
	o := newOrderedOutput(safe.NewWriter(&w), n, nil)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 3 {
				fmt.Fprintf(o.zone(i), "%d.%d\n", i, j)
			}
			o.finish(i)
		}()
	}
	wg.Wait()
	var want strings.Builder
	for i := range n {
		for j := range 3 {
			fmt.Fprintf(&want, "%d.%d\n", i, j)
		}
	}
	if w.String() != want.String() {
		t.Errorf("order lost:\n%s", w.String())
	}
}

// A zone's output held back keeps the program's colours and is escaped
// once, the same as output written straight through.
func TestOrderedOutputHeldZoneIsEscaped(t *testing.T) {
	var w strings.Builder
	o := newOrderedOutput(safe.NewWriter(&w), 2, nil)
	for i := range 2 {
		z := o.zone(i)
		z.WriteSeq(safe.Colour(32))
		safe.Fprintf(z, "zone %d %s\n", i, "x\x1b[2J\ny")
		z.WriteSeq(safe.Reset)
	}
	o.finish(1)
	o.finish(0)
	const want = "\x1b[32mzone 0 x\\x1b[2J\\ny\n\x1b[0m\x1b[32mzone 1 x\\x1b[2J\\ny\n\x1b[0m"
	if w.String() != want {
		t.Errorf("got %q\nwant %q", w.String(), want)
	}
}
