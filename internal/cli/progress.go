package cli

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// progress shows "zones done/total, API calls" on a terminal for runs that
// last longer than a few seconds, on one line that it rewrites in place.
type progress struct {
	w     io.Writer
	total int
	done  atomic.Int64
	calls func() int64
	stop  chan struct{}
	ended chan struct{}
}

// startProgress begins reporting after delay; calls may be nil.
func startProgress(w io.Writer, total int, delay time.Duration, calls func() int64) *progress {
	p := &progress{w: w, total: total, calls: calls, stop: make(chan struct{}), ended: make(chan struct{})}
	go p.loop(delay)
	return p
}

func (p *progress) loop(delay time.Duration) {
	defer close(p.ended)
	if delay > 0 {
		select {
		case <-p.stop:
			return
		case <-time.After(delay):
		}
	}
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		p.print()
		select {
		case <-p.stop:
			p.print()
			fmt.Fprint(p.w, "\n")
			return
		case <-t.C:
		}
	}
}

func (p *progress) print() {
	line := fmt.Sprintf("\r%d/%d zones", p.done.Load(), p.total)
	if p.calls != nil {
		line += fmt.Sprintf(", %d API calls", p.calls())
	}
	fmt.Fprint(p.w, line+"\x1b[K")
}

// zoneDone counts one finished zone.
func (p *progress) zoneDone() {
	if p != nil {
		p.done.Add(1)
	}
}

// finish stops the display (printing the final count if it was shown).
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.ended
}
