package impl

// Choosers make the nondeterministic choices of a Deterministic run: which G runs at
// each scheduling point, and the values of the runtime's random source (select's
// pollorder). A run is a function of its choices: replaying the recorded choices
// (Result.Schedule, replay.go) reproduces it, trace and all.
//
// The interface is meant to admit, besides the choosers here: PCT (priorities per G id,
// change points by Step), bounded-exhaustive DFS with a preemption bound (replay a
// prefix, then branch; ChoiceContext.Preempts counts preemptions), and choices drawn by
// a property-based testing library (draw an index in [0, N)).

import "math/rand/v2"

// ChoiceKind says what a Chooser is choosing.
type ChoiceKind uint8

const (
	// ChooseG picks the G that runs next: an index into ChoiceContext.Runnable.
	ChooseG ChoiceKind = iota
	// ChooseRand picks a value of the runtime's random source (fastrandn) in [0, N).
	ChooseRand
)

// ChoiceContext describes one choice.
type ChoiceContext struct {
	Kind ChoiceKind
	// Step counts the scheduling points of the run so far, this one included.
	Step int64
	// Current is the G at the scheduling point (ChooseRand: the G drawing a number);
	// 0 at the start of the run.
	Current int64
	// Point says what Current is doing: EvLock (about to acquire), EvUnlock, EvPark,
	// EvReady, EvGoCreate, EvGoExit or EvYield. Empty for ChooseRand.
	Point EventKind
	// What labels the point: the argument of yield, or "fastrandn" for ChooseRand.
	What string
	// Runnable (ChooseG) lists the ids of the Gs that can run, in a stable order (see
	// detsched.go): Current first if it can continue without a switch, then runnext,
	// the run queue head to tail, then Gs inside gopark's unlockf. Index 0 is therefore
	// what the runtime would run without preemption. Runnable is reused after Choose
	// returns. Nil for ChooseRand.
	Runnable []int64
	// N is the number of alternatives (at least 2): len(Runnable), or fastrandn's n.
	N int
}

// Preempts reports whether choice i switches away from a Current that could continue:
// the choices a preemption bound counts.
func (c ChoiceContext) Preempts(i int) bool {
	return c.Kind == ChooseG && i != 0 && len(c.Runnable) > 0 && c.Runnable[0] == c.Current
}

// Chooser makes the choices of a Deterministic run. Choose is called only when there
// are at least two alternatives; it returns an index in [0, ctx.N), or an error, which
// ends the run with StatusChooser. An index out of range or a panic ends it the same
// way; the panic value is kept in Result.Panic. A Chooser serves one run at a time and
// must not retain ctx.Runnable.
type Chooser interface {
	Choose(ctx ChoiceContext) (int, error)
}

// NewRandom returns a Chooser that picks uniformly at random, from a generator seeded
// with seed: the same seed gives the same choices, hence the same run.
func NewRandom(seed uint64) Chooser {
	return &randomChooser{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

type randomChooser struct{ r *rand.Rand }

func (c *randomChooser) Choose(ctx ChoiceContext) (int, error) { return c.r.IntN(ctx.N), nil }

// NewRoundRobin returns a Chooser that switches G at every scheduling point with another
// candidate: it runs the candidate with the next higher id after ChoiceContext.Current,
// wrapping around to the lowest. It draws the random source's values 0, 1, 2, ...
// modulo n.
func NewRoundRobin() Chooser { return &roundRobin{} }

type roundRobin struct {
	draws int // ChooseRand calls so far
}

func (c *roundRobin) Choose(ctx ChoiceContext) (int, error) {
	if ctx.Kind == ChooseRand {
		c.draws++
		return (c.draws - 1) % ctx.N, nil
	}
	next, lowest := -1, 0
	for i, id := range ctx.Runnable {
		if id < ctx.Runnable[lowest] {
			lowest = i
		}
		if id > ctx.Current && (next < 0 || id < ctx.Runnable[next]) {
			next = i
		}
	}
	if next < 0 {
		next = lowest
	}
	return next, nil
}
