package impl

import (
	"runtime"
	"strings"
	"testing"
)

// TestDeadlockReport: when no G can run and some are parked, the run ends with the
// runtime's fatal error, listing every waiting G with its wait reason and what it waits
// on (as described by the gopark caller), in id order; exited Gs are not listed.
// Reference: runtime proc.go checkdead; SEMANTICS 10.
func TestDeadlockReport(t *testing.T) {
	const want = `fatal error: all goroutines are asleep - deadlock!

goroutine 1 [select]:
	waiting on chan 1, chan 2

goroutine 2 [chan receive]:
	waiting on chan 7

goroutine 4 [chan send (nil chan)]:
`
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			r := New(cfg).Run(func(gp *G) {
				gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, stringer("chan 7")) })
				gp.Go(func(gp *G) {})
				gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanSendNilChan, nil) })
				gopark(gp, nil, waitReasonSelect, stringer("chan 1, chan 2"))
			})
			if r.Status != StatusDeadlock {
				t.Fatalf("status %v, want deadlock: %v", r.Status, r)
			}
			if r.Report != want {
				t.Errorf("report:\n%s\nwant:\n%s", r.Report, want)
			}
			if len(r.Blocked) != 3 || r.Blocked[1] != (Blocked{G: 2, Reason: "chan receive", On: "chan 7"}) {
				t.Errorf("Blocked = %+v", r.Blocked)
			}
		})
	}
}

// TestDeadlockMainGoexit: if main calls runtime.Goexit the run goes on; once every other
// G has exited it ends with the runtime's "no goroutines" deadlock, and if some are
// parked, with the usual report.
// Reference: runtime proc.go checkdead ("main called runtime.Goexit").
func TestDeadlockMainGoexit(t *testing.T) {
	for name, cfg := range modes() {
		t.Run(name, func(t *testing.T) {
			ran := false
			r := New(cfg).Run(func(gp *G) {
				gp.Go(func(gp *G) { ran = true })
				runtime.Goexit()
			})
			if !ran || !strings.Contains(r.Report, "no goroutines (main called runtime.Goexit) - deadlock!") {
				t.Errorf("ran=%v, report %q", ran, r.Report)
			}
			r = New(cfg).Run(func(gp *G) {
				gp.Go(func(gp *G) { gopark(gp, nil, waitReasonChanReceive, nil) })
				runtime.Goexit()
			})
			if r.Status != StatusDeadlock || !strings.Contains(r.Report, "goroutine 2 [chan receive]") {
				t.Errorf("got %v: %q", r.Status, r.Report)
			}
		})
	}
}

// TestDeadlockLockOrder: two Gs taking two mutexes in opposite orders deadlock on some
// schedules; Deterministic mode finds such a schedule and reports both Gs as blocked on
// a lock held by the other, never hanging, and the schedule string replays the deadlock.
func TestDeadlockLockOrder(t *testing.T) {
	prog := func(gp *G) {
		a, b := &mutex{id: 1}, &mutex{id: 2}
		var done sema
		take := func(x, y *mutex) func(*G) {
			return func(gp *G) {
				lock(gp, x)
				lock(gp, y)
				unlock(gp, y)
				unlock(gp, x)
				done.release(gp)
			}
		}
		gp.Go(take(a, b))
		gp.Go(take(b, a))
		done.acquire(gp)
		done.acquire(gp)
	}
	found := false
	for seed := uint64(0); seed < 200 && !found; seed++ {
		r := New(Config{Seed: seed}).Run(prog)
		if r.Status != StatusDeadlock {
			mustFinish(t, r)
			continue
		}
		found = true
		for _, w := range []string{"goroutine 2 [lock]:\n\twaiting on lock 2 held by goroutine 3",
			"goroutine 3 [lock]:\n\twaiting on lock 1 held by goroutine 2"} {
			if !strings.Contains(r.Report, w) {
				t.Errorf("report lacks %q:\n%s", w, r.Report)
			}
		}
		rep, _ := NewReplay(r.Schedule)
		if again := New(Config{Chooser: rep}).Run(prog); again.Report != r.Report {
			t.Errorf("replaying %q gave %v, want the same deadlock", r.Schedule, again)
		}
	}
	if !found {
		t.Errorf("no seed in 200 found the lock-order deadlock")
	}
}

// TestParallelDeadlockDetection: in Parallel mode the deadlock check is race-free: runs
// that end with every G parked are always reported as deadlocks, and runs in which
// goroutines keep waking each other are never reported early.
func TestParallelDeadlockDetection(t *testing.T) {
	iters := 300
	if testing.Short() {
		iters = 50
	}
	for i := range iters {
		procs := 1 + i%4
		r := New(Config{Mode: Parallel, Procs: procs}).Run(func(gp *G) {
			var ping, pong, done sema
			for range 3 {
				gp.Go(func(gp *G) {
					for range 20 {
						ping.acquire(gp)
						pong.release(gp)
					}
					done.release(gp)
				})
			}
			for range 60 {
				ping.release(gp)
				pong.acquire(gp)
			}
			for range 3 {
				done.acquire(gp)
			}
			if i%2 == 1 {
				ping.acquire(gp) // nobody will release: deadlock
			}
		})
		want := StatusFinished
		if i%2 == 1 {
			want = StatusDeadlock
		}
		if r.Status != want {
			t.Fatalf("iteration %d (procs %d): %v, want %v", i, procs, r, want)
		}
	}
}

// TestResultString: a Result prints like the runtime: the report for a deadlock, the
// panic value and stack for a panic, the error otherwise.
func TestResultString(t *testing.T) {
	r := New(Config{}).Run(func(gp *G) { panic("boom") })
	if s := r.String(); !strings.HasPrefix(s, "panic: boom\n\ngoroutine 1:\n") {
		t.Errorf("panic result prints %q", s)
	}
	if s := New(Config{}).Run(func(gp *G) {}).String(); s != "finished" {
		t.Errorf("finished result prints %q", s)
	}
}
