package cli

import (
	"bytes"
	"io"
	"sync"
)

// orderedOutput lets zones worked on concurrently print in configuration
// order without waiting for the whole run: the first unfinished zone
// writes straight through (so a long push shows its progress as it goes,
// and what was printed before an interruption is on screen), the ones
// after it are held until every zone before them is done.
type orderedOutput struct {
	mu     sync.Mutex
	w      io.Writer
	head   int
	bufs   []bytes.Buffer
	done   []bool
	before func() // called before anything reaches w (clears a progress line)
}

func newOrderedOutput(w io.Writer, n int, before func()) *orderedOutput {
	if before == nil {
		before = func() {}
	}
	return &orderedOutput{w: w, bufs: make([]bytes.Buffer, n), done: make([]bool, n), before: before}
}

// zone returns the writer of zone i.
func (o *orderedOutput) zone(i int) io.Writer { return zoneWriter{o, i} }

type zoneWriter struct {
	o *orderedOutput
	i int
}

func (z zoneWriter) Write(p []byte) (int, error) {
	o := z.o
	o.mu.Lock()
	defer o.mu.Unlock()
	if z.i == o.head {
		o.before()
		return o.w.Write(p)
	}
	return o.bufs[z.i].Write(p)
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
			o.w.Write(o.bufs[o.head].Bytes())
			o.bufs[o.head] = bytes.Buffer{}
		}
	}
}
