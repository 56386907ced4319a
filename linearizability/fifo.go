package linearizability

// Guesses at a channel's FIFO order for the witness: sorts, and topological orders
// that respect real time, with the heaps they run on.

import (
	"cmp"
	"math"
	"slices"
)

// fifoOrder is a guess at the FIFO order π of the values received (the values never
// received follow, by the deadlines of their sends). The topological guesses list the
// values in an order that respects every order real time forces on π — u before v
// when send(u) returns before send(v) is called, receive(u) before receive(v), or
// receive(u) before send(v) — taking among the values free to go next the one with the
// least key. The others just sort by key. Which guess fits depends on the history —
// on who waited for whom — so the witness tries each in turn; each is checked, none
// is trusted.
type fifoOrder struct {
	name  string
	key   func(s, r *action) int64
	topo  bool
	chain bool // topological, by chainPicker
}

var fifoOrders = []fifoOrder{
	{"topological, following the chain", nil, true, true},
	{"topological, send deadlines", func(s, _ *action) int64 { return s.ret }, true, false},
	{"topological, receive deadlines", func(_, r *action) int64 { return r.ret }, true, false},
	{"receive calls", func(_, r *action) int64 { return r.call }, false, false},
	{"send midpoints", func(s, _ *action) int64 { return s.call/2 + s.ret/2 }, false, false},
	{"receive deadlines", func(_, r *action) int64 { return r.ret }, false, false},
	{"send deadlines", func(s, _ *action) int64 { return s.ret }, false, false},
	{"receive midpoints", func(_, r *action) int64 { return r.call/2 + r.ret/2 }, false, false},
	{"send calls", func(s, _ *action) int64 { return s.call }, false, false},
}

// fifoOrder returns the sends in the FIFO order o and the receives in the same order.
func (fc *fastChan) fifoOrder(pairs []pair, tail []int, o fifoOrder) (sends, recvs []int) {
	key := func(p pair) int64 { return o.key(fc.act(p.s), fc.act(p.r)) }
	switch {
	case o.chain:
		pairs = fc.topoOrder(pairs, newChainPicker(fc, pairs))
	case o.topo:
		keys := make([]int64, len(pairs))
		for i, p := range pairs {
			keys[i] = key(p)
		}
		pairs = fc.topoOrder(pairs, keyPicker{newIndexHeap(len(pairs), keys)})
	default:
		pairs = slices.Clone(pairs)
		slices.SortStableFunc(pairs, func(x, y pair) int { return cmp.Compare(key(x), key(y)) })
	}
	for _, p := range pairs {
		sends = append(sends, p.s)
		recvs = append(recvs, p.r)
	}
	tail = slices.Clone(tail)
	slices.SortStableFunc(tail, func(x, y int) int { return cmp.Compare(fc.act(x).ret, fc.act(y).ret) })
	return append(sends, tail...), recvs
}

// topoOrder lists pairs in an order that respects real time (see fifoOrder), taking
// among the pairs free to go next the one free picks. A pair u is free when no pair w
// left has send(w) returned before send(u) or receive(u) was called, or receive(w)
// returned before send(u) or receive(u) was called, so it is free when the calls of u
// are no later than the least returns left; as those only grow, pairs become free in
// a sweep, in O(n log n).
func (fc *fastChan) topoOrder(pairs []pair, free picker) []pair {
	n := len(pairs)
	sc, sr, rc, rr := fc.pairTimes(pairs)
	bySendCall := newSortedMin(sc).idx
	left := make([]bool, n)
	for i := range left {
		left[i] = true
	}
	sRet, rRet := newSortedMin(sr), newSortedMin(rr)
	waiting := newIndexHeap(n, rc) // send calls reached, receive call maybe not
	out := make([]pair, 0, n)
	next := 0
	for len(out) < n {
		mS, mR := sRet.minLeft(left), rRet.minLeft(left)
		for ; next < n && sc[bySendCall[next]] <= min(mS, mR); next++ {
			waiting.push(bySendCall[next])
		}
		for waiting.len() > 0 && rc[waiting.top()] <= mR {
			free.add(waiting.pop())
		}
		if free.empty() {
			return nil // a cycle: the order pattern should have caught it
		}
		i := free.pick()
		left[i] = false
		out = append(out, pairs[i])
	}
	return out
}

// pairTimes returns the calls and returns of the sends and receives of pairs.
func (fc *fastChan) pairTimes(pairs []pair) (sc, sr, rc, rr []int64) {
	sc, sr = make([]int64, len(pairs)), make([]int64, len(pairs))
	rc, rr = make([]int64, len(pairs)), make([]int64, len(pairs))
	for i, p := range pairs {
		s, r := fc.act(p.s), fc.act(p.r)
		sc[i], sr[i], rc[i], rr[i] = s.call, s.ret, r.call, r.ret
	}
	return sc, sr, rc, rr
}

// picker chooses the next pair among the free ones.
type picker interface {
	add(i int)
	empty() bool
	pick() int
}

// keyPicker picks the free pair with the least key.
type keyPicker struct{ h *indexHeap }

func (p keyPicker) add(i int)   { p.h.push(i) }
func (p keyPicker) empty() bool { return p.h.len() == 0 }
func (p keyPicker) pick() int   { return p.h.pop() }

// chainPicker follows the chain of earliest points as it picks: it takes the free pair
// whose receive can take effect first — so that room appears early for the sends
// C places later — unless waiting one more place would make the send with the
// earliest deadline miss it.
type chainPicker struct {
	fc     *fastChan
	pairs  []pair
	isFree []bool
	nfree  int
	byRecv *indexHeap // by the earliest point of the receive: the later call
	bySend *indexHeap // by the send's return
	sPrev  int64
	r      []int64 // the receive points so far
	placed []bool  // picked already
	byRet  []int   // every pair, by its send's return
	head   int     // byRet[:head] are placed
}

func newChainPicker(fc *fastChan, pairs []pair) *chainPicker {
	p := &chainPicker{fc: fc, pairs: pairs, isFree: make([]bool, len(pairs)), placed: make([]bool, len(pairs)),
		sPrev: math.MinInt64}
	p.byRet = make([]int, len(pairs))
	for i := range p.byRet {
		p.byRet[i] = i
	}
	slices.SortFunc(p.byRet, func(a, b int) int { return cmp.Compare(fc.act(pairs[a].s).ret, fc.act(pairs[b].s).ret) })
	sc, sr, rc, _ := fc.pairTimes(pairs)
	for i := range rc {
		rc[i] = max(rc[i], sc[i]) // the earliest point of the receive
	}
	p.byRecv, p.bySend = newIndexHeap(len(pairs), rc), newIndexHeap(len(pairs), sr)
	return p
}

func (p *chainPicker) add(i int) {
	p.isFree[i] = true
	p.nfree++
	p.byRecv.push(i)
	p.bySend.push(i)
}

func (p *chainPicker) empty() bool { return p.nfree == 0 }

func (p *chainPicker) pick() int {
	p.byRecv.minLeft(p.isFree)
	p.bySend.minLeft(p.isFree)
	x, u := p.byRecv.top(), p.bySend.top()
	if u != x && p.squeezes(x) {
		x = u
	}
	p.isFree[x] = false
	p.placed[x] = true
	p.nfree--
	sk, rk := p.points(x)
	p.sPrev = sk
	p.r = append(p.r, rk)
	return x
}

// points returns the earliest points of pair x's send and receive at the next place
// (as in earliest).
func (p *chainPicker) points(x int) (sk, rk int64) {
	k, c := len(p.r), p.fc.cap
	sk = max(p.fc.act(p.pairs[x].s).call, p.sPrev)
	if j := int64(k) - c; c > 0 && j >= 0 {
		sk = max(sk, p.r[j])
	}
	rk = max(p.fc.act(p.pairs[x].r).call, sk)
	if k > 0 {
		rk = max(rk, p.r[k-1])
	}
	return sk, rk
}

// maxSqueezeScan bounds the pairs squeezes looks at, so that a pick costs O(1) even on
// channels of huge capacity.
const maxSqueezeScan = 512

// squeezes reports whether taking x next would make another pair left miss its send's
// return. Put after x by earliest deadline — the best any order can do for them — the
// i-th of the pairs left goes to place k+1+i, and its send must wait for the receive C
// places before; only the first C of them can meet a receive already placed.
func (p *chainPicker) squeezes(x int) bool {
	for p.head < len(p.byRet) && p.placed[p.byRet[p.head]] {
		p.head++
	}
	k, c := int64(len(p.r)), p.fc.cap
	if c <= 0 || c-k-1 >= int64(len(p.pairs)) {
		return false // no pair left can reach a receive placed already
	}
	_, rx := p.points(x)
	i := int64(0)
	for n, v := range p.byRet[p.head:] {
		if n == maxSqueezeScan {
			return false // a guess, not a proof: bound the work per pick
		}
		if p.placed[v] || v == x {
			continue
		}
		j := k + 1 + i - c
		switch ret := p.fc.act(p.pairs[v].s).ret; {
		case j > k:
			return false
		case j >= 0 && j < k && ret < p.r[j], j == k && ret < rx:
			return true
		}
		i++
	}
	return false
}

// indexHeap is a min-heap of indices by key.
type indexHeap struct {
	idx []int
	key []int64
}

func newIndexHeap(n int, key []int64) *indexHeap { return &indexHeap{idx: make([]int, 0, n), key: key} }

func (h *indexHeap) len() int { return len(h.idx) }
func (h *indexHeap) top() int { return h.idx[0] }

func (h *indexHeap) less(i, j int) bool { return h.key[h.idx[i]] < h.key[h.idx[j]] }

func (h *indexHeap) push(x int) {
	h.idx = append(h.idx, x)
	for i := len(h.idx) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.idx[i], h.idx[p] = h.idx[p], h.idx[i]
		i = p
	}
}

func (h *indexHeap) pop() int {
	x := h.idx[0]
	last := len(h.idx) - 1
	h.idx[0] = h.idx[last]
	h.idx = h.idx[:last]
	for i := 0; ; {
		m, l, r := i, 2*i+1, 2*i+2
		if l < last && h.less(l, m) {
			m = l
		}
		if r < last && h.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h.idx[i], h.idx[m] = h.idx[m], h.idx[i]
		i = m
	}
	return x
}

// minLeft returns the least key among the indices still left (dropping the others),
// or MaxInt64.
func (h *indexHeap) minLeft(left []bool) int64 {
	for h.len() > 0 && !left[h.top()] {
		h.pop()
	}
	if h.len() == 0 {
		return math.MaxInt64
	}
	return h.key[h.top()]
}

// sortedMin is the least key of a shrinking set, over indices sorted by key once.
type sortedMin struct {
	idx  []int
	key  []int64
	head int
}

func newSortedMin(key []int64) *sortedMin {
	m := &sortedMin{idx: make([]int, len(key)), key: key}
	for i := range m.idx {
		m.idx[i] = i
	}
	slices.SortFunc(m.idx, func(x, y int) int { return cmp.Compare(key[x], key[y]) })
	return m
}

func (m *sortedMin) minLeft(left []bool) int64 {
	for m.head < len(m.idx) && !left[m.idx[m.head]] {
		m.head++
	}
	if m.head == len(m.idx) {
		return math.MaxInt64
	}
	return m.key[m.idx[m.head]]
}
