package impl

// Whole-run properties of channel programs: the deadlock report names every blocked
// goroutine with its wait reason and channel; a traced run replays exactly from its
// schedule string and from its seed; and a run leaves no goroutine behind however it
// ends.

import (
	"fmt"
	"strings"
	"testing"
)

// TestDeadlockReportChannels: when every goroutine blocks on channels for ever, the run
// ends with StatusDeadlock, and the report opens with the runtime's "fatal error: all
// goroutines are asleep - deadlock!" and lists every waiting goroutine, in id order,
// with its wait reason ("chan receive", "chan send", "select", "select (no cases)",
// "chan receive (nil chan)", "chan send (nil chan)") and the channel or select cases it
// waits on; a goroutine that exited is not listed.
// Reference: runtime/proc.go checkdead; runtime2.go waitReasonStrings; SEMANTICS item 10.
func TestDeadlockReportChannels(t *testing.T) {
	want := []Blocked{
		{G: 1, Reason: "chan receive", On: "chan 3"},
		{G: 2, Reason: "chan receive", On: "chan 1"},
		{G: 3, Reason: "chan send", On: "chan 2"},
		{G: 4, Reason: "select", On: "select on receive chan 1, send chan 4, nil chan"},
		{G: 5, Reason: "select (no cases)"},
		{G: 6, Reason: "chan receive (nil chan)"},
		{G: 7, Reason: "chan send (nil chan)"},
		{G: 8, Reason: "select", On: "select on nil chan, nil chan"},
	}
	inModes(t, func(t *testing.T, gp *G) {
		a, b := Make[int](gp, 0), Make[int](gp, 1)       // chan 1, chan 2
		c, d := Make[string](gp, 0), Make[string](gp, 0) // chan 3, chan 4
		b.Send(gp, 0)                                    // full
		var nilc Chan[int]
		gp.Go(func(gp *G) { a.Recv(gp) })
		gp.Go(func(gp *G) { b.Send(gp, 1) })
		gp.Go(func(gp *G) { Select(gp, RecvCase(a, nil), SendCase(d, "x"), RecvCase(nilc, nil)) })
		gp.Go(func(gp *G) { Select(gp) })
		gp.Go(func(gp *G) { nilc.Recv(gp) })
		gp.Go(func(gp *G) { nilc.Send(gp, 1) })
		gp.Go(func(gp *G) { Select(gp, RecvCase(nilc, nil), SendCase(nilc, 2)) })
		gp.Go(func(gp *G) {}) // exits: not in the report
		c.Recv(gp)
	}, func(t *testing.T, r Result) {
		if r.Status != StatusDeadlock {
			t.Fatalf("run ended with %v, want deadlock:\n%v", r.Status, r)
		}
		const header = "fatal error: all goroutines are asleep - deadlock!\n"
		if !strings.HasPrefix(r.Report, header) {
			t.Errorf("report does not start with %q:\n%s", header, r.Report)
		}
		if fmt.Sprint(r.Blocked) != fmt.Sprint(want) {
			t.Errorf("Blocked =\n%+v\nwant\n%+v", r.Blocked, want)
		}
		rest := r.Report
		for _, w := range want { // every goroutine, in order, with what it waits on
			entry := fmt.Sprintf("\ngoroutine %d [%s]:\n", w.G, w.Reason)
			if w.On != "" {
				entry += "\twaiting on " + w.On + "\n"
			}
			i := strings.Index(rest, entry)
			if i < 0 {
				t.Errorf("report lacks (in order) %q:\n%s", entry, r.Report)
				return
			}
			rest = rest[i+len(entry):]
		}
		if strings.Contains(r.Report, "goroutine 9 ") {
			t.Errorf("the exited goroutine 9 is in the report:\n%s", r.Report)
		}
	})
}

// replayPrograms are channel programs for the replay tests: each uses buffered and
// unbuffered channels, the fast paths, selects (with default, parked, woken by close)
// and close; one finishes, one deadlocks, one panics.
var replayPrograms = []struct {
	name string
	main func(gp *G)
}{
	{"finishes", func(gp *G) {
		work, res := Make[int](gp, 2), Make[int](gp, 0)
		quit := Make[struct{}](gp, 0)
		for w := range 3 {
			gp.Go(func(gp *G) {
				for {
					var v int
					i, ok := Select(gp, RecvCase(work, &v), RecvCase(quit, nil))
					if i == 1 || !ok {
						return
					}
					if !res.TrySend(gp, v*10+w) {
						res.Send(gp, v*10+w)
					}
				}
			})
		}
		gp.Go(func(gp *G) {
			for i := range 6 {
				work.Send(gp, i)
			}
			work.Close(gp)
		})
		for range 6 {
			res.Recv(gp)
		}
		quit.Close(gp)
		res.TryRecv(gp)
	}},
	{"deadlocks", func(gp *G) {
		a, b := Make[int](gp, 1), Make[int](gp, 0)
		gp.Go(func(gp *G) { a.Send(gp, 1); a.Send(gp, 2); b.Recv(gp) })
		gp.Go(func(gp *G) { Select(gp, SendCase(b, 1), RecvCase(a, nil), Default()); a.Recv(gp) })
		a.Recv(gp)
		b.Recv(gp)
	}},
	{"panics", func(gp *G) {
		c := Make[int](gp, 0)
		for i := range 3 {
			gp.Go(func(gp *G) { c.Send(gp, i) })
		}
		c.Recv(gp)
		c.Close(gp)
		c.Recv(gp)
	}},
}

// TestChanReplayReproducesTrace: a channel program run with Trace under a random
// Chooser, replayed from its Result.Schedule with NewReplay (and another seed), gives
// the same trace byte for byte as NDJSON, the same status and report, and consumes the
// whole schedule.
// Reference: impl/replay.go; issue 3 §3 (Deterministic mode).
func TestChanReplayReproducesTrace(t *testing.T) {
	for _, p := range replayPrograms {
		t.Run(p.name, func(t *testing.T) {
			for seed := range uint64(short(20, 5)) {
				for _, nofast := range []bool{false, true} {
					orig := New(Config{Seed: seed, Trace: true, NoFastPath: nofast}).Run(p.main)
					rep, err := NewReplay(orig.Schedule)
					if err != nil {
						t.Fatalf("seed %d: schedule %q does not parse: %v", seed, orig.Schedule, err)
					}
					again := New(Config{Seed: seed + 1000, Chooser: rep, Trace: true, NoFastPath: nofast}).Run(p.main)
					if x, y := ndjson(t, orig.Trace), ndjson(t, again.Trace); x != y {
						t.Fatalf("seed %d: replay of %q differs:\n%s\n---\n%s", seed, orig.Schedule, x, y)
					}
					if outcome(again) != outcome(orig) {
						t.Errorf("seed %d: replay ended %s, the original %s", seed, outcome(again), outcome(orig))
					}
					if again.Schedule != orig.Schedule || rep.Unused() != 0 {
						t.Errorf("seed %d: replay recorded %q (unused %d), want %q", seed, again.Schedule, rep.Unused(), orig.Schedule)
					}
				}
			}
		})
	}
}

// outcome is how a run ended, without the panic's stack (which names real goroutines).
func outcome(r Result) string {
	if r.Panic != nil {
		return fmt.Sprintf("%v: goroutine %d: %v", r.Status, r.Panic.G, r.Panic.Value)
	}
	return r.String()
}

// TestChanSameSeedSameTrace: two traced runs of a channel program with the same seed
// give identical NDJSON traces and schedules; different seeds explore different
// interleavings.
// Reference: impl/chooser.go NewRandom; issue 3 §3 (Deterministic mode).
func TestChanSameSeedSameTrace(t *testing.T) {
	for _, p := range replayPrograms {
		t.Run(p.name, func(t *testing.T) {
			distinct := map[string]bool{}
			const seeds = 20
			for seed := range uint64(seeds) {
				a := New(Config{Seed: seed, Trace: true}).Run(p.main)
				b := New(Config{Seed: seed, Trace: true}).Run(p.main)
				x, y := ndjson(t, a.Trace), ndjson(t, b.Trace)
				if x != y || a.Schedule != b.Schedule || outcome(a) != outcome(b) {
					t.Fatalf("seed %d: two runs differ:\n%s\n---\n%s", seed, x, y)
				}
				distinct[x] = true
			}
			if len(distinct) < seeds/2 {
				t.Errorf("%d seeds gave only %d distinct traces", seeds, len(distinct))
			}
		})
	}
}

// TestChanRunNoGoroutineLeft: a channel program's run leaves no goroutine behind,
// whether it deadlocks, panics with other goroutines parked on channels and in selects,
// or finishes with goroutines still parked, in both modes: runtime.NumGoroutine returns
// to its value before the run (polled with runtime.Gosched, never a sleep).
// Reference: issue 3 §3 (tear-down); impl/sched.go Run.
func TestChanRunNoGoroutineLeft(t *testing.T) {
	progs := []struct {
		name string
		want Status
		main func(gp *G)
	}{
		{"deadlock", StatusDeadlock, func(gp *G) {
			c, d := Make[int](gp, 0), Make[int](gp, 1)
			d.Send(gp, 0)
			for i := range 4 {
				gp.Go(func(gp *G) { c.Send(gp, i) })
				gp.Go(func(gp *G) { d.Send(gp, i) })
				gp.Go(func(gp *G) { Select(gp, RecvCase(Chan[int]{}, nil), SendCase(d, i)) })
			}
			Select(gp)
		}},
		{"panic", StatusPanic, func(gp *G) {
			c := Make[int](gp, 0)
			for range 4 {
				gp.Go(func(gp *G) { c.Recv(gp) })
				gp.Go(func(gp *G) { Select(gp, RecvCase(c, nil), RecvCase(c, nil)) })
			}
			gp.Go(func(gp *G) { defer c.Close(gp); Make[int](gp, 0).Send(gp, 1) })
			closed := Make[int](gp, 0)
			closed.Close(gp)
			closed.Send(gp, 1) // main panics: send on closed channel
		}},
		{"finished with parked", StatusFinished, func(gp *G) {
			c, d := Make[int](gp, 0), Make[int](gp, 0)
			for range 4 {
				gp.Go(func(gp *G) { c.Recv(gp) })
				gp.Go(func(gp *G) { Select(gp, RecvCase(c, nil), SendCase(d, 1)) })
			}
			awaitRecvq(gp, c, 8)
		}},
	}
	for _, p := range progs {
		for _, cfg := range []Config{{Seed: 1}, {Mode: Parallel, Procs: 1}, {Mode: Parallel, Procs: 2}} {
			t.Run(fmt.Sprintf("%s/%v-%d", p.name, cfg.Mode, cfg.Procs), func(t *testing.T) {
				baseline := settle(0, 1000)
				r := New(cfg).Run(p.main)
				if r.Status != p.want {
					t.Errorf("status %v, want %v: %v", r.Status, p.want, r)
				}
				if p.want == StatusPanic && (r.Panic == nil || fmt.Sprint(r.Panic.Value) != "send on closed channel") {
					t.Errorf("panic %+v, want send on closed channel", r.Panic)
				}
				if n := settle(baseline, 1_000_000); n > baseline {
					t.Errorf("%d goroutines after the run, %d before", n, baseline)
				}
			})
		}
	}
}
