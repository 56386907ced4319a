package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultCase is Result.Case when a select took its default case.
const DefaultCase = -1

// Result is what one completed operation let its goroutine observe. Fields a
// Go program cannot observe are left zero, so results compare with ==:
//   - Case: the index of the select case taken, or DefaultCase; 0 for every
//     other operation and for a select that panicked;
//   - Value: the value received, or the number len or cap returned;
//   - OK: the ok of a receive that asks for it (false when it does not);
//   - Panic: the runtime's panic message, or "" when the operation did not
//     panic. A panicking result has every other field zero.
type Result struct {
	Case  int
	Value Value
	OK    bool
	Panic string
}

// GoroutineOutcome is what one goroutine observed in a whole run: one Result
// per completed operation, in program order, and whether it ended blocked at
// operation len(Results). A goroutine whose last result panicked stopped
// there; otherwise it ran to the end unless Blocked.
type GoroutineOutcome struct {
	Results []Result
	Blocked bool
}

// Panicked reports whether the goroutine stopped because its last operation
// panicked.
func (g GoroutineOutcome) Panicked() bool {
	n := len(g.Results)
	return n > 0 && g.Results[n-1].Panic != ""
}

// Outcome is one final outcome of a program: the state reached when no
// goroutine can take a step. MakePanic is set, and Goroutines is empty, when
// making the declared channels panicked before any goroutine started.
type Outcome struct {
	MakePanic  string
	Goroutines []GoroutineOutcome
}

// Deadlock classifies how an outcome ended.
type Deadlock uint8

const (
	// NoDeadlock: every goroutine ran to its end or panicked.
	NoDeadlock Deadlock = iota
	// PartialDeadlock: some goroutines are blocked forever while others
	// finished — a goroutine leak, which Go's runtime does not report.
	PartialDeadlock
	// GlobalDeadlock: every goroutine is blocked and none finished — what
	// Go's runtime reports as "all goroutines are asleep - deadlock!".
	GlobalDeadlock
)

func (d Deadlock) String() string {
	return [...]string{"no deadlock", "partial deadlock", "global deadlock"}[d]
}

// Deadlock reports whether o ended in a deadlock and of which kind.
func (o Outcome) Deadlock() Deadlock {
	blocked := 0
	for _, g := range o.Goroutines {
		if g.Blocked {
			blocked++
		}
	}
	switch {
	case blocked == 0:
		return NoDeadlock
	case blocked == len(o.Goroutines):
		return GlobalDeadlock
	}
	return PartialDeadlock
}

// Equal reports whether o and q are the same outcome.
func (o Outcome) Equal(q Outcome) bool {
	if o.MakePanic != q.MakePanic || len(o.Goroutines) != len(q.Goroutines) {
		return false
	}
	for i := range o.Goroutines {
		if !o.Goroutines[i].equal(q.Goroutines[i]) {
			return false
		}
	}
	return true
}

func (g GoroutineOutcome) equal(h GoroutineOutcome) bool {
	if g.Blocked != h.Blocked || len(g.Results) != len(h.Results) {
		return false
	}
	for i := range g.Results {
		if g.Results[i] != h.Results[i] {
			return false
		}
	}
	return true
}

// FormatOutcome renders o against the program that produced it, one
// goroutine after another:
//
//	g1: sent, 7, (0,false), case 1 (5,true), default, len=2, panic(send on closed channel); g2: blocked
//
// A send and a close print "sent" and "closed"; a receive prints its value,
// or (value,ok); a select prints "case i" followed by what the case received,
// or "default"; len and cap print "len=n" and "cap=n"; a panic prints
// panic(message); a goroutine still blocked at the end ends with "blocked".
func FormatOutcome(p *Program, o Outcome) string {
	if o.MakePanic != "" {
		return "panic(" + o.MakePanic + ")"
	}
	var b strings.Builder
	for gi, g := range o.Goroutines {
		if gi > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.goroutineName(gi))
		b.WriteString(":")
		for i, r := range g.Results {
			sep(&b, i)
			b.WriteString(formatResult(p.op(gi, i), r))
		}
		if g.Blocked {
			sep(&b, len(g.Results))
			b.WriteString("blocked")
		}
	}
	return b.String()
}

func sep(b *strings.Builder, i int) {
	if i == 0 {
		b.WriteString(" ")
	} else {
		b.WriteString(", ")
	}
}

// formatResult renders r as the result of op (op may be nil when the outcome
// does not fit the program; then the raw fields are shown).
func formatResult(op *Op, r Result) string {
	if r.Panic != "" {
		return "panic(" + r.Panic + ")"
	}
	if op == nil {
		return fmt.Sprintf("{case %d value %d ok %t}", r.Case, r.Value, r.OK)
	}
	switch op.Kind {
	case OpSend:
		return "sent"
	case OpClose:
		return "closed"
	case OpLen:
		return "len=" + strconv.FormatInt(r.Value, 10)
	case OpCap:
		return "cap=" + strconv.FormatInt(r.Value, 10)
	case OpRecv:
		return formatReceived(op.OK, r)
	}
	if r.Case == DefaultCase {
		return "default"
	}
	if r.Case < 0 || r.Case >= len(op.Cases) {
		return fmt.Sprintf("case %d?", r.Case)
	}
	if c := op.Cases[r.Case]; c.Dir == DirRecv {
		return "case " + strconv.Itoa(r.Case) + " " + formatReceived(c.OK, r)
	}
	return "case " + strconv.Itoa(r.Case)
}

func formatReceived(withOK bool, r Result) string {
	if withOK {
		return "(" + strconv.FormatInt(r.Value, 10) + "," + strconv.FormatBool(r.OK) + ")"
	}
	return strconv.FormatInt(r.Value, 10)
}

func (p *Program) goroutineName(g int) string {
	if g < len(p.Goroutines) {
		return p.Goroutines[g].Name
	}
	return "g?" + strconv.Itoa(g)
}

func (p *Program) op(g, i int) *Op {
	if g < len(p.Goroutines) && i < len(p.Goroutines[g].Ops) {
		return &p.Goroutines[g].Ops[i]
	}
	return nil
}
