package impl

// The outcome of a run, and the deadlock check (runtime checkdead).

import (
	"fmt"
	"slices"
	"strings"
)

// Status says how a run ended.
type Status uint8

const (
	// StatusFinished: main returned (the other goroutines were then stopped).
	StatusFinished Status = iota
	// StatusDeadlock: no goroutine could run and none was running; Report is the
	// runtime's "fatal error: all goroutines are asleep - deadlock!" with every waiting
	// goroutine, and Blocked lists them.
	StatusDeadlock
	// StatusPanic: a goroutine panicked and did not recover; Panic says which and with what.
	StatusPanic
	// StatusStepLimit: the run reached Config.MaxSteps.
	StatusStepLimit
	// StatusFatal: the scheduler caught a broken rule or invariant (Err names it), like
	// the runtime's throw.
	StatusFatal
	// StatusChooser: the Chooser failed, returned an index out of range, or panicked
	// (Err; Panic holds the panic value, which the caller may re-raise).
	StatusChooser
)

var statusNames = [...]string{"finished", "deadlock", "panic", "step limit", "fatal", "chooser error"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Result is the outcome of Runtime.Run.
type Result struct {
	Status  Status
	Err     error      // StatusStepLimit, StatusFatal, StatusChooser: what happened
	Report  string     // StatusDeadlock: the runtime-style report
	Blocked []Blocked  // StatusDeadlock: every goroutine left, by id
	Panic   *PanicInfo // StatusPanic; StatusChooser if the Chooser panicked
	// Steps is the number of scheduling points (approximate in Parallel mode).
	Steps int64
	// Schedule is the run's choices as a schedule string (Deterministic mode); a Replay
	// of it reproduces the run.
	Schedule string
	// Trace holds the run's events if Config.Trace was set.
	Trace []Event
}

// Blocked describes a goroutine that cannot run, for the deadlock report.
type Blocked struct {
	G      int64
	Reason string // the wait reason, as the runtime prints it ("select", ...), or "lock"
	On     string // what it waits on, as described by its gopark caller; may be empty
}

// PanicInfo describes a goroutine's unrecovered panic.
type PanicInfo struct {
	G     int64
	Value any
	Stack string // the goroutine's stack at the panic
}

// String formats r as the runtime would print it.
func (r Result) String() string {
	switch r.Status {
	case StatusFinished:
		return "finished"
	case StatusDeadlock:
		return r.Report
	case StatusPanic:
		return fmt.Sprintf("panic: %v\n\ngoroutine %d:\n%s", r.Panic.Value, r.Panic.G, r.Panic.Stack)
	}
	return fmt.Sprintf("%v: %v", r.Status, r.Err)
}

// result completes rt.res once the run is over.
func (rt *Runtime) result() Result {
	r := rt.res
	if rt.det {
		r.Steps = rt.d.step
		r.Schedule = encodeRec(rt.d.rec)
	} else {
		for _, mp := range rt.s.allm {
			r.Steps += mp.steps
		}
	}
	r.Trace = rt.trace.events
	return r
}

func encodeRec(rec []int32) string {
	c := make([]int, len(rec))
	for i, x := range rec {
		c[i] = int(x)
	}
	return EncodeSchedule(c)
}

// checkdead builds the result of a run in which no goroutine can run (runtime
// checkdead). Nothing runs while it does: Deterministic mode found no candidate, or in
// Parallel mode every M is idle and sched.lock is held.
func (rt *Runtime) checkdead() Result {
	rt.allglock.Lock()
	gs := slices.Clone(rt.allgs)
	rt.allglock.Unlock()
	slices.SortFunc(gs, func(a, b *G) int { return int(a.id - b.id) })
	var blocked []Blocked
	for _, gp := range gs {
		if gp.getStatus() != _Gdead {
			blocked = append(blocked, gp.blockedInfo())
		}
	}
	if len(blocked) == 0 { // main called runtime.Goexit and everybody else exited
		return Result{Status: StatusDeadlock,
			Report: "fatal error: no goroutines (main called runtime.Goexit) - deadlock!"}
	}
	var b strings.Builder
	b.WriteString("fatal error: all goroutines are asleep - deadlock!\n")
	for _, w := range blocked {
		fmt.Fprintf(&b, "\ngoroutine %d [%s]:\n", w.G, w.Reason)
		if w.On != "" {
			fmt.Fprintf(&b, "\twaiting on %s\n", w.On)
		}
	}
	return Result{Status: StatusDeadlock, Report: b.String(), Blocked: blocked}
}

// blockedInfo describes gp, which cannot run.
func (gp *G) blockedInfo() Blocked {
	w := Blocked{G: gp.id, Reason: gp.waitreason.String()}
	if l := gp.blockedOn; l != nil && l.owner != nil {
		name := "a lock"
		if l.id != 0 {
			name = fmt.Sprintf("lock %d", l.id)
		}
		w.Reason, w.On = "lock", fmt.Sprintf("%s held by goroutine %d", name, l.owner.id)
		return w
	}
	if w.Reason == "" {
		w.Reason = "waiting"
	}
	if gp.waiton != nil {
		w.On = gp.waiton.String()
	}
	return w
}
