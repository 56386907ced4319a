package linearizability

// The channel checker's witness (described in fast.go): a timeline of points for one
// channel's actions, built along a FIFO order, checked by replaying it.

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/chanmodel/chanmodel/spec"
)

// point is an action placed in a witness at time t.
type point struct {
	action int
	t      int64
}

// witness builds the timeline described in fast.go along the FIFO order o, or says
// why it could not.
func (fc *fastChan) witness(pairs []pair, tail []int, o fifoOrder, latest bool) ([]point, string) {
	sends, recvs := fc.fifoOrder(pairs, tail, o)
	line, why := fc.chain(sends, recvs, latest)
	if line == nil {
		return nil, why
	}
	if len(fc.closes) == 1 {
		if line, why = fc.placeClose(line); line == nil {
			return nil, why
		}
	}
	return fc.placeOthers(line)
}

// chain gives each send and receive along π its earliest possible point (the least
// solution of the constraints in fast.go) or, with latest, its latest
// (the greatest solution), and merges them into one timeline, receives first at equal
// times.
func (fc *fastChan) chain(sends, recvs []int, latest bool) ([]point, string) {
	s := make([]int64, len(sends))
	r := make([]int64, len(recvs))
	var bad int
	if latest {
		bad = fc.latest(sends, recvs, s, r)
	} else {
		bad = fc.earliest(sends, recvs, s, r)
	}
	if bad >= 0 {
		return nil, fmt.Sprintf("op %d has no point in its interval along the FIFO order tried", fc.act(bad).op)
	}
	line := make([]point, 0, len(sends)+len(recvs))
	i, j := 0, 0
	for i < len(sends) || j < len(recvs) {
		full := int64(i-j) == fc.cap
		if j < i && j < len(recvs) && (i == len(sends) || full || r[j] <= s[i]) {
			line = append(line, point{recvs[j], r[j]})
			j++
			continue
		}
		line = append(line, point{sends[i], s[i]})
		i++
	}
	return line, ""
}

// earliest fills s and r with the least solution of
//
//	s_k >= call(send_k), s_k >= s_{k-1}, s_k >= r_{k-C}, r_k >= call(recv_k), r_k >= r_{k-1}, r_k >= s_k
//
// and returns -1, or the first action whose point passes its return.
func (fc *fastChan) earliest(sends, recvs []int, s, r []int64) int {
	prevS, prevR := int64(math.MinInt64), int64(math.MinInt64)
	for k := range sends {
		s[k] = max(fc.act(sends[k]).call, prevS)
		if j := int64(k) - fc.cap; fc.cap > 0 && j >= 0 {
			s[k] = max(s[k], r[j])
		}
		if s[k] > fc.act(sends[k]).ret {
			return sends[k]
		}
		prevS = s[k]
		if k < len(recvs) {
			r[k] = max(fc.act(recvs[k]).call, prevR, s[k])
			if r[k] > fc.act(recvs[k]).ret {
				return recvs[k]
			}
			prevR = r[k]
		}
	}
	return -1
}

// latest fills s and r with the greatest solution of the same constraints under the
// returns, and returns -1, or the last action whose point falls before its call.
func (fc *fastChan) latest(sends, recvs []int, s, r []int64) int {
	nextS, nextR := int64(math.MaxInt64), int64(math.MaxInt64)
	for k := len(sends) - 1; k >= 0; k-- {
		if k < len(recvs) {
			r[k] = min(fc.act(recvs[k]).ret, nextR)
			if j := int64(k) + fc.cap; fc.cap > 0 && j < int64(len(sends)) {
				r[k] = min(r[k], s[j])
			}
			if r[k] < fc.act(recvs[k]).call {
				return recvs[k]
			}
			nextR = r[k]
		}
		s[k] = min(fc.act(sends[k]).ret, nextS)
		if k < len(recvs) {
			s[k] = min(s[k], r[k])
		}
		if s[k] < fc.act(sends[k]).call {
			return sends[k]
		}
		nextS = s[k]
	}
	return -1
}

// gap is the space between line[g-1] and line[g]: its time range and state.
func gapTimes(line []point, g int) (lo, hi int64) {
	lo, hi = math.MinInt64, math.MaxInt64
	if g > 0 {
		lo = line[g-1].t
	}
	if g < len(line) {
		hi = line[g].t
	}
	return lo, hi
}

// placeClose puts the successful close in the first gap after the last send that its
// interval allows, no earlier than the calls of the actions that need the channel
// open (when its interval allows that too).
func (fc *fastChan) placeClose(line []point) ([]point, string) {
	x := fc.closes[0]
	first := 0
	for g, p := range line {
		if fc.r.actions[p.action].kind == actOp && fc.isSend(p.action) {
			first = g + 1
		}
	}
	notBefore := fc.act(x).call
	for _, i := range fc.other {
		if fc.needsOpen(i) {
			notBefore = max(notBefore, fc.act(i).call)
		}
	}
	for _, from := range []int64{min(notBefore, fc.act(x).ret), fc.act(x).call} {
		for g := first; g <= len(line); g++ {
			lo, hi := gapTimes(line, g)
			if t := max(lo, from); t <= min(hi, fc.act(x).ret) {
				return slices.Insert(line, g, point{x, t}), ""
			}
			if lo > fc.act(x).ret {
				break
			}
		}
	}
	return nil, fmt.Sprintf("close op %d finds no place after the last send", fc.act(x).op)
}

func (fc *fastChan) isSend(i int) bool {
	_, dir, ok := taken(&fc.r.h.Ops[fc.act(i).op])
	return ok && dir == spec.DirSend
}

// placeOthers puts each action that changes nothing in the first gap that overlaps
// its interval and in whose state it may take effect, then the end; it returns the
// whole witness in order.
func (fc *fastChan) placeOthers(line []point) ([]point, string) {
	closed := make([]bool, len(line)+1) // the state of each gap
	size := make([]int64, len(line)+1)
	for g, p := range line {
		closed[g+1], size[g+1] = closed[g], size[g]
		switch op := &fc.r.h.Ops[fc.act(p.action).op]; {
		case op.Kind == spec.OpClose:
			closed[g+1] = true
		case fc.isSend(p.action):
			size[g+1]++
		default:
			size[g+1]--
		}
	}
	in := make([][]point, len(line)+1) // what goes into each gap
	for _, i := range fc.other {
		a := fc.act(i)
		g, _ := slices.BinarySearchFunc(line, a.call, func(p point, t int64) int { return cmp.Compare(p.t, t) })
		placed := false
		for ; g <= len(line); g++ {
			lo, hi := gapTimes(line, g)
			if lo > a.ret {
				break
			}
			if hi >= a.call && fc.may(i, closed[g], size[g]) {
				in[g] = append(in[g], point{i, max(lo, a.call)})
				placed = true
				break
			}
		}
		if !placed {
			return nil, fmt.Sprintf("%s finds no gap of the timeline to take effect in", fc.r.describe(a))
		}
	}
	w := make([]point, 0, len(line)+len(fc.other)+1)
	for g := range in {
		slices.SortStableFunc(in[g], func(x, y point) int { return cmp.Compare(x.t, y.t) })
		w = append(w, in[g]...)
		if g < len(line) {
			w = append(w, line[g])
		}
	}
	if fc.quiesce >= 0 {
		w = append(w, point{fc.quiesce, fc.act(fc.quiesce).call})
	}
	return w, ""
}

// replay checks the witness as a linearization: times within the intervals and in
// order, every step legal in the real state. It returns what failed, or "".
func (fc *fastChan) replay(w []point) string {
	s := initial(fc.r.h)
	last := int64(math.MinInt64)
	for _, p := range w {
		a := fc.act(p.action)
		if p.t < a.call || p.t > a.ret || p.t < last {
			return fmt.Sprintf("%s placed at %d", fc.r.describe(a), p.t)
		}
		last = p.t
		var ok bool
		if s, ok = fc.r.step(s, a); !ok {
			return fmt.Sprintf("%s cannot take effect in %s", fc.r.describe(a), s.describe([]int{fc.c}))
		}
	}
	return ""
}
