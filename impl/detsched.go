package impl

// Deterministic mode: one M (the driver loop in Run's goroutine), one P, one G running at
// a time. Each G is an iter.Pull coroutine; at every scheduling point the running G itself
// makes the scheduling decision (pick) and, if another G is chosen, hands control back to
// the driver, which resumes that G. So a decision that keeps the current G costs no
// switch, and one that changes G costs one coroutine round trip.
//
// Scheduling points: lock (before acquiring), unlock (after releasing; also inside
// gopark's unlockf), gopark (after unlockf returned true), goready, newproc, yield, and
// goexit. The candidates at a point, in this stable order, are:
//
//	the current G, if it can continue (running, or inside unlockf);
//	runnext, then the run queue from head to tail;
//	other Gs inside unlockf that are not yet readied, in the order they began parking;
//
// leaving out any G blocked on a held mutex. So choice 0 is what the runtime would do
// without preemption: continue, else runnext, else the run queue head.
//
// A G inside unlockf stays a candidate (it continues its unlockf, as the runtime's M
// does on g0) even after a waker readied it; it resumes its own code only once unlockf
// has returned. The runtime could run the readied G on another M meanwhile; no
// behaviour is lost as long as unlockf ends with its last unlock and a G woken from a
// park that held several locks first takes them again, as with the runtime's
// chanparkcommit and selparkcommit (selectgo's wake-up begins with sellock).

import (
	"fmt"
	"runtime/debug"
)

type detState struct {
	p       p    // the only P
	cur     *G   // the G whose coroutine runs (or last ran)
	nextg   *G   // set before a G hands control back: the G to resume; nil ends the run
	parking []*G // Gs inside gopark's unlockf, in the order they began parking
	step    int64
	rec     []int32 // every choice made, for Result.Schedule
	cand    []*G    // scratch: the candidates of the current point
	ids     []int64 // scratch: their ids, for the Chooser
	epoch   uint32  // scratch for the invariant checks
}

// runDet is the driver: it resumes the chosen G until some G ends the run.
func (rt *Runtime) runDet() {
	d := &rt.d
	runqput(&d.p, rt.main, true)
	d.nextg = rt.pick(nil, EvGoCreate, "")
	for gp := d.nextg; gp != nil; gp = d.nextg {
		d.nextg = nil
		gp.resume()
		if gp.idle {
			rt.gfput(&d.p, gp)
		}
	}
}

// schedule is a scheduling point of gp, the running G. It returns when gp is chosen to
// run again (at once if the Chooser keeps gp).
func (rt *Runtime) schedule(gp *G, point EventKind, what string) {
	next := rt.pick(gp, point, what)
	if next == gp {
		return
	}
	rt.d.nextg = next
	if !gp.yieldf(struct{}{}) {
		panic(errTornDown)
	}
}

// pick makes one scheduling decision. cur is the G at the scheduling point (nil at the
// start of the run). pick counts the step, checks the invariants, asks the Chooser among
// the candidates and switches to the chosen G. It returns that G, or nil when the run
// ended (rt.res says why): step budget, broken invariant, chooser error, or deadlock.
func (rt *Runtime) pick(cur *G, point EventKind, what string) *G {
	d := &rt.d
	if rt.done.Load() {
		return nil
	}
	d.step++
	if rt.maxSteps > 0 && d.step > rt.maxSteps {
		rt.finish(Result{Status: StatusStepLimit,
			Err: fmt.Errorf("step limit %d reached", rt.maxSteps)})
		return nil
	}
	if err := rt.checkInvariants(); err != nil {
		rt.finish(Result{Status: StatusFatal, Err: fmt.Errorf("fatal error: invariant %w", err)})
		return nil
	}
	if rt.observer != nil {
		if err := rt.observer(rt.observe()); err != nil {
			rt.finish(Result{Status: StatusFatal, Err: fmt.Errorf("observer: %w", err)})
			return nil
		}
	}
	cand := rt.candidates()
	i := 0
	switch len(cand) {
	case 0:
		rt.finish(rt.checkdead())
		return nil
	case 1:
	default:
		if i = rt.chooseG(cur, point, what, cand); i < 0 {
			return nil
		}
	}
	next := cand[i]
	rt.switchTo(next)
	return next
}

// candidates returns the Gs that can run at this point, in the stable order described
// at the top of the file.
func (rt *Runtime) candidates() []*G {
	d := &rt.d
	c := d.cand[:0]
	cur := d.cur
	curIn := cur != nil && (cur.parking || cur.getStatus() == _Grunning) && cur.canRun()
	if curIn {
		c = append(c, cur)
	}
	if g := d.p.runnext; g != nil && !(curIn && g == cur) && g.canRun() {
		c = append(c, g)
	}
	for i := 0; i < d.p.runq.len(); i++ {
		if g := d.p.runq.at(i); !(curIn && g == cur) && g.canRun() {
			c = append(c, g)
		}
	}
	for _, g := range d.parking {
		if g != cur && g.getStatus() == _Gwaiting { // a readied one is on the run queue
			c = append(c, g)
		}
	}
	d.cand = c
	return c
}

// canRun reports whether gp is not blocked on a held mutex.
func (gp *G) canRun() bool {
	return gp.blockedOn == nil || gp.blockedOn.owner == nil
}

// switchTo makes next the running G. The current G, if it was running and is not next,
// is preempted to the tail of the run queue. A G inside unlockf just continues it and
// keeps its place on the run queue if it was readied.
func (rt *Runtime) switchTo(next *G) {
	d := &rt.d
	cur := d.cur
	if next == cur && (cur.parking || cur.getStatus() == _Grunning) {
		return
	}
	if cur != nil && cur.getStatus() == _Grunning {
		cur.setStatus(_Grunnable)
		runqput(&d.p, cur, false)
	}
	d.cur = next
	if next.parking {
		return
	}
	runqremove(&d.p, next)
	next.setStatus(_Grunning)
	if !next.started {
		next.started = true
		if rt.tracing {
			rt.emit(next, Event{Kind: EvGoStart})
		}
	}
}

// chooseG asks the Chooser which candidate runs next; -1 means the run ended.
func (rt *Runtime) chooseG(cur *G, point EventKind, what string, cand []*G) int {
	d := &rt.d
	ids := d.ids[:0]
	for _, g := range cand {
		ids = append(ids, g.id)
	}
	d.ids = ids
	ctx := ChoiceContext{Kind: ChooseG, Step: d.step, Point: point, What: what, Runnable: ids, N: len(ids)}
	if cur != nil {
		ctx.Current = cur.id
	}
	return rt.choose(ctx)
}

// chooseRand is fastrandn in Deterministic mode: a choice in [0, n). gp is the running G.
func (rt *Runtime) chooseRand(gp *G, n uint32) uint32 {
	i := rt.choose(ChoiceContext{Kind: ChooseRand, Step: rt.d.step, Current: gp.id,
		What: "fastrandn", N: int(n)})
	if i < 0 {
		panic(errTornDown)
	}
	return uint32(i)
}

// choose calls the Chooser, checks its answer and records it; -1 means the run ended.
func (rt *Runtime) choose(ctx ChoiceContext) int {
	i, p, err := rt.callChooser(ctx)
	if err == nil && (i < 0 || i >= ctx.N) {
		err = fmt.Errorf("chooser returned %d at step %d, want 0 <= i < %d", i, ctx.Step, ctx.N)
	}
	if err != nil {
		rt.finish(Result{Status: StatusChooser, Err: err, Panic: p})
		return -1
	}
	rt.d.rec = append(rt.d.rec, int32(i))
	return i
}

// callChooser calls Choose, turning a panic into an error plus the panic itself (a
// property-testing library may panic from Choose to abort a test case; its adapter can
// re-raise Result.Panic.Value in its own goroutine).
func (rt *Runtime) callChooser(ctx ChoiceContext) (i int, p *PanicInfo, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("chooser panicked at step %d: %v", ctx.Step, r)
			p = &PanicInfo{G: ctx.Current, Value: r, Stack: string(debug.Stack())}
		}
	}()
	i, err = rt.chooser.Choose(ctx)
	return i, nil, err
}

// goparkDet is gopark in Deterministic mode. gp is the running G; its wait reason is set.
func (rt *Runtime) goparkDet(gp *G, unlockf func(*G) bool) {
	d := &rt.d
	if mutant != "gopark-unlock-first" {
		gp.setStatus(_Gwaiting) // before unlockf: see gopark
	}
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvPark, Args: []Arg{{"reason", gp.waitreason.String()}}})
	}
	if unlockf != nil {
		gp.parking = true
		d.parking = append(d.parking, gp)
		ok := unlockf(gp) // its unlocks are scheduling points; a waker may ready gp
		gp.parking = false
		d.removeParking(gp)
		if !ok {
			if gp.getStatus() != _Gwaiting {
				rt.throw(gp, "gopark: unlockf returned false after the goroutine was readied")
			}
			gp.setStatus(_Grunning)
			if rt.tracing {
				rt.emit(gp, Event{Kind: EvParkAbort})
			}
			return
		}
	}
	if len(gp.held) != 0 {
		rt.throw(gp, fmt.Sprintf("gopark: parked holding %d lock(s)", len(gp.held)))
	}
	if mutant == "gopark-unlock-first" {
		gp.setStatus(_Gwaiting)
	}
	rt.schedule(gp, EvPark, "")
}

func (d *detState) removeParking(gp *G) {
	for i, g := range d.parking {
		if g == gp {
			d.parking = append(d.parking[:i], d.parking[i+1:]...)
			return
		}
	}
}

// goreadyDet is goready in Deterministic mode. cur is the running G.
func (rt *Runtime) goreadyDet(cur, gp *G) {
	if len(cur.held) != 0 {
		rt.throw(cur, fmt.Sprintf("goready: called holding %d lock(s) "+
			"(SEMANTICS 27: wakers ready goroutines only after unlocking)", len(cur.held)))
	}
	if s := gp.getStatus(); s != _Gwaiting {
		rt.throw(cur, fmt.Sprintf("goready: bad g status: goroutine %d is %v", gp.id, s))
	}
	gp.setStatus(_Grunnable)
	runqput(&rt.d.p, gp, true)
	if rt.tracing {
		rt.emit(cur, Event{Kind: EvReady, Args: []Arg{{"target", gp.id}}})
	}
	rt.schedule(cur, EvReady, "")
}

// goexitDet ends gp (the running G) in Deterministic mode and picks the next G.
func (rt *Runtime) goexitDet(gp *G) {
	rt.reap(gp)
	if rt.done.Load() {
		return // torn down
	}
	rt.exitEvent(gp)
	if len(gp.held) != 0 {
		rt.finish(Result{Status: StatusFatal, Err: fmt.Errorf(
			"fatal error: goexit: goroutine %d exited holding %d lock(s)", gp.id, len(gp.held))})
	}
	rt.exitOutcome(gp)
	rt.d.nextg = rt.pick(gp, EvGoExit, "")
}
