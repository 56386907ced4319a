package linearizability

// A history as actions: the steps a sequential channel object takes. Most operations
// are one action each. Two do not fit one linearization point of their own:
//
//   - a send and a receive that meet on an unbuffered channel take effect together, in
//     one step (spec step.go sendCase with a partner). Values are unique, so the
//     received value names its send; the pair becomes one transfer action whose
//     interval is the intersection of theirs, and which is legal only if that
//     intersection is not empty (Go memory model: the receive is synchronized before
//     the send completes, and the send before the receive completes);
//   - an operation pending at the end never took effect: it is blocked at
//     quiescence. It is no action of its own, but a condition on the final state,
//     checked by one quiesce action per partition placed after every other action.
//
// What no step can explain — a value received that nothing sent, an unbuffered send
// that returned before its receive was called, a close pending at the end — becomes an
// impossible action, whose step always fails, so that every checker rejects it and
// the visualization shows it.

import (
	"fmt"

	"github.com/chanmodel/chanmodel/spec"
)

// actionKind says what an action is.
type actionKind uint8

const (
	actOp         actionKind = iota + 1 // one completed operation, taking effect alone
	actTransfer                         // an unbuffered send and its receive, as one step
	actQuiesce                          // the end of the history: pending ops are blocked
	actImpossible                       // an operation no step can explain
)

// action is one step of the sequential object, with the interval in which it must
// take effect.
type action struct {
	kind      actionKind
	op        int // the history op; actTransfer: the send; actQuiesce: -1
	peer      int // actTransfer: the receive; actImpossible: another op involved, or -1
	call, ret int64
	chans     []int // the channels whose state the step reads or writes
	comp      int   // the partition (component) it belongs to
	pending   []int // actQuiesce: the pending ops with a case on this component
	reason    string
}

// Violation is a reason to reject a history: the operations involved (indices into
// History.Ops) and what is wrong with them.
type Violation struct {
	Ops    []int
	Reason string
}

func (v Violation) String() string { return fmt.Sprintf("ops %v: %s", v.Ops, v.Reason) }

// reduction is a history turned into actions.
type reduction struct {
	h       *History
	actions []action
	pending []int // the pending ops that may be blocked (not impossible)
	end     int64 // later than every timestamp of h
	clients int   // 1 + the largest client id
	one     []int // one[c] = c: read-only, for single-channel lists

	// Set by partition.
	compOf []int   // channel -> component
	ncomp  int     // components (including singleton ones for impossible actions)
	parts  [][]int // component -> its actions (indices into actions)
}

// reduce turns a valid history into actions (without quiesce actions: partition adds
// them, one per component).
func reduce(h *History) *reduction {
	r := &reduction{h: h, actions: make([]action, 0, len(h.Ops)), one: make([]int, len(h.Chans))}
	for c := range r.one {
		r.one[c] = c // one[c:c+1] is the channel list of an action on c alone, shared
	}
	for i := range h.Ops {
		op := &h.Ops[i]
		r.end = max(r.end, op.Call, op.Return)
		r.clients = max(r.clients, op.Client+1)
	}
	r.end++
	sends := r.sendIndex()
	matched := make(map[int]int) // send op -> the receive op it met
	for i := range h.Ops {
		op := &h.Ops[i]
		switch {
		case op.Pending:
			r.pendingOp(i)
		case r.unbufferedRecv(op):
			r.match(i, sends, matched)
		case r.unbufferedSend(op):
			// its action is made when its receive is matched; checked below
		default:
			r.add(action{kind: actOp, op: i, peer: -1, call: op.Call, ret: op.Return, chans: r.opChans(op)})
		}
	}
	for i := range h.Ops {
		if op := &h.Ops[i]; !op.Pending && r.unbufferedSend(op) {
			if _, ok := matched[i]; !ok {
				r.impossible(i, -1, fmt.Sprintf("op %d completed a send on an unbuffered channel, but no receive got its value", i))
			}
		}
	}
	r.partners()
	return r
}

func (r *reduction) add(a action) { r.actions = append(r.actions, a) }

// sendRef is where a value is sent: by op, in case casei (-1: a plain send).
type sendRef struct{ op, casei int }

func (r *reduction) sendIndex() map[spec.Value]sendRef {
	idx := make(map[spec.Value]sendRef)
	for i := range r.h.Ops {
		op := &r.h.Ops[i]
		switch op.Kind {
		case spec.OpSend:
			idx[op.Value] = sendRef{i, -1}
		case spec.OpSelect:
			for k, cs := range op.Cases {
				if cs.Dir == spec.DirSend {
					idx[cs.Value] = sendRef{i, k}
				}
			}
		}
	}
	return idx
}

// taken returns the communication a completed op performed: its channel and
// direction, and ok=false for len, cap, close, a select's default or panic.
func taken(op *Op) (c int, dir spec.Dir, ok bool) {
	switch op.Kind {
	case spec.OpSend:
		return op.Chan, spec.DirSend, true
	case spec.OpRecv:
		return op.Chan, spec.DirRecv, true
	case spec.OpSelect:
		if op.Result.Panic == "" && op.Result.Case >= 0 {
			cs := op.Cases[op.Result.Case]
			return cs.Chan, cs.Dir, true
		}
	}
	return 0, 0, false
}

func (r *reduction) unbuffered(c int) bool { d := r.h.Chans[c]; return !d.Nil && d.Cap == 0 }

// unbufferedRecv: op received a value (ok) on an unbuffered channel, from a sender.
func (r *reduction) unbufferedRecv(op *Op) bool {
	c, dir, ok := taken(op)
	return ok && dir == spec.DirRecv && op.Result.OK && r.unbuffered(c)
}

// unbufferedSend: op completed a send on an unbuffered channel without panicking.
func (r *reduction) unbufferedSend(op *Op) bool {
	c, dir, ok := taken(op)
	return ok && dir == spec.DirSend && op.Result.Panic == "" && r.unbuffered(c)
}

// match makes the transfer of receive op i with the send of the value it got.
func (r *reduction) match(i int, sends map[spec.Value]sendRef, matched map[int]int) {
	rop := &r.h.Ops[i]
	c, _, _ := taken(rop)
	v := rop.Result.Value
	ref, ok := sends[v]
	if !ok {
		r.impossible(i, -1, fmt.Sprintf("op %d received %d on unbuffered c%d, a value nothing sends", i, v, c))
		return
	}
	s := &r.h.Ops[ref.op]
	if !r.unbufferedSend(s) || s.Kind == spec.OpSelect && s.Result.Case != ref.casei {
		r.impossible(i, ref.op, fmt.Sprintf("op %d received %d on unbuffered c%d, but op %d did not complete that send", i, v, c, ref.op))
		return
	}
	if j, dup := matched[ref.op]; dup {
		r.impossible(i, j, fmt.Sprintf("op %d received %d, which op %d received already", i, v, j))
		return
	}
	if sc, _, _ := taken(s); sc != c {
		r.impossible(i, ref.op, fmt.Sprintf("op %d received %d on unbuffered c%d, but op %d sent it on c%d", i, v, c, ref.op, sc))
		return
	}
	matched[ref.op] = i // from here on, what is wrong is wrong with the pair
	lo, hi := max(s.Call, rop.Call), min(s.Return, rop.Return)
	if lo > hi {
		r.impossible(i, ref.op, overlapReason(ref.op, s, i, rop, c))
		return
	}
	r.add(action{kind: actTransfer, op: ref.op, peer: i, call: lo, ret: hi, chans: r.one[c : c+1 : c+1]})
}

func overlapReason(si int, s *Op, ri int, rop *Op, c int) string {
	if s.Return < rop.Call {
		return fmt.Sprintf("unbuffered c%d: send op %d returned (at %d) before receive op %d was called (at %d)",
			c, si, s.Return, ri, rop.Call)
	}
	return fmt.Sprintf("unbuffered c%d: receive op %d returned (at %d) before send op %d was called (at %d)",
		c, ri, rop.Return, si, s.Call)
}

// pendingOp records pending op i: a blocked send, receive or select without default
// is a condition on the final state; anything else never blocks.
func (r *reduction) pendingOp(i int) {
	op := &r.h.Ops[i]
	switch {
	case op.Kind == spec.OpClose || op.Kind == spec.OpLen || op.Kind == spec.OpCap:
		r.impossible(i, -1, fmt.Sprintf("op %d is pending at the end, but %s never blocks", i, opNames[op.Kind]))
	case op.Kind == spec.OpSelect && op.Default:
		r.impossible(i, -1, fmt.Sprintf("op %d is pending at the end, but a select with default never blocks", i))
	default:
		r.pending = append(r.pending, i)
	}
}

// partners rejects two operations blocked at the end on one unbuffered channel, one
// with a send case and one with a receive case: whichever blocked second would have
// found the first waiting (spec step.go partner; SEMANTICS item 3, one of sendq and
// recvq is empty). One select with both cases does not meet itself (item 33).
func (r *reduction) partners() {
	first := make(map[[2]int]int) // (chan, dir) -> the first pending op with such a case
	reported := make(map[int]bool)
	for _, i := range r.pending {
		for _, cs := range opCases(&r.h.Ops[i]) {
			if !r.unbuffered(cs.Chan) || reported[cs.Chan] {
				continue
			}
			other := spec.DirSend + spec.DirRecv - cs.Dir
			if j, ok := first[[2]int{cs.Chan, int(other)}]; ok && j != i {
				reported[cs.Chan] = true
				r.impossible(i, j, fmt.Sprintf("ops %d and %d are blocked at the end on unbuffered c%d, "+
					"one sending and one receiving: the later would have met the earlier", j, i, cs.Chan))
				continue
			}
			if _, ok := first[[2]int{cs.Chan, int(cs.Dir)}]; !ok {
				first[[2]int{cs.Chan, int(cs.Dir)}] = i
			}
		}
	}
}

// impossible adds an action that no step can take, for op i (and peer, if >= 0).
func (r *reduction) impossible(i, peer int, reason string) {
	op := &r.h.Ops[i]
	ret := op.Return
	if op.Pending {
		ret = r.end
	}
	r.add(action{kind: actImpossible, op: i, peer: peer, call: op.Call, ret: ret, chans: r.opChans(op), reason: reason})
}

// opCases returns op's communications as cases: a select's cases, or its one send or
// receive.
func opCases(op *Op) []spec.Case {
	switch op.Kind {
	case spec.OpSend:
		return []spec.Case{{Dir: spec.DirSend, Chan: op.Chan, Value: op.Value}}
	case spec.OpRecv:
		return []spec.Case{{Dir: spec.DirRecv, Chan: op.Chan}}
	case spec.OpSelect:
		return op.Cases
	}
	return nil
}

// opChans returns the (read-only) channels whose state decides whether a completed op's result
// is possible. A select that took a case depends on that case's channel only (any
// ready case may be taken); one that took default asserts that no case was ready, at
// one instant (SEMANTICS item 31): every channel of its cases; one that panicked
// asserts that some send case's channel was closed: every channel of its send cases.
// A pending op reads the channels of all its cases (at the end).
func (r *reduction) opChans(op *Op) []int {
	if op.Kind != spec.OpSelect {
		return r.one[op.Chan : op.Chan+1 : op.Chan+1]
	}
	var cs []int
	for k, c := range op.Cases {
		switch {
		case !op.Pending && op.Result.Panic == "" && op.Result.Case >= 0 && k != op.Result.Case:
		case !op.Pending && op.Result.Panic != "" && c.Dir != spec.DirSend:
		default:
			cs = append(cs, c.Chan)
		}
	}
	return cs
}
