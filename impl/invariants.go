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
