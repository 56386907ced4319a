package linearizability

// The channel checker: linearizability of one channel's actions in O(n log n) per
// guess (see below), by
// violation patterns and a constructed witness, instead of Porcupine's search.
//
// Every answer it gives is justified. Illegal comes from a violation pattern, each a
// short proof that no linearization exists (below). Ok comes from a witness: a point
// in time for every action, inside its interval, whose order is then replayed through
// the model's step (spec's channel level) — a certificate checked like any
// linearization, so a weakness of the construction can cost a fallback, never a
// wrong Ok. What it cannot decide — a component of several channels (selects with
// default across channels), a nil channel, or a history on which the construction
// finds no witness — goes to Porcupine, and the Result says so.
//
// The patterns, for a channel c of capacity C with unique values (each a proof: the
// points of a linearization lie in their intervals, values leave a FIFO in the order
// they entered, and the buffer never holds more than C):
//
//	fresh     a receive got v, but no send of v on c completed
//	repeat    two receives got v
//	early     the receive of v returned before its send was called
//	order     send(a) returned before send(b) was called, yet receive(b) returned
//	          before receive(a) was called; or b was received and a never was
//	overflow  C+1 values surely in the buffer at one instant: each sent (returned)
//	          and not yet being received (not called) — or never received
//	leftover  more than C values sent and never received
//	close     two closes succeeded; a send succeeded though called after the close
//	          returned; a panic or a receive of (0, false) returned before the close
//	          was called, or with no close at all; (0, false) though some value sent
//	          is never received (it stays buffered for ever)
//	probe     len outside [0, C], cap other than C
//	end       the final state — closed iff a close succeeded, len = values never
//	          received — lets some pending operation proceed
//
// The witness is built along a guess at the FIFO order π of the values. The first
// guess lists the values received in an order real time allows (u before v when
// send(u) returned before send(v) was called, or receive(u) before receive(v) or
// send(v)), taking next the value whose receive can happen first unless that would
// make a pending send miss its return; the values never received follow, by the
// returns of their sends. Along π each send and receive gets its earliest point, the
// least solution of
//
//	s_k = max(call(send_k), s_{k-1}, r_{k-C})   r_k = max(call(recv_k), r_{k-1}, s_k)
//
// (a send waits for room; a receive for its value), feasible iff no point passes its
// return. The close goes in the first gap after the last send that its interval and
// the operations needing an open channel allow. Every other action (len, a select's
// default, a panic, (0, false), an unbuffered transfer) changes nothing, and goes in
// the first gap of the timeline that overlaps its interval and in whose state it may
// take effect. If that fails, other guesses at π follow (fifoOrders), and then the
// latest points instead of the earliest (the greatest solution), which suits len and
// default better. The guesses are heuristics, which is why the witness is replayed.
// On the histories (one channel, up to 16 clients, capacities 0 to 64) the
// first guess succeeds; TestFastAgreesWithPorcupine reports how often Porcupine is
// needed on small random ones.

import (
	"fmt"
	"strings"

	"github.com/chanmodel/chanmodel/spec"
)

// CheckFast checks whether h is linearizable with the channel checker, falling back
// to Porcupine for what it cannot decide (Result.Fallback says what and why). The
// error is for a history that breaks the History invariants.
func CheckFast(h *History, opt Options) (Result, error) {
	if err := h.Validate(); err != nil {
		return Result{}, err
	}
	r := reduce(h)
	r.partition()
	return r.checkFast(opt), nil
}

func (r *reduction) checkFast(opt Options) Result {
	res := Result{Checker: "fast", Actions: len(r.actions)}
	res.Violations = r.impossibleViolations()
	var fallback []int
	for k, part := range r.parts {
		if len(part) == 0 {
			continue
		}
		res.Partitions++
		fc, why := r.newFastChan(k)
		if fc == nil {
			fallback = append(fallback, k)
			res.Fallback = append(res.Fallback, why)
			continue
		}
		switch v, vs, why := fc.check(); v {
		case Illegal:
			res.Violations = append(res.Violations, vs...)
		case Unknown:
			fallback = append(fallback, k)
			res.Fallback = append(res.Fallback, why)
		}
	}
	switch {
	case len(res.Violations) > 0:
		res.Verdict = Illegal
		return res
	case len(fallback) == 0:
		res.Verdict = Ok
		return res
	}
	pres := newPorcupineCheck(r, opt, fallback).run()
	res.Checker = "fast+porcupine"
	res.Verdict, res.Violations, res.Reason, res.Visualization = pres.Verdict, pres.Violations, pres.Reason, pres.Visualization
	return res
}

// fastChan is the check of one component made of one channel.
type fastChan struct {
	r       *reduction
	k, c    int
	cap     int64
	enq     []int // the successful sends on c (actions, in history order)
	deq     []int // the successful receives on c
	closes  []int // successful closes
	other   []int // actions that change nothing: len, cap, default, panics, (0,false), transfers
	quiesce int   // the end, or -1
	vs      []Violation

	base chans // scratch for evaluating actions on a synthetic state
	zero []spec.Value
}

// newFastChan classifies component k's actions, or says why the channel checker does
// not handle it.
func (r *reduction) newFastChan(k int) (*fastChan, string) {
	cs := r.compChans(k)
	if len(cs) != 1 {
		return nil, fmt.Sprintf("channels %v are joined by selects that took default or panicked: Porcupine checks them together", cs)
	}
	d := r.h.Chans[cs[0]]
	if d.Nil {
		return nil, fmt.Sprintf("c%d is a nil channel: Porcupine checks it", cs[0])
	}
	fc := &fastChan{r: r, k: k, c: cs[0], cap: d.Cap, quiesce: -1, base: initial(r.h)}
	for _, i := range r.parts[k] {
		fc.classify(i)
	}
	return fc, ""
}

func (fc *fastChan) classify(i int) {
	a := &fc.r.actions[i]
	switch a.kind {
	case actQuiesce:
		fc.quiesce = i
		return
	case actImpossible:
		return // reported by checkFast
	case actTransfer:
		fc.other = append(fc.other, i)
		return
	}
	op := &fc.r.h.Ops[a.op]
	_, dir, comm := taken(op)
	switch {
	case comm && dir == spec.DirSend && op.Result.Panic == "":
		fc.enq = append(fc.enq, i)
	case comm && dir == spec.DirRecv && op.Result.OK && op.Result.Panic == "":
		fc.deq = append(fc.deq, i)
	case op.Kind == spec.OpClose && op.Result.Panic == "":
		fc.closes = append(fc.closes, i)
	default:
		fc.other = append(fc.other, i)
	}
}

// sentValue is the value a completed send or select send case sent.
func sentValue(op *Op) spec.Value {
	if op.Kind == spec.OpSelect {
		return op.Cases[op.Result.Case].Value
	}
	return op.Value
}

func (fc *fastChan) violate(pattern, reason string, ops ...int) {
	fc.vs = append(fc.vs, Violation{Ops: ops, Reason: fmt.Sprintf("c%d %s: op %d %s", fc.c, pattern, ops[0], reason)})
}

// pair is a value received: the actions of its send and of its receive.
type pair struct{ s, r int }

func (fc *fastChan) act(i int) *action { return &fc.r.actions[i] }

// check decides the component: Ok with a witness, Illegal with violations, or Unknown
// with the reason the witness could not be built.
func (fc *fastChan) check() (Verdict, []Violation, string) {
	pairs, tail := fc.pairs()
	fc.patterns(pairs, tail)
	if len(fc.vs) > 0 {
		return Illegal, fc.vs, ""
	}
	var whys []string
	for _, latest := range []bool{false, true} {
		for _, o := range fifoOrders {
			w, why := fc.witness(pairs, tail, o, latest)
			if w != nil {
				if why = fc.replay(w); why == "" {
					return Ok, nil, ""
				}
				why = "the witness failed its replay: " + why
			}
			whys = append(whys, fmt.Sprintf("%s, latest %v: %s", o.name, latest, why))
		}
	}
	return Unknown, nil, fmt.Sprintf("c%d: no witness (%s): Porcupine checks it", fc.c, strings.Join(whys, "; "))
}

// state returns a synthetic state of the channels in which fc's channel is closed or
// not and holds n values (zeros: the actions evaluated on it do not look at them).
func (fc *fastChan) state(closed bool, n int64) chans {
	if int64(len(fc.zero)) < n {
		fc.zero = make([]spec.Value, n)
	}
	fc.base[fc.c] = spec.Chan{Cap: fc.cap, Closed: closed, Buf: fc.zero[:n:n]}
	return fc.base
}

// may reports whether action i may take effect in the state (closed, n).
func (fc *fastChan) may(i int, closed bool, n int64) bool {
	_, ok := fc.r.step(fc.state(closed, n), fc.act(i))
	return ok
}
