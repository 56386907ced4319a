package spec

import (
	"fmt"
)

// Value is the element type of every channel in a program. Zero is the zero
// value a receive returns from a closed channel. On a channel of struct{}
// elements the only value is 0.
type Value = int64

// Elem is the element type of a declared channel. It matters only for make:
// a zero-size element type accepts any non-negative capacity.
type Elem uint8

const (
	ElemInt    Elem = iota // int: 8 bytes per buffer slot
	ElemStruct             // struct{}: zero-size, no buffer is allocated
)

// size is the element size make uses to compute the buffer's memory.
func (e Elem) size() int64 {
	if e == ElemStruct {
		return 0
	}
	return 8
}

// ChanDecl declares one channel of a program. Channels are made, in order,
// before any goroutine starts.
type ChanDecl struct {
	Name string
	Nil  bool  // the channel variable is nil; Cap and Elem are unused
	Cap  int64 // the size passed to make; negative sizes make panic
	Elem Elem
}

// OpKind names an operation of a goroutine.
type OpKind uint8

const (
	OpSend   OpKind = iota + 1 // c <- v
	OpRecv                     // <-c, or v, ok := <-c when Op.OK
	OpClose                    // close(c)
	OpLen                      // len(c)
	OpCap                      // cap(c)
	OpSelect                   // select { cases; default }
)

// Dir is the direction of a select case.
type Dir uint8

const (
	DirSend Dir = iota + 1 // case c <- v
	DirRecv                // case <-c, or case v, ok := <-c when Case.OK
)

// Op is one operation of a goroutine.
type Op struct {
	Kind    OpKind
	Chan    int    // index into Program.Chans; unused by OpSelect
	Value   Value  // the value sent by OpSend
	OK      bool   // OpRecv: the receive reports ok
	Cases   []Case // OpSelect: the cases, in source order
	Default bool   // OpSelect: the select has a default case
}

// Case is one communication case of a select.
type Case struct {
	Dir   Dir
	Chan  int   // index into Program.Chans
	Value Value // the value sent by a DirSend case
	OK    bool  // DirRecv: the receive reports ok
}

// Goroutine is a straight-line list of operations. A goroutine that panics
// stops at the operation that panicked, as if its top-level function
// recovered and returned.
type Goroutine struct {
	Name string
	Ops  []Op
}

// Program is a small concurrent program: channels made before any goroutine
// starts, and goroutines that all start at once.
type Program struct {
	Chans      []ChanDecl
	Goroutines []Goroutine
}

// MaxSelectCases is the largest number of cases one select may have
// (reflect.Select panics beyond it; SEMANTICS item 36).
const MaxSelectCases = 65536

// Validate reports the first reason p is not a well-formed program: an
// operation on an undeclared channel, a select with too many cases, a
// duplicated name, a non-zero value sent on a struct{} channel. What Go
// defines as a panic (a negative capacity, close of a nil channel) is not an
// error: it is an outcome.
func (p *Program) Validate() error {
	if err := p.validateNames(); err != nil {
		return err
	}
	for i, d := range p.Chans {
		if d.Nil && (d.Cap != 0 || d.Elem != ElemInt) {
			return fmt.Errorf("chan %s: a nil channel has no capacity or element type", d.Name)
		}
		if d.Elem > ElemStruct {
			return fmt.Errorf("chan %s: unknown element type %d", p.Chans[i].Name, d.Elem)
		}
	}
	for _, g := range p.Goroutines {
		for i, op := range g.Ops {
			if err := p.validateOp(op); err != nil {
				return fmt.Errorf("go %s: operation %d: %w", g.Name, i, err)
			}
		}
	}
	return nil
}

func (p *Program) validateNames() error {
	seen := map[string]string{}
	check := func(kind, name string) error {
		if !isIdent(name) {
			return fmt.Errorf("%s name %q is not an identifier", kind, name)
		}
		if keywords[name] {
			return fmt.Errorf("%s name %q is a keyword", kind, name)
		}
		if prev, ok := seen[name]; ok {
			return fmt.Errorf("%s name %q already names a %s", kind, name, prev)
		}
		seen[name] = kind
		return nil
	}
	for _, d := range p.Chans {
		if err := check("chan", d.Name); err != nil {
			return err
		}
	}
	for _, g := range p.Goroutines {
		if err := check("goroutine", g.Name); err != nil {
			return err
		}
	}
	return nil
}

func (p *Program) validateOp(op Op) error {
	switch op.Kind {
	case OpSend:
		return p.validateCase(Case{Dir: DirSend, Chan: op.Chan, Value: op.Value})
	case OpRecv:
		return p.validateCase(Case{Dir: DirRecv, Chan: op.Chan, OK: op.OK})
	case OpClose, OpLen, OpCap:
		return p.validateChan(op.Chan)
	case OpSelect:
		if len(op.Cases) > MaxSelectCases {
			return fmt.Errorf("select has %d cases, more than %d", len(op.Cases), MaxSelectCases)
		}
		for i, c := range op.Cases {
			if err := p.validateCase(c); err != nil {
				return fmt.Errorf("case %d: %w", i, err)
			}
		}
		return nil
	}
	return fmt.Errorf("unknown operation kind %d", op.Kind)
}

func (p *Program) validateCase(c Case) error {
	if err := p.validateChan(c.Chan); err != nil {
		return err
	}
	switch c.Dir {
	case DirSend:
		if c.OK {
			return fmt.Errorf("a send has no ok")
		}
		if d := p.Chans[c.Chan]; d.Elem == ElemStruct && c.Value != 0 {
			return fmt.Errorf("send of %d on chan struct{} %s", c.Value, d.Name)
		}
	case DirRecv:
		if c.Value != 0 {
			return fmt.Errorf("a receive has no value")
		}
	default:
		return fmt.Errorf("unknown case direction %d", c.Dir)
	}
	return nil
}

func (p *Program) validateChan(c int) error {
	if c < 0 || c >= len(p.Chans) {
		return fmt.Errorf("channel %d is not declared", c)
	}
	return nil
}

// cases returns the communication cases of op: a plain send or receive is a
// select with one case and no default (SEMANTICS item 28).
func (op *Op) cases() []Case {
	switch op.Kind {
	case OpSend:
		return []Case{{Dir: DirSend, Chan: op.Chan, Value: op.Value}}
	case OpRecv:
		return []Case{{Dir: DirRecv, Chan: op.Chan, OK: op.OK}}
	case OpSelect:
		return op.Cases
	}
	return nil
}

var keywords = map[string]bool{
	"chan": true, "go": true, "select": true, "default": true, "close": true,
	"len": true, "cap": true, "nil": true, "ok": true, "struct": true,
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		digit := '0' <= r && r <= '9'
		if !letter && !(digit && i > 0) {
			return false
		}
	}
	return true
}
