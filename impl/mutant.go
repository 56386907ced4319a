//go:build chanmutants

package impl

import "fmt"

// Mutants: deliberately broken variants of the channel code, each a bug a runtime
// engineer could plausibly write, so that tests can show the checkers catch them. They
// exist only in builds with -tags chanmutants (mutant_off.go makes mutant a constant ""
// otherwise, and the compiler drops every mutant branch). Each is one
// `if mutant == "name"` branch at the place it breaks.

// mutant is the name of the mutant switched on, or "".
var mutant string

// Mutant describes one mutant: what it breaks, and the SEMANTICS item
// (../shared/SEMANTICS.md) it violates.
type Mutant struct {
	Item int    // the SEMANTICS item it breaks
	Desc string // one line: the bug
	// Equivalent, if set, argues why the mutant cannot change any behaviour the
	// checkers observe; such a mutant may survive the kill matrix.
	Equivalent string
	// CoverageOnly, if set, says why only the kill matrix's coverage checker can see
	// the mutant: it only removes behaviours, and the other checkers ask whether a run
	// is allowed, not whether every allowed run occurs.
	CoverageOnly string
}

func (m Mutant) String() string { return fmt.Sprintf("%s (item %d)", m.Desc, m.Item) }

// Mutants names each mutant.
var Mutants = map[string]Mutant{
	"lifo-waitq":                 {Item: 22, Desc: "enqueue puts a sudog at the head of its wait queue: waiters are served LIFO"},
	"close-forgets-senders":      {Item: 17, Desc: "closechan releases parked receivers but leaves parked senders parked"},
	"select-keeps-losers":        {Item: 34, Desc: "select's pass 3 leaves the losing sudogs on their queues"},
	"recv-skips-rotation":        {Item: 15, Desc: "a receiver meeting a full buffer with a parked sender takes the sender's value and leaves the buffer alone"},
	"close-senders-first":        {Item: 18, Desc: "closechan releases parked senders before parked receivers"},
	"goready-under-lock":         {Item: 27, Desc: "direct hand-off readies the receiver before unlocking the channel"},
	"dequeue-skips-cas":          {Item: 23, Desc: "dequeue hands out a select's sudog without winning the selectDone CAS"},
	"handoff-wrong-elem":         {Item: 12, Desc: "direct hand-off copies into the elem of the receiver's first waiting sudog, not of the one dequeued"},
	"ring-wraps-early":           {Item: 3, Desc: "bufsend wraps sendx to 0 one slot early"},
	"recv-keeps-slot":            {Item: 3, Desc: "bufrecv does not clear the slot it took the value from"},
	"rotation-forgets-sendx":     {Item: 15, Desc: "recv's buffer rotation advances recvx but forgets sendx = recvx"},
	"recv-fastpath-closed-first": {Item: 21, Desc: "the non-blocking receive fast path loads closed before empty"},
	"lockorder-unsorted":         {Item: 30, Desc: "select locks its channels in pollorder instead of sorted lockorder"},
	"select-pass1-unlocked":      {Item: 31, Desc: "select's pass 1 polls the channels one at a time, each under its own lock"},
	"gopark-unlock-first":        {Item: 25, Desc: "gopark runs unlockf before marking the goroutine waiting"},
	"nil-case-ready":             {Item: 9, Desc: "select treats a case on a nil channel as ready"},
	"len-counts-senders":         {Item: 19, Desc: "len of an unbuffered channel counts its parked senders"},
	"pollorder-sattolo": {Item: 29, Desc: "pollorder's shuffle draws j from [0, n) instead of [0, n]: only cyclic permutations (Sattolo)",
		CoverageOnly: "a select whose cases are all ready never takes the first: behaviours are removed, none added"},
}

// SetMutant switches on the named mutant ("" for none). It must not be called while a
// run is in progress.
func SetMutant(name string) {
	if _, ok := Mutants[name]; !ok && name != "" {
		panic("impl: unknown mutant " + name)
	}
	mutant = name
}
