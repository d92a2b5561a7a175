package cli

import (
	"sync"

	"github.com/dnsctl/dnsctl/internal/safe"
)

// orderedOutput lets zones worked on concurrently print in configuration
// order without waiting for the whole run: the first unfinished zone
// writes straight through (so a long push shows its progress as it goes,
// and what was printed before an interruption is on screen), the ones
// after it are held until every zone before them is done.
type orderedOutput struct {
	mu     sync.Mutex
	w      *safe.Writer
	head   int
	bufs   []safe.Buffer
	done   []bool
	before func() // called before anything reaches w (clears a progress line)
}

func newOrderedOutput(w *safe.Writer, n int, before func()) *orderedOutput {
	if before == nil {
		before = func() {}
	}
	return &orderedOutput{w: w, bufs: make([]safe.Buffer, n), done: make([]bool, n), before: before}
}

// zone returns the printer of zone i.
func (o *orderedOutput) zone(i int) safe.Printer { return zoneWriter{o, i} }

type zoneWriter struct {
	o *orderedOutput
	i int
}

// to returns where zone i prints now; o.mu must be held.
func (z zoneWriter) to() safe.Printer {
	o := z.o
	if z.i == o.head {
		o.before()
		return o.w
	}
	return &o.bufs[z.i]
}

func (z zoneWriter) Write(p []byte) (int, error) {
	z.o.mu.Lock()
	defer z.o.mu.Unlock()
	return z.to().Write(p)
}

func (z zoneWriter) WriteSeq(s safe.Seq) error {
	z.o.mu.Lock()
	defer z.o.mu.Unlock()
	return z.to().WriteSeq(s)
}

// finish marks zone i done and writes out every held zone whose turn it now is.
func (o *orderedOutput) finish(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[i] = true
	for o.head < len(o.done) && o.done[o.head] {
		o.head++
		if o.head < len(o.bufs) && o.bufs[o.head].Len() > 0 {
			o.before()
			o.bufs[o.head].WriteTo(o.w)
		}
	}
}
