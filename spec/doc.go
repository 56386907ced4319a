// Package spec is the executable specification of Go channels: the oracle
// that every other part of chanmodel is checked against. It is pure — no
// goroutines, no clocks, no randomness — and written to be read.
//
// # Levels
//
// The channel level (chan.go) is one channel value, Chan: its capacity, the
// values buffered in it and whether it is closed, with Make, Send, Recv,
// Close, Len and Cap, each returning whether it is ready and its effect.
// Panics are results carrying the runtime's exact messages (PanicSendClosed
// and the others).
//
// The program level (program.go, text.go) is a small program: channels
// declared up front (a capacity, or nil) and goroutines, each a straight-line
// list of operations — send, receive (with or without ok), close, len, cap and
// select with any number of cases and an optional default. Programs have a
// text form (Parse, Format):
//
//	chan c 0
//	go g1
//		c <- 1
//	go g2
//		<-c, ok
//
// The transition system (state.go, step.go) runs a program. A State holds the
// channels and, per goroutine, its position, status (running, blocked, done,
// panicked) and results so far. A Step either completes a goroutine's
// operation — together with the blocked goroutines the same step completes, in
// Step.Woken — or blocks it. Blocking is the absence of a step: a goroutine
// whose operation is not ready takes a Block step and waits to be completed.
// A send and a receive on an unbuffered channel complete together in one step
// (a rendezvous); a select completes exactly one ready case, any of them,
// default only when none is ready; a goroutine never rendezvouses with itself.
//
// # Two strengths
//
// Language allows what the Go specification and memory model promise and
// nothing more is required: buffers are FIFO, but which of several blocked
// goroutines proceeds is not constrained, and a blocked goroutine whose
// operation becomes ready (a value arrives in the buffer, room appears, the
// channel is closed) completes in a later step of its own.
//
// Runtime also requires what runtime/chan.go guarantees. Blocked goroutines
// remember the order in which they blocked; each channel's blocked receivers
// (recvq) and blocked senders (sendq) are served in that order. A sender that
// finds a blocked receiver hands its value over directly, even on a buffered
// channel. A receiver that finds a blocked sender takes its value directly
// (unbuffered) or takes the oldest buffered value and moves the sender's value
// into the buffer in the same step (buffered, so full: the rotation of
// runtime chan.go recv). Close releases every blocked receiver with (0, false)
// and then makes every blocked sender panic, in the same step; so a blocked
// select { case c <- v: case <-c: } on unbuffered c resolves as the receive.
// Blocked goroutines never proceed on their own.
//
// Every Runtime behaviour is a Language behaviour; the tests check that the
// Runtime outcome set is included in the Language one on many programs.
//
// # Outcomes
//
// Outcomes (explore.go) explores every state of a program and returns the
// set of final outcomes: per goroutine, one Result per completed operation
// and whether it ended blocked. FormatOutcome prints an outcome like
//
//	g1: sent, (0,false), case 1 5; g2: panic(send on closed channel); g3: blocked
//
// which reads: g1's send completed ("sent"), its receive-with-ok got
// (0,false), its select took case 1, a receive that got 5; g2 panicked in its
// first operation with the runtime's message and stopped; g3 blocked in its
// first operation forever. "default" is a select's default case, "closed" a
// close that completed, "len=2" and "cap=2" what len and cap returned. A
// goroutine blocked at the end makes the outcome a deadlock: global when
// every goroutine is blocked, partial when some finished (see Deadlock).
//
// Allowed checks an observed outcome against the set and explains a
// mismatch: the first goroutine whose observation no allowed outcome matches,
// and the nearest allowed outcome.
//
// # Entry points
//
//   - Parse, Format: the text form.
//   - Outcomes, Explore, Allowed: outcome sets and checking an observation.
//   - NewModel, Model.Initial, Model.Enabled, Model.Apply: the step API that
//     refinement checkers call at every scheduling point.
//   - Make, Chan: the channel level.
package spec
