package linearizability

// Running a workload on native Go channels, recording its history.

import (
	"reflect"
	"testing"
	"testing/synctest"

	"github.com/chanmodel/chanmodel/internal/quiesce"
	"github.com/chanmodel/chanmodel/spec"
)

// RunNative runs workload p on the real Go runtime — native channels, one real
// goroutine per client, selects through reflect.Select — and returns its history.
//
// It runs inside a testing/synctest bubble: synctest.Wait returns once every client
// has finished or is durably blocked on a channel, the quiescence at which the
// history is taken, with no sleep. The bubble's time.Now stands still, so events are
// stamped by a Logical clock. Every communication has one more case, a receive from a
// stop channel closed only after the history is taken, so that blocked clients then
// exit; until then it is never ready and changes nothing a client can observe.
//
// Under the race detector a workload must not race close with send (the detector
// reports it): use Shape.NoClose.
func RunNative(t *testing.T, p *spec.Program) *History {
	t.Helper()
	var h *History
	synctest.Test(t, func(t *testing.T) {
		h = runNative(p, &Logical{}, nil, &quiesce.Bubble{})
	})
	return h
}

// RunNativeThreads is RunNative outside a test and outside a bubble: the clients run
// on real threads (as many as GOMAXPROCS), events are stamped by a Monotonic clock,
// and quiescence is read from the runtime's own goroutine statuses
// (internal/quiesce), exactly, with no timeout. Use it for histories of real races.
//
// A non-zero seed perturbs the runtime's nearly fixed order for such small workloads
// without changing what a client may observe: the clients start in a seeded random
// order and yield the processor a seeded random 0–2 times before each operation
// (proptest.RunNativeThreads does the same to programs).
func RunNativeThreads(p *spec.Program, seed uint64) *History {
	var pt *quiesce.Perturbation
	if seed != 0 {
		pt = quiesce.NewPerturbation(len(p.Goroutines), seed)
	}
	return runNative(p, NewMonotonic(), pt, quiesce.Threads())
}

// runNative runs p on native channels, one client each on r (perturbed by pt if not
// nil), takes the history once r is quiescent (every client finished or blocked), then
// stops the clients left blocked and joins them.
func runNative(p *spec.Program, clock Clock, pt *quiesce.Perturbation, r quiesce.Runner) *History {
	rec := NewRecorder(clock)
	chans := make([]chan int64, len(p.Chans))
	for i, d := range p.Chans {
		rec.Chan(ChanDecl{Cap: d.Cap, Nil: d.Nil})
		if !d.Nil {
			chans[i] = make(chan int64, d.Cap)
		}
	}
	stop := make(chan struct{})
	clients := make([]*Client, len(p.Goroutines))
	for i := range clients {
		clients[i] = rec.Client()
	}
	for k := range p.Goroutines {
		i, yield := k, func() {}
		if pt != nil {
			i = pt.Order[k]
			yield = func() { pt.Yield(i) }
		}
		ops, cl := p.Goroutines[i].Ops, clients[i]
		r.Go(func() { nativeClient(chans, stop, ops, cl, yield, r.Op) })
	}
	r.Wait()
	h := rec.History()
	close(stop)
	r.Join()
	return h
}

// nativeClient performs a client's operations in order, each through around, recording
// each, until one panics (recorded) or the run stops while it is blocked (left pending).
func nativeClient(chans []chan int64, stop chan struct{}, ops []spec.Op, cl *Client, yield func(), around func(func())) {
	defer returnPanic(cl)
	for i := range ops {
		yield()
		cl.Call(ops[i])
		var r spec.Result
		var stopped bool
		around(func() { r, stopped = nativeOp(chans, stop, &ops[i]) })
		if stopped {
			return
		}
		cl.Return(r)
	}
}

// nativeOp performs one operation; stopped reports that the run stopped it.
func nativeOp(chans []chan int64, stop chan struct{}, op *spec.Op) (r spec.Result, stopped bool) {
	switch op.Kind {
	case spec.OpSend:
		select {
		case chans[op.Chan] <- op.Value:
			return spec.Result{}, false
		case <-stop:
			return spec.Result{}, true
		}
	case spec.OpRecv:
		select {
		case v, ok := <-chans[op.Chan]:
			return spec.Result{Value: v, OK: ok}, false
		case <-stop:
			return spec.Result{}, true
		}
	case spec.OpClose:
		close(chans[op.Chan])
		return spec.Result{}, false
	case spec.OpLen:
		return spec.Result{Value: int64(len(chans[op.Chan]))}, false
	case spec.OpCap:
		return spec.Result{Value: int64(cap(chans[op.Chan]))}, false
	}
	return nativeSelect(chans, stop, op)
}

// nativeSelect performs a select with reflect.Select: the cases, the stop case, and
// default if the select has one.
func nativeSelect(chans []chan int64, stop chan struct{}, op *spec.Op) (spec.Result, bool) {
	sc := make([]reflect.SelectCase, 0, len(op.Cases)+2)
	for _, cs := range op.Cases {
		c := reflect.ValueOf(chans[cs.Chan])
		if cs.Dir == spec.DirSend {
			sc = append(sc, reflect.SelectCase{Dir: reflect.SelectSend, Chan: c, Send: reflect.ValueOf(cs.Value)})
		} else {
			sc = append(sc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: c})
		}
	}
	sc = append(sc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(stop)})
	if op.Default {
		sc = append(sc, reflect.SelectCase{Dir: reflect.SelectDefault})
	}
	chosen, v, ok := reflect.Select(sc)
	switch {
	case chosen == len(op.Cases):
		return spec.Result{}, true
	case chosen > len(op.Cases):
		return spec.Result{Case: spec.DefaultCase}, false
	}
	r := spec.Result{Case: chosen}
	if op.Cases[chosen].Dir == spec.DirRecv {
		r.Value, r.OK = v.Int(), ok
	}
	return r, false
}
