package proptest

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// plantedBug is a program with an outcome only a preemption reaches: a's len(c) is 0
// only if b's receive runs between a's send and a's len, so a must be switched away
// from while it could go on. In PCT's terms the bug has depth 2: a's send before b's
// receive, b's receive before a's len.
const plantedBug = `
chan c 1
go a
	c <- 1
	len(c)
go b
	select { <-c; default }
`

// errPlanted is the planted bug's failure.
var errPlanted = errors.New("planted bug: a's len(c) saw b's receive")

// checkPlanted fails on the planted bug's outcome.
func checkPlanted(pr *impl.ProgramRun) error {
	if r := pr.Outcome.Goroutines[0].Results; len(r) == 2 && r[1].Value == 0 {
		return errPlanted
	}
	return nil
}

// preemptCounter passes a Chooser's choices on and counts those that preempt.
type preemptCounter struct {
	impl.Chooser
	n int
}

func (c *preemptCounter) Choose(ctx impl.ChoiceContext) (int, error) {
	i, err := c.Chooser.Choose(ctx)
	if err == nil && ctx.Preempts(i) {
		c.n++
	}
	return i, err
}

// replaySchedule runs the program text under schedule, traced, and returns the run and its preemptions.
func replaySchedule(tb testing.TB, text, schedule string) (*impl.ProgramRun, int) {
	tb.Helper()
	r, err := impl.NewReplay(schedule)
	if err != nil {
		tb.Fatal(err)
	}
	c := &preemptCounter{Chooser: r}
	pr, err := impl.RunProgram(parseProgram(tb, text), impl.Config{Chooser: c, Trace: true, MaxSteps: MaxImplSteps})
	if err != nil {
		tb.Fatalf("replay of %q: %v", schedule, err)
	}
	if r.Unused() != 0 {
		tb.Fatalf("replay of %q left %d choices unused", schedule, r.Unused())
	}
	return pr, c.n
}

// TestExhaustFindsPlantedPreemptionBug: Exhaust with bound 0 runs every schedule
// without preemption and passes; with bound 1 it finds the outcome only a preemption
// reaches and returns a counterexample whose schedule string, replayed, makes one
// preemption and reproduces the failing run event for event.
// Reference: issue 4 §3, §4; STYLE.md "every checker has a companion test"
func TestExhaustFindsPlantedPreemptionBug(t *testing.T) {
	p := parseProgram(t, plantedBug)
	if st, err := Exhaust(p, 0, checkPlanted); err != nil {
		t.Fatalf("bound 0 found the bug, which needs a preemption (after %d schedules):\n%v", st.Schedules, err)
	}
	st, err := Exhaust(p, 1, checkPlanted)
	var ce *Counterexample
	if !errors.As(err, &ce) || !errors.Is(ce.Err, errPlanted) {
		t.Fatalf("bound 1: got %v after %d schedules, want the planted bug's counterexample", err, st.Schedules)
	}
	pr, preempts := replaySchedule(t, plantedBug, ce.Run.Result.Schedule)
	if preempts != 1 {
		t.Errorf("the counterexample's schedule %q makes %d preemptions, want 1", ce.Run.Result.Schedule, preempts)
	}
	if !reflect.DeepEqual(pr.Result.Trace, ce.Run.Result.Trace) || !pr.Outcome.Equal(ce.Run.Outcome) {
		t.Errorf("replaying %q does not reproduce the failing run", ce.Run.Result.Schedule)
	}
}

// boundedRandom draws each choice uniformly, except that once bound preemptions are
// made it no longer preempts: a random schedule within the bound, drawn without
// Exhaust's machinery.
type boundedRandom struct {
	r     *rand.Rand
	bound int
	used  int
}

func (c *boundedRandom) Choose(ctx impl.ChoiceContext) (int, error) {
	if c.used == c.bound && ctx.Preempts(1) {
		return 0, nil
	}
	i := c.r.IntN(ctx.N)
	if ctx.Preempts(i) {
		c.used++
	}
	return i, nil
}

// TestExhaustRunsEveryScheduleWithinBoundOnce: the schedules Exhaust runs are distinct,
// each makes at most bound preemptions, and they include every schedule within the
// bound that an independent bounded random chooser draws: the exploration is sound and
// complete for its bound.
// Reference: issue 4 §3; CHESS's preemption bounding (Musuvathi and Qadeer, PLDI 2007)
func TestExhaustRunsEveryScheduleWithinBoundOnce(t *testing.T) {
	c := classic(t, "CloseParkedSendersReceivers") // selects, a close, panics
	p := parseProgram(t, c.text)
	seen := map[string]bool{}
	st, err := Exhaust(p, suiteBound, func(pr *impl.ProgramRun) error {
		seen[pr.Result.Schedule] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != st.Schedules {
		t.Errorf("%d distinct schedules among the %d runs", len(seen), st.Schedules)
	}
	for s := range seen {
		if _, n := replaySchedule(t, c.text, s); n > suiteBound {
			t.Errorf("schedule %q makes %d preemptions, bound %d", s, n, suiteBound)
		}
	}
	draws := 2000
	if testing.Short() {
		draws = 400
	}
	for seed := range uint64(draws) {
		ch := &boundedRandom{r: rand.New(rand.NewPCG(seed, 1)), bound: suiteBound}
		pr, err := impl.RunProgram(p, impl.Config{Chooser: ch, MaxSteps: MaxImplSteps})
		if err != nil {
			t.Fatal(err)
		}
		if !seen[pr.Result.Schedule] {
			t.Fatalf("seed %d: schedule %q (%d preemptions) was not explored", seed, pr.Result.Schedule, ch.used)
		}
	}
}

// TestDFSChooserRejectsDivergentReplay: a run that meets a different choice point
// while replaying its prefix, or ends before the prefix does, is an error of the
// exploration, not a schedule: impl's Deterministic mode would not be deterministic.
// Reference: impl/chooser.go "A run is a function of its choices"
func TestDFSChooserRejectsDivergentReplay(t *testing.T) {
	ctx := impl.ChoiceContext{Kind: impl.ChooseG, Current: 2, Runnable: []int64{2, 3}, N: 2}
	c := &dfsChooser{}
	c.restart()
	c.Choose(ctx)
	c.Choose(ctx)
	if !c.backtrack(1) {
		t.Fatal("no alternative left after the first run")
	}
	c.restart()
	if _, err := c.Choose(impl.ChoiceContext{Kind: impl.ChooseRand, Current: 2, N: 3}); err == nil {
		t.Error("a different choice point during the replay was accepted")
	}
	c.restart()
	if _, err := c.Choose(ctx); err != nil {
		t.Fatal(err)
	}
	if c.diverged() == nil {
		t.Error("a run that ended inside its prefix was accepted")
	}
}
