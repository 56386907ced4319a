package impl

import "testing"

// ring runs 3 Gs passing a token round a ring of semaphores n times in all: every pass
// is a lock, an unlock, a goready, and a park whose unlockf unlocks.
func ring(n int) func(gp *G) {
	return func(gp *G) {
		var s [3]sema
		var done sema
		for i := range 3 {
			gp.Go(func(gp *G) {
				for range n / 3 {
					s[i].acquire(gp)
					s[(i+1)%3].release(gp)
				}
				done.release(gp)
			})
		}
		s[0].release(gp)
		for range 3 {
			done.acquire(gp)
		}
	}
}

// BenchmarkDeterministic measures scheduling decisions per second in Deterministic mode
// (invariants checked at every decision, tracing off) for 3 Gs ping-ponging through
// park/ready under a lock. Target: >= 1M decisions/s on one core (-cpu 1).
func BenchmarkDeterministic(b *testing.B) {
	choosers := map[string]func() Chooser{
		"random":     func() Chooser { return NewRandom(1) },
		"nopreempt":  func() Chooser { return first{} },
		"roundrobin": NewRoundRobin,
	}
	for name, mk := range choosers {
		b.Run(name, func(b *testing.B) {
			n := max(b.N, 3)
			r := New(Config{Chooser: mk(), MaxSteps: -1}).Run(ring(n))
			mustFinish(b, r)
			b.ReportMetric(float64(r.Steps)/b.Elapsed().Seconds(), "decisions/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(r.Steps), "ns/decision")
		})
	}
}

// BenchmarkParallelPingPong measures a park/ready round trip between two Gs in Parallel
// mode (the cost under the channel layer's PingPong benchmark).
func BenchmarkParallelPingPong(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run(map[int]string{1: "procs1", 2: "procs2"}[procs], func(b *testing.B) {
			r := New(Config{Mode: Parallel, Procs: procs, MaxSteps: -1}).Run(func(gp *G) {
				var ping, pong, done sema
				gp.Go(func(gp *G) {
					for range b.N {
						ping.acquire(gp)
						pong.release(gp)
					}
					done.release(gp)
				})
				for range b.N {
					ping.release(gp)
					pong.acquire(gp)
				}
				done.acquire(gp)
			})
			mustFinish(b, r)
		})
	}
}
