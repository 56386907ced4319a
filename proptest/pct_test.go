package proptest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// runPCT runs the program text under NewPCT(seed, depth, k), traced.
func runPCT(tb testing.TB, text string, seed uint64, depth, k int) (*impl.ProgramRun, *PCT) {
	tb.Helper()
	c := NewPCT(seed, depth, k)
	pr, err := runDet(parseProgram(tb, text), c)
	if err != nil {
		tb.Fatal(err)
	}
	return pr, c
}

// TestPCTIsAFunctionOfItsSeed: a PCT run is a pure function of seed, depth and k — the
// same arguments give the same schedule and trace — and different seeds give different
// schedules.
// Reference: issue 4 §3 ("seeded"); impl/chooser.go "A run is a function of its choices"
func TestPCTIsAFunctionOfItsSeed(t *testing.T) {
	text := classic(t, "CloseParkedSendersReceivers").text
	schedules := map[string]bool{}
	for seed := range uint64(20) {
		a, _ := runPCT(t, text, seed, 3, 20)
		b, _ := runPCT(t, text, seed, 3, 20)
		if a.Result.Schedule != b.Result.Schedule || !reflect.DeepEqual(a.Result.Trace, b.Result.Trace) {
			t.Fatalf("seed %d: two runs differ: %q and %q", seed, a.Result.Schedule, b.Result.Schedule)
		}
		schedules[a.Result.Schedule] = true
	}
	if len(schedules) < 5 {
		t.Errorf("20 seeds gave only %d distinct schedules", len(schedules))
	}
}

// TestPCTFindsDepth2Bug: the planted bug needs a preemption, so PCT without change
// points (depth 1, which never preempts a goroutine that does not block) never finds
// it, while depths 2 and 3 find it within 10·n·k^(d-1) runs, where the guarantee
// 1/(n·k^(d-1)) per run leaves a chance below e^-10 of missing it; the counterexample
// replays.
// Reference: Burckhardt et al., ASPLOS 2010 (PCT's probabilistic guarantee)
func TestPCTFindsDepth2Bug(t *testing.T) {
	p := parseProgram(t, plantedBug)
	_, first := runPCT(t, plantedBug, 0, 1, 1)
	n, k := 3, first.Decisions() // G1 (the parent), a and b
	if st, err := SearchPCT(p, 1, 200, 1, checkPlanted); err != nil {
		t.Fatalf("depth 1 found a depth-2 bug after %d runs:\n%v", st.Schedules, err)
	}
	for _, depth := range []int{2, 3} {
		budget := 10 * n
		for range depth - 1 {
			budget *= k
		}
		st, err := SearchPCT(p, depth, budget, 1, checkPlanted)
		var ce *Counterexample
		if !errors.As(err, &ce) || !errors.Is(ce.Err, errPlanted) {
			t.Errorf("depth %d: no counterexample in %d runs (k = %d): %v", depth, st.Schedules, k, err)
			continue
		}
		t.Logf("depth %d: found after %d runs (budget %d, k = %d)", depth, st.Schedules, budget, k)
		if pr, _ := replaySchedule(t, plantedBug, ce.Run.Result.Schedule); !pr.Outcome.Equal(ce.Run.Outcome) {
			t.Errorf("depth %d: replaying %q does not reproduce the outcome", depth, ce.Run.Result.Schedule)
		}
	}
}

// TestPCTHitRateMeetsGuarantee: over many seeds, the fraction of depth-2 PCT runs that
// hit the planted depth-2 bug is at least the guarantee 1/(n·k), n the goroutines and
// k the decisions of a run.
// Reference: Burckhardt et al., ASPLOS 2010 (PCT's probabilistic guarantee)
func TestPCTHitRateMeetsGuarantee(t *testing.T) {
	runs := 2000
	if testing.Short() {
		runs = 500
	}
	_, first := runPCT(t, plantedBug, 0, 1, 1)
	n, k := 3, first.Decisions()
	hits := 0
	for seed := range uint64(runs) {
		pr, _ := runPCT(t, plantedBug, seed, 2, k)
		if checkPlanted(pr) != nil {
			hits++
		}
	}
	rate, bound := float64(hits)/float64(runs), 1/float64(n*k)
	t.Logf("%d of %d runs hit the bug: rate %.3f, guarantee %.3f (n = %d, k = %d)", hits, runs, rate, bound, n, k)
	if rate < bound {
		t.Errorf("hit rate %.4f below the guarantee 1/(n·k) = %.4f", rate, bound)
	}
}
