package proptest

// Bounded-exhaustive exploration: every schedule of a program with at most a given
// number of preemptions, by depth-first search over the choices of impl's
// Deterministic mode (CHESS's iterative context bounding; loom's preemption bound).
//
// A run is a function of its choices (impl/chooser.go), so the schedules of a program
// form a tree: a node is a choice point, its children the alternatives [0, N). The
// search is stateless, as CHESS's is: it keeps the path to the current leaf, not the
// states. Each run replays the path's prefix and then takes choice 0 at every new
// point, recording the alternatives there; choice 0 never preempts (it is what the
// runtime would do anyway), so that completion stays within the bound. Backtracking
// moves to the deepest point with an untried alternative whose preemptions, added to
// those made before that point, stay within the bound; the next run replays the path
// up to that point. So every leaf of the bounded tree is run exactly once, and the
// search is a loop over a slice, with no recursion.
//
// Invariants of dfsChooser, between runs:
//   - path[i].used is the number of preemptions among path[:i]'s choices;
//   - path[i].used + cost(path[i].chosen) <= bound for every i, where cost(c) is 1 if
//     path[i].preempt and c != 0, else 0;
//   - every leaf below an alternative smaller than path[i].chosen has been run.
//
// No reduction of the exploration: neither sleep sets nor state caching. A Chooser sees
// which Gs can run and at what kind of point, not which channel each G's next step
// touches, so it cannot decide that two steps commute; a G's state lives partly on its
// coroutine's stack, which cannot be hashed; and a reduction is not sound as is under a
// preemption bound, since commuting two steps changes the number of preemptions, so
// the one representative a reduction keeps may lie outside the bound (Coons, Musuvathi
// and McKinley, "Bounded partial-order reduction", OOPSLA 2013). Every schedule of the
// bounded tree is run, and the counts Exhaust reports are the tree's size. What is
// cached is the check: the default check, a StepChecker, checks each distinct spec run
// once (stepcheck.go says why that is exact).

import (
	"errors"
	"fmt"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// Stats counts the work of an exploration (Exhaust) or a search (SearchPCT).
type Stats struct {
	// Schedules is the number of runs made and checked.
	Schedules int
	// Decisions is the number of Chooser calls over all runs, the replayed prefixes of
	// Exhaust included: the choices the runs made.
	Decisions int64
	// Steps is the number of scheduling points over all runs (impl.Result.Steps).
	Steps int64
}

// Exhaust runs p on the impl under every schedule with at most bound preemptions
// (impl.ChoiceContext.Preempts) and with every value of the runtime's random source
// (select's poll order), and checks each finished run with check; nil check means the
// step-refinement property, CheckRun, through a StepChecker. Runs are traced, so check
// may read the trace.
//
// It stops at the first failure and returns its *Counterexample, whose schedule string
// replays the failing run: a run that ends badly (lock deadlock, broken invariant, step
// limit: the "impl run" property), or a check error (kept as is if it is a
// *Counterexample, wrapped as the property "check" otherwise). Any other error means
// the exploration itself failed: an invalid program, or a run that did not repeat its
// prefix (impl's Deterministic mode is then not deterministic). Stats counts the
// schedules run, the failing one included.
func Exhaust(p *spec.Program, bound int, check func(*impl.ProgramRun) error) (Stats, error) {
	if bound < 0 {
		return Stats{}, fmt.Errorf("dfs: preemption bound %d < 0", bound)
	}
	if check == nil {
		check = NewStepChecker(p).Check
	}
	var st Stats
	c := &dfsChooser{}
	for {
		c.restart()
		pr, err := runDet(p, c)
		if pr == nil {
			return st, err // p is not a valid program
		}
		st.add(pr, c.pos)
		if err := c.diverged(); err != nil {
			return st, err
		}
		if err := verdict(p, pr, err, check); err != nil {
			return st, err
		}
		if !c.backtrack(bound) {
			return st, nil
		}
	}
}

// add counts run pr, which made the given number of choices.
func (st *Stats) add(pr *impl.ProgramRun, choices int) {
	st.Schedules++
	st.Decisions += int64(choices)
	st.Steps += pr.Result.Steps
}

// verdict judges a finished run pr of p: runErr is RunProgram's error. It returns nil
// or the run's *Counterexample: the property "impl run" for a run that ended badly,
// check's error as is if it is a *Counterexample, or wrapped as the property "check".
func verdict(p *spec.Program, pr *impl.ProgramRun, runErr error, check func(*impl.ProgramRun) error) error {
	if runErr != nil {
		return &Counterexample{Property: "impl run", Program: p, Run: pr, Err: runErr}
	}
	err := check(pr)
	if err == nil {
		return nil
	}
	var ce *Counterexample
	if errors.As(err, &ce) {
		return ce
	}
	return &Counterexample{Property: "check", Program: p, Run: pr, Err: err}
}

// branch is one choice point on the current path.
type branch struct {
	n       int  // alternatives at this point
	chosen  int  // the alternative taken
	preempt bool // a ChooseG at which Current can continue: every choice but 0 preempts
	used    int  // preemptions made before this point
}

// dfsChooser replays path[:replay] and extends the path with choice 0 beyond it.
type dfsChooser struct {
	path   []branch
	replay int   // length of the prefix to replay
	pos    int   // choices made in the current run
	used   int   // preemptions made in the current run
	err    error // the run diverged from its prefix
}

// restart prepares the next run: replay the whole path, then extend it.
func (c *dfsChooser) restart() {
	c.replay, c.pos, c.used, c.err = len(c.path), 0, 0, nil
}

// Choose implements impl.Chooser.
func (c *dfsChooser) Choose(ctx impl.ChoiceContext) (int, error) {
	preempt := ctx.Preempts(1)
	if c.pos < c.replay {
		b := &c.path[c.pos]
		if b.n != ctx.N || b.preempt != preempt || b.used != c.used {
			c.err = fmt.Errorf("dfs: run diverged from its prefix at choice #%d (step %d): %d alternatives, want %d",
				c.pos+1, ctx.Step, ctx.N, b.n)
			return 0, c.err
		}
		c.pos++
		if preempt && b.chosen != 0 {
			c.used++
		}
		return b.chosen, nil
	}
	c.path = append(c.path, branch{n: ctx.N, preempt: preempt, used: c.used})
	c.pos++
	return 0, nil
}

// diverged returns the error of a run that did not repeat its prefix: a different
// choice point on the way, or an end before the prefix did.
func (c *dfsChooser) diverged() error {
	if c.err == nil && c.pos < c.replay {
		c.err = fmt.Errorf("dfs: run diverged from its prefix: it ended after %d choices, the prefix has %d",
			c.pos, c.replay)
	}
	return c.err
}

// backtrack moves the path to the next leaf in depth-first order: it takes the next
// alternative at the deepest point that has one within the bound and cuts the path
// after it. It reports false when the whole bounded tree has been run.
func (c *dfsChooser) backtrack(bound int) bool {
	for i := len(c.path) - 1; i >= 0; i-- {
		b := &c.path[i]
		cost := 0
		if b.preempt {
			cost = 1 // every alternative after 0 preempts
		}
		if b.chosen+1 < b.n && b.used+cost <= bound {
			b.chosen++
			c.path = c.path[:i+1]
			return true
		}
	}
	return false
}
