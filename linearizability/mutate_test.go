package linearizability

import (
	"math/rand/v2"
	"slices"

	"github.com/chanmodel/chanmodel/spec"
)

// A mutation breaks a history the way a buggy channel would. Each returns the mutated
// copy, or nil when the history offers nothing to mutate. Mutated histories stay valid
// (Validate): values unique, clients sequential.
type mutation struct {
	name string
	f    func(h *History, r *rand.Rand) *History
}

var mutations = []mutation{
	{"swap-received", swapReceived},
	{"duplicate-receive", duplicateReceive},
	{"drop-send", dropSend},
	{"reorder-sends", reorderSends},
	{"receive-before-send", receiveBeforeSend},
}

// received returns the indices of the completed operations that received a value.
func received(h *History) []int {
	var is []int
	for i := range h.Ops {
		if _, dir, ok := taken(&h.Ops[i]); ok && dir == spec.DirRecv && h.Ops[i].Result.OK && h.Ops[i].Result.Panic == "" {
			is = append(is, i)
		}
	}
	return is
}

// sendOf returns the index of the op that sends v, or -1.
func sendOf(h *History, v spec.Value) int {
	for i := range h.Ops {
		if slices.Contains(sentValues(&h.Ops[i]), v) {
			return i
		}
	}
	return -1
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// swapReceived exchanges the values two receives got.
func swapReceived(h *History, r *rand.Rand) *History {
	rs := received(h)
	if len(rs) < 2 {
		return nil
	}
	h = h.Clone()
	i := r.IntN(len(rs))
	j := (i + 1 + r.IntN(len(rs)-1)) % len(rs)
	a, b := &h.Ops[rs[i]].Result, &h.Ops[rs[j]].Result
	a.Value, b.Value = b.Value, a.Value
	return h
}

// duplicateReceive adds a new client receiving a value some receive got, over the
// same interval.
func duplicateReceive(h *History, r *rand.Rand) *History {
	rs := received(h)
	if len(rs) == 0 {
		return nil
	}
	h = h.Clone()
	orig := &h.Ops[pick(r, rs)]
	c, _, _ := taken(orig)
	op := Op{Client: newClient(h), Op: spec.Op{Kind: spec.OpRecv, Chan: c, OK: true},
		Call: orig.Call, Return: orig.Return, Result: spec.Result{Value: orig.Result.Value, OK: true}}
	h.Ops = append(h.Ops, op)
	return h
}

// dropSend removes the send of a value that was received.
func dropSend(h *History, r *rand.Rand) *History {
	rs := received(h)
	if len(rs) == 0 {
		return nil
	}
	s := sendOf(h, h.Ops[pick(r, rs)].Result.Value)
	if s < 0 {
		return nil
	}
	h = h.Clone()
	h.Ops = slices.Delete(h.Ops, s, s+1)
	return h
}

// reorderSends exchanges the values of two plain sends.
func reorderSends(h *History, r *rand.Rand) *History {
	var ss []int
	for i := range h.Ops {
		if h.Ops[i].Kind == spec.OpSend {
			ss = append(ss, i)
		}
	}
	if len(ss) < 2 {
		return nil
	}
	h = h.Clone()
	i := r.IntN(len(ss))
	j := (i + 1 + r.IntN(len(ss)-1)) % len(ss)
	a, b := &h.Ops[ss[i]], &h.Ops[ss[j]]
	a.Value, b.Value = b.Value, a.Value
	return h
}

// receiveBeforeSend moves a receive to a new client, over an interval that ends
// before its value's send was called.
func receiveBeforeSend(h *History, r *rand.Rand) *History {
	rs := received(h)
	if len(rs) == 0 {
		return nil
	}
	i := pick(r, rs)
	s := sendOf(h, h.Ops[i].Result.Value)
	if s < 0 {
		return nil
	}
	h = h.Clone()
	op := &h.Ops[i]
	op.Client = newClient(h)
	op.Call, op.Return = h.Ops[s].Call-2, h.Ops[s].Call-1
	return h
}

func newClient(h *History) int {
	n := 0
	for i := range h.Ops {
		n = max(n, h.Ops[i].Client+1)
	}
	return n
}
