package linearizability

// Workloads: senders, receivers, closers and selectors over a few channels, every
// value sent unique. A workload is a spec.Program — one goroutine per client, a
// straight-line list of operations each — so it prints in spec's text form and runs
// three ways: run_impl.go (Deterministic and Parallel) and run_native.go.

import (
	"fmt"
	"math/rand/v2"

	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// Shape bounds the workloads Workload and RandomWorkload generate.
type Shape struct {
	MaxChans     int     // channels, at least 1
	Caps         []int64 // the capacities a channel may have
	MaxSenders   int     // clients that send
	MaxReceivers int     // clients that receive
	MaxClosers   int     // clients that close a channel (once or twice)
	MaxSelectors int     // clients that select, with or without default
	MaxOps       int     // operations per sender, receiver and selector, at least 1
	MaxCases     int     // cases per select, at least 1
	Probes       bool    // senders and receivers sometimes call len or cap
}

// SmallShape is for property tests: histories small enough for Porcupine in
// milliseconds, yet with rendezvous, full buffers, closes racing sends, and selects
// across channels.
var SmallShape = Shape{
	MaxChans: 2, Caps: []int64{0, 1, 2}, MaxSenders: 2, MaxReceivers: 2, MaxClosers: 1,
	MaxSelectors: 2, MaxOps: 3, MaxCases: 3, Probes: true,
}

// NoClose returns s without closers: for native runs under the race detector, which
// reports a close racing a send as a data race.
func (s Shape) NoClose() Shape {
	s.MaxClosers = 0
	return s
}

// drawer draws the workload's choices: from rapid (so that it shrinks them) or from a
// seeded generator.
type drawer interface {
	draw(label string, lo, hi int) int // in [lo, hi]
}

type rapidDrawer struct{ t *rapid.T }

func (d rapidDrawer) draw(label string, lo, hi int) int {
	return rapid.IntRange(lo, hi).Draw(d.t, label)
}

type randDrawer struct{ r *rand.Rand }

func (d randDrawer) draw(_ string, lo, hi int) int { return lo + d.r.IntN(hi-lo+1) }

// Workload returns a generator of workloads of shape s. Shrinking moves towards
// fewer channels, clients, operations and cases.
func Workload(s Shape) *rapid.Generator[*spec.Program] {
	return rapid.Custom(func(t *rapid.T) *spec.Program { return generate(rapidDrawer{t}, s) })
}

// RandomWorkload returns the workload of shape s drawn from seed.
func RandomWorkload(s Shape, seed uint64) *spec.Program {
	return generate(randDrawer{rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))}, s)
}

type generator struct {
	d    drawer
	s    Shape
	p    *spec.Program
	next spec.Value // the next value to send: values are unique and non-zero
}

func generate(d drawer, s Shape) *spec.Program {
	g := &generator{d: d, s: s, p: &spec.Program{}, next: 1}
	for i := range d.draw("chans", 1, s.MaxChans) {
		c := s.Caps[d.draw("cap", 0, len(s.Caps)-1)]
		g.p.Chans = append(g.p.Chans, spec.ChanDecl{Name: fmt.Sprintf("c%d", i), Cap: c})
	}
	roles := []struct {
		name string
		max  int
		op   func() spec.Op
		n    func() int
	}{
		{"sender", s.MaxSenders, g.send, g.ops},
		{"receiver", s.MaxReceivers, g.recv, g.ops},
		{"closer", s.MaxClosers, g.close, func() int { return d.draw("closes", 1, 2) }},
		{"selector", s.MaxSelectors, g.sel, g.ops},
	}
	for _, role := range roles {
		for range d.draw(role.name+"s", 0, role.max) {
			gr := spec.Goroutine{Name: fmt.Sprintf("g%d", len(g.p.Goroutines))}
			for range role.n() {
				gr.Ops = append(gr.Ops, g.probeOr(role.op))
			}
			g.p.Goroutines = append(g.p.Goroutines, gr)
		}
	}
	return g.p
}

func (g *generator) ops() int { return g.d.draw("ops", 1, g.s.MaxOps) }

func (g *generator) chanIndex() int { return g.d.draw("chan", 0, len(g.p.Chans)-1) }

func (g *generator) value() spec.Value {
	g.next++
	return g.next - 1
}

// probeOr returns, with Probes, now and then a len or cap, and otherwise op().
func (g *generator) probeOr(op func() spec.Op) spec.Op {
	if g.s.Probes {
		switch g.d.draw("probe", 0, 7) {
		case 1:
			return spec.Op{Kind: spec.OpLen, Chan: g.chanIndex()}
		case 2:
			return spec.Op{Kind: spec.OpCap, Chan: g.chanIndex()}
		}
	}
	return op()
}

func (g *generator) send() spec.Op {
	return spec.Op{Kind: spec.OpSend, Chan: g.chanIndex(), Value: g.value()}
}

func (g *generator) recv() spec.Op { return spec.Op{Kind: spec.OpRecv, Chan: g.chanIndex(), OK: true} }

func (g *generator) close() spec.Op { return spec.Op{Kind: spec.OpClose, Chan: g.chanIndex()} }

func (g *generator) sel() spec.Op {
	op := spec.Op{Kind: spec.OpSelect, Default: g.d.draw("default", 0, 1) == 1}
	for range g.d.draw("cases", 1, g.s.MaxCases) {
		if g.d.draw("dir", 0, 1) == 0 {
			op.Cases = append(op.Cases, spec.Case{Dir: spec.DirSend, Chan: g.chanIndex(), Value: g.value()})
		} else {
			op.Cases = append(op.Cases, spec.Case{Dir: spec.DirRecv, Chan: g.chanIndex(), OK: true})
		}
	}
	return op
}

// Flow returns a workload on one channel of capacity c: senders clients share the
// sending of n values, receivers clients share their receiving, so that every
// operation completes. It is the shape of the scaling figures (cap 64, 7
// senders and 1 receiver).
func Flow(c int64, senders, receivers, n int) *spec.Program {
	p := &spec.Program{Chans: []spec.ChanDecl{{Name: "c0", Cap: c}}}
	for i := range senders {
		gr := spec.Goroutine{Name: fmt.Sprintf("s%d", i)}
		for v := i; v < n; v += senders {
			gr.Ops = append(gr.Ops, spec.Op{Kind: spec.OpSend, Value: spec.Value(v + 1)})
		}
		p.Goroutines = append(p.Goroutines, gr)
	}
	for i := range receivers {
		gr := spec.Goroutine{Name: fmt.Sprintf("r%d", i)}
		for k := i; k < n; k += receivers {
			gr.Ops = append(gr.Ops, spec.Op{Kind: spec.OpRecv, OK: true})
		}
		p.Goroutines = append(p.Goroutines, gr)
	}
	return p
}

// returnPanic, deferred by a client's goroutine, records the panic of a channel
// operation as the outcome of the client's pending call, which ends the client as it
// ends a spec goroutine; any other panic (such as the impl unwinding an ended run)
// passes through.
func returnPanic(cl *Client) {
	if x := recover(); x != nil {
		msg, ok := channelPanic(x)
		if !ok {
			panic(x)
		}
		cl.Return(spec.Result{Panic: msg})
	}
}

// channelPanic returns the message of a panic raised by a channel operation — a
// runtime.Error with one of the runtime's channel messages — and false for any other
// panic value, which the caller re-raises (the impl unwinds goroutines of an ended run
// with a panic of its own).
func channelPanic(x any) (string, bool) {
	err, ok := x.(interface {
		error
		RuntimeError()
	})
	if !ok {
		return "", false
	}
	switch msg := err.Error(); msg {
	case spec.PanicSendClosed, spec.PanicCloseClosed, spec.PanicCloseNil:
		return msg, true
	}
	return "", false
}
