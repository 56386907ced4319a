package impl

// Ports of Go's own channel tests ($(go env GOROOT)/src/runtime/chan_test.go and
// $(go env GOROOT)/test/chan/) to the typed API. Each keeps the original's structure and
// checks; where the original waits with time.Sleep for goroutines to block, the port
// polls the channel's wait queue under its lock (awaitRecvq, awaitSendq) or lets the
// deadlock detector prove that they block forever. The race tests run in Parallel mode
// on 2 Ps for many iterations, and also as many small Deterministic runs, whose random
// schedules reach interleavings real concurrency rarely does. testing.Short cuts
// iteration counts only.

import (
	"fmt"
	"math"
	"slices"
	"sync/atomic"
	"testing"
)

// short returns n, or s when the tests run with -short.
func short(n, s int) int {
	if testing.Short() {
		return s
	}
	return n
}

// parallel2 is the configuration of the race tests: real concurrency on 2 Ps.
func parallel2() Config { return Config{Mode: Parallel, Procs: 2} }

// TestChanPort: for every capacity, a receive from an empty channel and a send to a
// full one block (their goroutines are parked) while the non-blocking forms do not; a
// closed channel yields its buffer then zeros; close unblocks a receiver; values arrive
// intact and in FIFO order, also with 4 senders and 4 receivers; len and cap are right.
// Reference: runtime/chan_test.go TestChan
func TestChanPort(t *testing.T) {
	n := short(200, 20)
	for chanCap := range n {
		t.Run(fmt.Sprintf("cap=%d", chanCap), func(t *testing.T) {
			body := func(L int) func(t *testing.T, gp *G) {
				return func(t *testing.T, gp *G) { chanPortBody(t, gp, chanCap, L) }
			}
			runOne(t, parallel2(), body(1000), finishes)
			// Deterministic runs check every invariant at every step, over the whole
			// buffer: fewer capacities and values keep them fast.
			if chanCap < 12 || chanCap%25 == 0 {
				runOne(t, Config{Seed: uint64(chanCap)}, body(250), finishes)
			}
		})
	}
}

// chanPortBody is TestChan for one capacity; L is the number of values each of the
// 4 senders of the many-to-many block sends (1000 in the original).
func chanPortBody(t *testing.T, gp *G, chanCap, L int) {
	{
		// Ensure that receive from empty chan blocks.
		c := Make[int](gp, chanCap)
		var recv1, recv2 atomic.Bool
		gp.Go(func(gp *G) { c.Recv(gp); recv1.Store(true) })
		gp.Go(func(gp *G) { c.Recv2(gp); recv2.Store(true) })
		awaitRecvq(gp, c, 2) // was: time.Sleep(time.Millisecond)
		if recv1.Load() || recv2.Load() {
			t.Errorf("chan[%d]: receive from empty chan", chanCap)
			return
		}
		// Ensure that non-blocking receive does not block.
		if i, _ := Select(gp, RecvCase(c, nil), Default()); i != 1 {
			t.Errorf("chan[%d]: receive from empty chan", chanCap)
			return
		}
		if _, _, selected := c.TryRecv(gp); selected {
			t.Errorf("chan[%d]: receive from empty chan", chanCap)
			return
		}
		c.Send(gp, 0)
		c.Send(gp, 0)
	}
	{
		// Ensure that send to full chan blocks.
		c := Make[int](gp, chanCap)
		for i := range chanCap {
			c.Send(gp, i)
		}
		var sent atomic.Uint32
		gp.Go(func(gp *G) { c.Send(gp, 0); sent.Store(1) })
		awaitSendq(gp, c, 1) // was: time.Sleep(time.Millisecond)
		if sent.Load() != 0 {
			t.Errorf("chan[%d]: send to full chan", chanCap)
			return
		}
		// Ensure that non-blocking send does not block.
		if i, _ := Select(gp, SendCase(c, 0), Default()); i != 1 {
			t.Errorf("chan[%d]: send to full chan", chanCap)
			return
		}
		c.Recv(gp)
	}
	{
		// Ensure that we receive 0 from closed chan.
		c := Make[int](gp, chanCap)
		for i := range chanCap {
			c.Send(gp, i)
		}
		c.Close(gp)
		for i := range chanCap {
			if v := c.Recv(gp); v != i {
				t.Errorf("chan[%d]: received %v, expected %v", chanCap, v, i)
				return
			}
		}
		if v := c.Recv(gp); v != 0 {
			t.Errorf("chan[%d]: received %v, expected %v", chanCap, v, 0)
		}
		if v, ok := c.Recv2(gp); v != 0 || ok {
			t.Errorf("chan[%d]: received %v/%v, expected %v/%v", chanCap, v, ok, 0, false)
		}
	}
	{
		// Ensure that close unblocks receive.
		c := Make[int](gp, chanCap)
		done := Make[bool](gp, 0)
		gp.Go(func(gp *G) {
			v, ok := c.Recv2(gp)
			done.Send(gp, v == 0 && !ok)
		})
		awaitRecvq(gp, c, 1) // was: time.Sleep(time.Millisecond)
		c.Close(gp)
		if !done.Recv(gp) {
			t.Errorf("chan[%d]: received non zero from closed chan", chanCap)
		}
	}
	chanPortFIFO(t, gp, chanCap, L)
	{
		// Test len/cap.
		c := Make[int](gp, chanCap)
		if c.Len(gp) != 0 || c.Cap(gp) != chanCap {
			t.Errorf("chan[%d]: bad len/cap, expect %v/%v, got %v/%v", chanCap, 0, chanCap, c.Len(gp), c.Cap(gp))
		}
		for i := range chanCap {
			c.Send(gp, i)
		}
		if c.Len(gp) != chanCap || c.Cap(gp) != chanCap {
			t.Errorf("chan[%d]: bad len/cap, expect %v/%v, got %v/%v", chanCap, chanCap, chanCap, c.Len(gp), c.Cap(gp))
		}
	}
}

// chanPortFIFO is TestChan's FIFO and many-to-many block.
func chanPortFIFO(t *testing.T, gp *G, chanCap, L int) {
	// Send 100 integers, ensure that we receive them non-corrupted in FIFO order.
	c := Make[int](gp, chanCap)
	gp.Go(func(gp *G) {
		for i := range 100 {
			c.Send(gp, i)
		}
	})
	for i := range 100 {
		if v := c.Recv(gp); v != i {
			t.Errorf("chan[%d]: received %v, expected %v", chanCap, v, i)
			return
		}
	}
	// Same, but using recv2.
	gp.Go(func(gp *G) {
		for i := range 100 {
			c.Send(gp, i)
		}
	})
	for i := range 100 {
		v, ok := c.Recv2(gp)
		if !ok || v != i {
			t.Errorf("chan[%d]: received %v/%v, expected %v/true", chanCap, v, ok, i)
			return
		}
	}
	// Send L integers in 4 goroutines, ensure that we receive what we send.
	const P = 4
	for range P {
		gp.Go(func(gp *G) {
			for i := range L {
				c.Send(gp, i)
			}
		})
	}
	done := Make[map[int]int](gp, 0)
	for range P {
		gp.Go(func(gp *G) {
			recv := make(map[int]int)
			for range L {
				recv[c.Recv(gp)]++
			}
			done.Send(gp, recv)
		})
	}
	recv := make(map[int]int)
	for range P {
		for k, v := range done.Recv(gp) {
			recv[k] += v
		}
	}
	if len(recv) != L {
		t.Errorf("chan[%d]: received %v values, expected %v", chanCap, len(recv), L)
	}
	for _, v := range recv {
		if v != P {
			t.Errorf("chan[%d]: received %v values, expected %v", chanCap, v, P)
			return
		}
	}
}

// raceRuns runs body under Parallel mode on 2 Ps (one run of parIters iterations) and
// as detRuns Deterministic runs of one iteration each, seeded 0, 1, ... (so that each
// run has few channels for the invariant checks).
func raceRuns(t *testing.T, parIters, detRuns int, body func(t *testing.T, gp *G, iters int)) {
	t.Run("parallel", func(t *testing.T) {
		runOne(t, parallel2(), func(t *testing.T, gp *G) { body(t, gp, parIters) }, finishes)
	})
	t.Run("deterministic", func(t *testing.T) {
		for seed := range detRuns {
			cfg := Config{Seed: uint64(seed), NoFastPath: seed%4 == 3}
			runOne(t, cfg, func(t *testing.T, gp *G) { body(t, gp, 1) }, finishes)
			if t.Failed() {
				return
			}
		}
	})
}

// TestNonblockRecvRacePort: a non-blocking receive from a channel that holds a value and
// is being closed always finds it ready: the lock-free fast path loads "empty", then
// "closed", then "empty" again, in that order.
// Reference: runtime/chan_test.go TestNonblockRecvRace
func TestNonblockRecvRacePort(t *testing.T) {
	raceRuns(t, short(10000, 1000), short(2000, 300), func(t *testing.T, gp *G, n int) {
		done := Make[bool](gp, 1)
		for range n {
			c := Make[int](gp, 1)
			c.Send(gp, 1)
			gp.Go(func(gp *G) {
				_, _, selected := c.TryRecv(gp)
				done.Send(gp, selected)
			})
			c.Close(gp)
			c.Recv(gp)
			if !done.Recv(gp) {
				t.Errorf("chan is not ready")
				return
			}
		}
	})
}

// TestNonblockSelectRacePort: a non-blocking select acts on the state of its channels at
// one instant: while at least one of c1, c2 is always ready for receiving, the select
// never takes its default.
// Reference: runtime/chan_test.go TestNonblockSelectRace
func TestNonblockSelectRacePort(t *testing.T) {
	raceRuns(t, short(100000, 10000), short(2000, 300), func(t *testing.T, gp *G, n int) {
		done := Make[bool](gp, 1)
		for range n {
			c1, c2 := Make[int](gp, 1), Make[int](gp, 1)
			c1.Send(gp, 1)
			gp.Go(func(gp *G) {
				i, _ := Select(gp, RecvCase(c1, nil), RecvCase(c2, nil), Default())
				done.Send(gp, i != 2)
			})
			c2.Send(gp, 1)
			Select(gp, RecvCase(c1, nil), Default())
			if !done.Recv(gp) {
				t.Errorf("no chan is ready")
				return
			}
		}
	})
}

// TestNonblockSelectRace2Port: as TestNonblockSelectRacePort, with close(c2) making c2
// ready instead of a send.
// Reference: runtime/chan_test.go TestNonblockSelectRace2
func TestNonblockSelectRace2Port(t *testing.T) {
	raceRuns(t, short(100000, 10000), short(2000, 300), func(t *testing.T, gp *G, n int) {
		done := Make[bool](gp, 1)
		for range n {
			c1, c2 := Make[int](gp, 1), Make[int](gp, 0)
			c1.Send(gp, 1)
			gp.Go(func(gp *G) {
				i, _ := Select(gp, RecvCase(c1, nil), RecvCase(c2, nil), Default())
				done.Send(gp, i != 2)
			})
			c2.Close(gp)
			Select(gp, RecvCase(c1, nil), Default())
			if !done.Recv(gp) {
				t.Errorf("no chan is ready")
				return
			}
		}
	})
}

// TestSelfSelectPort: two goroutines running selects that send and receive on the same
// channel neither crash nor deadlock, and on an unbuffered channel a select never
// receives its own value.
// Reference: runtime/chan_test.go TestSelfSelect
func TestSelfSelectPort(t *testing.T) {
	body := func(iters int) func(t *testing.T, gp *G) {
		return func(t *testing.T, gp *G) {
			for _, chanCap := range []int{0, 10} {
				c := Make[int](gp, chanCap)
				wg := Make[int](gp, 2)
				for p := range 2 {
					gp.Go(func(gp *G) {
						defer wg.Send(gp, 0)
						for i := range iters {
							v := -1
							var k int
							if p == 0 || i%2 == 0 {
								k, _ = Select(gp, SendCase(c, p), RecvCase(c, &v))
							} else {
								k, _ = Select(gp, RecvCase(c, &v), SendCase(c, p))
								k = 1 - k
							}
							if k == 1 && chanCap == 0 && v == p {
								t.Errorf("self receive")
								return
							}
						}
					})
				}
				wg.Recv(gp)
				wg.Recv(gp)
			}
		}
	}
	t.Run("parallel", func(t *testing.T) { runOne(t, parallel2(), body(1000), finishes) })
	t.Run("deterministic", func(t *testing.T) {
		for seed := range short(6, 2) {
			runOne(t, Config{Seed: uint64(seed)}, body(300), finishes)
		}
	})
}

// TestSelectStressPort: senders, receivers, and one sending and one receiving select
// over four channels (two unbuffered, two buffered), whose cases turn nil as their
// quota is met, all interleave chaotically without deadlock.
// Reference: runtime/chan_test.go TestSelectStress
func TestSelectStressPort(t *testing.T) {
	body := func(N int) func(t *testing.T, gp *G) {
		return func(t *testing.T, gp *G) {
			c := [4]Chan[int]{Make[int](gp, 0), Make[int](gp, 0), Make[int](gp, 2), Make[int](gp, 3)}
			wg := Make[int](gp, 10)
			for k := range 4 {
				gp.Go(func(gp *G) {
					for range N {
						c[k].Send(gp, 0)
					}
					wg.Send(gp, 0)
				})
				gp.Go(func(gp *G) {
					for range N {
						c[k].Recv(gp)
					}
					wg.Send(gp, 0)
				})
			}
			order := [4]int{3, 2, 0, 1} // the original's case order
			gp.Go(func(gp *G) {
				var n [4]int
				c1 := c
				for range 4 * N {
					i, _ := Select(gp, SendCase(c1[3], 0), SendCase(c1[2], 0), SendCase(c1[0], 0), SendCase(c1[1], 0))
					k := order[i]
					if n[k]++; n[k] == N {
						c1[k] = Chan[int]{}
					}
				}
				wg.Send(gp, 0)
			})
			gp.Go(func(gp *G) {
				var n [4]int
				c1 := c
				for range 4 * N {
					k, _ := Select(gp, RecvCase(c1[0], nil), RecvCase(c1[1], nil), RecvCase(c1[2], nil), RecvCase(c1[3], nil))
					if n[k]++; n[k] == N {
						c1[k] = Chan[int]{}
					}
				}
				wg.Send(gp, 0)
			})
			for range 10 {
				wg.Recv(gp)
			}
		}
	}
	t.Run("parallel", func(t *testing.T) { runOne(t, parallel2(), body(short(10000, 1000)), finishes) })
	t.Run("deterministic", func(t *testing.T) {
		for seed := range short(4, 2) {
			runOne(t, Config{Seed: uint64(seed)}, body(200), finishes)
		}
	})
}

// TestSelectFairnessPort: a select with two always-ready cases (and two never-ready)
// picks each about half the time: within 10σ of even over 10,000 trials. In
// Deterministic mode the select draws its pollorder from the seeded random Chooser; its
// buffered channels hold one value each, refilled by the selecting goroutine, because
// the original's 10,001-slot buffers would make every step's invariant check scan them.
// In Parallel mode the original's buffers are kept.
// Reference: runtime/chan_test.go TestSelectFairness
func TestSelectFairnessPort(t *testing.T) {
	const trials = 10000
	body := func(refill bool) func(t *testing.T, gp *G) {
		return func(t *testing.T, gp *G) {
			size := trials + 1
			if refill {
				size = 1
			}
			c1, c2 := Make[byte](gp, size), Make[byte](gp, size)
			for range size {
				c1.Send(gp, 1)
				c2.Send(gp, 2)
			}
			c3, c4 := Make[byte](gp, 0), Make[byte](gp, 0)
			out, done := Make[byte](gp, 0), Make[byte](gp, 0)
			wg := Make[int](gp, 1)
			gp.Go(func(gp *G) {
				defer wg.Send(gp, 0)
				for {
					var b byte
					i, _ := Select(gp, RecvCase(c3, &b), RecvCase(c4, &b), RecvCase(c1, &b), RecvCase(c2, &b))
					if refill && i == 2 {
						c1.Send(gp, 1)
					} else if refill && i == 3 {
						c2.Send(gp, 2)
					}
					if j, _ := Select(gp, SendCase(out, b), RecvCase(done, nil)); j == 1 {
						return
					}
				}
			})
			cnt1, cnt2 := 0, 0
			for range trials {
				switch b := out.Recv(gp); b {
				case 1:
					cnt1++
				case 2:
					cnt2++
				default:
					t.Errorf("unexpected value %d on channel", b)
					return
				}
			}
			// If the select in the goroutine is fair, cnt1 and cnt2 should be about the
			// same value. See if we're more than 10 sigma away from the expected value.
			const mean = trials * 0.5
			const variance = trials * 0.5 * (1 - 0.5)
			stddev := math.Sqrt(variance)
			if math.Abs(float64(cnt1-mean)) > 10*stddev {
				t.Errorf("unfair select: in %d trials, results were %d, %d", trials, cnt1, cnt2)
			}
			done.Close(gp)
			wg.Recv(gp)
		}
	}
	t.Run("deterministic", func(t *testing.T) {
		for seed := range short(3, 1) {
			runOne(t, Config{Seed: uint64(seed), Chooser: NewRandom(uint64(seed))}, body(true), finishes)
		}
	})
	t.Run("parallel", func(t *testing.T) { runOne(t, parallel2(), body(false), finishes) })
}

// TestPseudoRandomSendPort: a select of two send cases on the same channel, with values
// 1 and 0, sends each value a fair share of the time (more than a tenth of 100), on
// unbuffered and buffered channels.
// Reference: runtime/chan_test.go TestPseudoRandomSend
func TestPseudoRandomSendPort(t *testing.T) {
	inModesIf(t, isFair, func(t *testing.T, gp *G) {
		n := 100
		for _, chanCap := range []int{0, n} {
			c := Make[int](gp, chanCap)
			l := make([]int, n)
			m := Make[int](gp, 0) // was: a locked sync.Mutex
			gp.Go(func(gp *G) {
				for i := range n {
					yield(gp, "Gosched")
					l[i] = c.Recv(gp)
				}
				m.Close(gp)
			})
			for range n {
				Select(gp, SendCase(c, 1), SendCase(c, 0))
			}
			m.Recv(gp) // wait
			n0, n1 := 0, 0
			for _, i := range l {
				n0 += (i + 1) % 2
				n1 += i
			}
			if n0 <= n/10 || n1 <= n/10 {
				t.Errorf("Want pseudorandom, got %d zeros and %d ones (chan cap %d)", n0, n1, chanCap)
			}
		}
	}, finishes)
}

// TestMultiConsumerPort: 23 workers ranging over a shared work channel, some yielding to
// mess with its FIFO-ish order, forward every value exactly once: the count and sum of
// the results match what the feeder sent, and close ends every range loop.
// Reference: runtime/chan_test.go TestMultiConsumer
func TestMultiConsumerPort(t *testing.T) {
	const nwork = 23
	pn := []int{2, 3, 7, 11, 13, 17, 19, 23, 27, 31}
	body := func(niter int) func(t *testing.T, gp *G) {
		return func(t *testing.T, gp *G) {
			q, r := Make[int](gp, nwork*3), Make[int](gp, nwork*3)
			wg := Make[int](gp, nwork)
			// workers
			for w := range nwork {
				gp.Go(func(gp *G) {
					for v, ok := q.Recv2(gp); ok; v, ok = q.Recv2(gp) {
						// mess with the fifo-ish nature of range
						if pn[w%len(pn)] == v {
							yield(gp, "Gosched")
						}
						r.Send(gp, v)
					}
					wg.Send(gp, 0)
				})
			}
			// feeder & closer
			expect := 0
			gp.Go(func(gp *G) {
				for i := range niter {
					v := pn[i%len(pn)]
					expect += v
					q.Send(gp, v)
				}
				q.Close(gp) // no more work
				for range nwork {
					wg.Recv(gp) // workers done
				}
				r.Close(gp) // ... so there can be no more results
			})
			// consume & check
			n, s := 0, 0
			for v, ok := r.Recv2(gp); ok; v, ok = r.Recv2(gp) {
				n++
				s += v
			}
			if n != niter || s != expect {
				t.Errorf("Expected sum %d (got %d) from %d iter (saw %d)", expect, s, niter, n)
			}
		}
	}
	t.Run("parallel", func(t *testing.T) { runOne(t, parallel2(), body(short(271828, 27183)), finishes) })
	t.Run("deterministic", func(t *testing.T) {
		for seed := range short(3, 1) {
			runOne(t, Config{Seed: uint64(seed)}, body(1000), finishes)
		}
	})
}

// TestSelectDuplicateChannelPort: a goroutine may be queued on the same channel several
// times by one select; when another channel wakes it, it dequeues itself from that
// channel entirely, so a later send reaches the receiver queued behind it.
// Reference: runtime/chan_test.go TestSelectDuplicateChannel
func TestSelectDuplicateChannelPort(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c, d, e := Make[int](gp, 0), Make[int](gp, 0), Make[int](gp, 0)
		// goroutine A
		gp.Go(func(gp *G) {
			Select(gp, RecvCase(c, nil), RecvCase(c, nil), RecvCase(d, nil))
			e.Send(gp, 9)
		})
		awaitRecvq(gp, c, 2) // make sure goroutine A gets queued first on c
		// goroutine B
		gp.Go(func(gp *G) { c.Recv(gp) })
		awaitRecvq(gp, c, 3) // make sure goroutine B gets queued on c before continuing
		d.Send(gp, 7)        // wake up A, it dequeues itself from c
		e.Recv(gp)           // A tells us it's done
		c.Send(gp, 8)        // wake up B
	})
}

// TestDoubleSelectPort: a select over four send cases commits exactly one of them per
// iteration: four muxes forwarding what they receive never deliver a value twice.
// Reference: test/chan/doubleselect.go
func TestDoubleSelectPort(t *testing.T) {
	body := func(iterations int) func(t *testing.T, gp *G) {
		return func(t *testing.T, gp *G) {
			c := [4]Chan[int]{Make[int](gp, 0), Make[int](gp, 0), Make[int](gp, 0), Make[int](gp, 0)}
			done, cmux := Make[bool](gp, 0), Make[int](gp, 0)
			// sender sends a counter to one of four different channels.
			gp.Go(func(gp *G) {
				for i := range iterations {
					Select(gp, SendCase(c[0], i), SendCase(c[1], i), SendCase(c[2], i), SendCase(c[3], i))
				}
				for k := 3; k >= 0; k-- {
					c[k].Close(gp)
				}
			})
			// mux receives the values from sender and forwards them onto cmux.
			for k := range 4 {
				gp.Go(func(gp *G) {
					for v, ok := c[k].Recv2(gp); ok; v, ok = c[k].Recv2(gp) {
						cmux.Send(gp, v)
					}
					done.Send(gp, true)
				})
			}
			gp.Go(func(gp *G) {
				for range 4 {
					done.Recv(gp)
				}
				cmux.Close(gp)
			})
			// recver checks for duplicates.
			seen := make(map[int]bool)
			for v, ok := cmux.Recv2(gp); ok; v, ok = cmux.Recv2(gp) {
				if seen[v] {
					t.Errorf("got duplicate value: %d", v)
					return
				}
				seen[v] = true
			}
			if len(seen) != iterations {
				t.Errorf("received %d distinct values, want %d", len(seen), iterations)
			}
		}
	}
	t.Run("parallel", func(t *testing.T) { runOne(t, parallel2(), body(short(100000, 10000)), finishes) })
	t.Run("deterministic", func(t *testing.T) {
		for seed := range short(10, 3) {
			runOne(t, Config{Seed: uint64(seed)}, body(200), finishes)
		}
	})
}

// TestFifoPort: a buffered channel delivers in order; an unbuffered one, read by a daisy
// chain of goroutines each enabled by the previous, delivers in order too.
// Reference: test/chan/fifo.go
func TestFifoPort(t *testing.T) {
	const N = 10
	inAllModes(t, func(t *testing.T, gp *G) {
		// AsynchFifo
		ch := Make[int](gp, N)
		for i := range N {
			ch.Send(gp, i)
		}
		for i := range N {
			if v := ch.Recv(gp); v != i {
				t.Errorf("bad receive: %d, want %d", v, i)
			}
		}
		// SynchFifo: thread together a daisy chain to read the elements in sequence
		sch, next := Make[int](gp, 0), Make[int](gp, 0)
		start := next
		for i := range N {
			in := next
			out := Make[int](gp, 0)
			gp.Go(func(gp *G) { // Chain(ch, i, in, out)
				in.Recv(gp)
				if v := sch.Recv(gp); v != i {
					t.Errorf("chain %d received %d", i, v)
				}
				out.Send(gp, 1)
			})
			next = out
		}
		start.Send(gp, 0)
		for i := range N {
			sch.Send(gp, i)
		}
		next.Recv(gp)
	})
}

// nonblockRound is one element type's part of test/chan/nonblock.go: non-blocking
// receives on a fresh channel find nothing, then a non-blocking send loop reaches a
// receiver and a non-blocking receive loop reaches a sender. The original's sleep
// between tries (a 10µs ticker) is a scheduling point.
func nonblockRound[T comparable](t *testing.T, gp *G, buffer int, toRecv, toSend T, sync Chan[bool]) {
	const maxTries = 10000
	c := Make[T](gp, buffer)
	var v T
	if i, _ := Select(gp, RecvCase(c, &v), Default()); i != 1 {
		t.Errorf("%T buffer %d: blocked sender", v, buffer)
	}
	gp.Go(func(gp *G) { // receiver
		if got := c.Recv(gp); got != toRecv {
			t.Errorf("%T receiver: got %v, want %v", v, got, toRecv)
		}
		sync.Send(gp, true)
	})
	for try := 0; ; try++ {
		if i, _ := Select(gp, SendCase(c, toRecv), Default()); i == 0 {
			break
		}
		if try > maxTries {
			t.Errorf("%T receiver buffer=%d: fail", v, buffer)
			return
		}
		yield(gp, "sleep")
	}
	sync.Recv(gp)
	gp.Go(func(gp *G) { // sender
		c.Send(gp, toSend)
		sync.Send(gp, true)
	})
	if buffer > 0 {
		sync.Recv(gp)
	}
	for try := 0; ; try++ {
		if i, _ := Select(gp, RecvCase(c, &v), Default()); i == 0 {
			break
		}
		if try > maxTries {
			t.Errorf("%T sender buffer=%d: fail", v, buffer)
			return
		}
		yield(gp, "sleep")
	}
	if v != toSend {
		t.Errorf("%T sender value %v, want %v", v, v, toSend)
	}
	if buffer == 0 {
		sync.Recv(gp)
	}
}

// TestNonblockPort: non-blocking sends and receives of int32, int64, bool and string,
// on unbuffered and 1-buffered channels, never see a value that is not there, and
// retried, eventually meet their partner.
// Reference: test/chan/nonblock.go
func TestNonblockPort(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		sync := Make[bool](gp, 0)
		for buffer := range 2 {
			nonblockRound[int32](t, gp, buffer, 123, 234, sync)
			nonblockRound[int64](t, gp, buffer, 123456, 234567, sync)
			nonblockRound(t, gp, buffer, true, true, sync)
			nonblockRound(t, gp, buffer, "hello", "hello again", sync)
		}
	})
}

// TestSelect3Port: operations that always block (on nil channels, an empty or all-nil
// select, a select that could only match itself, an unready channel) block forever —
// the run ends in a deadlock — and those that never block (buffer room, closed
// channels, default) return; sends on closed channels panic and nil cases are never
// selected.
// Reference: test/chan/select3.go
func TestSelect3Port(t *testing.T) {
	const always, never = true, false
	type env struct {
		nilch, closedch Chan[int]
	}
	cases := []struct {
		name   string
		blocks bool
		f      func(gp *G, e env)
	}{
		{"send on nil", always, func(gp *G, e env) { e.nilch.Send(gp, 7) }},
		{"recv on nil", always, func(gp *G, e env) { e.nilch.Recv(gp) }},
		{"select send nil default", never, func(gp *G, e env) {
			if i, _ := Select(gp, SendCase(e.nilch, 7), Default()); i == 0 {
				panic("control flow shouldn't reach here")
			}
		}},
		{"select recv nil default", never, func(gp *G, e env) {
			if i, _ := Select(gp, RecvCase(e.nilch, nil), Default()); i == 0 {
				panic("control flow shouldn't reach here")
			}
		}},
		{"send with buffer room", never, func(gp *G, e env) { Make[int](gp, 1).Send(gp, 7) }},
		{"recv from closed", never, func(gp *G, e env) {
			for range 10 {
				if e.closedch.Recv(gp) != 0 {
					panic("expected zero value when reading from closed channel")
				}
				if x, ok := e.closedch.Recv2(gp); x != 0 || ok {
					panic("expected 0, false from closed channel")
				}
			}
		}},
		{"recv from unready", always, func(gp *G, e env) { Make[int](gp, 0).Recv(gp) }},
		{"empty select", always, func(gp *G, e env) { Select(gp) }},
		{"select nil recv", always, func(gp *G, e env) { Select(gp, RecvCase(e.nilch, nil)) }},
		{"select nil send", always, func(gp *G, e env) { Select(gp, SendCase(e.nilch, 7)) }},
		{"select nil both", always, func(gp *G, e env) { Select(gp, RecvCase(e.nilch, nil), SendCase(e.nilch, 7)) }},
		{"select unready", always, func(gp *G, e env) { Select(gp, RecvCase(Make[int](gp, 0), nil)) }},
		{"select default", never, func(gp *G, e env) { Select(gp, Default()) }},
		{"select nil recv default", never, func(gp *G, e env) { Select(gp, RecvCase(e.nilch, nil), Default()) }},
		{"select nil send default", never, func(gp *G, e env) { Select(gp, SendCase(e.nilch, 7), Default()) }},
		{"select ready send", never, func(gp *G, e env) {
			if i, _ := Select(gp, SendCase(Make[int](gp, 1), 7), Default()); i != 0 {
				panic("control flow shouldn't reach here")
			}
		}},
		{"select ready recv", never, func(gp *G, e env) {
			ch := Make[int](gp, 1)
			ch.Send(gp, 7)
			if i, _ := Select(gp, RecvCase(ch, nil), Default()); i != 0 {
				panic("control flow shouldn't reach here")
			}
		}},
		{"select closed recv", never, func(gp *G, e env) { Select(gp, RecvCase(e.closedch, nil)) }},
		{"select closed recv ok", never, func(gp *G, e env) {
			var x int
			Select(gp, RecvCase(e.closedch, &x))
		}},
		{"select sees itself", always, func(gp *G, e env) {
			c := Make[int](gp, 0)
			Select(gp, SendCase(c, 1), RecvCase(c, nil))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := finishes
			if tc.blocks {
				want = func(t *testing.T, r Result) {
					if r.Status != StatusDeadlock {
						t.Errorf("run ended with %v, want a deadlock (the operation must block):\n%v", r.Status, r)
					}
				}
			}
			inModes(t, func(t *testing.T, gp *G) {
				closedch := Make[int](gp, 0)
				closedch.Close(gp)
				tc.f(gp, env{closedch: closedch})
			}, want)
		})
	}
	// Sending to a closed channel panics, in a plain send and a one-case select.
	inAllModes(t, func(t *testing.T, gp *G) {
		closedch := Make[int](gp, 0)
		closedch.Close(gp)
		for _, f := range []func(){
			func() { closedch.Send(gp, 7) },
			func() { Select(gp, SendCase(closedch, 7)) },
		} {
			if catch(f) == nil {
				t.Errorf("function did not panic")
			}
		}
	})
}

// TestSelect6Port: a select whose losing sudog is the last in its channel's queue is
// dequeued correctly: the receivers queued on c1 behind and in front of it are still
// served, and the select's panicking case is never taken.
// Reference: test/chan/select6.go
func TestSelect6Port(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c1, c2, c3 := Make[bool](gp, 0), Make[bool](gp, 0), Make[bool](gp, 0)
		gp.Go(func(gp *G) { c1.Recv(gp) })
		gp.Go(func(gp *G) {
			if i, _ := Select(gp, RecvCase(c1, nil), RecvCase(c2, nil)); i == 0 {
				panic("dummy")
			}
			c3.Send(gp, true)
			c1.Recv(gp)
		})
		gp.Go(func(gp *G) { c2.Send(gp, true) })
		c3.Recv(gp)
		c1.Send(gp, true)
		c1.Send(gp, true)
	})
}

// TestSieve1Port: the concurrent prime sieve, a daisy chain of filter goroutines with a
// new channel per prime, yields the first 25 primes in order.
// Reference: test/chan/sieve1.go
func TestSieve1Port(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		primes := Make[int](gp, 0)
		gp.Go(func(gp *G) { // Sieve(primes)
			ch := Make[int](gp, 0)
			gen := ch
			gp.Go(func(gp *G) { // Generate(ch)
				for i := 2; ; i++ {
					gen.Send(gp, i)
				}
			})
			for {
				prime := ch.Recv(gp)
				primes.Send(gp, prime)
				ch1 := Make[int](gp, 0)
				in, out := ch, ch1
				gp.Go(func(gp *G) { // Filter(ch, ch1, prime)
					for i, ok := in.Recv2(gp); ok; i, ok = in.Recv2(gp) {
						if i%prime != 0 {
							out.Send(gp, i)
						}
					}
				})
				ch = ch1
			}
		})
		a := []int{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97}
		var got []int
		for range a {
			got = append(got, primes.Recv(gp))
		}
		if !slices.Equal(got, a) {
			t.Errorf("primes %v, want %v", got, a)
		}
	})
}

// TestZeroSizePort: channels of zero-size element types can be made, unbuffered and
// buffered.
// Reference: test/chan/zerosize.go
func TestZeroSizePort(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		_ = Make[[0]byte](gp, 0)
		_ = Make[[0]byte](gp, 1)
		_ = Make[struct{}](gp, 0)
		_ = Make[struct{}](gp, 1)
	})
}
