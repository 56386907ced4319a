package impl

// Parallel mode: Config.Procs Ms, each a real goroutine owning one P for the whole run.
// An M takes a G from its P (runnext first), else steals from another P, else goes idle
// (runtime schedule/findRunnable/stopm). It resumes the G's coroutine, which runs until
// it parks (the M then runs unlockf, as park_m does on g0), is preempted at a yield or
// lock, or exits. goready and newproc put the G on the running M's own P, so only a P's
// own M ever adds to its queue; other Ms only take from it.
//
// Deadlock (runtime checkdead): an M goes idle only with its own queue empty, and idle
// Ms run nothing, so when the last M goes idle no G is running or runnable. It then
// decides the result under sched.lock: every G left is parked.
//
// Wake-ups: the runtime's ready calls wakep on every ready. Here a P asks for help only
// when it has a queued G besides runnext, so that a ping-pong pair stays on one P without
// waking anybody (the runtime gets that effect by making a spinning M wait 3µs before it
// steals runnext). An idle M steals runnext too, after one runtime.Gosched.

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// timeSlice is the number of scheduling points after which a G that reaches a yield or
// lock while other Gs wait on its P is preempted (the model's sysmon).
const timeSlice = 64

type schedt struct {
	lock       sync.Mutex // guards idle and every change of npidle; finish takes it
	allp       []*p
	allm       []*m
	idle       []*m         // idle Ms, each asleep on its park note (or about to be)
	npidle     atomic.Int32 // Ms idle or going idle; changed under lock
	nmspinning atomic.Int32 // Ms woken by wakep that have not yet found work
	steps      atomic.Int64 // scheduling points, added in batches of 1024 per M
}

// m is an M: a worker goroutine that runs Gs from its P.
type m struct {
	id       int
	rt       *Runtime
	p        *p
	spinning bool  // set by wakep (under sched.lock) before the wake-up; reset by the M
	steps    int64 // scheduling points of the Gs this M ran
	slice    int64 // steps when the running G's time slice began (resumed, or preempted)
	park     note
}

// note is a one-shot wake-up (runtime note): sleep blocks until wakeup; a wakeup that
// comes first is not lost. Each wakeup pairs with exactly one sleep.
type note struct {
	mu   sync.Mutex
	cond sync.Cond
	set  bool
}

func (n *note) sleep() {
	n.mu.Lock()
	for !n.set {
		n.cond.Wait()
	}
	n.set = false
	n.mu.Unlock()
}

func (n *note) wakeup() {
	n.mu.Lock()
	n.set = true
	n.mu.Unlock()
	n.cond.Signal()
}

// runPar runs the Ms; Run's goroutine is M0. It returns when every M has returned.
func (rt *Runtime) runPar() {
	s := &rt.s
	for i := 0; i < rt.procs; i++ {
		mp := &m{id: i, rt: rt, p: &p{id: i}}
		mp.park.cond.L = &mp.park.mu
		s.allp = append(s.allp, mp.p)
		s.allm = append(s.allm, mp)
	}
	runqputPar(s.allp[0], rt.main, true)
	var wg sync.WaitGroup
	for _, mp := range s.allm[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mp.schedule()
		}()
	}
	s.allm[0].schedule()
	wg.Wait()
}

// schedule is the M's loop (runtime schedule).
func (mp *m) schedule() {
	for {
		gp := mp.findRunnable()
		if gp == nil {
			return
		}
		mp.execute(gp)
	}
}

// findRunnable returns a G to run, or nil once the run has ended.
func (mp *m) findRunnable() *G {
	rt := mp.rt
	for !rt.done.Load() {
		gp := runqgetPar(mp.p)
		if gp == nil {
			gp = rt.steal(mp)
		}
		if gp != nil {
			mp.resetSpinning()
			return gp
		}
		if !mp.stopm() {
			return nil
		}
	}
	return nil
}

// steal takes Gs from another P: first from queues only (half of one), then, after
// letting the owners run, runnext too.
func (rt *Runtime) steal(mp *m) *G {
	ps := rt.s.allp
	n := len(ps)
	for pass := 0; pass < 2 && n > 1; pass++ {
		if pass == 1 {
			runtime.Gosched()
		}
		for i := 1; i < n; i++ {
			if gp := runqsteal(mp.p, ps[(mp.p.id+i)%n], pass == 1); gp != nil {
				return gp
			}
		}
	}
	return nil
}

// resetSpinning ends mp's spinning once it found work (runtime resetspinning): if it
// was the last spinner and work is still queued, it wakes another M.
func (mp *m) resetSpinning() {
	if !mp.spinning {
		return
	}
	mp.spinning = false
	if mp.rt.s.nmspinning.Add(-1) == 0 && mp.rt.anyQueued() {
		mp.rt.wakep()
	}
}

// stopm makes mp idle until wakep or the end of the run (runtime stopm). It reports
// false if the run ended. If mp is the last M to go idle, it decides the deadlock.
func (mp *m) stopm() bool {
	rt, s := mp.rt, &mp.rt.s
	s.lock.Lock()
	if rt.done.Load() {
		s.lock.Unlock()
		return false
	}
	if mp.spinning {
		mp.spinning = false
		s.nmspinning.Add(-1)
	}
	if int(s.npidle.Add(1)) == len(s.allm) {
		// No M runs a G, and every queue is empty: each M went idle with its own queue
		// empty and only a P's own M adds to it.
		rt.finishLocked(rt.checkdead())
		s.lock.Unlock()
		return false
	}
	s.idle = append(s.idle, mp)
	s.lock.Unlock()
	// A G queued while we decided to idle may have found npidle == 0 and woken nobody:
	// look once more now that we are visible as idle (runtime findRunnable's recheck).
	if rt.anyQueued() && mp.unidle() {
		return true
	}
	mp.park.sleep()
	return !rt.done.Load()
}

// unidle takes mp off the idle list; false means a waker already took it (and its
// wake-up is on the way).
func (mp *m) unidle() bool {
	s := &mp.rt.s
	s.lock.Lock()
	defer s.lock.Unlock()
	for i, x := range s.idle {
		if x == mp {
			s.idle = append(s.idle[:i], s.idle[i+1:]...)
			s.npidle.Add(-1)
			return true
		}
	}
	return false
}

// wakep wakes one idle M to look for work, unless one is already looking (runtime wakep).
func (rt *Runtime) wakep() {
	s := &rt.s
	if s.npidle.Load() == 0 || s.nmspinning.Load() != 0 || !s.nmspinning.CompareAndSwap(0, 1) {
		return
	}
	s.lock.Lock()
	n := len(s.idle)
	if n == 0 {
		s.lock.Unlock()
		s.nmspinning.Add(-1)
		return
	}
	mp := s.idle[n-1]
	s.idle = s.idle[:n-1]
	s.npidle.Add(-1)
	mp.spinning = true
	s.lock.Unlock()
	mp.park.wakeup()
}

// wakeAllLocked wakes every idle M so that it sees the end of the run. s.lock is held.
func (rt *Runtime) wakeAllLocked() {
	s := &rt.s
	for _, mp := range s.idle {
		s.npidle.Add(-1)
		mp.park.wakeup()
	}
	clear(s.idle)
	s.idle = s.idle[:0]
}

// anyQueued reports whether some P has a runnable G.
func (rt *Runtime) anyQueued() bool {
	for _, pp := range rt.s.allp {
		if !runqempty(pp) {
			return true
		}
	}
	return false
}

// readyPar puts gp, just made runnable by the running G, in pp's runnext (pp is the
// running M's P) and wakes an idle M if pp now has more work than its runnext.
func (rt *Runtime) readyPar(pp *p, gp *G) {
	if runqputPar(pp, gp, true) {
		rt.wakep()
	}
}

// execute runs gp on mp until it parks, is preempted or exits (runtime execute).
func (mp *m) execute(gp *G) {
	rt := mp.rt
	for !rt.done.Load() { // after the end, gp stays suspended for tear-down
		gp.m = mp
		gp.setStatus(_Grunning)
		if !gp.started {
			gp.started = true
			if rt.tracing {
				rt.emit(gp, Event{Kind: EvGoStart})
			}
		}
		mp.slice = mp.steps
		gp.handoff = handoffNone
		gp.resume()
		switch gp.handoff {
		case handoffPark:
			if mp.parkm(gp) {
				continue // unlockf returned false
			}
		case handoffGosched:
			gp.setStatus(_Grunnable)
			runqputPar(mp.p, gp, false)
		case handoffExit:
			rt.goexitPar(gp)
			if gp.idle {
				rt.gfput(mp.p, gp)
			}
		}
		return
	}
}

// parkm finishes gp's gopark on its M (runtime park_m): gp is marked waiting, then
// unlockf runs. It reports whether gp must resume at once (unlockf returned false).
// Once unlockf has returned true gp may be running on another M: parkm must not touch it.
func (mp *m) parkm(gp *G) bool {
	rt := mp.rt
	fn := gp.unlockf
	gp.unlockf = nil
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvPark, Args: []Arg{{"reason", gp.waitreason.String()}}})
	}
	gp.setStatus(_Gwaiting) // before unlockf: see gopark
	if fn == nil || mp.callUnlockf(fn, gp) {
		return false
	}
	gp.setStatus(_Grunning)
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvParkAbort})
	}
	return true
}

// callUnlockf runs fn(gp) on the M. A panic in fn ends the run (StatusFatal) instead of
// crashing the M; gp then stays parked until tear-down.
func (mp *m) callUnlockf(fn func(*G) bool, gp *G) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = true
			mp.rt.finish(Result{Status: StatusFatal, Err: fmt.Errorf(
				"fatal error: gopark: unlockf of goroutine %d panicked: %v", gp.id, r)})
		}
	}()
	return fn(gp)
}

// goexitPar finishes gp's exit on its M.
func (rt *Runtime) goexitPar(gp *G) {
	rt.reap(gp)
	if rt.done.Load() {
		return
	}
	rt.exitEvent(gp)
	rt.exitOutcome(gp)
}

// tick counts one scheduling point of gp, the running G (Parallel mode), and ends the
// run when the step budget is spent.
func (rt *Runtime) tick(gp *G) {
	mp := gp.m
	mp.steps++
	if mp.steps&1023 == 0 {
		rt.tickBatch()
	}
}

// tickBatch adds a batch of 1024 steps to the run's count and ends the run when the
// step budget is spent.
func (rt *Runtime) tickBatch() {
	if rt.maxSteps > 0 && rt.s.steps.Add(1024) > rt.maxSteps {
		rt.finish(Result{Status: StatusStepLimit, Err: fmt.Errorf("step limit %d reached", rt.maxSteps)})
		panic(errTornDown)
	}
}

// maybeGosched preempts gp, the running G, back to the tail of its P's queue if it has
// run for a time slice while other Gs wait there; otherwise a G polling a channel could
// starve the G it waits for. Called at yield and lock, never inside unlockf.
func (rt *Runtime) maybeGosched(gp *G) {
	mp := gp.m
	if mp.steps-mp.slice < timeSlice {
		return
	}
	mp.slice = mp.steps
	if runqempty(mp.p) {
		return
	}
	gp.handoff = handoffGosched
	if !gp.yieldf(struct{}{}) {
		panic(errTornDown)
	}
}
