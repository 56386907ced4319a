package proptest

import (
	"fmt"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// The refinement mapping: the impl's trace, read as a sequence of spec steps. Every
// operation of the impl takes effect at one event inside a critical section (SEMANTICS
// item 37) — a parked goroutine's operation completes at its partner's event, not when
// it resumes — and that event becomes one spec.Step:
//
//	EnqueueSend, EnqueueRecv, SelectEnqueue,
//	Park on a nil channel or an empty select   Block
//	BufSend, BufRecv, RecvClosed, SendClosed,
//	Len, Cap, ClosePanic                       the goroutine completes its operation
//	SelectDefault, NotReady, FastPathNotReady  a select takes its default
//	SendToReceiver, RecvFromSender, RecvRotate the goroutine completes with its parked
//	                                           partner (Step.Woken)
//	Close followed by CloseRelease...          close with every goroutine it releases
//
// SelectPass1 says which case the next completion of that goroutine is for.
//
// A non-blocking operation that fails on the lock-free fast path takes effect at some
// instant between its first load (FastPathFull, FastPathEmpty) and FastPathNotReady,
// by the linearizability arguments in impl/hchan.go — not necessarily at either end:
// a send may see the channel open and room in it, then full after another send. Its
// step therefore floats: it may be applied before any step from the first load on
// (mappedStep.from). Such a step changes nothing but its own goroutine, which is not
// blocked and so is nobody's partner, so applying it at the earliest point the spec
// enables it is exact.

// mappedStep is a spec step with the first position it may take: its own index, or an
// earlier one for a step that floats.
type mappedStep struct {
	spec.Step
	from  int
	event int // the index in the trace of the event the step was read from
}

// stepMapper turns trace events into spec steps for one program run.
type stepMapper struct {
	p       *spec.Program
	goIndex map[int64]int // G id -> program goroutine
	pc      []int         // operations completed per goroutine
	pending map[int64]int // SelectPass1: the case of the G's next completion
	fast    map[int64]int // FastPathOpen/Empty: where the G's failing fast path takes effect
}

func newStepMapper(p *spec.Program, goIDs []int64) *stepMapper {
	m := &stepMapper{p: p, goIndex: map[int64]int{}, pc: make([]int, len(p.Goroutines)),
		pending: map[int64]int{}, fast: map[int64]int{}}
	for i, id := range goIDs {
		m.goIndex[id] = i
	}
	return m
}

// steps maps a whole trace. An event that does not fit (an unknown goroutine doing a
// channel operation, a release without a close) is an error: the trace is not a run of
// the program.
func (m *stepMapper) steps(trace []impl.Event) ([]mappedStep, error) {
	var out []mappedStep
	for i := 0; i < len(trace); i++ {
		ev, event := trace[i], i
		g, ok := m.goIndex[ev.G]
		if !ok {
			continue // the parent goroutine: makes channels, starts goroutines
		}
		st, ok, err := m.step(g, ev)
		if err != nil {
			return nil, &EventError{Event: i, Err: fmt.Errorf("event %d (%v): %w", i, ev, err)}
		}
		if ev.Kind == impl.EvFastPathFull || ev.Kind == impl.EvFastPathOpen || ev.Kind == impl.EvFastPathEmpty {
			m.fast[ev.G] = len(out)
		}
		if !ok {
			continue
		}
		from := len(out)
		if at, isFast := m.fast[ev.G]; isFast {
			delete(m.fast, ev.G)
			if ev.Kind == impl.EvFastPathNotReady {
				from = at
			}
		}
		if ev.Kind == impl.EvClose {
			for i+1 < len(trace) && trace[i+1].Kind == impl.EvCloseRelease {
				i++
				w, err := m.released(trace[i])
				if err != nil {
					return nil, &EventError{Event: i, Err: fmt.Errorf("event %d (%v): %w", i, trace[i], err)}
				}
				st.Woken = append(st.Woken, w)
			}
		}
		out = append(out, mappedStep{Step: m.commit(st), from: from, event: event})
	}
	return out, nil
}

// commit advances the program counters of the goroutines a step completes.
func (m *stepMapper) commit(st spec.Step) spec.Step {
	if st.Kind == spec.StepComplete {
		m.pc[st.G]++
	}
	for _, w := range st.Woken {
		m.pc[w.G]++
	}
	return st
}

// step maps one event of program goroutine g; ok is false for events that are not
// steps (locks, readies, the parks of goroutines that already enqueued).
func (m *stepMapper) step(g int, ev impl.Event) (st spec.Step, ok bool, err error) {
	done := func(r spec.Result) (spec.Step, bool, error) {
		return spec.Step{Kind: spec.StepComplete, G: g, Result: r}, true, nil
	}
	switch ev.Kind {
	case impl.EvSelectPass1:
		m.pending[ev.G] = argInt(ev, "case")
		return st, false, nil
	case impl.EvEnqueueSend, impl.EvEnqueueRecv, impl.EvSelectEnqueue:
		return spec.Step{Kind: spec.StepBlock, G: g}, true, nil
	case impl.EvPark:
		if r := argString(ev, "reason"); r == "chan send (nil chan)" || r == "chan receive (nil chan)" || r == "select (no cases)" {
			return spec.Step{Kind: spec.StepBlock, G: g}, true, nil
		}
		return st, false, nil
	case impl.EvBufSend, impl.EvClose:
		return done(m.sendResult(g, ev.G))
	case impl.EvBufRecv:
		return done(m.recvResult(g, m.takeCase(ev.G), argInt64(ev, "v"), true))
	case impl.EvRecvClosed:
		return done(m.recvResult(g, m.takeCase(ev.G), 0, false))
	case impl.EvSendClosed, impl.EvClosePanic:
		delete(m.pending, ev.G)
		return done(spec.Result{Panic: argString(ev, "panic")})
	case impl.EvLen, impl.EvCap:
		return done(spec.Result{Value: argInt64(ev, "v")})
	case impl.EvSelectDefault, impl.EvNotReady, impl.EvFastPathNotReady:
		return done(spec.Result{Case: spec.DefaultCase})
	case impl.EvSendToReceiver, impl.EvRecvFromSender, impl.EvRecvRotate:
		return m.withPartner(g, ev)
	}
	return st, false, nil
}

// withPartner maps a completion together with a parked partner.
func (m *stepMapper) withPartner(g int, ev impl.Event) (spec.Step, bool, error) {
	partnerKey := "from"
	if ev.Kind == impl.EvSendToReceiver {
		partnerKey = "to"
	}
	w, ok := m.goIndex[argInt64(ev, partnerKey)]
	if !ok {
		return spec.Step{}, false, fmt.Errorf("partner %v is not a program goroutine", argInt64(ev, partnerKey))
	}
	st := spec.Step{Kind: spec.StepComplete, G: g}
	wcase := argInt(ev, "case")
	if ev.Kind == impl.EvSendToReceiver {
		st.Result = m.sendResult(g, ev.G)
		st.Woken = []spec.Completion{{G: w, Result: m.recvResult(w, wcase, argInt64(ev, "v"), true)}}
	} else {
		st.Result = m.recvResult(g, m.takeCase(ev.G), argInt64(ev, "v"), true)
		st.Woken = []spec.Completion{{G: w, Result: m.caseResult(w, wcase)}}
	}
	return st, true, nil
}

// released maps a CloseRelease event: a receiver gets (0, false), a sender panics.
func (m *stepMapper) released(ev impl.Event) (spec.Completion, error) {
	w, ok := m.goIndex[argInt64(ev, "g")]
	if !ok {
		return spec.Completion{}, fmt.Errorf("released goroutine %v is not a program goroutine", argInt64(ev, "g"))
	}
	if argString(ev, "dir") == "send" {
		return spec.Completion{G: w, Result: spec.Result{Panic: spec.PanicSendClosed}}, nil
	}
	return spec.Completion{G: w, Result: m.recvResult(w, argInt(ev, "case"), 0, false)}, nil
}

// takeCase returns and forgets the case SelectPass1 announced for G id, or 0.
func (m *stepMapper) takeCase(id int64) int {
	c := m.pending[id]
	delete(m.pending, id)
	return c
}

func (m *stepMapper) sendResult(g int, id int64) spec.Result { return m.caseResult(g, m.takeCase(id)) }

// caseResult is the result of completing case i of g's current operation without
// receiving: the case index for a select, nothing otherwise.
func (m *stepMapper) caseResult(g, i int) spec.Result {
	if m.op(g).Kind == spec.OpSelect {
		return spec.Result{Case: i}
	}
	return spec.Result{}
}

// recvResult is the result of case i of g's current operation receiving (v, ok); ok is
// dropped when the receive does not ask for it.
func (m *stepMapper) recvResult(g, i int, v int64, ok bool) spec.Result {
	r := m.caseResult(g, i)
	op := m.op(g)
	askOK := op.OK
	if op.Kind == spec.OpSelect && i < len(op.Cases) {
		askOK = op.Cases[i].OK
	}
	r.Value, r.OK = v, ok && askOK
	return r
}

func (m *stepMapper) op(g int) *spec.Op {
	ops := m.p.Goroutines[g].Ops
	if m.pc[g] >= len(ops) {
		return &spec.Op{}
	}
	return &ops[m.pc[g]]
}

func arg(ev impl.Event, key string) any {
	for _, a := range ev.Args {
		if a.Key == key {
			return a.Val
		}
	}
	return nil
}

func argInt64(ev impl.Event, key string) int64 {
	switch v := arg(ev, key).(type) {
	case int64:
		return v
	case int:
		return int64(v)
	case uint64:
		return int64(v)
	}
	return 0
}

func argInt(ev impl.Event, key string) int { return int(argInt64(ev, key)) }

func argString(ev impl.Event, key string) string {
	s, _ := arg(ev, key).(string)
	return s
}
