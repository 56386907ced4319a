package proptest

// Campaigns on the real Go runtime (Campaign.Native): the same generated programs, run
// on native channels and real threads, each outcome checked against the spec's
// Language outcomes. The real runtime must always pass; a failure means the spec
// forbids something Go does.

import (
	"context"
	"slices"
	"time"

	"github.com/chanmodel/chanmodel/spec"
)

// PropNativeOutcome is the Property of a native run's Counterexample.
const PropNativeOutcome = "native outcome in the spec's Language outcomes"

// searchNative runs p natively Random+PCT times, stopping at the first outcome the
// spec does not allow or when ctx is done. PropRun counts the runs and their time.
// Run j is perturbed by nativeSeed(seed, j); the first runs unperturbed.
func (c *Campaign) searchNative(ctx context.Context, p *spec.Program, seed uint64, st *CampaignStats) *Counterexample {
	var set *spec.OutcomeSet
	if c.Props == nil || slices.Contains(c.Props, PropOutcome) {
		q := p
		if c.oracle != nil {
			q = c.oracle(p)
		}
		set = c.outcomes(q, spec.Language, st)
	}
	random, pct := c.schedules()
	for j := range random + pct {
		if ctx.Err() != nil {
			return nil
		}
		start := time.Now()
		o := RunNativeThreads(p, nativeSeed(seed, j))
		st.Schedules++
		st.tally(PropRun, start, nil)
		if set == nil {
			continue
		}
		if err := st.tally(PropOutcome, time.Now(), set.Allowed(o)); err != nil {
			return &Counterexample{Property: PropNativeOutcome, Program: p, Err: err}
		}
	}
	return nil
}

// nativeSeed is the perturbation seed of native run j of the program of seed: 0 (none)
// for the first run, so the runtime's own order is always among those tried.
func nativeSeed(seed uint64, j int) uint64 {
	if j == 0 {
		return 0
	}
	return mix(seed, 2<<32+uint64(j)) | 1
}
