package proptest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// TestCampaignShardsDrawDisjointSeeds: the shards of one seed draw disjoint programs,
// and together the seeds of one unsharded campaign.
// Reference: issue 8 §2 (-shard i/n)
func TestCampaignShardsDrawDisjointSeeds(t *testing.T) {
	const n, k = 4, 50
	seen := map[uint64]int{}
	for i := range n {
		c := &Campaign{Seed: 7, Shard: i, Shards: n}
		for j := range k {
			s := c.ProgramSeed(j)
			if other, dup := seen[s]; dup {
				t.Fatalf("seed %d drawn by shards %d and %d", s, other, i)
			}
			seen[s] = i
		}
	}
	whole := &Campaign{Seed: 7}
	for j := range n * k {
		if _, ok := seen[whole.ProgramSeed(j)]; !ok {
			t.Errorf("seed %d of the unsharded campaign is in no shard", whole.ProgramSeed(j))
		}
	}
}

// TestCampaignCleanOnImpl: a short campaign finds nothing on the impl, runs every
// property on every schedule, and is a function of its seed.
// Reference: issue 8 §1
func TestCampaignCleanOnImpl(t *testing.T) {
	c := &Campaign{Seed: 3, Programs: 20, Random: 4, PCT: 4}
	var calls int
	c.Progress = func(CampaignStats) { calls++ }
	st, f := c.Run(context.Background())
	if f != nil {
		t.Fatalf("campaign found a bug on the impl:\n%v", f.Counterexample)
	}
	if st.Programs != 20 || st.Schedules != 20*8 || calls != 20 {
		t.Errorf("programs %d, schedules %d, progress calls %d; want 20, 160, 20", st.Programs, st.Schedules, calls)
	}
	for _, ps := range st.Props {
		want := st.Schedules
		if ps.Property == PropOutcome {
			want -= 8 * st.TooLarge
		}
		if ps.Runs != want || ps.Failures != 0 {
			t.Errorf("%s: %d runs, %d failures; want %d runs, 0 failures", ps.Property, ps.Runs, ps.Failures, want)
		}
	}
	again, _ := (&Campaign{Seed: 3, Programs: 20, Random: 4, PCT: 4}).Run(context.Background())
	if again.Steps != st.Steps {
		t.Errorf("the same campaign took %d scheduling points, then %d", st.Steps, again.Steps)
	}
}

// errDoubleClose is the planted bug: a goroutine saw "close of closed channel".
var errDoubleClose = errors.New("planted: a close panicked")

// plantDoubleClose fails every run in which a close panicked.
func plantDoubleClose(_ *spec.Program, pr *impl.ProgramRun) error {
	for _, g := range pr.Outcome.Goroutines {
		for _, r := range g.Results {
			if r.Panic == spec.PanicCloseClosed {
				return errDoubleClose
			}
		}
	}
	return nil
}

// TestCampaignFindsAndShrinksPlantedBug: the checker is tested — a campaign with a
// planted property (no close may panic) finds a failing program, and Shrink cuts it to
// the two closes that show it; the schedule replays the failure.
// Reference: STYLE.md "every checker has a companion test that runs it on a known-broken input"
func TestCampaignFindsAndShrinksPlantedBug(t *testing.T) {
	c := &Campaign{Seed: 1, Programs: 500, extra: plantDoubleClose}
	_, f := c.Run(context.Background())
	if f == nil {
		t.Fatal("500 programs and no double close")
	}
	ce := c.Shrink(context.Background(), f.Counterexample, f.Seed)
	if !errors.Is(ce.Err, errDoubleClose) {
		t.Fatalf("shrunk to another failure:\n%v", ce)
	}
	if g, ops := size(ce.Program); ops != 2 {
		t.Errorf("shrunk to %d goroutines and %d operations, want the two closes:\n%v", g, ops, ce.Program)
	}
	if _, err := c.CheckSchedule(ce.Program, ce.Run.Result.Schedule); !planted(err) {
		t.Errorf("replaying the shrunk counterexample gave %v", err)
	}
}

// planted reports whether err is the counterexample of the planted bug.
func planted(err error) bool {
	var ce *Counterexample
	return errors.As(err, &ce) && errors.Is(ce.Err, errDoubleClose)
}

func size(p *spec.Program) (goroutines, ops int) {
	for _, g := range p.Goroutines {
		ops += len(g.Ops)
	}
	return len(p.Goroutines), ops
}

// TestCampaignExploreFindsPlantedBug: Explore checks every schedule within the bound
// with the campaign's properties, and stops at the planted failure.
// Reference: issue 8 §2 (explore FILE)
func TestCampaignExploreFindsPlantedBug(t *testing.T) {
	p, err := spec.Parse("chan c 0\ngo a\n\tclose(c)\ngo b\n\tclose(c)\n")
	if err != nil {
		t.Fatal(err)
	}
	clean := &Campaign{}
	st, err := clean.Explore(p, 1, 0)
	if err != nil || st.Schedules == 0 {
		t.Fatalf("explore without the plant: %d schedules, %v", st.Schedules, err)
	}
	_, err = (&Campaign{extra: plantDoubleClose}).Explore(p, 1, 0)
	if !planted(err) {
		t.Errorf("explore with the plant: %v", err)
	}
	if _, err := clean.Explore(p, 2, 1); !errors.Is(err, ErrScheduleLimit) {
		t.Errorf("explore with a limit of one schedule: %v, want ErrScheduleLimit", err)
	}
}

// TestSmallerProgramsAreValidAndSmaller: every candidate Shrink tries is a valid
// program with fewer goroutines, operations, cases, channels or less capacity.
func TestSmallerProgramsAreValidAndSmaller(t *testing.T) {
	c := &Campaign{}
	for seed := range uint64(50) {
		p := c.ProgramOf(seed)
		g, ops := size(p)
		for _, q := range smaller(p) {
			if err := q.Validate(); err != nil {
				t.Fatalf("seed %d: invalid candidate: %v\n%v", seed, err, q)
			}
			qg, qops := size(q)
			if qg > g || qops > ops || fmt.Sprint(q) == fmt.Sprint(renamed(clone(p))) {
				t.Fatalf("seed %d: candidate is not smaller:\n%v\nthan\n%v", seed, q, p)
			}
		}
	}
}
