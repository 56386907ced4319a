package proptest

import (
	"fmt"

	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// Shape bounds the programs Program generates.
type Shape struct {
	MaxChans      int   // channels per program, at least 1
	MaxCap        int64 // largest capacity of a buffered channel
	MinGoroutines int
	MaxGoroutines int
	MaxOps        int // operations per goroutine, at least 1
	MaxCases      int // cases per select, at least 1
}

// DefaultShape is the shape of the issue: channels of capacity 0-4 (some nil), 2-4
// goroutines of 1-6 operations, selects of 1-4 cases.
var DefaultShape = Shape{MaxChans: 3, MaxCap: 4, MinGoroutines: 2, MaxGoroutines: 4, MaxOps: 6, MaxCases: 4}

// SmallShape keeps programs small enough that their whole state space is explored in
// milliseconds: 1-2 channels of capacity 0-2, 2-3 goroutines of 1-4 operations.
var SmallShape = Shape{MaxChans: 2, MaxCap: 2, MinGoroutines: 2, MaxGoroutines: 3, MaxOps: 4, MaxCases: 3}

// Program returns a generator of programs of the given shape. It is biased towards
// interaction: most operations use the first channel, sends and receives are balanced
// so that rendezvous and full buffers happen, closes are rarer (so that they meet
// waiters rather than end everything), and selects often name a channel twice or race
// a default. Every value
// sent is distinct, so an outcome shows which send each receive saw. Shrinking moves
// towards fewer goroutines, fewer operations and plain sends and receives.
func Program(shape Shape) *rapid.Generator[*spec.Program] {
	return rapid.Custom(func(t *rapid.T) *spec.Program {
		g := &generator{t: t, shape: shape, next: 1}
		return g.program()
	})
}

type generator struct {
	t     *rapid.T
	shape Shape
	p     *spec.Program
	next  spec.Value // the next value to send
}

func (g *generator) program() *spec.Program {
	g.p = &spec.Program{}
	nc := rapid.IntRange(1, g.shape.MaxChans).Draw(g.t, "chans")
	for i := range nc {
		g.p.Chans = append(g.p.Chans, g.chanDecl(i))
	}
	// Slices, not counts: rapid shrinks a slice by deleting elements, which removes a
	// whole goroutine or operation from a counterexample.
	op := rapid.Custom(func(*rapid.T) spec.Op { return g.op() })
	ops := rapid.SliceOfN(op, 1, g.shape.MaxOps)
	for i, gops := range rapid.SliceOfN(ops, g.shape.MinGoroutines, g.shape.MaxGoroutines).Draw(g.t, "goroutines") {
		g.p.Goroutines = append(g.p.Goroutines, spec.Goroutine{Name: fmt.Sprintf("g%d", i), Ops: gops})
	}
	return g.p
}

// chanDecl draws a channel: usually unbuffered or of a small capacity, sometimes nil,
// rarely of struct{} elements.
func (g *generator) chanDecl(i int) spec.ChanDecl {
	d := spec.ChanDecl{Name: fmt.Sprintf("c%d", i)}
	switch kind := rapid.IntRange(0, 19).Draw(g.t, "chanKind"); {
	case kind < 8:
		d.Cap = 0
	case kind < 17:
		d.Cap = g.bufferCap()
	case kind < 19:
		d.Nil = true
	default:
		d.Elem = spec.ElemStruct
		d.Cap = rapid.Int64Range(0, g.shape.MaxCap).Draw(g.t, "cap")
	}
	return d
}

// bufferCap draws the capacity of a buffered channel: half the time 1, so that a few
// sends fill the buffer and the states behind a full buffer (a parked sender, the
// rotation of SEMANTICS item 15) are reached often; otherwise uniform up to MaxCap.
func (g *generator) bufferCap() int64 {
	if rapid.Bool().Draw(g.t, "capOne") {
		return 1
	}
	return rapid.Int64Range(1, g.shape.MaxCap).Draw(g.t, "cap")
}

// channel draws a channel index, favouring the first so that goroutines meet.
func (g *generator) channel() int {
	n := len(g.p.Chans)
	if n == 1 || rapid.IntRange(0, 2).Draw(g.t, "sameChan") > 0 {
		return 0
	}
	return rapid.IntRange(0, n-1).Draw(g.t, "chan")
}

func (g *generator) value(c int) spec.Value {
	if g.p.Chans[c].Elem == spec.ElemStruct {
		return 0
	}
	g.next++
	return g.next - 1
}

// op draws an operation: sends and receives most often, then selects, close, len, cap.
func (g *generator) op() spec.Op {
	switch k := rapid.IntRange(0, 19).Draw(g.t, "op"); {
	case k < 6:
		c := g.channel()
		return spec.Op{Kind: spec.OpSend, Chan: c, Value: g.value(c)}
	case k < 12:
		return spec.Op{Kind: spec.OpRecv, Chan: g.channel(), OK: rapid.Bool().Draw(g.t, "ok")}
	case k < 16:
		return g.selectOp()
	case k < 18:
		return spec.Op{Kind: spec.OpClose, Chan: g.channel()}
	case k < 19:
		return spec.Op{Kind: spec.OpLen, Chan: g.channel()}
	}
	return spec.Op{Kind: spec.OpCap, Chan: g.channel()}
}

// selectOp draws a select of 1..MaxCases cases, a third of them with a default.
func (g *generator) selectOp() spec.Op {
	op := spec.Op{Kind: spec.OpSelect, Default: rapid.IntRange(0, 2).Draw(g.t, "default") == 0}
	for range rapid.IntRange(1, g.shape.MaxCases).Draw(g.t, "cases") {
		c := g.channel()
		if rapid.Bool().Draw(g.t, "recvCase") {
			op.Cases = append(op.Cases, spec.Case{Dir: spec.DirRecv, Chan: c, OK: rapid.Bool().Draw(g.t, "ok")})
		} else {
			op.Cases = append(op.Cases, spec.Case{Dir: spec.DirSend, Chan: c, Value: g.value(c)})
		}
	}
	return op
}
