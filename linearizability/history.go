package linearizability

// Histories: the operations clients called on a set of channels, when they called
// them, when (and with what) they returned, and their on-disk form.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chanmodel/chanmodel/spec"
)

// ChanDecl declares one channel of a history: its capacity, or the nil channel.
type ChanDecl struct {
	Cap int64
	Nil bool
}

// Op is one operation of a history: what client Client called, at Call, and — unless
// Pending — what it returned, at Return.
//
// The operation is a spec.Op (Kind, Chan, Value, Cases, Default), so histories speak
// the spec's vocabulary; its outcome is a spec.Result: Value and OK for a receive (or
// a select that took a receive case), Value for len and cap, Case for a select (the
// case index, or spec.DefaultCase), and Panic for an operation that panicked. Every
// receive records OK, whatever spec.Op.OK says.
//
// Pending marks an operation that had not returned when the history ended. Histories
// are taken at quiescence — every client finished or blocked for ever — so a pending
// operation is one left blocked at the end: it never took effect, and the checkers
// require that it could not have proceeded in the final state.
type Op struct {
	Client int
	spec.Op
	Call    int64
	Return  int64
	Pending bool
	Result  spec.Result
}

// History is a recorded history: channels, then operations (by convention in order of
// call; the checkers do not depend on it). Timestamps come from one clock and an
// operation's interval [Call, Return] is closed: two intervals that share an end point
// overlap.
//
// Invariants (Validate): every channel index is declared; Call <= Return; each
// client's operations are sequential — each is called no earlier than the previous
// one returned, and only the last may be pending; every value sent (by a send or a
// select's send case) is non-zero and appears once in the whole history, so that a
// received value names its send; a select's Case is one of its cases, or
// spec.DefaultCase when it has a default.
type History struct {
	Chans []ChanDecl
	Ops   []Op
}

// Validate reports the first way h breaks the invariants of History.
func (h *History) Validate() error {
	v := newValidator(h)
	if err := v.chans(); err != nil {
		return err
	}
	for i := range h.Ops {
		if err := v.op(i); err != nil {
			return err
		}
	}
	return nil
}

// validator checks a history's operations one at a time, in order, so that Load
// checks each line as it reads it.
type validator struct {
	h    *History
	sent map[spec.Value]int // value -> the op that sends it
	last map[int]int        // client -> index of its latest operation
}

func newValidator(h *History) *validator {
	return &validator{h: h, sent: make(map[spec.Value]int), last: make(map[int]int)}
}

func (v *validator) chans() error {
	for i, d := range v.h.Chans {
		if d.Cap < 0 || (d.Nil && d.Cap != 0) {
			return fmt.Errorf("chan %d: bad declaration (cap %d, nil %v)", i, d.Cap, d.Nil)
		}
	}
	return nil
}

// op checks h.Ops[i] against the operations before it.
func (v *validator) op(i int) error {
	op := &v.h.Ops[i]
	if err := v.h.validateOp(op); err != nil {
		return fmt.Errorf("op %d: %w", i, err)
	}
	if j, ok := v.last[op.Client]; ok {
		prev := &v.h.Ops[j]
		if prev.Pending || op.Call < prev.Return {
			return fmt.Errorf("op %d: client %d calls it before its op %d returned", i, op.Client, j)
		}
	}
	v.last[op.Client] = i
	for _, x := range sentValues(op) {
		if x == 0 {
			return fmt.Errorf("op %d: sends 0, the zero value a closed channel returns", i)
		}
		if j, dup := v.sent[x]; dup {
			return fmt.Errorf("op %d: sends %d, which op %d sends too (values must be unique)", i, x, j)
		}
		v.sent[x] = i
	}
	return nil
}

// sentValues returns the values op may send.
func sentValues(op *Op) []spec.Value {
	switch op.Kind {
	case spec.OpSend:
		return []spec.Value{op.Value}
	case spec.OpSelect:
		var vs []spec.Value
		for _, cs := range op.Cases {
			if cs.Dir == spec.DirSend {
				vs = append(vs, cs.Value)
			}
		}
		return vs
	}
	return nil
}

func (h *History) validateOp(op *Op) error {
	if op.Client < 0 {
		return fmt.Errorf("negative client %d", op.Client)
	}
	switch op.Kind {
	case spec.OpSend, spec.OpRecv, spec.OpClose, spec.OpLen, spec.OpCap:
		if err := h.validChan(op.Chan); err != nil {
			return err
		}
	case spec.OpSelect:
		for k, cs := range op.Cases {
			if cs.Dir != spec.DirSend && cs.Dir != spec.DirRecv {
				return fmt.Errorf("case %d: bad direction %d", k, cs.Dir)
			}
			if err := h.validChan(cs.Chan); err != nil {
				return fmt.Errorf("case %d: %w", k, err)
			}
		}
	default:
		return fmt.Errorf("unknown operation kind %d", op.Kind)
	}
	if op.Pending {
		if op.Result != (spec.Result{}) || op.Return != 0 {
			return errors.New("a pending operation has no result")
		}
		return nil
	}
	if op.Return < op.Call {
		return fmt.Errorf("returns at %d, before its call at %d", op.Return, op.Call)
	}
	if op.Kind == spec.OpSelect && op.Result.Panic == "" {
		c := op.Result.Case
		if c < spec.DefaultCase || c >= len(op.Cases) || (c == spec.DefaultCase && !op.Default) {
			return fmt.Errorf("select took case %d, which it does not have", c)
		}
	}
	return nil
}

func (h *History) validChan(c int) error {
	if c < 0 || c >= len(h.Chans) {
		return fmt.Errorf("chan %d is not declared (%d chans)", c, len(h.Chans))
	}
	return nil
}

// Clone returns a deep copy of h.
func (h *History) Clone() *History {
	c := &History{Chans: append([]ChanDecl(nil), h.Chans...), Ops: append([]Op(nil), h.Ops...)}
	for i := range c.Ops {
		c.Ops[i].Cases = append([]spec.Case(nil), c.Ops[i].Cases...)
	}
	return c
}

// String formats op as in the checkers' reports and visualizations, such as
// "c0 <- 5", "<-c1 = (5,true)", "select{c0 <- 5; <-c1; default} = default",
// "close(c0) panics: close of closed channel" or "<-c0 (blocked)".
func (op *Op) String() string {
	var b strings.Builder
	switch op.Kind {
	case spec.OpSend:
		fmt.Fprintf(&b, "c%d <- %d", op.Chan, op.Value)
	case spec.OpRecv:
		fmt.Fprintf(&b, "<-c%d", op.Chan)
	case spec.OpClose:
		fmt.Fprintf(&b, "close(c%d)", op.Chan)
	case spec.OpLen:
		fmt.Fprintf(&b, "len(c%d)", op.Chan)
	case spec.OpCap:
		fmt.Fprintf(&b, "cap(c%d)", op.Chan)
	case spec.OpSelect:
		b.WriteString("select{")
		for k, cs := range op.Cases {
			if k > 0 {
				b.WriteString("; ")
			}
			b.WriteString(caseString(cs))
		}
		if op.Default {
			if len(op.Cases) > 0 {
				b.WriteString("; ")
			}
			b.WriteString("default")
		}
		b.WriteString("}")
	}
	b.WriteString(op.outcomeString())
	return b.String()
}

func caseString(cs spec.Case) string {
	if cs.Dir == spec.DirSend {
		return fmt.Sprintf("c%d <- %d", cs.Chan, cs.Value)
	}
	return fmt.Sprintf("<-c%d", cs.Chan)
}

func (op *Op) outcomeString() string {
	r := op.Result
	switch {
	case op.Pending:
		return " (blocked)"
	case r.Panic != "":
		return " panics: " + r.Panic
	case op.Kind == spec.OpRecv:
		return fmt.Sprintf(" = (%d,%v)", r.Value, r.OK)
	case op.Kind == spec.OpLen || op.Kind == spec.OpCap:
		return fmt.Sprintf(" = %d", r.Value)
	case op.Kind != spec.OpSelect:
		return ""
	case r.Case == spec.DefaultCase:
		return " = default"
	case op.Cases[r.Case].Dir == spec.DirRecv:
		return fmt.Sprintf(" = case %d (%d,%v)", r.Case, r.Value, r.OK)
	}
	return fmt.Sprintf(" = case %d", r.Case)
}
