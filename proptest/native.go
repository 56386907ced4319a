package proptest

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/chanmodel/chanmodel/internal/quiesce"
	"github.com/chanmodel/chanmodel/spec"
)

// RunNative runs p on the real Go runtime: native channels, real goroutines, and every
// send, receive and select through reflect.Select. It runs inside a testing/synctest
// bubble, whose Wait returns once every goroutine has finished or is durably blocked on
// a channel — the quiescence the spec's final states describe — without any sleep.
//
// Each communication gets one more case, a receive from a stop channel that is closed
// only after quiescence to let blocked goroutines exit; until then it is never ready,
// so it changes nothing a program can observe. Panics are recovered and recorded as the
// spec records them.
func RunNative(t *testing.T, p *spec.Program) spec.Outcome {
	var out spec.Outcome
	synctest.Test(t, func(t *testing.T) {
		out = runNative(p, nil, &quiesce.Bubble{})
	})
	return out
}

// RunNativeThreads is RunNative outside a test and outside a bubble: the goroutines
// run on real threads (as many as GOMAXPROCS), and quiescence is read from the
// runtime's own goroutine statuses (internal/quiesce), exactly, with no timeout.
//
// Left alone, the runtime runs such small programs in nearly one order (a new
// goroutine goes to its P's runnext slot, so the last started tends to run first).
// A non-zero seed perturbs that without changing what a program may do: the
// goroutines start in a seeded random order, and each yields the processor
// (runtime.Gosched) a seeded random 0–2 times before each operation. Neither is
// observable by the program; both let one program show more of its outcomes.
func RunNativeThreads(p *spec.Program, seed uint64) spec.Outcome {
	if seed == 0 {
		return runNative(p, nil, quiesce.Threads())
	}
	return runNative(p, quiesce.NewPerturbation(len(p.Goroutines), seed), quiesce.Threads())
}

// runNative runs p's goroutines on r, perturbed by pt if not nil, takes the outcome
// once r is quiescent, then releases the goroutines left blocked and joins them.
func runNative(p *spec.Program, pt *quiesce.Perturbation, r quiesce.Runner) spec.Outcome {
	n := newNativeRun(p)
	if n.makePanic != "" {
		return spec.Outcome{MakePanic: n.makePanic}
	}
	n.pt, n.r = pt, r
	for k := range p.Goroutines {
		i := k
		if pt != nil {
			i = pt.Order[k]
		}
		r.Go(func() { n.goroutine(i) })
	}
	r.Wait()
	out := n.snapshot()
	close(n.stop)
	r.Join()
	return out
}

// nativeRun is one run of a program on native channels.
type nativeRun struct {
	p         *spec.Program
	chans     []reflect.Value // typed channel values; nil channels are typed nils
	stop      chan struct{}
	makePanic string
	pt        *quiesce.Perturbation // nil: no perturbation
	r         quiesce.Runner        // runs the goroutines and each operation

	mu      sync.Mutex // guards results and done
	results [][]spec.Result
	done    []bool
}

func newNativeRun(p *spec.Program) *nativeRun {
	n := &nativeRun{
		p:       p,
		stop:    make(chan struct{}),
		results: make([][]spec.Result, len(p.Goroutines)),
		done:    make([]bool, len(p.Goroutines)),
	}
	for _, d := range p.Chans {
		c, msg := makeNative(d)
		if msg != "" {
			n.makePanic = msg
			return n
		}
		n.chans = append(n.chans, c)
	}
	return n
}

// makeNative makes one declared channel with the built-in make, so that a bad size
// panics with the runtime's own message.
func makeNative(d spec.ChanDecl) (c reflect.Value, panicMsg string) {
	defer func() {
		if r := recover(); r != nil {
			panicMsg = fmt.Sprint(r)
		}
	}()
	size := int(d.Cap)
	if int64(size) != d.Cap {
		size = -1
	}
	switch {
	case d.Nil:
		return reflect.ValueOf((chan int64)(nil)), ""
	case d.Elem == spec.ElemStruct:
		return reflect.ValueOf(make(chan struct{}, size)), ""
	}
	return reflect.ValueOf(make(chan int64, size)), ""
}

// goroutine runs goroutine i's operations, recording each result as it completes.
func (n *nativeRun) goroutine(i int) {
	defer func() {
		if r := recover(); r != nil {
			n.record(i, spec.Result{Panic: fmt.Sprint(r)})
		}
	}()
	for k := range n.p.Goroutines[i].Ops {
		if n.pt != nil {
			n.pt.Yield(i)
		}
		var r spec.Result
		var stopped bool
		n.r.Op(func() { r, stopped = n.op(&n.p.Goroutines[i].Ops[k]) })
		if stopped {
			return
		}
		n.record(i, r)
	}
	n.mu.Lock()
	n.done[i] = true
	n.mu.Unlock()
}

func (n *nativeRun) record(i int, r spec.Result) {
	n.mu.Lock()
	n.results[i] = append(n.results[i], r)
	n.mu.Unlock()
}

// op performs one operation; stopped reports that the run ended while it was blocked.
func (n *nativeRun) op(op *spec.Op) (r spec.Result, stopped bool) {
	switch op.Kind {
	case spec.OpClose:
		n.chans[op.Chan].Close()
		return spec.Result{}, false
	case spec.OpLen:
		return spec.Result{Value: int64(n.chans[op.Chan].Len())}, false
	case spec.OpCap:
		return spec.Result{Value: int64(n.chans[op.Chan].Cap())}, false
	case spec.OpSend:
		return n.comm([]spec.Case{{Dir: spec.DirSend, Chan: op.Chan, Value: op.Value}}, false, false)
	case spec.OpRecv:
		return n.comm([]spec.Case{{Dir: spec.DirRecv, Chan: op.Chan, OK: op.OK}}, false, false)
	}
	return n.comm(op.Cases, op.Default, true)
}

// comm performs a send, a receive or a select as one reflect.Select, plus the stop case.
func (n *nativeRun) comm(cases []spec.Case, dflt, isSelect bool) (spec.Result, bool) {
	sc := make([]reflect.SelectCase, 0, len(cases)+2)
	for _, cs := range cases {
		c := n.chans[cs.Chan]
		if cs.Dir == spec.DirRecv {
			sc = append(sc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: c})
			continue
		}
		v := reflect.ValueOf(cs.Value)
		if c.Type().Elem().Kind() == reflect.Struct {
			v = reflect.ValueOf(struct{}{})
		}
		sc = append(sc, reflect.SelectCase{Dir: reflect.SelectSend, Chan: c, Send: v})
	}
	stop := len(sc)
	sc = append(sc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(n.stop)})
	if dflt {
		sc = append(sc, reflect.SelectCase{Dir: reflect.SelectDefault})
	}
	chosen, v, ok := reflect.Select(sc)
	switch {
	case chosen == stop:
		return spec.Result{}, true
	case chosen > stop:
		return spec.Result{Case: spec.DefaultCase}, false
	}
	var r spec.Result
	if isSelect {
		r.Case = chosen
	}
	if cs := cases[chosen]; cs.Dir == spec.DirRecv {
		if v.Kind() == reflect.Int64 {
			r.Value = v.Int()
		}
		r.OK = ok && cs.OK
	}
	return r, false
}

// snapshot returns what every goroutine has observed so far.
func (n *nativeRun) snapshot() spec.Outcome {
	n.mu.Lock()
	defer n.mu.Unlock()
	o := spec.Outcome{Goroutines: make([]spec.GoroutineOutcome, len(n.results))}
	for i := range o.Goroutines {
		o.Goroutines[i] = spec.GoroutineOutcome{
			Results: append([]spec.Result(nil), n.results[i]...),
			Blocked: !n.done[i] && !endedInPanic(n.results[i]),
		}
	}
	return o
}

func endedInPanic(rs []spec.Result) bool {
	return len(rs) > 0 && rs[len(rs)-1].Panic != ""
}
