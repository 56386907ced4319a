package impl

import (
	"runtime"
	"strings"
	"testing"
)

// settle lets exiting goroutines finish: it polls the goroutine count, calling
// runtime.Gosched in between, until it is at most baseline or limit polls have passed,
// and returns the last count. (A goroutine that has done its last work may take tens of
// thousands of Gosched calls to be scheduled and exit, under -race.)
func settle(baseline, limit int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < limit && n > baseline; i++ {
		runtime.Gosched()
		n = runtime.NumGoroutine()
	}
	return n
}

// teardownCases are programs whose runs end in every way a run can end, with goroutines
// left parked, runnable, never started, Goexit-ed, or unwinding through defers that call
// the runtime, recover, or call runtime.Goexit.
var teardownCases = []struct {
	name string
	want Status
	main func(gp *G)
}{
	{"finished with parked and unstarted", StatusFinished, func(gp *G) {
		for range 5 {
			gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
		}
		var s sema
		gp.Go(func(gp *G) { s.release(gp) })
		s.acquire(gp)
		for range 5 {
			gp.Go(func(gp *G) {})
		}
	}},
	{"deadlock", StatusDeadlock, func(gp *G) {
		gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanSend, nil) })
		gopark(gp, nil, waitReasonChanReceive, nil)
	}},
	{"step limit", StatusStepLimit, func(gp *G) {
		gp.Go(func(gp *G) {
			for {
				yield(gp, "")
			}
		})
		for {
			yield(gp, "")
		}
	}},
	{"panic", StatusPanic, func(gp *G) {
		gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
		gp.Go(func(gp *G) { panic("boom") })
		gopark(gp, nil, waitReasonChanReceive, nil)
	}},
	{"goexit child and main", StatusDeadlock, func(gp *G) {
		gp.Go(func(gp *G) { runtime.Goexit() })
		gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
		runtime.Goexit()
	}},
	{"defers call the runtime while unwinding", StatusFinished, func(gp *G) {
		var s sema
		for range 3 {
			gp.Go(func(gp *G) {
				defer s.release(gp) // unwound by tear-down: lock refuses, unwinding goes on
				defer func() {
					for range 3 { // recovering the tear-down does not stop it
						func() { defer func() { recover() }(); yield(gp, "") }()
					}
				}()
				gopark(gp, nil, waitReasonChanReceive, nil)
			})
		}
		gp.Go(func(gp *G) {
			defer runtime.Goexit()
			gopark(gp, nil, waitReasonChanReceive, nil)
		})
		yield(gp, "")
	}},
	{"throw", StatusFatal, func(gp *G) {
		var l mutex
		gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
		gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
		lock(gp, &l)
		gopark(gp, nil, waitReasonChanReceive, nil) // parks holding l (Deterministic)
	}},
}

// TestTeardown: when a run ends, however it ends, no goroutine of the run is left:
// the goroutine count returns to its value before the run, in both modes.
func TestTeardown(t *testing.T) {
	for _, tc := range teardownCases {
		for name, cfg := range modes() {
			if tc.name == "throw" && cfg.Mode == Parallel {
				continue // Parallel mode does not track held locks; nothing would end the run
			}
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				baseline := settle(0, 1000)
				cfg.MaxSteps = 2000
				r := New(cfg).Run(tc.main)
				if r.Status != tc.want {
					t.Errorf("status %v, want %v: %v", r.Status, tc.want, r)
				}
				if n := settle(baseline, 1_000_000); n > baseline {
					t.Errorf("%d goroutines after the run, %d before", n, baseline)
				}
			})
		}
	}
}

// TestThrows: breaking a rule of the scheduler ends the run with StatusFatal and an
// error naming the rule, in Deterministic mode (and, for goready of a G that is not
// waiting and for unlock of a free lock, in Parallel mode too).
// Reference: runtime proc.go ready ("bad g->status in ready"), schedule ("holding locks").
func TestThrows(t *testing.T) {
	cases := []struct {
		name, want string
		parallel   bool
		main       func(gp *G)
	}{
		{"goready holding a lock", "SEMANTICS 27", false, func(gp *G) {
			var l mutex
			var s sema
			var w *G
			gp.Go(func(gp *G) { w = gp; s.release(gp); gopark(gp, nil, waitReasonChanReceive, nil) })
			s.acquire(gp) // w runs on until it parks (no preemption)
			lock(gp, &l)
			goready(gp, w)
		}},
		{"goready of a running G", "goready: bad g status", true, func(gp *G) { goready(gp, gp) }},
		{"gopark holding a lock", "gopark: parked holding 1 lock", false, func(gp *G) {
			var l mutex
			lock(gp, &l)
			gopark(gp, nil, waitReasonChanReceive, nil)
		}},
		{"exit holding a lock", "exited holding 1 lock", false, func(gp *G) {
			var l mutex
			var s sema
			gp.Go(func(gp *G) { lock(gp, &l) })
			s.acquire(gp)
		}},
		{"unlock not held", "unlock: lock not held", true, func(gp *G) {
			var l mutex
			unlock(gp, &l)
		}},
		{"lock in unlockf", "lock: called from gopark's unlockf", false, func(gp *G) {
			var l mutex
			gopark(gp, func(gp *G) bool { lock(gp, &l); return true }, waitReasonSelect, nil)
		}},
		{"wrong G", "pass the *G your function received", false, func(gp *G) {
			var s sema
			gp.Go(func(*G) { yield(gp, "") })
			s.acquire(gp)
		}},
	}
	for _, tc := range cases {
		cfgs := []Config{{Chooser: first{}}}
		if tc.parallel {
			cfgs = append(cfgs, Config{Mode: Parallel, Procs: 2})
		}
		for _, cfg := range cfgs {
			r := New(cfg).Run(tc.main)
			if r.Status != StatusFatal || !strings.Contains(r.Err.Error(), tc.want) {
				t.Errorf("%s (%v): got %v, want fatal error containing %q", tc.name, cfg.Mode, r, tc.want)
			}
		}
	}
}

// TestUnlockfPanic: a panic inside gopark's unlockf ends the run instead of crashing
// the process: in Parallel mode (where unlockf runs on the M) with StatusFatal, in
// Deterministic mode (where it runs in the parking G) as that G's panic; no goroutine
// is left behind.
func TestUnlockfPanic(t *testing.T) {
	want := map[Mode]Status{Deterministic: StatusPanic, Parallel: StatusFatal}
	for name, cfg := range modes() {
		baseline := settle(0, 1000)
		r := New(cfg).Run(func(gp *G) {
			gopark(gp, func(*G) bool { panic("unlockf bug") }, waitReasonSelect, nil)
		})
		if r.Status != want[cfg.Mode] || !strings.Contains(r.String(), "unlockf bug") {
			t.Errorf("%s: got %v, want %v mentioning the panic", name, r, want[cfg.Mode])
		}
		if n := settle(baseline, 1_000_000); n > baseline {
			t.Errorf("%s: %d goroutines after the run, %d before", name, n, baseline)
		}
	}
}
