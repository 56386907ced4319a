package impl

// Scheduler invariants, one function each, exactly the list at the top of sched.go.
// Deterministic mode checks them all at every scheduling point (pick) and ends the run
// with StatusFatal naming the first one broken. Each returns nil or an error that starts
// with the invariant's name (TLA+ XxxInv is Go invXxx).

import "fmt"

// invariant is a named check of the whole Deterministic-mode state.
type invariant struct {
	name  string
	check func(rt *Runtime) error
}

// invariants is the list pick checks. The channel layer appends its own (sudog and
// hchan invariants) here.
var invariants = []invariant{
	{"RunqUnique", invRunqUnique},
	{"RunqRunnable", invRunqRunnable},
	{"OneRunning", invOneRunning},
	{"Parking", invParking},
	{"LocksHeld", invLocksHeld},
	// The channel layer's (SEMANTICS item 3), on every channel whose lock is free.
	{"ChanBufCount", invChanBufCount},
	{"ChanQueuesOneSided", invChanQueuesOneSided},
	{"ChanBufferedQueues", invChanBufferedQueues},
	{"ChanSlotsZero", invChanSlotsZero},
	{"ChanClosedNoWaiters", invChanClosedNoWaiters},
	{"SudogParked", invSudogParked},
	{"ParkedHasSudog", invParkedHasSudog},
}

// CheckInvariants checks every invariant of the run gp belongs to — the scheduler's,
// hchan's and the sudogs' — and returns the first one broken, or nil. gp must be the
// running G of a Deterministic run (Parallel runs have no consistent instant to check);
// Deterministic runs already check them at every scheduling point, and this lets a
// test check them between its own operations too.
func CheckInvariants(gp *G) error {
	rt := gp.rt
	if !rt.det {
		return fmt.Errorf("impl: CheckInvariants needs a Deterministic run")
	}
	rt.enter(gp, "CheckInvariants")
	return rt.checkInvariants()
}

// checkInvariants returns the first broken invariant's error, or nil.
func (rt *Runtime) checkInvariants() error {
	for _, inv := range invariants {
		if err := inv.check(rt); err != nil {
			return err
		}
	}
	return nil
}

func invErr(name, format string, args ...any) error {
	return fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
}

// markQueued marks every G on the run queue with a fresh epoch and returns it; a G
// found already marked is returned as dup.
func (rt *Runtime) markQueued() (epoch uint32, dup *G) {
	d := &rt.d
	d.epoch++
	mark := func(g *G) {
		if g.mark == d.epoch && dup == nil {
			dup = g
		}
		g.mark = d.epoch
	}
	if g := d.p.runnext; g != nil {
		mark(g)
	}
	for i := 0; i < d.p.runq.len(); i++ {
		mark(d.p.runq.at(i))
	}
	return d.epoch, dup
}

// invRunqUnique: a G is on the run queue (runnext or runq) at most once.
func invRunqUnique(rt *Runtime) error {
	if _, dup := rt.markQueued(); dup != nil {
		return invErr("RunqUnique", "goroutine %d is on the run queue twice", dup.id)
	}
	return nil
}

// invRunqRunnable: a G is on the run queue iff its status is _Grunnable.
func invRunqRunnable(rt *Runtime) error {
	epoch, _ := rt.markQueued()
	for _, g := range rt.allgs {
		queued, s := g.mark == epoch, g.getStatus()
		if queued != (s == _Grunnable) {
			return invErr("RunqRunnable", "goroutine %d is %v but queued=%v", g.id, s, queued)
		}
	}
	return nil
}

// invOneRunning: at most one G is _Grunning, and it is the current G.
func invOneRunning(rt *Runtime) error {
	for _, g := range rt.allgs {
		if g.getStatus() == _Grunning && g != rt.d.cur {
			return invErr("OneRunning", "goroutine %d is running but goroutine %d is current",
				g.id, curID(rt))
		}
	}
	return nil
}

func curID(rt *Runtime) int64 {
	if rt.d.cur == nil {
		return 0
	}
	return rt.d.cur.id
}

// invParking: gp.parking iff gp is on d.parking (once), and a parking G is _Gwaiting, or
// _Grunnable if a waker readied it before its unlockf returned.
func invParking(rt *Runtime) error {
	n := 0
	for _, g := range rt.allgs {
		if !g.parking {
			continue
		}
		n++
		if s := g.getStatus(); s != _Gwaiting && s != _Grunnable {
			return invErr("Parking", "goroutine %d is parking but %v", g.id, s)
		}
		if !containsG(rt.d.parking, g) {
			return invErr("Parking", "goroutine %d is parking but not on the parking list", g.id)
		}
	}
	if n != len(rt.d.parking) {
		return invErr("Parking", "%d goroutines parking, %d on the parking list", n, len(rt.d.parking))
	}
	return nil
}

func containsG(gs []*G, gp *G) bool {
	for _, g := range gs {
		if g == gp {
			return true
		}
	}
	return false
}

// invLocksHeld: every mutex on gp.held has owner gp; a G that is parked (and not inside
// unlockf) or dead holds no mutex; a G blocked on a mutex is running or runnable.
func invLocksHeld(rt *Runtime) error {
	for _, g := range rt.allgs {
		s := g.getStatus()
		for _, l := range g.held {
			if l.owner != g {
				return invErr("LocksHeld", "goroutine %d lists a lock owned by %v", g.id, ownerID(l))
			}
		}
		if len(g.held) > 0 && (s == _Gdead || s == _Gwaiting && !g.parking) {
			return invErr("LocksHeld", "goroutine %d is %v holding %d lock(s)", g.id, s, len(g.held))
		}
		if g.blockedOn != nil && s != _Grunning && s != _Grunnable {
			return invErr("LocksHeld", "goroutine %d is %v but blocked on a lock", g.id, s)
		}
	}
	return nil
}

func ownerID(l *mutex) any {
	if l.owner == nil {
		return "nobody"
	}
	return l.owner.id
}

// forFreeChans calls check on each channel of the run whose lock is free — the hchan
// invariants hold only there: a G in a critical section may have them broken — and
// returns the first error.
func forFreeChans(rt *Runtime, check func(c *hchan) error) error {
	for _, c := range rt.chans {
		if c.lock.owner != nil {
			continue
		}
		if err := check(c); err != nil {
			return err
		}
	}
	return nil
}

// live reports whether sg still stands for a waiting operation: not a sudog of a select
// that another channel already won (selectDone set), which pass 3 will remove.
func live(sg *sudog) bool { return !sg.isSelect || sg.g.selectDone.Load() == 0 }

// liveCount counts the live sudogs of q and returns the goroutine of one of them, or
// nil if they belong to more than one goroutine.
func liveCount(q *waitq) (n int, g *G) {
	for sg := q.first.Load(); sg != nil; sg = sg.next {
		if !live(sg) {
			continue
		}
		if n == 0 {
			g = sg.g
		} else if sg.g != g {
			g = nil
		}
		n++
	}
	return n, g
}

// invChanBufCount: 0 <= qcount <= dataqsiz; buffered, sendx == (recvx + qcount) %
// dataqsiz; unbuffered, qcount, sendx and recvx are 0.
func invChanBufCount(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		q := c.qcount.Load()
		switch {
		case q > c.dataqsiz:
			return invErr("ChanBufCount", "%v: qcount %d > dataqsiz %d", c, q, c.dataqsiz)
		case c.dataqsiz == 0 && (c.sendx != 0 || c.recvx != 0):
			return invErr("ChanBufCount", "%v: unbuffered with sendx %d recvx %d", c, c.sendx, c.recvx)
		case c.dataqsiz > 0 && c.sendx != (c.recvx+q)%c.dataqsiz:
			return invErr("ChanBufCount", "%v: sendx %d != (recvx %d + qcount %d) %% %d",
				c, c.sendx, c.recvx, q, c.dataqsiz)
		}
		return nil
	})
}

// invChanQueuesOneSided: at least one of sendq, recvq has no live sudog, except when all
// of them belong to a single goroutine whose select both sends and receives on the
// channel (possibly in several cases).
func invChanQueuesOneSided(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		ns, gs := liveCount(&c.sendq)
		nr, gr := liveCount(&c.recvq)
		if ns > 0 && nr > 0 && (gs == nil || gs != gr) {
			return invErr("ChanQueuesOneSided", "%v: %d senders and %d receivers waiting", c, ns, nr)
		}
		return nil
	})
}

// invChanBufferedQueues: buffered, qcount > 0 implies no receiver waits and qcount <
// dataqsiz implies no sender waits.
func invChanBufferedQueues(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		if c.dataqsiz == 0 {
			return nil
		}
		q := c.qcount.Load()
		if n, _ := liveCount(&c.recvq); q > 0 && n > 0 {
			return invErr("ChanBufferedQueues", "%v: %d values buffered and %d receivers waiting", c, q, n)
		}
		if n, _ := liveCount(&c.sendq); q < c.dataqsiz && n > 0 {
			return invErr("ChanBufferedQueues", "%v: room for %d and %d senders waiting", c, c.dataqsiz-q, n)
		}
		return nil
	})
}

// invChanSlotsZero: buffer slots outside the live region [recvx, recvx+qcount) hold the
// zero value (recv clears the slot it empties).
func invChanSlotsZero(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		if c.elemtype.size == 0 || c.dataqsiz == 0 {
			return nil
		}
		for k := c.qcount.Load(); k < c.dataqsiz; k++ {
			i := (c.recvx + k) % c.dataqsiz
			if !c.elemtype.isZero(chanbuf(c, i)) {
				return invErr("ChanSlotsZero", "%v: slot %d is outside the live region but not zero", c, i)
			}
		}
		return nil
	})
}

// invChanClosedNoWaiters: a closed channel has no live sudog on its queues (close
// released them all, and nobody parks on a closed channel).
func invChanClosedNoWaiters(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		ns, _ := liveCount(&c.sendq)
		nr, _ := liveCount(&c.recvq)
		if c.closed.Load() != 0 && ns+nr > 0 {
			return invErr("ChanClosedNoWaiters", "%v: closed with %d senders and %d receivers waiting", c, ns, nr)
		}
		return nil
	})
}

// invSudogParked: every live sudog on a queue is unclaimed and belongs to a waiting G
// (parked, or inside gopark's unlockf), on that G's waiting list.
func invSudogParked(rt *Runtime) error {
	return forFreeChans(rt, func(c *hchan) error {
		for sg := c.sendq.first.Load(); sg != nil; sg = sg.next {
			if err := sudogParked(c, sg); err != nil {
				return err
			}
		}
		for sg := c.recvq.first.Load(); sg != nil; sg = sg.next {
			if err := sudogParked(c, sg); err != nil {
				return err
			}
		}
		return nil
	})
}

func sudogParked(c *hchan, sg *sudog) error {
	if !live(sg) {
		return nil
	}
	g := sg.g
	switch {
	case sg.claimed:
		return invErr("SudogParked", "%v: goroutine %d's sudog is claimed but still queued", c, g.id)
	case g.getStatus() != _Gwaiting && !g.parking:
		return invErr("SudogParked", "%v: goroutine %d is queued but %v", c, g.id, g.getStatus())
	}
	for w := g.waiting; w != nil; w = w.waitlink {
		if w == sg {
			return nil
		}
	}
	return invErr("SudogParked", "%v: goroutine %d's queued sudog is not on its waiting list", c, g.id)
}

// invParkedHasSudog: a G parked on a channel operation has its sudog on that channel's
// queue, unless a waker claimed it (the wake-up is under way); a G parked in a select
// whose selectDone is clear has every sudog on its queue, and one whose selectDone is
// set has exactly one claimed sudog. (A G waiting on nil or in an empty select has no
// sudog at all.)
func invParkedHasSudog(rt *Runtime) error {
	for _, g := range rt.allgs {
		if g.getStatus() != _Gwaiting || g.parking || g.waiting == nil {
			continue
		}
		claimed, missing := 0, 0
		for sg := g.waiting; sg != nil; sg = sg.waitlink {
			if sg.claimed {
				claimed++
			} else if !queued(sg) {
				missing++
			}
		}
		won := g.waiting.isSelect && g.selectDone.Load() == 1
		switch {
		case !won && claimed == 0 && missing > 0:
			return invErr("ParkedHasSudog", "goroutine %d is parked but %d of its sudogs are on no queue", g.id, missing)
		case won && claimed != 1:
			return invErr("ParkedHasSudog", "goroutine %d's select was won %d times", g.id, claimed)
		case !g.waiting.isSelect && claimed > 1:
			return invErr("ParkedHasSudog", "goroutine %d's sudog was claimed twice", g.id)
		}
	}
	return nil
}

// queued reports whether sg is on one of its channel's queues.
func queued(sg *sudog) bool { return onQueue(&sg.c.sendq, sg) || onQueue(&sg.c.recvq, sg) }

func onQueue(q *waitq, sg *sudog) bool {
	for s := q.first.Load(); s != nil; s = s.next {
		if s == sg {
			return true
		}
	}
	return false
}
