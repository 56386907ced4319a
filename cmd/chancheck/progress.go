package main

// The live progress line: redrawn in place with \r on a terminal, printed as plain
// lines now and then when the output is a file or a pipe (CI logs).

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/proptest"
)

// How often the progress line is drawn.
const (
	ttyEvery   = 250 * time.Millisecond
	plainEvery = 10 * time.Second
)

// progress draws the campaigns' progress from its own goroutine, until stop.
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	done  chan struct{}
	wg    sync.WaitGroup

	mu    sync.Mutex // guards the stats, which the campaigns' goroutines set
	sched proptest.CampaignStats
	hist  linearizability.CampaignStats

	width int    // of the line last drawn on the terminal, to blank what is left of it
	runs  string // what a run of a program is called: "schedules", or "runs" (native)
}

func newProgress(w io.Writer, start time.Time, runs string) *progress {
	p := &progress{w: w, tty: isTerminal(w), start: start, done: make(chan struct{}), runs: runs}
	every := plainEvery
	if p.tty {
		every = ttyEvery
	}
	p.wg.Go(func() { p.loop(every) })
	return p
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// schedules and histories record the campaigns' stats (their Progress callbacks).
func (p *progress) schedules(st proptest.CampaignStats) {
	p.mu.Lock()
	p.sched = st
	p.mu.Unlock()
}

func (p *progress) histories(st linearizability.CampaignStats) {
	p.mu.Lock()
	p.hist = st
	p.mu.Unlock()
}

func (p *progress) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
			p.draw()
		}
	}
}

// stop stops the drawing and draws the last line.
func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
	p.draw()
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw() {
	line := p.line()
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprint(p.w, "\r"+line+strings.Repeat(" ", pad))
}

// line is the progress line: elapsed, programs, schedules and their rate,
// histories, failures.
func (p *progress) line() string {
	p.mu.Lock()
	sched, hist := p.sched, p.hist
	p.mu.Unlock()
	elapsed := time.Since(p.start)
	failures := 0
	for _, ps := range sched.Props {
		failures += ps.Failures
	}
	for _, cs := range hist.Checks {
		failures += cs.Failures
	}
	rate := float64(sched.Schedules) / max(elapsed.Seconds(), 1e-3)
	return fmt.Sprintf("%7.1fs  programs %d  %s %d (%.0f/s)  histories %d  failures %d",
		elapsed.Seconds(), sched.Programs, p.runs, sched.Schedules, rate, hist.Histories, failures)
}
