package impl

// Running spec/'s program form on the impl, so that the two can be compared: the same
// program, the spec's outcome set on one side, the impl's outcome under a schedule on
// the other.

import (
	"fmt"
	"unsafe"

	"github.com/chanmodel/chanmodel/spec"
)

// ProgramRun is one run of a spec program on the impl.
type ProgramRun struct {
	// Outcome is what every goroutine observed, in the spec's terms.
	Outcome spec.Outcome
	// Result is the scheduler's: the schedule string, the trace, the step count. Its
	// Status is StatusDeadlock whenever the run ended normally, because the program's
	// parent goroutine waits forever once it has started the others (see RunProgram).
	Result Result
	// GoIDs maps each program goroutine to its G id in Result.Trace.
	GoIDs []int64
}

// waitReasonProgram is the parent's wait: it has started the program's goroutines and
// waits until none of them can run.
const waitReasonProgram = waitReasonZero

// RunProgram runs p on a new Runtime configured by cfg. The parent goroutine (G 1) makes
// the channels in order — a make that panics ends the run with Outcome.MakePanic — then
// starts the goroutines in order (G 2, 3, ...) and parks forever, so the run ends when
// no program goroutine can run: those still waiting are the outcome's blocked ones. A
// goroutine that panics records the panic and stops, as spec/ says. RunProgram fails if
// p is invalid, a goroutine is left waiting for a channel lock (a lock-order deadlock),
// or the run ends otherwise (step limit, a broken invariant, a chooser error).
func RunProgram(p *spec.Program, cfg Config) (*ProgramRun, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	pr := &ProgramRun{
		Outcome: spec.Outcome{Goroutines: make([]spec.GoroutineOutcome, len(p.Goroutines))},
		GoIDs:   make([]int64, len(p.Goroutines)),
	}
	done := make([]bool, len(p.Goroutines))
	rt := New(cfg)
	rt.ownCode = true // the Gs run runOps, which never calls runtime.Goexit
	pr.Result = rt.Run(func(gp *G) {
		chans, msg := makeProgramChans(gp, p)
		if msg != "" {
			pr.Outcome = spec.Outcome{MakePanic: msg}
			return
		}
		for i := range p.Goroutines {
			gp.Go(func(gp *G) {
				pr.GoIDs[i] = gp.ID()
				runOps(gp, chans, p.Goroutines[i].Ops, &pr.Outcome.Goroutines[i].Results)
				done[i] = true
			})
		}
		gopark(gp, nil, waitReasonProgram, nil)
	})
	switch {
	case pr.Outcome.MakePanic != "" && pr.Result.Status == StatusFinished:
		return pr, nil
	case pr.Result.Status != StatusDeadlock:
		return pr, fmt.Errorf("impl: program run ended with %v: %v", pr.Result.Status, pr.Result)
	}
	for _, b := range pr.Result.Blocked {
		if b.Reason == "lock" { // no goroutine may wait forever for a channel lock
			return pr, fmt.Errorf("impl: lock deadlock: goroutine %d waits for %s\n%s", b.G, b.On, pr.Result.Report)
		}
	}
	for i := range done {
		pr.Outcome.Goroutines[i].Blocked = !done[i]
	}
	return pr, nil
}

// progChan is a channel of a program: int64 or struct{} elements, or nil.
type progChan struct {
	c       *hchan
	zeroize bool // struct{} elements: values are always 0
}

// makeProgramChans makes p's channels in order and returns them, or the panic message
// of the first make that panicked.
func makeProgramChans(gp *G, p *spec.Program) (chans []progChan, panicMsg string) {
	defer func() {
		if r := recover(); r != nil {
			panicMsg = panicMessage(r)
		}
	}()
	for _, d := range p.Chans {
		switch {
		case d.Nil:
			chans = append(chans, progChan{})
		case d.Elem == spec.ElemStruct:
			chans = append(chans, progChan{c: makechan(gp, elemOf[struct{}](), capInt(d.Cap)), zeroize: true})
		default:
			chans = append(chans, progChan{c: makechan(gp, elemOf[int64](), capInt(d.Cap))})
		}
	}
	return chans, ""
}

// capInt converts a declared capacity to make's int, mapping sizes int cannot hold to
// -1 (make panics on both).
func capInt(n int64) int {
	if int64(int(n)) != n {
		return -1
	}
	return int(n)
}

// panicMessage returns the message of a runtime-style panic value.
func panicMessage(r any) string {
	if err, ok := r.(error); ok {
		return err.Error()
	}
	return fmt.Sprint(r)
}

// runOps performs ops in order, appending one result per completed operation to
// *results as it goes (so that a goroutine left blocked keeps what it observed); a
// panic is recorded as the last result and stops the goroutine.
func runOps(gp *G, chans []progChan, ops []spec.Op, results *[]spec.Result) {
	defer func() {
		if r := recover(); r != nil {
			if r == errTornDown {
				panic(r) // the run ended while gp was parked: let the scheduler unwind it
			}
			*results = append(*results, spec.Result{Panic: panicMessage(r)})
		}
	}()
	for i := range ops {
		*results = append(*results, runOp(gp, chans, &ops[i]))
	}
}

// runOp performs one operation.
func runOp(gp *G, chans []progChan, op *spec.Op) spec.Result {
	switch op.Kind {
	case spec.OpLen:
		return spec.Result{Value: int64(chanlen(gp, chans[op.Chan].c))}
	case spec.OpCap:
		return spec.Result{Value: int64(chancap(gp, chans[op.Chan].c))}
	case spec.OpClose:
		closechan(gp, chans[op.Chan].c)
		return spec.Result{}
	case spec.OpSend:
		v := op.Value
		chansend(gp, chans[op.Chan].c, unsafe.Pointer(&v), true)
		return spec.Result{}
	case spec.OpRecv:
		var v int64
		_, ok := chanrecv(gp, chans[op.Chan].c, unsafe.Pointer(&v), true)
		return spec.Result{Value: v, OK: ok && op.OK}
	}
	return runSelect(gp, chans, op)
}

// runSelect performs a select through the typed API's Select, so that one-case selects
// are lowered as the compiler lowers them.
func runSelect(gp *G, chans []progChan, op *spec.Op) spec.Result {
	vals := make([]int64, len(op.Cases))
	cases := make([]Case, 0, len(op.Cases)+1)
	for i, cs := range op.Cases {
		vals[i] = cs.Value
		cases = append(cases, Case{scase: scase{
			c:    chans[cs.Chan].c,
			elem: unsafe.Pointer(&vals[i]),
			send: cs.Dir == spec.DirSend,
		}})
	}
	if op.Default {
		cases = append(cases, Default())
	}
	chosen, ok := Select(gp, cases...)
	if chosen == len(op.Cases) {
		return spec.Result{Case: spec.DefaultCase}
	}
	r := spec.Result{Case: chosen}
	if cs := op.Cases[chosen]; cs.Dir == spec.DirRecv {
		r.Value, r.OK = vals[chosen], ok && cs.OK
	}
	return r
}
