package impl

// The model's mutex (runtime lock/unlock on a runtime mutex such as hchan.lock).
//
// Deterministic mode: owner is the holder. Acquiring is a scheduling point at which a G
// blocked on a held mutex is not a candidate, so the Chooser decides who gets a contended
// lock and a lock-order deadlock is reported like any other. Releasing is a scheduling
// point too, including inside gopark's unlockf.
//
// Parallel mode: a TryLock loop on mu that gives the processor away (runtime.Gosched,
// or the model's own preemption) while it waits, and unwinds if the run ends, so a
// waiter never outlives the run. Critical sections are a few field updates, so waiting
// by spinning is what the runtime's lock2 does too.
//
// Invariants: owner != nil iff the mutex is on owner.held (Deterministic); a G never
// parks, readies or exits holding a mutex (gopark, goready and goexit throw).

import (
	"fmt"
	"runtime"
	"sync"
)

// mutex is the model's lock. The zero value is unlocked.
type mutex struct {
	// id names the mutex in traces and reports; its owner sets it (the channel layer
	// uses the channel's id). 0 means anonymous.
	id    int64
	owner *G         // Deterministic: the holder, nil when free
	mu    sync.Mutex // Parallel
}

// activeSpin is the number of back-to-back TryLock attempts before a waiting G starts
// giving the processor away (runtime lock2's active_spin).
const activeSpin = 4

// lock acquires l for gp, the running G. gp must not hold l already: in Deterministic
// mode that is reported as a deadlock; in Parallel mode gp would spin until MaxSteps.
func lock(gp *G, l *mutex) {
	rt := gp.rt
	rt.enter(gp, "lock")
	if !rt.det {
		for i := 0; !l.mu.TryLock(); i++ {
			if i >= activeSpin {
				runtime.Gosched()
				rt.enter(gp, "lock")
				rt.maybeGosched(gp)
			}
		}
		if rt.tracing {
			rt.emit(gp, Event{Kind: EvLock, Chan: l.id})
		}
		return
	}
	gp.blockedOn = l
	rt.schedule(gp, EvLock, "") // returns only once gp is chosen, which needs l free
	gp.blockedOn = nil
	if l.owner != nil {
		rt.throw(gp, fmt.Sprintf("lock: chosen while the lock is held by goroutine %d", l.owner.id))
	}
	l.owner = gp
	gp.held = append(gp.held, l)
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvLock, Chan: l.id})
	}
}

// unlock releases l, which gp holds. gp is the running G, or the parking G when called
// from its gopark's unlockf. unlock always releases, even once the run has ended, so
// that nobody waits on a lock forever.
func unlock(gp *G, l *mutex) {
	rt := gp.rt
	if !rt.det {
		if rt.tracing {
			rt.emit(gp, Event{Kind: EvUnlock, Chan: l.id})
		}
		l.mu.Unlock()
		return
	}
	if !rt.done.Load() {
		if cur := rt.d.cur; gp != cur {
			rt.throw(cur, fmt.Sprintf("unlock: called with goroutine %d, but goroutine %d is running", gp.id, cur.id))
		}
		if l.owner != gp {
			rt.throw(gp, "unlock: lock not held by this goroutine")
		}
	}
	if l.owner != gp {
		return // tearing down
	}
	l.owner = nil
	for i := len(gp.held) - 1; i >= 0; i-- {
		if gp.held[i] == l {
			gp.held = append(gp.held[:i], gp.held[i+1:]...)
			break
		}
	}
	if rt.done.Load() {
		return
	}
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvUnlock, Chan: l.id})
	}
	rt.schedule(gp, EvUnlock, "")
}
