package proptest

// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010),
// as a Chooser for impl's Deterministic mode.
//
// The algorithm, for n goroutines, runs of k steps and bug depth d:
//  1. give the goroutines distinct random priorities, a uniformly random order, all
//     above d-1;
//  2. draw d-1 change points k_1 .. k_{d-1} uniformly from the steps 1..k;
//  3. at every step run the highest-priority goroutine that can run; after step k_i,
//     lower the priority of the goroutine that took it to i, below every initial one.
//
// A bug of depth d is one that d ordering constraints between steps of different
// goroutines expose (an atomicity violation has depth 2: a preemption at one point; an
// ordering bug such as "B's step runs before A's" has depth 1). PCT finds such a bug in
// one run with probability at least 1/(n·k^(d-1)): with probability at least 1/n the
// goroutine that must go first gets the highest priority, and each of the d-1 change
// points falls on the one step where a preemption is needed with probability 1/k.
//
// Here a step is a scheduling decision: a ChooseG choice, where at least two Gs could
// run. Points with one candidate are forced and a preemption needs a second candidate,
// so counting decisions rather than all scheduling points keeps k, and the bound, tight.
// Change point k_i demotes ChoiceContext.Current, the G that ran up to decision k_i,
// before the decision is made: so the decision preempts it if another G can run.
// Goroutines are seen as the run creates them; each gets its random priority on first
// sight, which keeps the order of all priorities uniformly random. ChooseRand values
// (select's poll order) are drawn from the same seeded source. A PCT run is thus a pure
// function of its seed, depth and k.

import (
	"math/rand/v2"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// PCT is an impl.Chooser making the choices of one PCT run. Make one per run.
type PCT struct {
	r         *rand.Rand
	depth     int
	change    []int            // the d-1 change points: ChooseG decision numbers in [1, k]
	prio      map[int64]uint64 // G id -> priority; the highest runs; change points give 1..d-1
	initial   map[uint64]bool  // initial priorities handed out, to keep them distinct
	decisions int              // ChooseG decisions so far
	choices   int              // Choose calls so far, both kinds
}

// NewPCT returns the chooser of the PCT run with the given seed, bug depth (>= 1) and
// expected length k: the number of ChooseG decisions of a run, for instance
// PCT.Decisions of an earlier run (SearchPCT does this). A k too small puts every
// change point early; too large wastes some on steps the run never reaches.
func NewPCT(seed uint64, depth, k int) *PCT {
	depth, k = max(depth, 1), max(k, 1)
	c := &PCT{
		r:       rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)),
		depth:   depth,
		prio:    map[int64]uint64{},
		initial: map[uint64]bool{},
	}
	for range depth - 1 {
		c.change = append(c.change, 1+c.r.IntN(k))
	}
	return c
}

// Choose implements impl.Chooser: the highest-priority G among ctx.Runnable, after
// demoting ctx.Current at a change point; a uniform draw for ChooseRand.
func (c *PCT) Choose(ctx impl.ChoiceContext) (int, error) {
	c.choices++
	if ctx.Kind == impl.ChooseRand {
		return c.r.IntN(ctx.N), nil
	}
	c.decisions++
	if ctx.Current != 0 {
		c.see(ctx.Current)
		for i, k := range c.change {
			if k == c.decisions {
				c.prio[ctx.Current] = uint64(i + 1)
			}
		}
	}
	best := 0
	for i, id := range ctx.Runnable {
		c.see(id)
		if c.prio[id] > c.prio[ctx.Runnable[best]] {
			best = i
		}
	}
	return best, nil
}

// see gives G id a random initial priority, distinct from the others, if it has none.
func (c *PCT) see(id int64) {
	if _, ok := c.prio[id]; ok {
		return
	}
	for {
		p := uint64(c.depth) + c.r.Uint64N(1<<62)
		if !c.initial[p] {
			c.initial[p] = true
			c.prio[id] = p
			return
		}
	}
}

// Decisions returns the number of ChooseG decisions made so far: after a run, the k
// to give the next.
func (c *PCT) Decisions() int { return c.decisions }

// SearchPCT runs p under runs PCT schedules of bug depth depth, with the seeds seed,
// seed+1, ..., and checks each finished run with check (nil: CheckRun, through a
// StepChecker), as
// Exhaust does; it stops at the first failure and returns its *Counterexample. The
// first run has no change points (depth 1) and measures k; each later run takes as k
// the most decisions any run so far made. Stats counts the runs made.
func SearchPCT(p *spec.Program, depth, runs int, seed uint64, check func(*impl.ProgramRun) error) (Stats, error) {
	if check == nil {
		check = NewStepChecker(p).Check
	}
	var st Stats
	k := 1
	for i := range runs {
		d := depth
		if i == 0 {
			d = 1
		}
		c := NewPCT(seed+uint64(i), d, k)
		pr, err := runDet(p, c)
		if pr == nil {
			return st, err
		}
		st.add(pr, c.choices)
		if err := verdict(p, pr, err, check); err != nil {
			return st, err
		}
		k = max(k, c.Decisions())
	}
	return st, nil
}

// runDet runs p on the impl in Deterministic mode under c, traced.
func runDet(p *spec.Program, c impl.Chooser) (*impl.ProgramRun, error) {
	return impl.RunProgram(p, impl.Config{Mode: impl.Deterministic, Chooser: c, Trace: true, MaxSteps: MaxImplSteps})
}
