package impl

// The model's mutex (runtime lock/unlock on a runtime mutex such as hchan.lock).
//
// Deterministic mode: owner is the holder. Acquiring is a scheduling point at which a G
// blocked on a held mutex is not a candidate, so the Chooser decides who gets a contended
// lock and a lock-order deadlock is reported like any other. Releasing is a scheduling
// point too, including inside gopark's unlockf.
//
// Parallel mode: a compare-and-swap loop on key that spins with backoff, then gives the
// processor away (runtime.Gosched, or the model's own preemption) while it waits
// (lockSpin), and unwinds if the run ends, so a waiter never outlives the run. Critical
// sections are a few field updates, so waiting by spinning is what the runtime's lock2
// does too. Uncontended and untraced, lock is one compare-and-swap and unlock one swap,
// both on the inlined fast paths.
//
// Invariants: owner != nil iff the mutex is on owner.held (Deterministic); a G never
// parks, readies or exits holding a mutex (gopark, goready and goexit throw).

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// mutex is the model's lock. The zero value is unlocked.
type mutex struct {
	// id names the mutex in traces and reports; its owner sets it (the channel layer
	// uses the channel's id). 0 means anonymous.
	id    int64
	owner *G            // Deterministic: the holder, nil when free
	key   atomic.Uint32 // Parallel: 1 while held (runtime mutex.key); see tryLock
	// waiting counts the Gs starving for the lock in lockSpin (Parallel). While it is
	// not zero, no other G takes the lock first: see lockSpin.
	waiting atomic.Int32
}

// lock acquires l for gp, the running G. gp must not hold l already: in Deterministic
// mode that is reported as a deadlock; in Parallel mode gp would spin until MaxSteps.
func lock(gp *G, l *mutex) {
	if gp.rt.step(gp) && l.waiting.Load() == 0 && l.tryLock() {
		return // Parallel, untraced, uncontended
	}
	lockSlow(gp, l)
}

// lockSlow is lock in full.
func lockSlow(gp *G, l *mutex) {
	rt := gp.rt
	rt.enter(gp, "lock")
	if !rt.det {
		if l.waiting.Load() != 0 || !l.tryLock() {
			lockSpin(gp, l)
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

// lockSpin acquires l for gp after a failed attempt (Parallel mode), waiting like the
// runtime's lock2: it first spins, with attempts spaced by busy waits that double from
// spinMin to spinMax iterations (spinning without touching l's cache line leaves it to
// the holder, which is running and will soon release it: backing off is what makes a
// contended lock fast), then between attempts gives the processor away. It spins only
// if every M can have a processor of its own (rt.spin); otherwise the holder may be an
// M that cannot run until this one gives its processor away. Each round is a step.
//
// A G that has given its processor away starveYields times without getting l is
// starving: it is counted in l.waiting, and until that count is back to zero no G
// takes l without starving first — lock's fast path and the spinning phase defer (the
// starvation mode of sync.Mutex, entered after a count instead of a millisecond).
// Without it, a G that polls l in a loop (lock, unlock, lock ...) can keep it: between
// its unlock and its next lock, l's cache line stays on its processor, and a waiter on
// another processor can lose every race — it stalled BenchmarkCloseWake1000 for
// minutes whenever the machine was loaded. Deferring to every waiter at once instead
// (no threshold) made a convoy of MPMC: 42 ns per item became 300.
func lockSpin(gp *G, l *mutex) {
	rt := gp.rt
	backoff := spinMin
	yields, starving := 0, false
	defer func() {
		if starving {
			l.waiting.Add(-1)
		}
	}()
	for i := 0; ; i++ {
		if (starving || l.waiting.Load() == 0) && l.tryLock() {
			return
		}
		rt.enter(gp, "lock")
		if rt.spin && i < spinRounds && l.waiting.Load() == 0 {
			for range backoff {
				spinWait()
			}
			backoff = min(2*backoff, spinMax)
			continue
		}
		if yields++; yields == starveYields {
			starving = true
			l.waiting.Add(1)
		}
		runtime.Gosched()
		rt.maybeGosched(gp)
	}
}

// starveYields is how many times a G gives its processor away waiting for a lock
// before it is starving (lockSpin).
const starveYields = 64

// The busy waits of lockSpin: spinRounds of them, from spinMin to spinMax calls of
// spinWait (about 10µs in all).
const (
	spinMin    = 128
	spinMax    = 4096
	spinRounds = 6
)

// tryLock acquires l if it is free and reports whether it did (Parallel mode). The
// compare-and-swap that acquires and the swap in unlock that releases order the critical
// sections: each holder's writes happen before the next holder's reads (for the race
// detector too, which treats sync/atomic as synchronization).
func (l *mutex) tryLock() bool { return l.key.CompareAndSwap(0, 1) }

// spinWait is one unit of lockSpin's busy wait: a call that touches no shared memory
// (the runtime's procyield).
//
//go:noinline
func spinWait() {}

// unlock releases l, which gp holds. gp is the running G, or the parking G when called
// from its gopark's unlockf. unlock always releases, even once the run has ended, so
// that nobody waits on a lock forever.
func unlock(gp *G, l *mutex) {
	if gp.rt.plain && l.key.Swap(0) == 1 {
		return
	}
	unlockSlow(gp, l)
}

// unlockSlow is unlock in full.
func unlockSlow(gp *G, l *mutex) {
	rt := gp.rt
	if !rt.det {
		if rt.tracing {
			rt.emit(gp, Event{Kind: EvUnlock, Chan: l.id})
		}
		if l.key.Swap(0) != 1 { // (when plain, unlock swapped already and found 0)
			rt.throw(gp, "unlock: lock not held")
		}
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
