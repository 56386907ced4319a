package linearizability

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// rapidChooser is an impl.Chooser drawing every scheduling choice from rapid, so that
// rapid shrinks a failing workload together with its schedule.
type rapidChooser struct{ t *rapid.T }

func (c rapidChooser) Choose(ctx impl.ChoiceContext) (int, error) {
	label := "schedule"
	if ctx.Kind == impl.ChooseRand {
		label = "random"
	}
	return rapid.IntRange(0, ctx.N-1).Draw(c.t, label), nil
}

// fatalfer is what testing.T and rapid.T have in common.
type fatalfer interface {
	Helper()
	Fatalf(format string, args ...any)
}

// requireLinearizable fails t unless every checker says Ok, printing what is needed to
// replay the failure: the workload, the schedule, and the history.
func requireLinearizable(t fatalfer, h *History, p *spec.Program, schedule string) {
	t.Helper()
	for _, c := range checkers {
		res, err := c.check(h, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if res.Verdict != Ok {
			failHistory(t, res, h, p, schedule)
		}
	}
}

// failHistory fails t with res, the workload, the schedule, the history, and the path
// of Porcupine's visualization of it when Porcupine finds it illegal.
func failHistory(t fatalfer, res Result, h *History, p *spec.Program, schedule string) {
	t.Helper()
	var b bytes.Buffer
	_ = Save(&b, h)
	viz := "none"
	if dir, err := os.MkdirTemp("", "chanmodel-linearizability-"); err == nil {
		if pres, _ := CheckPorcupine(h, Options{Timeout: 10 * time.Second, VisualizeDir: dir}); pres.Visualization != "" {
			viz = pres.Visualization
		}
	}
	t.Fatalf("%v\nvisualization: %s\nworkload:\n%s\nschedule: %q\nhistory:\n%s", res, viz, spec.Format(p), schedule, b.String())
}

// requireBeyondPorcupine is requireLinearizable for a history that may be too hard for
// Porcupine: the channel checker must say Ok by itself; Porcupine, given a small
// budget, must say Ok or give up, never Illegal.
func requireBeyondPorcupine(t *testing.T, h *History, p *spec.Program) {
	t.Helper()
	fres, err := CheckFast(h, Options{})
	if err != nil || fres.Verdict != Ok || len(fres.Fallback) > 0 {
		failHistory(t, fres, h, p, "")
	}
	pres, err := CheckPorcupine(h, Options{Timeout: time.Second, MaxMemory: 256 << 20})
	if err != nil || pres.Verdict == Illegal {
		failHistory(t, pres, h, p, "")
	}
	if pres.Verdict == Unknown {
		t.Logf("%d ops: %v", len(h.Ops), pres)
	}
}

// TestDeterministicHistoriesLinearizable: workloads drawn by rapid, run on the impl in
// Deterministic mode with every scheduling choice drawn by rapid and stamped by the
// logical clock, give linearizable histories; a failure shrinks to a minimal workload
// and schedule.
// Reference: issue 5 §2 (deterministic mode)
func TestDeterministicHistoriesLinearizable(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := Workload(SmallShape).Draw(rt, "workload")
		h, res, err := RunImpl(p, impl.Config{Chooser: rapidChooser{rt}})
		if err != nil {
			rt.Fatalf("%v\nworkload:\n%s", err, spec.Format(p))
		}
		requireLinearizable(rt, h, p, res.Schedule)
	})
}

// TestDeterministicHistoriesReproducible: a Deterministic run's history is a function
// of its choices: the same seed, or a replay of the run's schedule, records the same
// history, timestamps included.
// Reference: issue 5 §2 ("the history is reproducible")
func TestDeterministicHistoriesReproducible(t *testing.T) {
	for seed := range uint64(20) {
		p := RandomWorkload(SmallShape, seed)
		h1, res, err := RunImpl(p, impl.Config{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		h2, _, _ := RunImpl(p, impl.Config{Seed: seed})
		replay, err := impl.NewReplay(res.Schedule)
		if err != nil {
			t.Fatal(err)
		}
		h3, _, _ := RunImpl(p, impl.Config{Chooser: replay})
		if !reflect.DeepEqual(h1, h2) || !reflect.DeepEqual(h1, h3) {
			t.Fatalf("seed %d: the same choices recorded different histories", seed)
		}
	}
}

// realShapes are the workloads of the real-history requirement: capacities
// 0, 1, 4 and 64, with 2 to 16 clients.
func realShapes() []Shape {
	var shapes []Shape
	for _, c := range []int64{0, 1, 4, 64} {
		shapes = append(shapes,
			Shape{MaxChans: 1, Caps: []int64{c}, MaxSenders: 1, MaxReceivers: 1, MaxOps: 40, MaxCases: 1},
			Shape{MaxChans: 2, Caps: []int64{c}, MaxSenders: 4, MaxReceivers: 4, MaxClosers: 1,
				MaxSelectors: 4, MaxOps: 12, MaxCases: 3, Probes: true},
			Shape{MaxChans: 3, Caps: []int64{c, 1}, MaxSenders: 6, MaxReceivers: 6, MaxClosers: 1,
				MaxSelectors: 4, MaxOps: 6, MaxCases: 3, Probes: true},
		)
	}
	return shapes
}

// flow is a Flow workload; hard ones are beyond Porcupine: many concurrent senders
// filling a deep buffer (issue 5 §4 measured cap 64, 7 senders + 1 receiver, 10k
// operations at more than 8 GB; here even 100 operations pass its 1 GB budget).
type flow struct {
	p    *spec.Program
	hard bool
}

func flows() []flow {
	return []flow{
		{Flow(0, 7, 1, 200), false}, {Flow(1, 7, 1, 200), false}, {Flow(4, 7, 1, 200), false},
		{Flow(64, 1, 1, 200), false}, {Flow(4, 4, 4, 200), false}, {Flow(1, 8, 8, 200), false},
		{Flow(64, 7, 1, 2000), true}, {Flow(32, 4, 4, 2000), true},
	}
}

// TestParallelHistoriesLinearizable: histories of the impl in Parallel mode on two
// real threads, stamped by the monotonic clock, are linearizable — workloads drawn by
// rapid, capacities 0, 1, 4 and 64 with 2 to 16 clients, and flows with every
// operation completing.
// Reference: issue 5 §5 (real histories from impl, parallel mode)
func TestParallelHistoriesLinearizable(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := Workload(SmallShape).Draw(rt, "workload")
		h, _, err := RunImpl(p, impl.Config{Mode: impl.Parallel, Procs: 2})
		if err != nil {
			rt.Fatal(err)
		}
		requireLinearizable(rt, h, p, "")
	})
	runs := 4
	if testing.Short() {
		runs = 1
	}
	for i, s := range realShapes() {
		for seed := range uint64(runs) {
			p := RandomWorkload(s, seed+uint64(100*i))
			h, _, err := RunImpl(p, impl.Config{Mode: impl.Parallel, Procs: 2, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			requireLinearizable(t, h, p, "")
		}
	}
	for _, f := range flows() {
		h, _, err := RunImpl(f.p, impl.Config{Mode: impl.Parallel, Procs: 2})
		if err != nil {
			t.Fatal(err)
		}
		if f.hard {
			requireBeyondPorcupine(t, h, f.p)
		} else {
			requireLinearizable(t, h, f.p, "")
		}
	}
}

// TestNativeHistoriesLinearizable: histories of the real Go runtime — native channels,
// real goroutines, reflect.Select — are linearizable, on workloads drawn by rapid and
// on the capacities and client counts. A failure is a bug in the model or
// the checker, not in Go.
// Reference: issue 5 §2 (native Go channels must always pass)
func TestNativeHistoriesLinearizable(t *testing.T) {
	shape := SmallShape
	if raceEnabled {
		shape = shape.NoClose()
	}
	rapid.Check(t, func(rt *rapid.T) {
		p := Workload(shape).Draw(rt, "workload")
		requireLinearizable(rt, RunNative(t, p), p, "")
	})
	for i, s := range realShapes() {
		if raceEnabled {
			s = s.NoClose()
		}
		p := RandomWorkload(s, uint64(i))
		requireLinearizable(t, RunNative(t, p), p, "")
	}
	for _, f := range flows() {
		if f.hard {
			requireBeyondPorcupine(t, RunNative(t, f.p), f.p)
		} else {
			requireLinearizable(t, RunNative(t, f.p), f.p, "")
		}
	}
}

// nonblockSelectRace is runtime TestNonblockSelectRace as a workload: c0 holds a value
// when g1's select starts (g1 waits for g0's signal on c2 first), and from then on c0
// or c1 holds one, so the select of g1 never takes default.
func nonblockSelectRace() *spec.Program {
	return &spec.Program{
		Chans: []spec.ChanDecl{{Name: "c0", Cap: 1}, {Name: "c1", Cap: 1}, {Name: "start", Cap: 0}},
		Goroutines: []spec.Goroutine{
			{Name: "main", Ops: []spec.Op{
				{Kind: spec.OpSend, Chan: 0, Value: 1},
				{Kind: spec.OpSend, Chan: 2, Value: 3},
				{Kind: spec.OpSend, Chan: 1, Value: 2},
				{Kind: spec.OpSelect, Default: true, Cases: []spec.Case{{Dir: spec.DirRecv, Chan: 0, OK: true}}},
			}},
			{Name: "g1", Ops: []spec.Op{
				{Kind: spec.OpRecv, Chan: 2, OK: true},
				{Kind: spec.OpSelect, Default: true, Cases: []spec.Case{
					{Dir: spec.DirRecv, Chan: 0, OK: true}, {Dir: spec.DirRecv, Chan: 1, OK: true}}},
			}},
		},
	}
}

// TestNonblockSelectRaceHistories: runtime TestNonblockSelectRace recorded natively
// and on the impl in both modes: the select never takes default, and every history is
// linearizable. (testdata/nonblock-select-race-default-bad.jsonl is the history in
// which it does, which the checkers reject.)
// Reference: runtime/chan_test.go TestNonblockSelectRace; SEMANTICS item 31
func TestNonblockSelectRaceHistories(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	p := nonblockSelectRace()
	runs := map[string]func(seed uint64) *History{
		"native": func(uint64) *History { return RunNative(t, p) },
		"deterministic": func(seed uint64) *History {
			h, _, _ := RunImpl(p, impl.Config{Seed: seed})
			return h
		},
		"parallel": func(seed uint64) *History {
			h, _, _ := RunImpl(p, impl.Config{Mode: impl.Parallel, Procs: 2, Seed: seed})
			return h
		},
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			for seed := range uint64(n) {
				h := run(seed)
				for _, op := range h.Ops {
					if op.Client == 1 && op.Kind == spec.OpSelect && op.Result.Case == spec.DefaultCase {
						t.Fatalf("seed %d: no chan is ready: %s", seed, op.String())
					}
				}
				requireLinearizable(t, h, p, fmt.Sprint("seed ", seed))
			}
		})
	}
}
