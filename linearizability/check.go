package linearizability

// Verdicts, options and results shared by the checkers.

import (
	"fmt"
	"strings"
	"time"
)

// Verdict is a checker's answer. It is three-valued: a checker that cannot decide —
// out of time, or out of its memory budget — says Unknown, never Ok.
type Verdict uint8

const (
	// Unknown: the checker gave up (Result.Reason says why).
	Unknown Verdict = iota
	// Ok: the history is linearizable; the checker found a linearization.
	Ok
	// Illegal: the history is not linearizable (Result.Violations says why).
	Illegal
)

func (v Verdict) String() string {
	switch v {
	case Ok:
		return "ok"
	case Illegal:
		return "illegal"
	}
	return "unknown"
}

// Defaults of Options.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxMemory = 1 << 30
)

// Options bound a check.
type Options struct {
	// Timeout bounds the search (0: DefaultTimeout).
	Timeout time.Duration
	// MaxMemory bounds the memory the search may hold, in bytes, as estimated from
	// the states it caches — within about 10% of the heap measured (0:
	// DefaultMaxMemory). Porcupine caches every (linearized set, state) pair it
	// reaches, and their number grows without bound on hard histories.
	MaxMemory int64
	// VisualizeDir, if set, is where an illegal history's HTML visualization is
	// written (Porcupine's, annotated with the violations); Result.Visualization is
	// its path.
	VisualizeDir string
	// Name names the visualization file (default "history").
	Name string
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

func (o Options) maxMemory() int64 {
	if o.MaxMemory <= 0 {
		return DefaultMaxMemory
	}
	return o.MaxMemory
}

// Result is the outcome of a check.
type Result struct {
	Verdict Verdict
	// Checker names the checker that decided.
	Checker string
	// Violations: for Illegal, the operations that cannot be linearized and why.
	Violations []Violation
	// Reason: for Unknown, why the checker gave up.
	Reason string
	// Fallback lists what the channel checker left to Porcupine, and why.
	Fallback []string
	// Partitions and Actions describe the work: the independent sub-histories and the
	// steps to linearize.
	Partitions, Actions int
	// Visualization is the path of the HTML file written for an illegal history.
	Visualization string
}

func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%d actions in %d partitions)", r.Checker, r.Verdict, r.Actions, r.Partitions)
	if r.Reason != "" {
		b.WriteString(": " + r.Reason)
	}
	for _, f := range r.Fallback {
		b.WriteString("\n\tfallback: " + f)
	}
	for _, v := range r.Violations {
		b.WriteString("\n\t" + v.String())
	}
	if r.Visualization != "" {
		b.WriteString("\n\tvisualization: " + r.Visualization)
	}
	return b.String()
}
