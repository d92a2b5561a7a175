package cli

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// progress shows "zones done/total, API calls" on a terminal for runs that
// last longer than a few seconds, on one line that it rewrites in place.
type progress struct {
	w     *safe.Writer
	total int
	done  atomic.Int64
	calls func() int64
	stop  chan struct{}
	ended chan struct{}

	mu    sync.Mutex
	shown bool   // the line is on screen
	label string // the stage of the run, if it has several
}

// startProgress begins reporting after delay; calls may be nil.
func startProgress(w *safe.Writer, total int, delay time.Duration, calls func() int64) *progress {
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
			p.mu.Lock()
			safe.Fprintf(p.w, "\n")
			p.shown = false
			p.mu.Unlock()
			return
		case <-t.C:
		}
	}
}

func (p *progress) print() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shown = true
	p.w.WriteSeq(safe.CR)
	if p.label != "" {
		safe.Fprintf(p.w, "%s: ", p.label)
	}
	safe.Fprintf(p.w, "%d/%d zones", p.done.Load(), p.total)
	if p.calls != nil {
		safe.Fprintf(p.w, ", %d API calls", p.calls())
	}
	p.w.WriteSeq(safe.EraseLine)
}

// clear erases the progress line, if shown, so that other output starts
// on a clean line; the next tick draws it again below that output.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		p.w.WriteSeq(safe.CR)
		p.w.WriteSeq(safe.EraseLine)
		p.shown = false
	}
}

// stage starts a stage of the run (push plans every zone, then pushes
// them): the line names it and counts its zones from 0.
func (p *progress) stage(label string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label = label
	p.done.Store(0)
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

// Observe follows a run: each stage restarts the count, and a zone counts
// once planned while push plans, otherwise once finished.
func (p *progress) Observe(ev engine.Event) {
	if p == nil {
		return
	}
	switch ev := ev.(type) {
	case engine.StageStarted:
		p.stage(string(ev.Stage))
	case engine.ZonePlanned:
		if p.inStage(string(engine.StagePlanning)) {
			p.zoneDone()
		}
	case engine.ZoneFinished:
		if !p.inStage(string(engine.StagePlanning)) {
			p.zoneDone()
		}
	}
}

func (p *progress) inStage(label string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.label == label
}
