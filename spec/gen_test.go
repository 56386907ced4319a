package spec

import (
	"fmt"

	"pgregory.net/rapid"
)

// genProgram draws a small program: 1-2 channels (capacity 0-2, sometimes nil
// or of struct{}), 1-3 goroutines of 1-4 operations, selects of 0-3 cases with
// and without default. Values sent are distinct so that outcomes show which
// send a receive saw. It is small on purpose: both strengths are explored
// exhaustively for every draw.
func genProgram(t *rapid.T) *Program {
	p := &Program{}
	nc := rapid.IntRange(1, 2).Draw(t, "chans")
	for i := range nc {
		d := ChanDecl{Name: fmt.Sprintf("c%d", i)}
		switch rapid.IntRange(0, 11).Draw(t, "chanKind") {
		case 0:
			d.Nil = true
		case 1:
			d.Elem = ElemStruct
			d.Cap = int64(rapid.IntRange(0, 2).Draw(t, "cap"))
		default:
			d.Cap = int64(rapid.IntRange(0, 2).Draw(t, "cap"))
		}
		p.Chans = append(p.Chans, d)
	}
	next := Value(1)
	value := func(c int) Value {
		if p.Chans[c].Elem == ElemStruct {
			return 0
		}
		next++
		return next - 1
	}
	ng := rapid.IntRange(1, 3).Draw(t, "goroutines")
	for g := range ng {
		gr := Goroutine{Name: fmt.Sprintf("g%d", g)}
		for range rapid.IntRange(1, 4).Draw(t, "ops") {
			gr.Ops = append(gr.Ops, genOp(t, nc, value))
		}
		p.Goroutines = append(p.Goroutines, gr)
	}
	return p
}

func genOp(t *rapid.T, nc int, value func(int) Value) Op {
	c := rapid.IntRange(0, nc-1).Draw(t, "chan")
	switch rapid.IntRange(0, 9).Draw(t, "op") {
	case 0, 1, 2:
		return Op{Kind: OpSend, Chan: c, Value: value(c)}
	case 3, 4, 5:
		return Op{Kind: OpRecv, Chan: c, OK: rapid.Bool().Draw(t, "ok")}
	case 6:
		return Op{Kind: OpClose, Chan: c}
	case 7:
		return Op{Kind: []OpKind{OpLen, OpCap}[rapid.IntRange(0, 1).Draw(t, "lencap")], Chan: c}
	}
	op := Op{Kind: OpSelect, Default: rapid.Bool().Draw(t, "default")}
	for range rapid.IntRange(0, 3).Draw(t, "cases") {
		cc := rapid.IntRange(0, nc-1).Draw(t, "caseChan")
		if rapid.Bool().Draw(t, "send") {
			op.Cases = append(op.Cases, Case{Dir: DirSend, Chan: cc, Value: value(cc)})
		} else {
			op.Cases = append(op.Cases, Case{Dir: DirRecv, Chan: cc, OK: rapid.Bool().Draw(t, "ok")})
		}
	}
	return op
}
