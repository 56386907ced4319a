package main

// The default command: a campaign. It runs proptest's schedule campaign and
// linearizability's history campaign side by side until the time or program budget is
// spent or one of them finds a bug, then shrinks what was found and writes the report.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// campaignOpts are the campaign's flags.
type campaignOpts struct {
	duration   time.Duration
	programs   int
	seed       uint64
	shard      shardFlag
	target     targetFlag
	strength   strengthFlag
	checks     checksFlag
	goroutines int
	chans      int
	ops        int
	schedules  int
	procs      int
	out        string
	shrink     time.Duration
	timeBound  bool // -duration was given, or -programs was not
}

// Defaults of the campaign's flags.
const (
	defaultDuration = 60 * time.Second
	defaultOut      = "chancheck-out"
	defaultShrink   = 30 * time.Second
)

func campaignFlags(o *campaignOpts) *flag.FlagSet {
	fs := flag.NewFlagSet("chancheck", flag.ContinueOnError)
	shape := proptest.DefaultShape
	o.checks = allChecks()
	fs.DurationVar(&o.duration, "duration", defaultDuration, "stop after this long (0: no time limit); with -programs and no -duration, -programs alone decides")
	fs.IntVar(&o.programs, "programs", 0, "stop after this many programs, and as many workloads (0: no limit)")
	fs.Uint64Var(&o.seed, "seed", 1, "first seed: program k of shard i/n is drawn from seed+k·n+i")
	fs.Var(&o.shard, "shard", "run shard `i/n` of the seeds (0 <= i < n): n runs with one -seed check disjoint programs")
	fs.Var(&o.target, "target", "`target`: impl, native (the Go runtime's own channels), or mutant:NAME (needs -tags chanmutants)")
	fs.Var(&o.checks, "checks", "comma-separated `list` of checks, or all")
	o.strength = strengthFlag{spec.Runtime}
	fs.Var(&o.strength, "strength", strengthUsage)
	fs.IntVar(&o.goroutines, "goroutines", shape.MaxGoroutines, "most goroutines in a generated program")
	fs.IntVar(&o.chans, "chans", shape.MaxChans, "most channels in a generated program or workload")
	fs.IntVar(&o.ops, "ops", shape.MaxOps, "most operations per goroutine (workloads: at most 3)")
	fs.IntVar(&o.schedules, "schedules", proptest.DefaultRandomSchedules, "random schedules per program, and as many PCT ones (-target native: twice this many runs per program)")
	fs.IntVar(&o.procs, "procs", 2, "Ps of the Parallel-mode runs that record histories")
	fs.StringVar(&o.out, "out", defaultOut, "directory for the report of a failure")
	fs.DurationVar(&o.shrink, "shrink", defaultShrink, "most time spent shrinking a failing program (0: do not shrink)")
	return fs
}

// validate checks the values the flag package cannot.
func (o *campaignOpts) validate(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	o.timeBound = set["duration"] || !set["programs"]
	for _, c := range []struct {
		name string
		v    int
		min  int
	}{{"programs", o.programs, 0}, {"goroutines", o.goroutines, 1}, {"chans", o.chans, 1},
		{"ops", o.ops, 1}, {"schedules", o.schedules, 1}, {"procs", o.procs, 1}} {
		if c.v < c.min {
			return fmt.Errorf("invalid value %d for flag -%s: want at least %d", c.v, c.name, c.min)
		}
	}
	switch {
	case o.duration < 0 || o.shrink < 0:
		return errors.New("-duration and -shrink cannot be negative")
	}
	if set["strength"] && !o.target.native {
		return errors.New("-strength applies to -target native only (the impl is always checked at Runtime strength)")
	}
	if o.target.native {
		var err error
		if o.checks, err = o.checks.forNative(set["checks"]); err != nil {
			return err
		}
	}
	if len(o.checks.props) == 0 && len(o.checks.checkers) == 0 {
		return errors.New("-checks names no check")
	}
	return nil
}

// scheduleCampaign returns the proptest campaign the flags describe.
func (o *campaignOpts) scheduleCampaign() *proptest.Campaign {
	shape := proptest.DefaultShape
	shape.MaxGoroutines, shape.MaxChans, shape.MaxOps = o.goroutines, o.chans, o.ops
	shape.MinGoroutines = min(shape.MinGoroutines, o.goroutines)
	return &proptest.Campaign{
		Shape: shape, Seed: o.seed, Shard: o.shard.i, Shards: o.shard.n, Programs: o.programs,
		Random: o.schedules, PCT: o.schedules, Props: o.checks.props,
		Native: o.target.native, NativeStrength: o.strength.s,
	}
}

// historyCampaign returns the linearizability campaign the flags describe.
func (o *campaignOpts) historyCampaign() *linearizability.Campaign {
	shape := linearizability.SmallShape
	shape.MaxChans, shape.MaxOps = min(shape.MaxChans, o.chans), min(shape.MaxOps, o.ops)
	return &linearizability.Campaign{
		Shape: shape, Seed: o.seed, Shard: o.shard.i, Shards: o.shard.n, Histories: o.programs,
		Procs: o.procs, Checkers: o.checks.checkers, Native: o.target.native,
		Options: linearizability.Options{Timeout: 10 * time.Second},
	}
}

func runCampaignCmd(args []string, stdout, stderr io.Writer) int {
	var o campaignOpts
	fs := campaignFlags(&o)
	if _, code, ok := parseCmd(fs, args, 0, stdout, stderr); !ok {
		return code
	}
	if err := o.validate(fs); err != nil {
		fmt.Fprintf(stderr, "chancheck: %v\n\n", err)
		cmdUsage(stderr, fs)
		return exitUsage
	}
	setMutant(o.target.mutant)
	defer setMutant("")
	return o.run(stdout, stderr)
}

// findings is what the two campaigns found and how much they did.
type findings struct {
	sched   proptest.CampaignStats
	hist    linearizability.CampaignStats
	found   *proptest.Finding        // the schedule campaign's failure
	failure *linearizability.Failure // the history campaign's
	native  bool                     // both ran on native channels (-target native)
}

func (o *campaignOpts) run(stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	target := o.target.String()
	if o.target.native {
		target += fmt.Sprintf(" (%s strength; %s)", &o.strength, goRuntime())
	}
	fmt.Fprintf(stdout, "chancheck: target %s, checks %s, seed %d, shard %s, %s\n",
		target, &o.checks, o.seed, &o.shard, o.budget())
	start := time.Now()
	prog := newProgress(stdout, start, o.runsWord())
	f := o.search(ctx, prog)
	prog.stop()
	elapsed := time.Since(start)
	writeSummary(stdout, f, elapsed)
	var rep *report // nil: nothing found
	if f.found != nil || f.failure != nil {
		rep = o.explain(ctx, stdout, f)
		if err := rep.write(o.out); err != nil {
			fmt.Fprintf(stderr, "chancheck: writing the report: %v\n", err)
		}
	}
	o.saveSummary(stderr, f, rep, ctx.Err() != nil, elapsed) // -out/summary.json, for 'chancheck merge'
	if rep == nil {
		interrupted := ""
		if ctx.Err() != nil {
			interrupted = " (interrupted)"
		}
		fmt.Fprintf(stdout, "\nok: no bug found in %d programs (%d %s) and %d histories, %s%s\n",
			f.sched.Programs, f.sched.Schedules, o.runsWord(), f.hist.Histories, round(time.Since(start)), interrupted)
		return exitOK
	}
	rep.print(stdout)
	return exitBug
}

// runsWord is what the campaign calls the runs of a program: schedules of the impl,
// or runs on the real runtime, which has no schedule to show.
func (o *campaignOpts) runsWord() string {
	if o.target.native {
		return "runs"
	}
	return "schedules"
}

// budget describes when the campaign stops.
func (o *campaignOpts) budget() string {
	var parts []string
	if o.timeBound && o.duration > 0 {
		parts = append(parts, o.duration.String())
	}
	if o.programs > 0 {
		parts = append(parts, fmt.Sprintf("%d programs", o.programs))
	}
	if len(parts) == 0 {
		return "until interrupted"
	}
	return "budget " + strings.Join(parts, " or ")
}

// search runs both campaigns until the budget is spent or one finds a bug (which
// stops the other).
func (o *campaignOpts) search(ctx context.Context, prog *progress) findings {
	if o.timeBound && o.duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.duration)
		defer cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	f := findings{native: o.target.native}
	var wg sync.WaitGroup
	if len(o.checks.props) > 0 {
		sc := o.scheduleCampaign()
		sc.Progress = prog.schedules
		wg.Go(func() {
			if f.sched, f.found = sc.Run(ctx); f.found != nil {
				cancel()
			}
		})
	}
	if len(o.checks.checkers) > 0 {
		hc := o.historyCampaign()
		hc.Progress = prog.histories
		wg.Go(func() {
			if f.hist, f.failure = hc.Run(ctx); f.failure != nil {
				cancel()
			}
		})
	}
	wg.Wait()
	return f
}

// explain shrinks what was found, and for a history failure looks for a
// deterministic schedule that shows the bug; it returns the report.
func (o *campaignOpts) explain(ctx context.Context, stdout io.Writer, f findings) *report {
	rep := newReport(o.target, o.out)
	sc := o.scheduleCampaign()
	origin := ""
	if f.found != nil {
		origin = fmt.Sprintf("program seed %d (shard %s)", f.found.Seed, &o.shard)
	}
	if f.failure != nil {
		how := fmt.Sprintf("run in Parallel mode on %d Ps", o.procs)
		if o.target.native {
			how = "run on native channels"
		}
		rep.addHistory(f.failure, fmt.Sprintf("workload seed %d (shard %s), %s", f.failure.Seed, &o.shard, how))
		if f.found == nil && !o.target.native { // a native history has no impl schedule to find
			fmt.Fprintf(stdout, "\nlooking for a deterministic schedule of the failing workload...\n")
			f.found = o.reproduce(ctx, sc, f.failure)
			origin = fmt.Sprintf("the workload of seed %d, run deterministically", f.failure.Seed)
		}
	}
	if f.found != nil {
		ce := f.found.Counterexample
		g, n := size(ce.Program)
		how := "a native run"
		if ce.Run != nil {
			how = fmt.Sprintf("schedule %q", ce.Run.Result.Schedule)
		}
		fmt.Fprintf(stdout, "\nfound: %s, by %s (%d goroutines, %d operations), %s\n", ce.Property, origin, g, n, how)
		if o.shrink > 0 {
			fmt.Fprintf(stdout, "\nshrinking the failing program (at most %v)...\n", o.shrink)
			sctx, cancel := context.WithTimeout(ctx, o.shrink)
			ce = sc.Shrink(sctx, ce, f.found.Seed)
			cancel()
		}
		rep.addSchedule(counterexampleInfo(ce, origin, f.found.Counterexample.Program))
	}
	return rep
}

// reproduce searches schedules of the failing workload in Deterministic mode, with
// a larger budget than a campaign's program gets.
func (o *campaignOpts) reproduce(ctx context.Context, sc *proptest.Campaign, hf *linearizability.Failure) *proptest.Finding {
	search := *sc
	search.Random, search.PCT = 20*o.schedules, 20*o.schedules
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if ce, _ := search.Search(ctx, hf.Workload, hf.Seed); ce != nil {
		return &proptest.Finding{Seed: hf.Seed, Counterexample: ce}
	}
	return nil
}

// round rounds d for printing.
func round(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
