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
