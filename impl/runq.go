package impl

// Run queues (runtime runqput/runqget/runqsteal): each P has a FIFO run queue and a
// runnext slot. runqput with next puts the G in runnext and moves the G it displaces to
// the tail of the queue, so a G readied by the running G runs next, sharing its time
// slice (runtime proc.go runqput).
//
// Invariants: a G is in at most one P's runnext or runq, at most once; every G there is
// _Grunnable.

import "sync"

// p is a P: a run queue plus runnext. In Parallel mode mu guards runnext and runq; the
// owner M puts and gets, other Ms steal. Deterministic mode has one p and no locking.
type p struct {
	id      int
	mu      sync.Mutex
	runnext *G
	runq    gQueue
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
// the tail), else at the tail. gp must be _Grunnable and on no run queue. In Parallel
// mode pp.mu must be held.
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
// In Parallel mode pp.mu must be held.
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

// runqsteal takes one G from another M's P: the head of its queue or, if stealNext,
// its runnext when the queue is empty (runtime runqsteal/runqgrab). Parallel mode.
func runqsteal(pp *p, stealNext bool) *G {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if gp := pp.runq.popFront(); gp != nil {
		return gp
	}
	if gp := pp.runnext; gp != nil && stealNext {
		pp.runnext = nil
		return gp
	}
	return nil
}

// runqempty reports whether pp has no runnable G. Parallel mode.
func runqempty(pp *p) bool {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	return pp.runnext == nil && pp.runq.len() == 0
}
