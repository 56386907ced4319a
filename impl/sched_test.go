package impl

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestRunqputRunnext: runqput(next) puts the G in runnext and moves the displaced
// runnext to the tail of the run queue; runqget takes runnext first, then the queue in
// FIFO order.
// Reference: runtime proc.go runqput, runqget.
func TestRunqputRunnext(t *testing.T) {
	var pp p
	a, b, c, d := &G{id: 1}, &G{id: 2}, &G{id: 3}, &G{id: 4}
	runqput(&pp, a, true)
	runqput(&pp, b, true) // a -> tail
	runqput(&pp, d, false)
	runqput(&pp, c, true) // b -> tail
	if pp.runnext != c {
		t.Fatalf("runnext = %v, want goroutine 3", pp.runnext)
	}
	var got []int64
	for gp := runqget(&pp); gp != nil; gp = runqget(&pp) {
		got = append(got, gp.id)
	}
	if want := []int64{3, 1, 4, 2}; !slices.Equal(got, want) {
		t.Errorf("runqget order = %v, want %v", got, want)
	}
}

// TestGoreadyOrder: Gs readied one after another by the same G run in the order
// runnext first (the last readied), then the run queue (the displaced ones, FIFO): after
// readying A, B, C and parking, the waker sees C, A, B run. Same in Deterministic mode
// without preemption and in Parallel mode with one P.
// Reference: runtime proc.go ready, runqput(next=true).
func TestGoreadyOrder(t *testing.T) {
	cfgs := map[string]Config{
		"deterministic": {Mode: Deterministic, Chooser: first{}},
		"parallel-1":    {Mode: Parallel, Procs: 1},
	}
	for name, cfg := range cfgs {
		t.Run(name, func(t *testing.T) {
			var order []string
			var started, done sema
			own := []*sema{{name: "A"}, {name: "B"}, {name: "C"}}
			waiter := map[*sema]*G{}
			r := New(cfg).Run(func(gp *G) {
				for _, s := range own {
					gp.Go(func(gp *G) {
						waiter[s] = gp
						started.release(gp)
						s.acquire(gp)
						order = append(order, s.name)
						done.release(gp)
					})
				}
				for range own {
					started.acquire(gp)
				}
				for _, s := range own {
					s.release(gp)
				}
				if cfg.Mode == Deterministic {
					pp := &gp.rt.d.p
					if pp.runnext != waiter[own[2]] || pp.runq.len() != 2 ||
						pp.runq.at(0) != waiter[own[0]] || pp.runq.at(1) != waiter[own[1]] {
						t.Errorf("after readying A, B, C: runnext and runq are not C | A, B")
					}
				}
				for range own {
					done.acquire(gp)
				}
			})
			mustFinish(t, r)
			if want := []string{"C", "A", "B"}; !slices.Equal(order, want) {
				t.Errorf("wake order = %v, want %v", order, want)
			}
		})
	}
}

// TestGoparkNoLostWakeup: gopark marks the G waiting before unlockf runs, so a waker
// that finds it (after unlockf's unlock) may ready it even before unlockf returns, and
// the wakeup is not lost: every run finishes. Deterministic mode explores many seeds
// and must hit the early-ready case; Parallel mode repeats the race.
// Reference: runtime proc.go gopark, park_m; SEMANTICS 25.
func TestGoparkNoLostWakeup(t *testing.T) {
	seeds := 2000
	if testing.Short() {
		seeds = 300
	}
	early := 0
	for seed := range seeds {
		var s sema
		cfg := Config{Mode: Deterministic, Seed: uint64(seed)}
		if seed%2 == 1 {
			cfg = Config{Mode: Parallel, Procs: 2}
		}
		r := New(cfg).Run(func(gp *G) {
			gp.Go(func(gp *G) { s.release(gp) })
			s.acquire(gp)
		})
		if r.Status != StatusFinished {
			t.Fatalf("seed %d (%v): %v\nschedule %q", seed, cfg.Mode, r, r.Schedule)
		}
		early += s.earlyReadies
	}
	if early == 0 {
		t.Errorf("no seed readied a G inside its unlockf: the test does not exercise SEMANTICS 25")
	}
	t.Logf("%d deterministic runs readied the G before its unlockf returned", early)
}

// TestGoparkAbort: if unlockf returns false the park is abandoned: gopark returns at
// once and the G runs on, still holding nothing and never queued.
// Reference: runtime proc.go park_m ("if !ok").
func TestGoparkAbort(t *testing.T) {
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			cfg.Trace = true
			var l mutex
			resumed := false
			r := New(cfg).Run(func(gp *G) {
				lock(gp, &l)
				gopark(gp, func(gp *G) bool { unlock(gp, &l); return false }, waitReasonSelect, nil)
				resumed = gp.getStatus() == _Grunning
			})
			mustFinish(t, r)
			if !resumed {
				t.Errorf("G not running after an abandoned park")
			}
			if !hasEvent(r.Trace, EvParkAbort) {
				t.Errorf("trace has no ParkAbort:\n%v", r.Trace)
			}
		})
	}
}

func hasEvent(tr []Event, k EventKind) bool {
	return slices.ContainsFunc(tr, func(e Event) bool { return e.Kind == k })
}

// TestMutexExclusion: at most one G holds a mutex at a time: many Gs increment a plain
// int and check an "inside" flag inside the critical section, which yields so other Gs
// could run there. Under -race, Parallel mode also proves the accesses are ordered.
// Reference: runtime lock_futex.go lock2/unlock2.
func TestMutexExclusion(t *testing.T) {
	const gs, iters = 8, 200
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			var l mutex
			var count int
			var inside bool
			var overlap bool
			var wg sema
			r := New(cfg).Run(func(gp *G) {
				for range gs {
					gp.Go(func(gp *G) {
						for range iters {
							lock(gp, &l)
							overlap = overlap || inside
							inside = true
							yield(gp, "critical")
							count++
							inside = false
							unlock(gp, &l)
						}
						wg.release(gp)
					})
				}
				for range gs {
					wg.acquire(gp)
				}
			})
			mustFinish(t, r)
			if overlap || count != gs*iters {
				t.Errorf("overlap=%v count=%d, want false, %d", overlap, count, gs*iters)
			}
		})
	}
}

// TestYieldPreemptsInParallel: a G polling in a loop (yield only) on the same P as the
// G it waits for does not starve it: the model's time slice preempts the poller.
// Reference: runtime proc.go sysmon/preemptone (time-slice preemption).
func TestYieldPreemptsInParallel(t *testing.T) {
	for _, procs := range []int{1, 2} {
		var flag bool
		var l mutex
		r := New(Config{Mode: Parallel, Procs: procs, MaxSteps: 1 << 20}).Run(func(gp *G) {
			gp.Go(func(gp *G) { lock(gp, &l); flag = true; unlock(gp, &l) })
			for {
				lock(gp, &l)
				f := flag
				unlock(gp, &l)
				if f {
					return
				}
				yield(gp, "poll")
			}
		})
		mustFinish(t, r)
	}
}

// TestFastrandnDeterministic: in Deterministic mode fastrandn is a recorded choice:
// every value is in range, all values occur, and a replay draws the same values.
// Reference: runtime rand.go cheaprandn; SEMANTICS 29 (select's pollorder).
func TestFastrandnDeterministic(t *testing.T) {
	draw := func(cfg Config) ([]uint32, Result) {
		var vals []uint32
		r := New(cfg).Run(func(gp *G) {
			for range 200 {
				vals = append(vals, fastrandn(gp, 5))
			}
			vals = append(vals, fastrandn(gp, 1))
		})
		return vals, r
	}
	vals, r := draw(Config{Seed: 7})
	mustFinish(t, r)
	seen := map[uint32]bool{}
	for _, v := range vals[:200] {
		seen[v] = v < 5
	}
	if len(seen) != 5 || vals[200] != 0 {
		t.Fatalf("values %v: want all of 0..4 and a final 0", vals)
	}
	rep, _ := NewReplay(r.Schedule)
	again, r2 := draw(Config{Chooser: rep})
	mustFinish(t, r2)
	if !slices.Equal(vals, again) {
		t.Errorf("replay drew different values")
	}
	p, _ := draw(Config{Mode: Parallel, Procs: 1, Seed: 7})
	for _, v := range p {
		if v >= 5 {
			t.Fatalf("parallel fastrandn(5) = %d", v)
		}
	}
}

// TestPanicResult: an unrecovered panic in a G ends the run with StatusPanic naming the
// G and the value; a panic recovered inside the G's function is ordinary Go and the run
// goes on.
func TestPanicResult(t *testing.T) {
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			r := New(cfg).Run(func(gp *G) {
				var s sema
				gp.Go(func(gp *G) {
					defer func() {
						if recover() == nil {
							panic("recovered nothing")
						}
						s.release(gp) // the runtime still works after recover
					}()
					panic("send on closed channel")
				})
				s.acquire(gp)
				gp.Go(func(gp *G) { panic(fmt.Errorf("boom")) })
				s.acquire(gp)
			})
			if r.Status != StatusPanic || r.Panic.G != 3 || fmt.Sprint(r.Panic.Value) != "boom" {
				t.Fatalf("got %v %+v, want a panic of goroutine 3 with boom", r.Status, r.Panic)
			}
			if !strings.Contains(r.Panic.Stack, "TestPanicResult") {
				t.Errorf("stack does not show the panic site:\n%s", r.Panic.Stack)
			}
		})
	}
}

// TestMaxSteps: a run that never ends stops at the step budget with StatusStepLimit.
func TestMaxSteps(t *testing.T) {
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			cfg.MaxSteps = 5000
			r := New(cfg).Run(func(gp *G) {
				gp.Go(func(gp *G) {
					for {
						yield(gp, "spin")
					}
				})
				for {
					yield(gp, "spin")
				}
			})
			if r.Status != StatusStepLimit || r.Err == nil {
				t.Fatalf("got %v (%v), want step limit", r.Status, r.Err)
			}
		})
	}
}

// TestGReuse: a G whose function has ended is reused by a later Go, as the runtime reuses
// a dead g: with one goroutine at a time alive besides main, 1000 Go calls allocate
// only a few G structs. Each life is a new goroutine: a new id, a fresh status and exit,
// and value slots that still work.
func TestGReuse(t *testing.T) {
	const n = 1000
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			rt := New(cfg)
			var ids []int64
			r := rt.Run(func(gp *G) {
				var done sema
				c := Make[int](gp, 1)
				for i := range n {
					gp.Go(func(gp *G) {
						ids = append(ids, gp.ID())
						c.Send(gp, i)
						done.release(gp)
					})
					done.acquire(gp)
					if v := c.Recv(gp); v != i {
						t.Errorf("life %d sent %d", i, v)
					}
				}
			})
			mustFinish(t, r)
			for i := 1; i < len(ids); i++ {
				if ids[i] <= ids[i-1] {
					t.Fatalf("goroutine %d got id %d after id %d", i, ids[i], ids[i-1])
				}
			}
			// Main, the life that runs and the one before it, which may not have exited
			// yet, plus the dead Gs the other Ps' free lists may keep (a life that ends
			// on another P goes on that P's list).
			if want := 3 + (max(cfg.Procs, 1)-1)*gfreeMax; len(ids) != n || len(rt.allgs) > want {
				t.Errorf("%d G structs for %d goroutines alive one at a time, want at most %d",
					len(rt.allgs), len(ids), want)
			}
		})
	}
}
