package spec

// The program level: the steps a program state can take. Blocking is the
// absence of a step: a goroutine whose operation is not ready takes a Block
// step and from then on waits to be completed by a partner (or, under
// Language only, by the operation becoming ready on its own).

// StepKind says whether a step completes an operation or blocks in one.
type StepKind uint8

const (
	// StepComplete: goroutine G completes its current operation with Result.
	StepComplete StepKind = iota + 1
	// StepBlock: goroutine G's operation is not ready and it blocks in it
	// (in the runtime: enqueues its sudogs and parks).
	StepBlock
)

// Completion is the completion of a blocked goroutine's operation.
type Completion struct {
	G      int
	Result Result
}

// Step is one transition of a program. Woken lists the blocked goroutines
// whose operations complete in the same step, in the order the runtime
// readies them: the receiver a sender hands its value to, the sender a
// receiver takes a value from (directly, or into the buffer), or, for close
// under Runtime, every blocked receiver and then every blocked sender.
type Step struct {
	Kind   StepKind
	G      int
	Result Result // StepComplete only
	Woken  []Completion
}

// Equal reports whether s and t are the same step.
func (s *Step) Equal(t *Step) bool {
	if s.Kind != t.Kind || s.G != t.G || s.Result != t.Result || len(s.Woken) != len(t.Woken) {
		return false
	}
	for i := range s.Woken {
		if s.Woken[i] != t.Woken[i] {
			return false
		}
	}
	return true
}

func (s *Step) clone() Step {
	c := *s
	c.Woken = append([]Completion(nil), s.Woken...)
	return c
}

// visitor receives each enabled step and the state it leads to. The step is
// only valid during the call; returning false stops the enumeration.
type visitor func(st *Step, next State) bool

// expansion enumerates the steps of a state. One expansion may be reused for
// many states; it keeps its scratch space between them.
type expansion struct {
	m     *Model
	s     State
	visit visitor
	stop  bool
	step  Step         // scratch, reused for every step
	woken []Completion // scratch for the completions of the step being built
	slab  []int64      // words for the next states
	chunk int          // states per new slab: many when exploring, few for one state
}

// chanChange is the new value of one channel after a step, if any.
type chanChange struct {
	c  int // -1: no channel changes
	ch Chan
}

var noChange = chanChange{c: -1}

// successors calls visit for every step enabled in s, in a fixed order.
func (m *Model) successors(s State, visit visitor) {
	x := expansion{m: m, chunk: 4}
	x.expand(s, visit)
}

// expand calls visit for every step enabled in s, in a fixed order.
func (x *expansion) expand(s State, visit visitor) {
	x.s, x.visit, x.stop = s, visit, false
	if x.m.makePanic != "" {
		return
	}
	for g := range x.m.gBase {
		if x.stop {
			return
		}
		switch s.Status(g) {
		case Running:
			x.running(g)
		case Blocked:
			if x.m.strength == Language {
				x.blockedLanguage(g)
			}
		}
	}
}

// emit passes a step to the visitor: g completes with r (or blocks, when
// block is set), together with the completions in x.woken, and the channel
// change is made.
func (x *expansion) emit(g int, r Result, block bool, change chanChange) {
	if x.stop {
		return
	}
	next := x.s.cloneFrom(&x.slab, x.chunk)
	x.step = Step{Kind: StepComplete, G: g, Result: r, Woken: x.woken}
	if block {
		x.step.Kind, x.step.Result = StepBlock, Result{}
		next.block(g)
	} else {
		next.finish(g, r)
	}
	for _, w := range x.woken {
		next.finish(w.G, w.Result)
	}
	if change.c >= 0 {
		next.setChan(change.c, change.ch)
	}
	if len(x.woken) > 0 {
		next.renumber()
	}
	if !x.visit(&x.step, next) {
		x.stop = true
	}
}

// emitWith is emit for a step that completes exactly one blocked goroutine
// besides g.
func (x *expansion) emitWith(g int, r Result, w Completion, change chanChange) {
	x.woken = append(x.woken[:0], w)
	x.emit(g, r, false, change)
	x.woken = x.woken[:0]
}

// running enumerates the steps of running goroutine g.
func (x *expansion) running(g int) {
	s := x.s
	op := &x.m.prog.Goroutines[g].Ops[s.PC(g)]
	switch op.Kind {
	case OpLen:
		x.emit(g, Result{Value: s.chanView(op.Chan).Len()}, false, noChange)
		return
	case OpCap:
		x.emit(g, Result{Value: s.chanView(op.Chan).Cap}, false, noChange)
		return
	case OpClose:
		x.close(g, op.Chan)
		return
	}
	// A communication: a send, a receive or a select. Every ready case is a
	// step (the runtime's pollorder makes any of them possible, SEMANTICS
	// item 29); default only when none is ready (item 32); otherwise block.
	ready := false
	for i, cs := range x.m.cases[g][s.PC(g)] {
		if x.commCase(g, i, cs, true) {
			ready = true
		}
	}
	switch {
	case ready:
	case op.Kind == OpSelect && op.Default:
		x.emit(g, Result{Case: DefaultCase}, false, noChange)
	default:
		x.emit(g, Result{}, true, noChange)
	}
}

// blockedLanguage enumerates the steps of blocked goroutine g under Language:
// a case that has become ready without a partner — the buffer has a value or
// room, or the channel was closed — completes.
func (x *expansion) blockedLanguage(g int) {
	for i, cs := range x.m.cases[g][x.s.PC(g)] {
		x.commCase(g, i, cs, false)
	}
}

// commCase enumerates the steps that complete case i of goroutine g's
// operation, and reports whether the case is ready. With partners false only
// the channel-level readiness counts (a blocked goroutine under Language).
func (x *expansion) commCase(g, i int, cs Case, partners bool) bool {
	if cs.Dir == DirSend {
		return x.sendCase(g, i, cs, partners)
	}
	return x.recvCase(g, i, cs, partners)
}

// sendCase: Go spec "Send statements"; runtime chan.go chansend (SEMANTICS
// items 11-12): closed panics; a blocked receiver takes the value directly
// (under Runtime the head of recvq, even on a buffered channel; under
// Language any blocked receiver of an unbuffered channel); otherwise the
// buffer takes it if it has room.
func (x *expansion) sendCase(g, i int, cs Case, partners bool) bool {
	ch := x.s.chanView(cs.Chan)
	if ch.Nil {
		return false
	}
	if ch.Closed {
		x.emit(g, Result{Panic: PanicSendClosed}, false, noChange)
		return true
	}
	if partners {
		found := false
		for r := range x.m.gBase {
			if !x.partner(r, cs.Chan, DirRecv, ch) {
				continue
			}
			found = true
			for j, rc := range x.m.cases[r][x.s.PC(r)] {
				if rc.Chan == cs.Chan && rc.Dir == DirRecv {
					got := received(rc, j, x.isSelect(r), cs.Value, true)
					x.emitWith(g, caseResult(i, x.isSelect(g)), Completion{G: r, Result: got}, noChange)
				}
			}
		}
		if found {
			return true
		}
	}
	next, _, ok := ch.Send(cs.Value)
	if ok {
		x.emit(g, caseResult(i, x.isSelect(g)), false, chanChange{cs.Chan, next})
	}
	return ok
}

// partner reports whether blocked goroutine r may complete a case of
// direction dir on channel c together with a running goroutine: under
// Runtime r must be the head of that wait queue; under Language any blocked
// goroutine will do, but only on an unbuffered channel (buffered channels
// pass values through the buffer). c is open: on a closed channel a send
// panics and a receive is ready on its own before partners are considered.
func (x *expansion) partner(r, c int, dir Dir, ch Chan) bool {
	if x.m.strength == Runtime {
		return x.s.head(c, dir) == r
	}
	return ch.Unbuffered() && x.s.waitsOn(r, c, dir)
}

// recvCase: Go spec "Receive operator"; runtime chan.go chanrecv and recv
// (SEMANTICS items 14-16). Under Runtime the head of sendq is served first:
// on an unbuffered channel its value is taken directly; on a buffered (hence
// full) one the receiver takes the oldest buffered value and the sender's
// value goes to the back of the buffer, in the same step.
func (x *expansion) recvCase(g, i int, cs Case, partners bool) bool {
	ch := x.s.chanView(cs.Chan)
	if ch.Nil {
		return false
	}
	if partners && x.m.strength == Runtime {
		if snd := x.s.head(cs.Chan, DirSend); snd >= 0 {
			x.recvFromSender(g, i, cs, ch, snd)
			return true
		}
	}
	if next, r, ok := ch.Recv(); ok {
		got := received(cs, i, x.isSelect(g), r.Value, r.OK)
		x.emit(g, got, false, chanChange{cs.Chan, next})
		return true
	}
	if !partners || x.m.strength == Runtime {
		return false
	}
	found := false
	for snd := range x.m.gBase {
		if x.partner(snd, cs.Chan, DirSend, ch) {
			found = true
			x.recvFromSender(g, i, cs, ch, snd)
		}
	}
	return found
}

// recvFromSender completes case i of g, a receive, together with blocked
// sender snd (one step per send case snd has on the channel).
func (x *expansion) recvFromSender(g, i int, cs Case, ch Chan, snd int) {
	for j, sc := range x.m.cases[snd][x.s.PC(snd)] {
		if sc.Chan != cs.Chan || sc.Dir != DirSend {
			continue
		}
		woken := Completion{G: snd, Result: caseResult(j, x.isSelect(snd))}
		if ch.Unbuffered() {
			x.emitWith(g, received(cs, i, x.isSelect(g), sc.Value, true), woken, noChange)
			continue
		}
		// The buffer rotation (runtime chan.go recv): the head comes out,
		// the sender's value goes in at the tail.
		afterRecv, r, _ := ch.Recv()
		next, _, _ := afterRecv.Send(sc.Value)
		x.emitWith(g, received(cs, i, x.isSelect(g), r.Value, r.OK), woken, chanChange{cs.Chan, next})
	}
}

// close: Go spec "Close"; runtime chan.go closechan (SEMANTICS items 8,
// 17-18). Under Runtime the step also releases every blocked receiver with
// (0, false), then makes every blocked sender panic. A blocked select with
// several receive cases on the channel may be released through any of them.
func (x *expansion) close(g, c int) {
	next, msg := x.s.chanView(c).Close()
	if msg != "" {
		x.emit(g, Result{Panic: msg}, false, noChange)
		return
	}
	change := chanChange{c, next}
	if x.m.strength == Language {
		x.emit(g, Result{}, false, change)
		return
	}
	var senders []Completion
	for _, snd := range x.s.Waiting(c, DirSend) {
		if !x.s.waitsOn(snd, c, DirRecv) { // else released as a receiver
			senders = append(senders, Completion{G: snd, Result: Result{Panic: PanicSendClosed}})
		}
	}
	var release func(receivers []int, woken []Completion)
	release = func(receivers []int, woken []Completion) {
		if len(receivers) == 0 {
			x.woken = append(woken, senders...)
			x.emit(g, Result{}, false, change)
			x.woken = x.woken[:0]
			return
		}
		r := receivers[0]
		for j, rc := range x.m.cases[r][x.s.PC(r)] {
			if rc.Chan == c && rc.Dir == DirRecv {
				got := received(rc, j, x.isSelect(r), 0, false)
				release(receivers[1:], append(woken[:len(woken):len(woken)], Completion{G: r, Result: got}))
			}
		}
	}
	release(x.s.Waiting(c, DirRecv), nil)
}

func (x *expansion) isSelect(g int) bool {
	return x.m.prog.Goroutines[g].Ops[x.s.PC(g)].Kind == OpSelect
}

// caseResult is the result of completing case i without receiving: a select
// reports the case index, a plain send reports nothing.
func caseResult(i int, isSelect bool) Result {
	if isSelect {
		return Result{Case: i}
	}
	return Result{}
}

// received is the result of receive case cs (index i) getting (v, ok); ok is
// dropped when the receive does not ask for it.
func received(cs Case, i int, isSelect bool, v Value, ok bool) Result {
	r := caseResult(i, isSelect)
	r.Value = v
	r.OK = ok && cs.OK
	return r
}
