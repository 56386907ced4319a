package spec

import (
	"encoding/binary"
	"fmt"
)

// Strength selects which behaviours the spec allows.
type Strength uint8

const (
	// Language allows what the Go specification and memory model promise: a
	// FIFO buffer, and nothing about which blocked goroutine proceeds.
	Language Strength = iota
	// Runtime also requires what runtime/chan.go guarantees: blocked
	// senders and blocked receivers of a channel proceed in the order they
	// blocked, a receiver that meets a full buffer with blocked senders moves
	// the first sender's value into the buffer in the same step (SEMANTICS
	// item 15), a sender that meets a blocked receiver hands its value over
	// directly, and close releases every blocked receiver, then every
	// blocked sender, in one step (items 17-18).
	Runtime
)

func (s Strength) String() string {
	if s == Runtime {
		return "Runtime"
	}
	return "Language"
}

// Status is where a goroutine is in its operation list.
type Status uint8

const (
	Running  Status = iota // about to perform operation PC
	Blocked                // blocked in operation PC
	Done                   // ran every operation
	Panicked               // operation PC panicked; the goroutine stopped
)

func (s Status) String() string {
	return [...]string{"running", "blocked", "done", "panicked"}[s]
}

// Model is the labelled transition system of one program under one strength.
// It is immutable and safe for concurrent use.
type Model struct {
	prog      *Program
	strength  Strength
	makePanic string

	cases [][][]Case // cases[g][pc]: the communication cases of an operation
	chans []Chan     // the channels as made: Nil and Cap

	// The layout of State.w; see State.
	gBase   []int // gBase[g]: pc, status, order
	resBase []int // resBase[g]: two words per operation of g
	cBase   []int // cBase[c]: closed, len, then maxBuf[c] buffer slots
	maxBuf  []int
	nWords  int
}

// NewModel validates p and returns its transition system under strength s.
// The model keeps p; p must not be modified afterwards.
func NewModel(p *Program, s Strength) (*Model, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := &Model{prog: p, strength: s}
	m.makeChans()
	m.layout()
	return m, nil
}

// makeChans makes the declared channels in order; the first make that panics
// ends the program before any goroutine starts.
func (m *Model) makeChans() {
	for _, d := range m.prog.Chans {
		if d.Nil {
			m.chans = append(m.chans, Chan{Nil: true})
			continue
		}
		ch, msg := Make(d.Cap, d.Elem.size())
		if msg != "" && m.makePanic == "" {
			m.makePanic = msg
		}
		m.chans = append(m.chans, ch)
	}
	m.cases = make([][][]Case, len(m.prog.Goroutines))
	for g, gr := range m.prog.Goroutines {
		m.cases[g] = make([][]Case, len(gr.Ops))
		for i := range gr.Ops {
			m.cases[g][i] = gr.Ops[i].cases()
		}
	}
}

// layout assigns each piece of state its words. A channel's buffer never holds
// more values than the program sends to it, so huge capacities cost nothing.
func (m *Model) layout() {
	n := 0
	for _, g := range m.prog.Goroutines {
		m.gBase = append(m.gBase, n)
		n += 3
		m.resBase = append(m.resBase, n)
		n += 2 * len(g.Ops)
	}
	sends := make([]int64, len(m.chans))
	for _, gc := range m.cases {
		for _, cs := range gc {
			for _, c := range cs {
				if c.Dir == DirSend {
					sends[c.Chan]++
				}
			}
		}
	}
	for c, ch := range m.chans {
		m.cBase = append(m.cBase, n)
		m.maxBuf = append(m.maxBuf, int(min(max(ch.Cap, 0), sends[c])))
		n += 2 + m.maxBuf[c]
	}
	m.nWords = n
}

// Program returns the program m was built from.
func (m *Model) Program() *Program { return m.prog }

// Strength returns the strength m was built with.
func (m *Model) Strength() Strength { return m.strength }

// State is one state of a program: every channel's buffer and closed flag,
// every goroutine's position, status and results so far, and, under Runtime,
// the order in which the blocked goroutines blocked. States are values: a
// step returns a new State and never modifies the old one.
//
// It is stored in flat words so that copying and hashing are cheap:
//
//	per goroutine g:  pc, status, order          at gBase[g]
//	                  value, meta per operation  at resBase[g]
//	per channel c:    closed, len, buffer slots  at cBase[c]
//
// order is 0 unless the goroutine is blocked under Runtime; then the blocked
// goroutines' orders are 1..k in the order they blocked. Unused words are
// zero, so equal states have equal words.
type State struct {
	m *Model
	w []int64
}

const (
	stRunning  = 0
	stBlocked  = 1
	stPanicked = 2
)

// Initial returns the state in which every goroutine is about to perform its
// first operation and every channel is as made.
func (m *Model) Initial() State {
	return State{m: m, w: make([]int64, m.nWords)}
}

func (s State) clone() State {
	w := make([]int64, len(s.w))
	copy(w, s.w)
	return State{m: s.m, w: w}
}

// cloneFrom is clone with the words carved out of *slab, which saves an
// allocation per state when exploring millions of them. A new slab holds room for
// chunk states.
func (s State) cloneFrom(slab *[]int64, chunk int) State {
	n := len(s.w)
	if len(*slab) < n {
		*slab = make([]int64, n*max(chunk, 1))
	}
	w := (*slab)[:n:n]
	*slab = (*slab)[n:]
	copy(w, s.w)
	return State{m: s.m, w: w}
}

// PC returns the index of the operation goroutine g performs next (or is
// blocked in, or panicked in).
func (s State) PC(g int) int { return int(s.w[s.m.gBase[g]]) }

// Status returns whether goroutine g is running, blocked, done or panicked.
func (s State) Status(g int) Status {
	switch s.w[s.m.gBase[g]+1] {
	case stBlocked:
		return Blocked
	case stPanicked:
		return Panicked
	}
	if s.PC(g) == len(s.m.cases[g]) {
		return Done
	}
	return Running
}

func (s State) order(g int) int64 { return s.w[s.m.gBase[g]+2] }

// Chan returns channel c as it is in s.
func (s State) Chan(c int) Chan {
	ch := s.chanView(c)
	ch.Buf = append([]Value(nil), ch.Buf...)
	return ch
}

// chanView is Chan without the copy: its Buf aliases s, which is safe because
// the channel operations never write to a buffer they were given.
func (s State) chanView(c int) Chan {
	ch := s.m.chans[c]
	if ch.Nil {
		return ch
	}
	b := s.m.cBase[c]
	n := b + 2 + int(s.w[b+1])
	ch.Closed = s.w[b] != 0
	ch.Buf = s.w[b+2 : n : n]
	return ch
}

// setChan stores ch as channel c.
func (s State) setChan(c int, ch Chan) {
	if ch.Nil {
		return
	}
	b := s.m.cBase[c]
	s.w[b] = boolWord(ch.Closed)
	s.w[b+1] = int64(len(ch.Buf))
	slots := s.w[b+2 : b+2+s.m.maxBuf[c]]
	clear(slots[copy(slots, ch.Buf):])
}

// Results returns the results goroutine g has observed so far.
func (s State) Results(g int) []Result {
	n := s.PC(g)
	if s.Status(g) == Panicked {
		n++
	}
	rs := make([]Result, n)
	for i := range rs {
		rs[i] = s.result(g, i)
	}
	return rs
}

func (s State) result(g, i int) Result {
	b := s.m.resBase[g] + 2*i
	meta := s.w[b+1]
	return Result{
		Value: s.w[b],
		OK:    meta&2 != 0,
		Panic: panicMessages[meta>>2&3],
		Case:  int(meta>>4) - 1,
	}
}

var panicMessages = [...]string{"", PanicSendClosed, PanicCloseClosed, PanicCloseNil}

// finish records r as the result of goroutine g's current operation and moves
// g past it, or stops g if r panicked.
func (s State) finish(g int, r Result) {
	b := s.m.gBase[g]
	rb := s.m.resBase[g] + 2*int(s.w[b])
	code := int64(0)
	for i, msg := range panicMessages {
		if msg == r.Panic {
			code = int64(i)
		}
	}
	s.w[rb] = r.Value
	s.w[rb+1] = 1 | boolWord(r.OK)<<1 | code<<2 | int64(r.Case+1)<<4
	if r.Panic != "" {
		s.w[b+1] = stPanicked
	} else {
		s.w[b]++
		s.w[b+1] = stRunning
	}
	s.w[b+2] = 0
}

// block marks goroutine g blocked in its current operation. Under Runtime it
// goes to the back of the blocking order.
func (s State) block(g int) {
	b := s.m.gBase[g]
	if s.m.strength == Runtime {
		s.w[b+2] = int64(len(s.blockedInOrder())) + 1 // before g counts as blocked
	}
	s.w[b+1] = stBlocked
}

// blockedInOrder returns the blocked goroutines in the order they blocked
// (under Language, in goroutine order).
func (s State) blockedInOrder() []int {
	var gs []int
	for g := range s.m.gBase {
		if s.w[s.m.gBase[g]+1] == stBlocked {
			gs = append(gs, g)
		}
	}
	for i := 1; i < len(gs); i++ { // insertion sort: a handful of goroutines
		for j := i; j > 0 && s.order(gs[j]) < s.order(gs[j-1]); j-- {
			gs[j], gs[j-1] = gs[j-1], gs[j]
		}
	}
	return gs
}

// renumber restores the orders of the blocked goroutines to 1..k after some
// of them were released, so that states differing only in the history of the
// order are one state.
func (s State) renumber() {
	if s.m.strength != Runtime {
		return
	}
	var buf [16]int64
	old := buf[:0]
	for g := range s.m.gBase {
		old = append(old, s.order(g))
	}
	for g := range s.m.gBase {
		if old[g] == 0 {
			continue
		}
		rank := int64(1)
		for _, o := range old {
			if o != 0 && o < old[g] {
				rank++
			}
		}
		s.w[s.m.gBase[g]+2] = rank
	}
}

// Waiting returns the goroutines blocked with a case of direction dir on
// channel c: under Runtime in the order they blocked — the channel's wait
// queue, recvq or sendq — and under Language in goroutine order.
func (s State) Waiting(c int, dir Dir) []int {
	var q []int
	for _, g := range s.blockedInOrder() {
		if s.waitsOn(g, c, dir) {
			q = append(q, g)
		}
	}
	return q
}

// head returns the goroutine at the head of channel c's wait queue of
// direction dir under Runtime — the blocked goroutine with a case on it that
// blocked first — or -1.
func (s State) head(c int, dir Dir) int {
	h := -1
	for g := range s.m.gBase {
		if s.waitsOn(g, c, dir) && (h < 0 || s.order(g) < s.order(h)) {
			h = g
		}
	}
	return h
}

// waitsOn reports whether goroutine g is blocked with a case of direction dir
// on channel c.
func (s State) waitsOn(g, c int, dir Dir) bool {
	if s.w[s.m.gBase[g]+1] != stBlocked {
		return false
	}
	for _, cs := range s.m.cases[g][s.PC(g)] {
		if cs.Chan == c && cs.Dir == dir {
			return true
		}
	}
	return false
}

// Final reports whether no goroutine can take a step.
func (s State) Final() bool {
	final := true
	x := expansion{m: s.m, chunk: 1}
	x.expand(s, func(*Step, State) bool {
		final = false
		return false
	})
	return final
}

// Outcome returns what every goroutine has observed in s. In a final state it
// is one of the program's outcomes.
func (s State) Outcome() Outcome {
	if s.m.makePanic != "" {
		return Outcome{MakePanic: s.m.makePanic}
	}
	o := Outcome{Goroutines: make([]GoroutineOutcome, len(s.m.gBase))}
	for g := range o.Goroutines {
		o.Goroutines[g] = GoroutineOutcome{Results: s.Results(g), Blocked: s.Status(g) == Blocked}
	}
	return o
}

// appendKey appends a compact encoding of s that identifies it among the
// states of its model.
func (s State) appendKey(b []byte) []byte {
	for _, w := range s.w {
		b = binary.AppendVarint(b, w)
	}
	return b
}

// appendOutcomeKey appends a compact encoding of s.Outcome(): the goroutine
// words without the blocking order.
func (s State) appendOutcomeKey(b []byte) []byte {
	for g, base := range s.m.gBase {
		b = binary.AppendVarint(b, s.w[base])
		b = binary.AppendVarint(b, s.w[base+1])
		for _, w := range s.w[s.m.resBase[g] : s.m.resBase[g]+2*len(s.m.cases[g])] {
			b = binary.AppendVarint(b, w)
		}
	}
	return b
}

// Key returns a string that is equal for equal states of one model.
func (s State) Key() string { return string(s.appendKey(nil)) }

// String describes s for error messages: each goroutine's status and each
// channel's contents.
func (s State) String() string {
	p := s.m.prog
	out := ""
	for g := range s.m.gBase {
		out += fmt.Sprintf("%s %s at %d; ", p.Goroutines[g].Name, s.Status(g), s.PC(g))
	}
	for c := range s.m.chans {
		ch := s.Chan(c)
		out += fmt.Sprintf("%s%v closed=%t; ", p.Chans[c].Name, ch.Buf, ch.Closed)
	}
	return out
}

func boolWord(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
