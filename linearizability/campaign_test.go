package linearizability

import (
	"context"
	"testing"
)

// TestCampaignCleanOnImpl: a short campaign of Parallel-mode histories finds nothing
// on the impl, and every history goes through both checkers.
// Reference: issue 8 §1
func TestCampaignCleanOnImpl(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 50
	}
	calls := 0
	c := &Campaign{Seed: 1, Histories: n, Progress: func(CampaignStats) { calls++ }}
	st, f := c.Run(context.Background())
	if f != nil {
		t.Fatalf("campaign found a failure on the impl:\n%v", f)
	}
	if st.Histories != n || calls != n || st.Ops == 0 {
		t.Errorf("%d histories of %d ops, %d progress calls; want %d histories", st.Histories, st.Ops, calls, n)
	}
	if len(st.Checks) != 3 {
		t.Fatalf("checks %v, want run, porcupine, fast", st.Checks)
	}
	for _, cs := range st.Checks {
		if cs.Runs != n || cs.Failures != 0 {
			t.Errorf("%s: %d runs, %d failures; want %d, 0", cs.Name, cs.Runs, cs.Failures, n)
		}
	}
}

// TestCampaignCleanOnNative: histories recorded on native channels and real threads
// (what chancheck -target native checks) pass both checkers, and the clients left
// blocked at quiescence show as pending calls.
// Reference: issue 8 §2 (-target native)
func TestCampaignCleanOnNative(t *testing.T) {
	c := &Campaign{Seed: 1, Histories: 100, Native: true}
	if raceEnabled {
		c.Shape = SmallShape.NoClose() // the detector reports close racing send
	}
	st, f := c.Run(context.Background())
	if f != nil {
		t.Fatalf("a native history failed a checker:\n%v", f)
	}
	for _, cs := range st.Checks {
		if cs.Runs != 100 || cs.Failures != 0 {
			t.Errorf("%s: %d runs, %d failures; want 100, 0", cs.Name, cs.Runs, cs.Failures)
		}
	}
	pending := 0
	for k := range 100 {
		shape := c.Shape
		if shape.MaxChans == 0 {
			shape = SmallShape
		}
		for _, op := range RunNativeThreads(RandomWorkload(shape, c.WorkloadSeed(k)), uint64(k)).Ops {
			if op.Pending {
				pending++
			}
		}
	}
	if pending == 0 {
		t.Error("no workload left a client blocked: quiescence with blocked clients is untested")
	}
}

// TestCampaignShardsDrawDisjointWorkloads: the shards of one seed draw disjoint
// workload seeds.
// Reference: issue 8 §2 (-shard i/n)
func TestCampaignShardsDrawDisjointWorkloads(t *testing.T) {
	seen := map[uint64]bool{}
	for i := range 3 {
		c := &Campaign{Seed: 10, Shard: i, Shards: 3}
		for k := range 40 {
			s := c.WorkloadSeed(k)
			if seen[s] {
				t.Fatalf("workload seed %d drawn twice", s)
			}
			seen[s] = true
		}
	}
}
