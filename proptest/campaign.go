package proptest

// Campaigns: generated programs, each run on the impl under seeded random and PCT
// schedules, every run checked — the loop that cmd/chancheck drives. Unlike the rapid
// properties, a campaign draws everything from seeds: it runs outside tests for as long
// as it is asked to, splits into disjoint shards, and a failure names the seed that
// found it and the schedule that replays it.

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// Property names a property that a campaign checks on every run.
type Property string

const (
	// PropRun: the impl run itself ends well — every invariant of impl/invariants.go
	// held at every scheduling point, no goroutine waits forever for a channel lock, no
	// livelock (MaxImplSteps). Always checked.
	PropRun Property = "run"
	// PropSteps: CheckRun — step refinement at Runtime strength, deadlock freedom at
	// the end, and the final spec state shows the impl's outcome.
	PropSteps Property = "steps"
	// PropAbstraction: CheckAbstraction — at every scheduling point the impl's
	// channels are the spec's.
	PropAbstraction Property = "abstraction"
	// PropOutcome: the impl's outcome is one of the spec's Runtime outcomes. Programs
	// with more than Campaign.MaxSpecStates spec states are not checked
	// (CampaignStats.TooLarge).
	PropOutcome Property = "outcome"
)

// Properties lists every property in the order a run is checked.
var Properties = []Property{PropRun, PropSteps, PropAbstraction, PropOutcome}

// Campaign defaults.
const (
	DefaultRandomSchedules = 10
	DefaultPCTSchedules    = 10
	DefaultPCTDepth        = 3
	// DefaultCampaignSpecStates bounds the spec exploration of a campaign's program
	// for PropOutcome: a few programs in a thousand have more states, and exploring
	// them to MaxSpecStates would take most of a campaign's time.
	DefaultCampaignSpecStates = 50_000
)

// Campaign configures a campaign. The zero Campaign checks every property on programs
// of DefaultShape, under DefaultRandomSchedules random and DefaultPCTSchedules PCT
// schedules each, until its context is done.
type Campaign struct {
	Shape Shape // zero: DefaultShape
	// Seed, Shard and Shards choose the programs: the k-th program of shard i of n is
	// drawn from seed Seed + k·n + i (ProgramSeed), so the shards of one Seed draw
	// disjoint programs. Shards 0 means 1.
	Seed          uint64
	Shard, Shards int
	// Programs stops the campaign after that many programs (0: only the context stops it).
	Programs int
	// Random and PCT are the schedules per program: seeded random ones, then PCT ones
	// of depth PCTDepth. Both zero: the defaults; PCTDepth zero: DefaultPCTDepth.
	Random, PCT, PCTDepth int
	// Props are the properties checked besides PropRun (nil: all).
	Props []Property
	// MaxSpecStates bounds the spec exploration of PropOutcome (0:
	// DefaultCampaignSpecStates).
	MaxSpecStates int
	// Progress, if set, is called after each program with the stats so far, from the
	// goroutine running the campaign.
	Progress func(CampaignStats)
	// Native runs each program on the real Go runtime instead of the impl: Random+PCT
	// times on real threads (RunNativeThreads), each outcome checked against the spec's
	// outcomes at NativeStrength (PropOutcome; the impl's other properties do not apply). The
	// runtime's schedules cannot be chosen, so a native failure has no schedule and is
	// not replayable; it is a bug in the spec (or in Go).
	Native bool
	// NativeStrength is the strength native outcomes are checked at (the zero value,
	// Language: what the Go specification allows; Runtime: also runtime/chan.go's
	// guarantees, such as waiters served in the order they parked).
	NativeStrength spec.Strength

	// extra, if set, is one more check of every run (tests plant bugs with it).
	extra func(p *spec.Program, pr *impl.ProgramRun) error
	// oracle, if set, is the program whose spec outcomes a native run of p is checked
	// against (tests plant a wrong spec with it); nil: p.
	oracle func(p *spec.Program) *spec.Program
}

// PropStats counts the work of one property.
type PropStats struct {
	Property       Property
	Runs, Failures int
	Time           time.Duration // checking it; for PropRun, running the impl
}

// CampaignStats counts the work of a campaign.
type CampaignStats struct {
	Programs  int   // programs run
	TooLarge  int   // of them, too large for the spec to compute their outcome set
	Schedules int   // runs of the impl
	Steps     int64 // scheduling points over all runs
	Props     []PropStats
}

func newCampaignStats() CampaignStats {
	st := CampaignStats{}
	for _, p := range Properties {
		st.Props = append(st.Props, PropStats{Property: p})
	}
	return st
}

// prop returns the stats of property p.
func (st *CampaignStats) prop(p Property) *PropStats {
	return &st.Props[slices.Index(Properties, p)]
}

// clone returns a copy of st that shares nothing with it.
func (st CampaignStats) clone() CampaignStats {
	st.Props = slices.Clone(st.Props)
	return st
}

// Finding is a campaign's failure: the program's seed, and its counterexample.
type Finding struct {
	Seed           uint64 // ProgramSeed of the failing program
	Counterexample *Counterexample
}

// ProgramSeed returns the seed of the k-th program of c's shard.
func (c *Campaign) ProgramSeed(k int) uint64 {
	return c.Seed + uint64(k)*uint64(max(c.Shards, 1)) + uint64(c.Shard)
}

// ProgramOf returns the program drawn from seed: Program(c.Shape).Example(seed).
func (c *Campaign) ProgramOf(seed uint64) *spec.Program {
	return Program(c.shape()).Example(int(seed))
}

func (c *Campaign) shape() Shape {
	if c.Shape == (Shape{}) {
		return DefaultShape
	}
	return c.Shape
}

// Run runs the campaign until it has run c.Programs programs, ctx is done, or a run
// fails; it returns the stats and the failure, if any.
func (c *Campaign) Run(ctx context.Context) (CampaignStats, *Finding) {
	st := newCampaignStats()
	for k := 0; c.Programs == 0 || k < c.Programs; k++ {
		if ctx.Err() != nil {
			break
		}
		seed := c.ProgramSeed(k)
		ce := c.search(ctx, c.ProgramOf(seed), seed, &st)
		st.Programs++
		if c.Progress != nil {
			c.Progress(st.clone())
		}
		if ce != nil {
			return st, &Finding{Seed: seed, Counterexample: ce}
		}
	}
	return st, nil
}

// Search runs p under the campaign's schedules for one program, seeded by seed, and
// checks every run; it returns the first counterexample (nil if none) and the stats.
func (c *Campaign) Search(ctx context.Context, p *spec.Program, seed uint64) (*Counterexample, CampaignStats) {
	st := newCampaignStats()
	ce := c.search(ctx, p, seed, &st)
	st.Programs++
	return ce, st
}

// search runs p under Random random schedules and PCT PCT schedules, stopping at the
// first failure or when ctx is done.
func (c *Campaign) search(ctx context.Context, p *spec.Program, seed uint64, st *CampaignStats) *Counterexample {
	if c.Native {
		return c.searchNative(ctx, p, seed, st)
	}
	rc := c.newRunChecker(p, st)
	random, pct, depth := c.Random, c.PCT, c.PCTDepth
	if random == 0 && pct == 0 {
		random, pct = DefaultRandomSchedules, DefaultPCTSchedules
	}
	if depth == 0 {
		depth = DefaultPCTDepth
	}
	k := 0 // the most ChooseG decisions of a run so far: PCT's k
	for j := range random {
		if ctx.Err() != nil {
			return nil
		}
		ch := &countingChooser{Chooser: impl.NewRandom(mix(seed, uint64(j)))}
		if _, ce := rc.check(ch); ce != nil {
			return ce
		}
		k = max(k, ch.decisions)
	}
	for j := range pct {
		if ctx.Err() != nil {
			return nil
		}
		d := depth
		if k == 0 {
			d = 1 // no run yet to measure k: a run without change points measures it
		}
		ch := NewPCT(mix(seed, 1<<32+uint64(j)), d, max(k, 1))
		if _, ce := rc.check(ch); ce != nil {
			return ce
		}
		k = max(k, ch.Decisions())
	}
	return nil
}

// mix derives the seed of schedule j of the program with the given seed (SplitMix64's
// finalizer, so that neighbouring seeds give unrelated schedules).
func mix(seed, j uint64) uint64 {
	z := seed*0x9e3779b97f4a7c15 + j + 1
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// countingChooser counts the ChooseG decisions of the Chooser it wraps.
type countingChooser struct {
	impl.Chooser
	decisions int
}

func (c *countingChooser) Choose(ctx impl.ChoiceContext) (int, error) {
	if ctx.Kind == impl.ChooseG {
		c.decisions++
	}
	return c.Chooser.Choose(ctx)
}

// runChecker runs one program and checks each run with the campaign's properties.
type runChecker struct {
	p     *spec.Program
	props []Property
	steps *StepChecker
	set   *spec.OutcomeSet // nil: outcome not checked
	extra func(p *spec.Program, pr *impl.ProgramRun) error
	st    *CampaignStats
}

func (c *Campaign) newRunChecker(p *spec.Program, st *CampaignStats) *runChecker {
	rc := &runChecker{p: p, props: c.Props, steps: NewStepChecker(p), extra: c.extra, st: st}
	if rc.props == nil {
		rc.props = Properties
	}
	if rc.has(PropOutcome) {
		rc.set = c.outcomes(p, spec.Runtime, st) // nil on any error: a program the spec rejects fails the run anyway
	}
	return rc
}

// outcomes explores p's outcome set at strength s within MaxSpecStates, counting the
// time to PropOutcome; nil if the program is too large (counted) or invalid.
func (c *Campaign) outcomes(p *spec.Program, s spec.Strength, st *CampaignStats) *spec.OutcomeSet {
	bound := c.MaxSpecStates
	if bound == 0 {
		bound = DefaultCampaignSpecStates
	}
	start := time.Now()
	set, err := spec.Explore(p, s, bound)
	st.prop(PropOutcome).Time += time.Since(start)
	if errors.Is(err, spec.ErrTooManyStates) {
		st.TooLarge++
	}
	return set
}

func (rc *runChecker) has(p Property) bool { return slices.Contains(rc.props, p) }

// check runs the program under ch and checks the run; it returns the run (nil if the
// program is invalid) and its counterexample, if it fails.
func (rc *runChecker) check(ch impl.Chooser) (*impl.ProgramRun, *Counterexample) {
	var obs []impl.Observation
	cfg := impl.Config{Mode: impl.Deterministic, Chooser: ch, Trace: true, MaxSteps: MaxImplSteps}
	if rc.has(PropAbstraction) {
		cfg.Observe = func(o impl.Observation) error { obs = append(obs, o); return nil }
	}
	start := time.Now()
	pr, err := impl.RunProgram(rc.p, cfg)
	if pr != nil {
		rc.st.Schedules++
		rc.st.Steps += pr.Result.Steps
	}
	if err := rc.tally(PropRun, start, err); err != nil {
		return pr, &Counterexample{Property: "impl run", Program: rc.p, Run: pr, Err: err}
	}
	return pr, rc.verify(pr, obs)
}

// verify checks a finished run pr, whose observations are obs, with every property
// but PropRun.
func (rc *runChecker) verify(pr *impl.ProgramRun, obs []impl.Observation) *Counterexample {
	checks := []struct {
		prop  Property
		check func() error
	}{
		{PropSteps, func() error { return rc.steps.Check(pr) }},
		{PropAbstraction, func() error { return CheckAbstraction(rc.p, pr, obs) }},
		{PropOutcome, func() error { return rc.outcome(pr) }},
	}
	for _, c := range checks {
		if !rc.has(c.prop) || c.prop == PropOutcome && rc.set == nil {
			continue
		}
		if err := rc.tally(c.prop, time.Now(), c.check()); err != nil {
			return asCounterexample(rc.p, pr, string(c.prop), err)
		}
	}
	if rc.extra != nil {
		if err := rc.extra(rc.p, pr); err != nil {
			return asCounterexample(rc.p, pr, "extra", err)
		}
	}
	return nil
}

func (rc *runChecker) outcome(pr *impl.ProgramRun) error {
	if err := rc.set.Allowed(pr.Outcome); err != nil {
		return &Counterexample{Property: "outcome in the spec's Runtime outcomes", Program: rc.p, Run: pr, Err: err}
	}
	return nil
}

// tally counts one check of prop that started at start and returned err.
func (rc *runChecker) tally(prop Property, start time.Time, err error) error {
	return rc.st.tally(prop, start, err)
}

func (st *CampaignStats) tally(prop Property, start time.Time, err error) error {
	ps := st.prop(prop)
	ps.Runs++
	ps.Time += time.Since(start)
	if err != nil {
		ps.Failures++
	}
	return err
}

// asCounterexample returns err as a *Counterexample, wrapping it as property prop.
func asCounterexample(p *spec.Program, pr *impl.ProgramRun, prop string, err error) *Counterexample {
	var ce *Counterexample
	if errors.As(err, &ce) {
		return ce
	}
	return &Counterexample{Property: prop, Program: p, Run: pr, Err: err}
}

// CheckSchedule runs p under schedule, as Replay does, and checks the run with the
// campaign's properties. It returns the run and its *Counterexample, or an error for a
// schedule that does not parse.
func (c *Campaign) CheckSchedule(p *spec.Program, schedule string) (*impl.ProgramRun, error) {
	r, err := impl.NewReplay(schedule)
	if err != nil {
		return nil, err
	}
	st := newCampaignStats()
	pr, ce := c.newRunChecker(p, &st).check(r)
	return pr, nilIfNone(ce)
}
