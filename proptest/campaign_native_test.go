package proptest

import (
	"context"
	"strings"
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

// TestNativeCampaignCleanAtRuntimeStrength: the released runtime also keeps
// runtime/chan.go's own guarantees, as the spec's Runtime strength states them.
func TestNativeCampaignCleanAtRuntimeStrength(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the close/send races generated programs make on purpose")
	}
	c := &Campaign{Seed: 11, Programs: 50, Random: 2, PCT: 2, Native: true, NativeStrength: spec.Runtime}
	if st, f := c.Run(context.Background()); f != nil {
		t.Fatalf("native Go broke a Runtime guarantee after %d programs:\n%v", st.Programs, f.Counterexample)
	}
}

// TestExplainNative: an outcome the Go specification allows but the Runtime strength
// does not is explained as a broken runtime guarantee; one neither allows, as a
// language violation.
func TestExplainNative(t *testing.T) {
	c := &Campaign{Native: true, NativeStrength: spec.Runtime}
	for seed := range 2000 {
		p := Program(DefaultShape).Example(seed)
		rt, err1 := spec.Explore(p, spec.Runtime, 20_000)
		lang, err2 := spec.Explore(p, spec.Language, 20_000)
		if err1 != nil || err2 != nil {
			continue
		}
		for _, o := range lang.Outcomes {
			err := rt.Allowed(o)
			if err == nil {
				continue
			}
			if msg := c.explainNative(p, o, err).Error(); !strings.Contains(msg, "the Go specification allows it") {
				t.Fatalf("a Language outcome explained as %q", msg)
			}
			bogus := spec.Outcome{MakePanic: "bogus"}
			if msg := c.explainNative(p, bogus, rt.Allowed(bogus)).Error(); !strings.Contains(msg, "does not allow it") {
				t.Fatalf("an outcome neither strength allows explained as %q", msg)
			}
			return
		}
	}
	t.Fatal("no generated program whose Runtime outcomes are fewer than its Language outcomes")
}
