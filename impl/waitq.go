package impl

// Wait queues of sudogs (runtime chan.go waitq, runtime2.go sudog).
//
// Invariants (whenever the channel's lock is free):
//   - a sudog is on a queue iff its goroutine is parked on that operation, except a
//     select's losing sudogs between its wake-up and its pass 3, whose selectDone is set;
//   - q.first == nil iff q.last == nil; the queue is doubly linked through next/prev.

import (
	"sync/atomic"
	"unsafe"
)

// sudog is a goroutine waiting on one channel (one per goroutine and case).
// The fields next, prev, elem and success are guarded by c.lock of the channel the sudog
// is queued on; g, isSelect and c are set by the owner before it enqueues the sudog.
type sudog struct {
	g *G

	next *sudog
	prev *sudog
	// elem points to the value to send, or to where a receive stores its value; nil
	// for a receive that discards it. A partner copies through it under c.lock.
	elem unsafe.Pointer

	// isSelect: g is in a select, so a waker must win g.selectDone to claim it.
	isSelect bool
	// success: the communication happened (true) or the channel was closed (false).
	success bool

	waitlink *sudog // g.waiting list: the sudogs of one select, in lock order
	c        *hchan // the channel

	// casi is the index of the select case the sudog stands for (0 for a plain
	// operation): the runtime finds it in pass 3; the model also records it for traces.
	casi int

	// claimed is set when dequeue hands the sudog to a waker, which will complete it
	// and ready its goroutine. Bookkeeping for the invariant checks only: it tells a
	// goroutine whose wake-up is under way from one whose sudog was lost.
	claimed bool
}

// waitq is a FIFO list of sudogs (sendq or recvq). first is read without the lock by
// the lock-free fast paths, so it is an atomic pointer; every write is under c.lock.
type waitq struct {
	first atomic.Pointer[sudog]
	last  *sudog
}

// empty reports whether no sudog is queued. It may be called without the lock.
func (q *waitq) empty() bool { return q.first.Load() == nil }

// enqueue adds sgp at the tail (SEMANTICS item 22). c.lock must be held.
func (q *waitq) enqueue(sgp *sudog) {
	if mutant == "lifo-waitq" && q.last != nil {
		first := q.first.Load()
		sgp.prev, sgp.next, first.prev = nil, first, sgp
		q.first.Store(sgp)
		return
	}
	sgp.next = nil
	x := q.last
	if x == nil {
		sgp.prev = nil
		q.first.Store(sgp)
		q.last = sgp
		return
	}
	sgp.prev = x
	x.next = sgp
	q.last = sgp
}

// dequeue removes and returns the first sudog whose goroutine can still be claimed, or
// nil. A sudog of a select is claimed by winning the CAS of its goroutine's selectDone
// from 0 to 1; one that loses belongs to a select another channel already woke, so it
// is dropped and the next one is tried (SEMANTICS item 23). c.lock must be held.
func (q *waitq) dequeue() *sudog {
	if q.first.Load() == nil {
		return nil
	}
	return q.dequeueSlow()
}

// dequeueSlow is dequeue of a queue that was not empty.
func (q *waitq) dequeueSlow() *sudog {
	for {
		sgp := q.first.Load()
		if sgp == nil {
			return nil
		}
		y := sgp.next
		if y == nil {
			q.first.Store(nil)
			q.last = nil
		} else {
			y.prev = nil
			q.first.Store(y)
			sgp.next = nil // mark as removed (see dequeueSudoG)
		}
		if sgp.isSelect && !sgp.g.selectDone.CompareAndSwap(0, 1) && mutant != "dequeue-skips-cas" {
			continue
		}
		sgp.claimed = true
		return sgp
	}
}

// dequeueSudoG removes sgp from anywhere in q in O(1) (SEMANTICS item 24); it is a
// no-op if sgp is no longer queued. select's pass 3 calls it for every losing case.
// c.lock must be held.
func (q *waitq) dequeueSudoG(sgp *sudog) {
	x, y := sgp.prev, sgp.next
	switch {
	case x != nil && y != nil: // middle
		x.next, y.prev = y, x
		sgp.next, sgp.prev = nil, nil
	case x != nil: // last
		x.next = nil
		q.last = x
		sgp.prev = nil
	case y != nil: // first
		y.prev = nil
		q.first.Store(y)
		sgp.next = nil
	case q.first.Load() == sgp: // the only one
		q.first.Store(nil)
		q.last = nil
	}
}

// len returns the number of sudogs queued. c.lock must be held.
func (q *waitq) len() int {
	n := 0
	for s := q.first.Load(); s != nil; s = s.next {
		n++
	}
	return n
}

// acquireSudog returns a free sudog from the cache of gp's P, refilling that from the
// central cache or allocating when it is empty (runtime acquireSudog). gp is the running
// G. Every field of the sudog is zero.
func acquireSudog(gp *G) *sudog {
	pp := gp.curP()
	if pp.sudogcache == nil {
		pp.sudogcache = pp.sudogbuf[:0]
	}
	if len(pp.sudogcache) == 0 {
		rt := gp.rt
		rt.sudoglock.Lock()
		// First, try to grab a batch from the central cache.
		for len(pp.sudogcache) < cap(pp.sudogcache)/2 && rt.sudogcache != nil {
			s := rt.sudogcache
			rt.sudogcache = s.next
			s.next = nil
			pp.sudogcache = append(pp.sudogcache, s)
		}
		rt.sudoglock.Unlock()
		// If the central cache is empty, allocate a new one.
		if len(pp.sudogcache) == 0 {
			pp.sudogcache = append(pp.sudogcache, new(sudog))
		}
	}
	n := len(pp.sudogcache)
	s := pp.sudogcache[n-1]
	pp.sudogcache[n-1] = nil
	pp.sudogcache = pp.sudogcache[:n-1]
	if s.elem != nil {
		gp.rt.throw(gp, "acquireSudog: found s.elem != nil in cache")
	}
	return s
}

// releaseSudog returns s, which its goroutine gp (the running G) no longer uses, to the
// cache of gp's P, moving half of that to the central cache if it is full (runtime
// releaseSudog). s must be off every queue and list; its other fields are cleared here,
// so that the cache keeps no goroutine or channel alive.
func releaseSudog(gp *G, s *sudog) {
	switch {
	case s.elem != nil:
		gp.rt.throw(gp, "runtime: sudog with non-nil elem")
	case s.isSelect:
		gp.rt.throw(gp, "runtime: sudog with non-false isSelect")
	case s.next != nil:
		gp.rt.throw(gp, "runtime: sudog with non-nil next")
	case s.prev != nil:
		gp.rt.throw(gp, "runtime: sudog with non-nil prev")
	case s.waitlink != nil:
		gp.rt.throw(gp, "runtime: sudog with non-nil waitlink")
	case s.c != nil:
		gp.rt.throw(gp, "runtime: sudog with non-nil c")
	case gp.param != nil:
		gp.rt.throw(gp, "runtime: releaseSudog with non-nil gp.param")
	}
	*s = sudog{}
	pp := gp.curP()
	if pp.sudogcache == nil {
		pp.sudogcache = pp.sudogbuf[:0]
	}
	if len(pp.sudogcache) == cap(pp.sudogcache) {
		// Transfer half of local cache to the central cache.
		var first, last *sudog
		for len(pp.sudogcache) > cap(pp.sudogcache)/2 {
			n := len(pp.sudogcache)
			p := pp.sudogcache[n-1]
			pp.sudogcache[n-1] = nil
			pp.sudogcache = pp.sudogcache[:n-1]
			if first == nil {
				first = p
			} else {
				last.next = p
			}
			last = p
		}
		rt := gp.rt
		rt.sudoglock.Lock()
		last.next = rt.sudogcache
		rt.sudogcache = first
		rt.sudoglock.Unlock()
	}
	pp.sudogcache = append(pp.sudogcache, s)
}
