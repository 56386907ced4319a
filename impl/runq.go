package impl

// Run queues (runtime runqput/runqget/runqsteal): each P has a FIFO run queue and a
// runnext slot. runqput with next puts the G in runnext and moves the G it displaces to
// the tail of the queue, so a G readied by the running G runs next, sharing its time
// slice (runtime proc.go runqput).
//
// Invariants: a G is in at most one P's runnext or runq, at most once; every G there is
// _Grunnable.

import (
	"sync"
	"sync/atomic"
)

// p is a P: a run queue plus runnext. The owner M puts and gets, other Ms steal.
// Deterministic mode has one p and no locking; it uses runnext and runq. Parallel mode
// keeps runnext in next, an atomic pointer, so that the common case (a G readied into
// runnext, then run from there by the owner) takes no lock, as the runtime's runnext is
// set and taken by CAS; runq is guarded by mu, and nq mirrors its length for readers
// without the lock.
type p struct {
	id      int
	runnext *G // Deterministic
	runq    gQueue

	next atomic.Pointer[G] // Parallel: runnext
	mu   sync.Mutex        // Parallel: guards runq
	nq   atomic.Int32      // Parallel: runq.len(), stored under mu

	// Dead Gs for newG to reuse (runtime p.gFree), used only by this P's M or the G
	// running on it (gfput, gfget).
	gfree []*G

	// The channel layer's per-P cache of free sudogs (runtime p.sudogcache, sudogbuf),
	// used only by the G running on this P (waitq.go acquireSudog, releaseSudog).
	sudogcache []*sudog
	sudogbuf   [128]*sudog
}

// gQueue is a FIFO of Gs in a growable ring.
type gQueue struct {
	buf  []*G
	head int
	n    int
}

func (q *gQueue) len() int { return q.n }

// at returns the i-th G from the head; 0 <= i < q.len().
func (q *gQueue) at(i int) *G { return q.buf[(q.head+i)%len(q.buf)] }

func (q *gQueue) pushBack(gp *G) {
	if q.n == len(q.buf) {
		nb := make([]*G, max(8, 2*len(q.buf)))
		for i := 0; i < q.n; i++ {
			nb[i] = q.at(i)
		}
		q.buf, q.head = nb, 0
	}
	q.buf[(q.head+q.n)%len(q.buf)] = gp
	q.n++
}

func (q *gQueue) popFront() *G {
	if q.n == 0 {
		return nil
	}
	gp := q.buf[q.head]
	q.buf[q.head] = nil
	q.head = (q.head + 1) % len(q.buf)
	q.n--
	return gp
}

// remove deletes gp from the queue, keeping the order of the others; it reports whether
// gp was there.
func (q *gQueue) remove(gp *G) bool {
	for i := 0; i < q.n; i++ {
		if q.at(i) != gp {
			continue
		}
		for j := i; j < q.n-1; j++ {
			q.buf[(q.head+j)%len(q.buf)] = q.at(j + 1)
		}
		q.buf[(q.head+q.n-1)%len(q.buf)] = nil
		q.n--
		return true
	}
	return false
}

// runqput puts gp on pp's run queue: in runnext if next (the displaced runnext goes to
// the tail), else at the tail. gp must be _Grunnable and on no run queue.
// Deterministic mode (Parallel mode: runqputPar).
func runqput(pp *p, gp *G, next bool) {
	if next {
		gp, pp.runnext = pp.runnext, gp
		if gp == nil {
			return
		}
	}
	pp.runq.pushBack(gp)
}

// runqget takes the next G to run from pp: runnext first, then the head of the queue.
// Deterministic mode (Parallel mode: runqgetPar).
func runqget(pp *p) *G {
	if gp := pp.runnext; gp != nil {
		pp.runnext = nil
		return gp
	}
	return pp.runq.popFront()
}

// runqremove takes gp off pp's run queue wherever it is (Deterministic mode, where the
// Chooser may pick any runnable G).
func runqremove(pp *p, gp *G) {
	if pp.runnext == gp {
		pp.runnext = nil
		return
	}
	pp.runq.remove(gp)
}

// runqputPar is runqput in Parallel mode, by pp's own M or the G running on it. It
// reports whether pp has a queued G besides runnext.
func runqputPar(pp *p, gp *G, next bool) (queued bool) {
	if next {
		if gp = pp.next.Swap(gp); gp == nil {
			return pp.nq.Load() > 0
		}
	}
	pp.mu.Lock()
	pp.runq.pushBack(gp)
	pp.nq.Store(int32(pp.runq.len()))
	pp.mu.Unlock()
	return true
}

// runqgetPar takes the next G to run from pp: runnext first, then the head of the
// queue (runtime runqget). Parallel mode, by pp's own M.
func runqgetPar(pp *p) *G {
	if gp := pp.next.Load(); gp != nil && pp.next.CompareAndSwap(gp, nil) {
		return gp
	}
	if pp.nq.Load() == 0 {
		return nil
	}
	pp.mu.Lock()
	gp := pp.runq.popFront()
	pp.nq.Store(int32(pp.runq.len()))
	pp.mu.Unlock()
	return gp
}

// stealMax bounds the Gs runqsteal takes at once.
const stealMax = 128

// runqsteal takes Gs from pp, another M's P, for thief, the P of the M calling it
// (runtime runqsteal/runqgrab): half of pp's queue, up to stealMax, or if that is empty
// and stealNext, its runnext. It returns the first G taken and puts the others on
// thief's queue. Parallel mode.
func runqsteal(thief, pp *p, stealNext bool) *G {
	if pp.nq.Load() > 0 {
		var batch [stealMax]*G
		pp.mu.Lock()
		n := min(pp.runq.len()-pp.runq.len()/2, stealMax)
		for i := range n {
			batch[i] = pp.runq.popFront()
		}
		pp.nq.Store(int32(pp.runq.len()))
		pp.mu.Unlock()
		if n > 1 {
			thief.mu.Lock()
			for _, gp := range batch[1:n] {
				thief.runq.pushBack(gp)
			}
			thief.nq.Store(int32(thief.runq.len()))
			thief.mu.Unlock()
		}
		if n > 0 {
			return batch[0]
		}
	}
	if gp := pp.next.Load(); gp != nil && stealNext && pp.next.CompareAndSwap(gp, nil) {
		return gp
	}
	return nil
}

// runqempty reports whether pp has no runnable G. Parallel mode.
func runqempty(pp *p) bool {
	return pp.next.Load() == nil && pp.nq.Load() == 0
}
