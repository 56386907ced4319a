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
func (c *Campaign) searchNative(ctx context.Context, p *spec.Program, st *CampaignStats) *Counterexample {
	var set *spec.OutcomeSet
	if c.Props == nil || slices.Contains(c.Props, PropOutcome) {
		q := p
		if c.oracle != nil {
			q = c.oracle(p)
		}
		set = c.outcomes(q, spec.Language, st)
	}
	random, pct := c.schedules()
	for range random + pct {
		if ctx.Err() != nil {
			return nil
		}
		start := time.Now()
		o := RunNativeThreads(p)
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
