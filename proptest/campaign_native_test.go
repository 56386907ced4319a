package proptest

import (
	"context"
	"testing"

	"github.com/chanmodel/chanmodel/spec"
)

// TestNativeCampaignClean: a native campaign finds nothing — the real runtime does
// only what the spec allows — and counts each native run and outcome check.
// Reference: issue 8 §2 (-target native)
func TestNativeCampaignClean(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the close/send races generated programs make on purpose")
	}
	c := &Campaign{Seed: 5, Programs: 30, Random: 2, PCT: 1, Native: true}
	st, f := c.Run(context.Background())
	if f != nil {
		t.Fatalf("native campaign found a spec bug:\n%v", f.Counterexample)
	}
	run, outcome := st.prop(PropRun), st.prop(PropOutcome)
	if st.Programs != 30 || st.Schedules != 90 || run.Runs != 90 || outcome.Runs != 90-3*st.TooLarge {
		t.Errorf("programs %d, native runs %d, run checks %d, outcome checks %d (too large %d); want 30, 90, 90, 90-3·too large",
			st.Programs, st.Schedules, run.Runs, outcome.Runs, st.TooLarge)
	}
	if steps := st.prop(PropSteps); steps.Runs != 0 {
		t.Errorf("step refinement ran %d times on native runs, which have no trace", steps.Runs)
	}
}

// TestNativeCampaignCatchesWrongSpec is the companion: checked against a wrong spec
// (every unbuffered channel given a buffer of one), native Go fails the campaign, and
// Shrink, re-running candidates natively, keeps a failing program no larger.
func TestNativeCampaignCatchesWrongSpec(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the close/send races generated programs make on purpose")
	}
	c := &Campaign{Seed: 5, Programs: 200, Random: 2, PCT: 1, Native: true}
	c.oracle = func(p *spec.Program) *spec.Program {
		q := clone(p)
		for i := range q.Chans {
			if !q.Chans[i].Nil && q.Chans[i].Cap == 0 {
				q.Chans[i].Cap = 1
			}
		}
		return q
	}
	st, f := c.Run(context.Background())
	if f == nil {
		t.Fatalf("no failure in %d programs against a spec with no unbuffered channels", st.Programs)
	}
	ce := f.Counterexample
	if ce.Property != PropNativeOutcome || ce.Run != nil {
		t.Fatalf("counterexample property %q, run %v; want %q and no impl run", ce.Property, ce.Run, PropNativeOutcome)
	}
	shrunk := c.Shrink(context.Background(), ce, f.Seed)
	g0, o0 := size(ce.Program)
	g1, o1 := size(shrunk.Program)
	if g1 > g0 || o1 > o0 || shrunk.Property != PropNativeOutcome {
		t.Errorf("shrunk to %d goroutines, %d ops (%q) from %d, %d", g1, o1, shrunk.Property, g0, o0)
	}
	t.Logf("caught at program %d; shrunk from %d goroutines, %d ops to:\n%s", st.Programs, g0, o0, shrunk.Program)
}
