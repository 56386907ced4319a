package linearizability

// The sequential object both checkers linearize against: the history's channels as
// spec.Chan values, and each action as a step on them. Every step takes its meaning
// from spec's channel level (Send, Recv, Close, Len, Cap and their readiness), so
// there is one oracle; the only rule added here is the rendezvous of a transfer, the
// program level's sendCase with a partner (spec step.go).
//
// Blocking is not a step. An operation that blocked and later completed takes effect
// at its completion; a pending one never takes effect and only constrains the final
// state (actQuiesce). That this loses nothing is argued in doc.go.

import (
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/chanmodel/chanmodel/spec"
)

// chans is the state of the sequential object: every channel of the history. A
// partition's actions touch only its own channels; the others stay as made. States
// are values: a step returns a new slice and never modifies the old one.
type chans []spec.Chan

// initial returns the channels as the history declares them: open and empty.
func initial(h *History) chans {
	s := make(chans, len(h.Chans))
	for i, d := range h.Chans {
		s[i] = spec.Chan{Nil: d.Nil, Cap: d.Cap}
	}
	return s
}

// with returns a copy of s in which channel c is ch.
func (s chans) with(c int, ch spec.Chan) chans {
	next := make(chans, len(s))
	copy(next, s)
	next[c] = ch
	return next
}

// step applies action a to s and reports whether a may take effect in state s.
func (r *reduction) step(s chans, a *action) (chans, bool) {
	switch a.kind {
	case actOp:
		return opStep(s, &r.h.Ops[a.op])
	case actTransfer:
		// spec step.go sendCase with a partner: an open unbuffered channel; the value
		// passes from sender to receiver and the channel does not change.
		ch := s[a.chans[0]]
		return s, ch.Unbuffered() && !ch.Closed
	case actQuiesce:
		return s, r.blocked(s, a)
	}
	return s, false // actImpossible
}

// opStep applies one completed operation.
func opStep(s chans, op *Op) (chans, bool) {
	r := op.Result
	switch op.Kind {
	case spec.OpSend:
		return sendStep(s, op.Chan, op.Value, r.Panic)
	case spec.OpRecv:
		return recvStep(s, op.Chan, r.Value, r.OK, r.Panic)
	case spec.OpClose:
		next, msg := s[op.Chan].Close()
		if msg != r.Panic {
			return s, false
		}
		if msg != "" {
			return s, true
		}
		return s.with(op.Chan, next), true
	case spec.OpLen:
		return s, r.Panic == "" && s[op.Chan].Len() == r.Value
	case spec.OpCap:
		return s, r.Panic == "" && s[op.Chan].Cap == r.Value // a nil spec.Chan has Cap 0
	}
	return selectStep(s, op)
}

// sendStep: spec Chan.Send must be ready, and panic as the history says.
func sendStep(s chans, c int, v spec.Value, panicMsg string) (chans, bool) {
	next, res, ready := s[c].Send(v)
	if !ready || res.Panic != panicMsg {
		return s, false
	}
	if panicMsg != "" {
		return s, true
	}
	return s.with(c, next), true
}

// recvStep: spec Chan.Recv must be ready with the value and ok the history says.
func recvStep(s chans, c int, v spec.Value, ok bool, panicMsg string) (chans, bool) {
	next, res, ready := s[c].Recv()
	if !ready || panicMsg != "" || res.Value != v || res.OK != ok {
		return s, false
	}
	return s.with(c, next), true
}

// selectStep: a select that took a case is that case's send or receive (SEMANTICS
// item 29: any ready case may be taken); one that took default needs every case not
// ready at that one instant (items 31-32); one that panicked needs a send case on a
// closed channel (item 31: such a case is ready, and panics when chosen).
func selectStep(s chans, op *Op) (chans, bool) {
	r := op.Result
	switch {
	case r.Panic != "":
		if r.Panic != spec.PanicSendClosed {
			return s, false
		}
		for _, cs := range op.Cases {
			if cs.Dir == spec.DirSend && s[cs.Chan].Closed {
				return s, true
			}
		}
		return s, false
	case r.Case == spec.DefaultCase:
		for _, cs := range op.Cases {
			if caseReady(s, cs) {
				return s, false
			}
		}
		return s, true
	}
	cs := op.Cases[r.Case]
	if cs.Dir == spec.DirSend {
		return sendStep(s, cs.Chan, cs.Value, "")
	}
	return recvStep(s, cs.Chan, r.Value, r.OK, "")
}

// caseReady reports whether case cs could proceed on the channels alone (spec
// Chan.Send and Chan.Recv readiness). A partner waiting on an unbuffered channel is
// not counted: see doc.go, "Blocking".
func caseReady(s chans, cs spec.Case) bool {
	if cs.Dir == spec.DirSend {
		_, _, ready := s[cs.Chan].Send(cs.Value)
		return ready
	}
	_, _, ready := s[cs.Chan].Recv()
	return ready
}

// blocked reports whether every pending op of quiesce action a is blocked in the
// final state s: none of its cases on a's component is ready (spec State.Final). The
// partners rule — no pending send meets a pending receive — was checked by reduce.
func (r *reduction) blocked(s chans, a *action) bool {
	for _, i := range a.pending {
		for _, cs := range opCases(&r.h.Ops[i]) {
			if r.compOf[cs.Chan] == a.comp && caseReady(s, cs) {
				return false
			}
		}
	}
	return true
}

// equal reports whether two states are the same.
func (s chans) equal(t chans) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		a, b := &s[i], &t[i]
		if a.Closed != b.Closed || len(a.Buf) != len(b.Buf) {
			return false
		}
		for k := range a.Buf {
			if a.Buf[k] != b.Buf[k] {
				return false
			}
		}
	}
	return true
}

var hashSeed = maphash.MakeSeed()

// hash is a hash of s consistent with equal.
func (s chans) hash() uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	var b [8]byte
	for i := range s {
		ch := &s[i]
		n := uint64(len(ch.Buf)) << 1
		if ch.Closed {
			n |= 1
		}
		putUint64(&b, n)
		h.Write(b[:])
		for _, v := range ch.Buf {
			putUint64(&b, uint64(v))
			h.Write(b[:])
		}
	}
	return h.Sum64()
}

func putUint64(b *[8]byte, v uint64) {
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
}

// bytes estimates the memory s holds.
func (s chans) bytes() int64 {
	n := int64(24 + 48*len(s))
	for i := range s {
		n += 8 * int64(len(s[i].Buf))
	}
	return n
}

// String describes s for the visualization: "c0[] c1[5 6] c2 closed[]".
func (s chans) String() string {
	cs := make([]int, len(s))
	for i := range cs {
		cs[i] = i
	}
	return s.describe(cs)
}

// describe describes channels cs of s.
func (s chans) describe(cs []int) string {
	var b strings.Builder
	for k, i := range cs {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "c%d", i)
		if s[i].Closed {
			b.WriteString(" closed")
		}
		fmt.Fprintf(&b, "%v", s[i].Buf)
	}
	return b.String()
}

// describe describes action a for reports and the visualization.
func (r *reduction) describe(a *action) string {
	ops := r.h.Ops
	switch a.kind {
	case actOp:
		return ops[a.op].String()
	case actTransfer:
		return fmt.Sprintf("%s ⇄ %s (ops %d, %d)", ops[a.op].String(), ops[a.peer].String(), a.op, a.peer)
	case actQuiesce:
		var b strings.Builder
		b.WriteString("end; blocked:")
		for _, i := range a.pending {
			fmt.Fprintf(&b, " [op %d] %s;", i, ops[i].String())
		}
		return b.String()
	}
	return "IMPOSSIBLE: " + a.reason
}
