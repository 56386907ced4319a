package linearizability

// Campaigns: random workloads run on the impl in Parallel mode — real threads, so
// real races — each history checked by both checkers; the loop cmd/chancheck drives.
// A Parallel run cannot be replayed, so a failure keeps the history itself, which
// LoadFile reads back and the checkers re-check.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// Checker names one of the checkers.
type Checker string

const (
	CheckerPorcupine Checker = "porcupine" // CheckPorcupine
	CheckerFast      Checker = "fast"      // CheckFast
)

// Checkers lists both checkers.
var Checkers = []Checker{CheckerPorcupine, CheckerFast}

// Check runs checker c on h.
func (c Checker) Check(h *History, opt Options) (Result, error) {
	if c == CheckerFast {
		return CheckFast(h, opt)
	}
	return CheckPorcupine(h, opt)
}

// CampaignMaxSteps bounds one Parallel run of a campaign (approximately: see
// impl.Config.MaxSteps); the workloads take a few hundred steps.
const CampaignMaxSteps = 1_000_000

// Campaign configures a campaign. The zero Campaign runs workloads of SmallShape on
// two Ps and checks each history with both checkers until its context is done.
type Campaign struct {
	Shape Shape // zero: SmallShape
	// Seed, Shard and Shards choose the workloads: the k-th of shard i of n is
	// RandomWorkload(Shape, Seed + k·n + i), so shards draw disjoint workloads. Shards
	// 0 means 1.
	Seed          uint64
	Shard, Shards int
	// Histories stops the campaign after that many (0: only the context stops it).
	Histories int
	Procs     int       // Ps of each Parallel run (0: 2)
	Checkers  []Checker // nil: both
	Options   Options   // of each check
	// Progress, if set, is called after each history with the stats so far, from the
	// goroutine running the campaign.
	Progress func(CampaignStats)
	// Native records the histories on native Go channels and real threads
	// (RunNativeThreads) instead of the impl: the real runtime must always pass, so a
	// failure is a bug in a checker or the model.
	Native bool
}

// CheckStats counts the work of one check: "run" (the Parallel runs of the impl) or a
// checker.
type CheckStats struct {
	Name                    string
	Runs, Failures, Unknown int
	Time                    time.Duration
}

// CampaignStats counts the work of a campaign.
type CampaignStats struct {
	Histories int // histories recorded
	Ops       int // operations in them
	Checks    []CheckStats
}

// Failure is a history that a campaign found wrong: the impl run ended badly, or a
// checker said Illegal (so the two checkers disagree if the other said Ok).
type Failure struct {
	Seed     uint64        // the workload's seed
	Workload *spec.Program // the workload, one goroutine per client
	History  *History
	RunErr   error              // the run's error, if it ended badly
	Results  map[Checker]Result // each checker's verdict
}

func (f *Failure) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "history of workload seed %d", f.Seed)
	if f.RunErr != nil {
		fmt.Fprintf(&b, ": the parallel run ended badly: %v", f.RunErr)
	}
	for _, c := range Checkers {
		if r, ok := f.Results[c]; ok {
			fmt.Fprintf(&b, "\n%v", r)
		}
	}
	fmt.Fprintf(&b, "\n\nworkload:\n%s", f.Workload)
	return b.String()
}

// WorkloadSeed returns the seed of the k-th workload of c's shard.
func (c *Campaign) WorkloadSeed(k int) uint64 {
	return c.Seed + uint64(k)*uint64(max(c.Shards, 1)) + uint64(c.Shard)
}

// Run runs the campaign until it has recorded c.Histories histories, ctx is done, or a
// history fails; it returns the stats and the failure, if any.
func (c *Campaign) Run(ctx context.Context) (CampaignStats, *Failure) {
	st := CampaignStats{Checks: []CheckStats{{Name: "run"}}}
	checkers := c.Checkers
	if checkers == nil {
		checkers = Checkers
	}
	for _, ch := range checkers {
		st.Checks = append(st.Checks, CheckStats{Name: string(ch)})
	}
	for k := 0; c.Histories == 0 || k < c.Histories; k++ {
		if ctx.Err() != nil {
			break
		}
		f := c.one(c.WorkloadSeed(k), checkers, &st)
		if c.Progress != nil {
			c.Progress(CampaignStats{Histories: st.Histories, Ops: st.Ops, Checks: slices.Clone(st.Checks)})
		}
		if f != nil {
			return st, f
		}
	}
	return st, nil
}

// one runs and checks the workload of seed.
func (c *Campaign) one(seed uint64, checkers []Checker, st *CampaignStats) *Failure {
	shape := c.Shape
	if shape.MaxChans == 0 {
		shape = SmallShape
	}
	procs := c.Procs
	if procs == 0 {
		procs = 2
	}
	p := RandomWorkload(shape, seed)
	start := time.Now()
	var h *History
	var err error
	if c.Native {
		h = RunNativeThreads(p, seed)
	} else {
		h, _, err = RunImpl(p, impl.Config{Mode: impl.Parallel, Procs: procs, Seed: seed, MaxSteps: CampaignMaxSteps})
	}
	st.Histories++
	st.Ops += len(h.Ops)
	f := &Failure{Seed: seed, Workload: p, History: h, RunErr: err, Results: map[Checker]Result{}}
	tally(&st.Checks[0], start, err != nil, false)
	if err != nil {
		return f
	}
	failed := false
	for i, ch := range checkers {
		start := time.Now()
		r, err := ch.Check(h, c.Options)
		if err != nil { // RunImpl's histories satisfy the invariants: this is a bug
			r = Result{Verdict: Illegal, Checker: string(ch), Violations: []Violation{{Reason: err.Error()}}}
		}
		f.Results[ch] = r
		tally(&st.Checks[i+1], start, r.Verdict == Illegal, r.Verdict == Unknown)
		failed = failed || r.Verdict == Illegal
	}
	if failed {
		return f
	}
	return nil
}

func tally(cs *CheckStats, start time.Time, failed, unknown bool) {
	cs.Runs++
	cs.Time += time.Since(start)
	if failed {
		cs.Failures++
	}
	if unknown {
		cs.Unknown++
	}
}
