package linearizability

// The channel checker's violation patterns (listed in fast.go), each a proof that no
// linearization of one channel's actions exists.

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/chanmodel/chanmodel/spec"
)

// pairs matches receives with sends (patterns fresh and repeat) and returns the
// values received, in the order of their receives in the history, and the sends of the
// values never received.
func (fc *fastChan) pairs() (pairs []pair, tail []int) {
	idx := make(map[spec.Value]int, len(fc.enq)) // value -> index into fc.enq
	for k, s := range fc.enq {
		idx[sentValue(&fc.r.h.Ops[fc.act(s).op])] = k
	}
	got := make([]int, len(fc.enq)) // 1 + the receive of each send's value, or 0
	pairs = make([]pair, 0, len(fc.deq))
	for _, d := range fc.deq {
		v := fc.r.h.Ops[fc.act(d).op].Result.Value
		k, ok := idx[v]
		switch {
		case !ok:
			fc.violate("fresh", fmt.Sprintf("received %d, but no send of %d on c%d completed", v, v, fc.c), fc.act(d).op)
		case got[k] != 0:
			j := fc.act(got[k] - 1).op
			fc.violate("repeat", fmt.Sprintf("receives %d, which op %d received already", v, j), fc.act(d).op, j)
		default:
			got[k] = d + 1
			pairs = append(pairs, pair{fc.enq[k], d})
		}
	}
	for k, s := range fc.enq {
		if got[k] == 0 {
			tail = append(tail, s)
		}
	}
	return pairs, tail
}

// patterns looks for the violation patterns listed in fast.go.
func (fc *fastChan) patterns(pairs []pair, tail []int) {
	for _, p := range pairs {
		if s, d := fc.act(p.s), fc.act(p.r); d.ret < s.call {
			fc.violate("early", fmt.Sprintf("received %d (returning at %d) before op %d was called to send it (at %d)",
				fc.r.h.Ops[d.op].Result.Value, d.ret, s.op, s.call), d.op, s.op)
		}
	}
	fc.orderPattern(pairs, tail)
	fc.overflowPattern(pairs, tail)
	if int64(len(tail)) > fc.cap {
		fc.violate("leftover", fmt.Sprintf("and %d others sent values never received, more than cap %d", len(tail)-1, fc.cap),
			fc.act(tail[0]).op)
	}
	fc.closePatterns(tail)
	for _, i := range fc.other {
		op := &fc.r.h.Ops[fc.act(i).op]
		switch {
		case op.Kind == spec.OpLen && op.Result.Panic == "" && (op.Result.Value < 0 || op.Result.Value > fc.cap):
			fc.violate("probe", fmt.Sprintf("len is %d, outside [0, %d]", op.Result.Value, fc.cap), fc.act(i).op)
		case op.Kind == spec.OpCap && op.Result.Value != fc.cap:
			fc.violate("probe", fmt.Sprintf("cap is %d, not %d", op.Result.Value, fc.cap), fc.act(i).op)
		}
	}
	if fc.quiesce >= 0 {
		closed := len(fc.closes) > 0
		if !fc.r.blocked(fc.state(closed, int64(len(tail))), fc.act(fc.quiesce)) {
			a := fc.act(fc.quiesce)
			fc.vs = append(fc.vs, Violation{Ops: fc.r.actionOps(a), Reason: fmt.Sprintf(
				"c%d end: in the final state (closed %v, len %d) a pending operation could proceed: %s",
				fc.c, closed, len(tail), fc.r.describe(a))})
		}
	}
}

// orderPattern: send(a) before send(b) in real time, but receive(b) before
// receive(a), or b received and a not. For each b it compares with the a that, among
// the sends returned before b's send was called, is received last: O(n log n).
func (fc *fastChan) orderPattern(pairs []pair, tail []int) {
	sc, sr, rc, rr := fc.pairTimes(pairs)
	bySendRet, bySendCall := newSortedMin(sr).idx, newSortedMin(sc).idx
	best := -1 // among the pairs whose send returned so far, the one received last
	j := 0
	for _, b := range bySendCall {
		for ; j < len(bySendRet) && sr[bySendRet[j]] < sc[b]; j++ {
			if a := bySendRet[j]; best < 0 || rc[a] > rc[best] {
				best = a
			}
		}
		if best >= 0 && rc[best] > rr[b] {
			a, b := pairs[best], pairs[b]
			fc.violate("order", fmt.Sprintf("sent before op %d sent, yet op %d received after op %d received",
				fc.act(b.s).op, fc.act(a.r).op, fc.act(b.r).op), fc.act(a.s).op, fc.act(b.s).op, fc.act(a.r).op, fc.act(b.r).op)
			return
		}
	}
	if len(tail) == 0 || len(pairs) == 0 {
		return
	}
	a := slices.MinFunc(tail, func(x, y int) int { return cmp.Compare(fc.act(x).ret, fc.act(y).ret) })
	b := pairs[bySendCall[len(bySendCall)-1]]
	if fc.act(a).ret < fc.act(b.s).call {
		fc.violate("order", fmt.Sprintf("sent before op %d sent, and op %d received that value, but nothing received this one",
			fc.act(b.s).op, fc.act(b.r).op), fc.act(a).op, fc.act(b.s).op, fc.act(b.r).op)
	}
}

// overflowPattern: more than C values surely buffered at one instant — each in the
// open interval from its send's return to its receive's call (or for ever).
func (fc *fastChan) overflowPattern(pairs []pair, tail []int) {
	type edge struct {
		t     int64
		delta int
		send  int // the action of the value's send
	}
	var es []edge
	for _, p := range pairs {
		if s, d := fc.act(p.s), fc.act(p.r); s.ret < d.call {
			es = append(es, edge{s.ret, +1, p.s}, edge{d.call, -1, p.s})
		}
	}
	for _, s := range tail {
		es = append(es, edge{fc.act(s).ret, +1, s})
	}
	// Open intervals: at equal times, a value leaves before another arrives.
	slices.SortFunc(es, func(x, y edge) int { return cmp.Or(cmp.Compare(x.t, y.t), cmp.Compare(x.delta, y.delta)) })
	n := int64(0)
	for i, e := range es {
		if n += int64(e.delta); n <= fc.cap {
			continue
		}
		in := make(map[int]int) // the values buffered just after e.t
		for _, f := range es[:i+1] {
			in[f.send] += f.delta
		}
		var ops []int
		for send, k := range in {
			if k > 0 {
				ops = append(ops, fc.act(send).op)
			}
		}
		slices.Sort(ops)
		fc.violate("overflow", fmt.Sprintf("and ops %v sent values that are all buffered just after time %d, more than cap %d",
			ops[1:], e.t, fc.cap), ops...)
		return
	}
}

// needsClosed reports whether an action of fc.other can only take effect on a closed
// channel: a panicking send or close, a select that panicked, a receive of (0, false).
func (fc *fastChan) needsClosed(i int) bool {
	a := fc.act(i)
	if a.kind != actOp {
		return false
	}
	op := &fc.r.h.Ops[a.op]
	_, dir, comm := taken(op)
	return op.Result.Panic != "" || comm && dir == spec.DirRecv && !op.Result.OK
}

func (fc *fastChan) closePatterns(tail []int) {
	if len(fc.closes) > 1 {
		fc.violate("close", fmt.Sprintf("and op %d both closed the channel without panicking",
			fc.act(fc.closes[1]).op), fc.act(fc.closes[0]).op, fc.act(fc.closes[1]).op)
		return
	}
	for _, i := range fc.other {
		if !fc.needsClosed(i) {
			continue
		}
		a := fc.act(i)
		switch {
		case len(fc.closes) == 0:
			fc.violate("close", "needs a closed channel, and no close succeeded", a.op)
		case a.ret < fc.act(fc.closes[0]).call:
			fc.violate("close", fmt.Sprintf("needs a closed channel, and returned before close op %d was called",
				fc.act(fc.closes[0]).op), a.op, fc.act(fc.closes[0]).op)
		case len(tail) > 0 && fc.r.h.Ops[a.op].Result.Panic == "":
			fc.violate("close", fmt.Sprintf("received (0,false), but op %d sent a value never received", fc.act(tail[0]).op),
				a.op, fc.act(tail[0]).op)
		}
	}
	if len(fc.closes) == 0 {
		return
	}
	x := fc.act(fc.closes[0])
	for _, s := range fc.enq {
		if fc.act(s).call > x.ret {
			fc.violate("close", fmt.Sprintf("sent without panicking, called after close op %d returned", x.op), fc.act(s).op, x.op)
			return
		}
	}
	for _, i := range fc.other {
		if a := fc.act(i); fc.needsOpen(i) && a.call > x.ret {
			fc.violate("close", fmt.Sprintf("needs an open channel, and was called after close op %d returned", x.op),
				fc.r.actionOps(a)[0], x.op)
			return
		}
	}
}

// needsOpen reports whether an action of fc.other can only take effect on an open
// channel: a transfer, or a select that took default (a closed channel makes every
// case ready: a receive gets (0, false), a send panics).
func (fc *fastChan) needsOpen(i int) bool {
	a := fc.act(i)
	return a.kind == actTransfer ||
		a.kind == actOp && fc.r.h.Ops[a.op].Kind == spec.OpSelect && fc.r.h.Ops[a.op].Result.Case == spec.DefaultCase &&
			fc.r.h.Ops[a.op].Result.Panic == ""
}
