package cli

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestOrderedOutputStreamsHeadAndKeepsOrder(t *testing.T) {
	var w strings.Builder
	cleared := 0
	o := newOrderedOutput(&w, 3, func() { cleared++ })
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
	o := newOrderedOutput(&w, n, nil)
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
