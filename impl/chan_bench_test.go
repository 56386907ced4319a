package impl

// Comparison benchmarks (issue 3 §5): each has a `native` sub-benchmark on real Go
// channels and goroutines and an `impl` one on this package's channels in Parallel mode
// with Procs 2, so one `go test -bench` run gives both sides:
//
//	go test ./impl/ -run '^$' -bench 'BufferedSendRecv|PingPong|ProdCons|MPMC|Select2Ready|SelectDefaultEmpty|CloseWake1000' -cpu 2 -count 6
//
// An impl sub-benchmark makes one Runtime per call of the benchmark function, whose main
// goroutine runs the whole b.N loop; the timer covers only that loop (benchRun). Every
// op is what the benchmark's name says, with the value sent being the loop counter.

import (
	"bytes"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
)

// benchProcs is the number of Ps of the impl side (the GOMAXPROCS=2).
const benchProcs = 2

// benchRun runs body as the main goroutine of a Parallel run with benchProcs Ps and no
// step bound, with the benchmark timer running only inside body's timed part: body
// calls start once its setup is done; the timer stops when body returns, before the
// run's tear-down.
func benchRun(b *testing.B, body func(gp *G, start func())) {
	b.Helper()
	b.StopTimer()
	r := New(Config{Mode: Parallel, Procs: benchProcs, MaxSteps: -1}).Run(func(gp *G) {
		body(gp, func() { b.ResetTimer(); b.StartTimer() })
		b.StopTimer()
	})
	mustFinish(b, r)
}

// nativeRun is benchRun's counterpart for the native side.
func nativeRun(b *testing.B, body func(start func())) {
	b.Helper()
	b.StopTimer()
	body(func() { b.ResetTimer(); b.StartTimer() })
	b.StopTimer()
}

// split returns the share of n that worker i of k takes: the shares add up to n.
func split(n, i, k int) int {
	s := n / k
	if i < n%k {
		s++
	}
	return s
}

// BenchmarkBufferedSendRecv: one goroutine sends a value into a channel of capacity 128
// and receives it back; an op is one send plus one receive, neither of which blocks.
func BenchmarkBufferedSendRecv(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			c := make(chan int, 128)
			start()
			for i := range b.N {
				c <- i
				<-c
			}
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			c := Make[int](gp, 128)
			start()
			for i := range b.N {
				c.Send(gp, i)
				c.Recv(gp)
			}
		})
	})
}

// BenchmarkPingPong: an unbuffered round trip between two goroutines; an op is a send
// to the partner and a send back, each handed directly to the parked receiver.
func BenchmarkPingPong(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			ping, pong := make(chan int), make(chan int)
			go func() {
				for range b.N {
					pong <- <-ping
				}
			}()
			start()
			for i := range b.N {
				ping <- i
				<-pong
			}
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			ping, pong := Make[int](gp, 0), Make[int](gp, 0)
			gp.Go(func(gp *G) {
				for range b.N {
					pong.Send(gp, ping.Recv(gp))
				}
			})
			start()
			for i := range b.N {
				ping.Send(gp, i)
				pong.Recv(gp)
			}
		})
	})
}

// BenchmarkProdCons: one producer sends b.N values through a channel of capacity 1 to
// one consumer; an op is one value through.
func BenchmarkProdCons(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			c := make(chan int, 1)
			done := make(chan struct{})
			go func() {
				for range b.N {
					<-c
				}
				close(done)
			}()
			start()
			for i := range b.N {
				c <- i
			}
			<-done
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			c := Make[int](gp, 1)
			done := Make[struct{}](gp, 0)
			gp.Go(func(gp *G) {
				for range b.N {
					c.Recv(gp)
				}
				done.Close(gp)
			})
			start()
			for i := range b.N {
				c.Send(gp, i)
			}
			done.Recv(gp)
		})
	})
}

// mpmcProcs is the number of producers, and of consumers, of BenchmarkMPMC.
const mpmcProcs = 4

// BenchmarkMPMC: 4 producers and 4 consumers share a channel of capacity 64; b.N values
// go through in all, and an op is one value through.
func BenchmarkMPMC(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			c := make(chan int, 64)
			var wg sync.WaitGroup
			gate := make(chan struct{})
			for i := range mpmcProcs {
				wg.Add(2)
				go func() {
					defer wg.Done()
					<-gate
					for j := range split(b.N, i, mpmcProcs) {
						c <- j
					}
				}()
				go func() {
					defer wg.Done()
					<-gate
					for range split(b.N, i, mpmcProcs) {
						<-c
					}
				}()
			}
			start()
			close(gate)
			wg.Wait()
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			c := Make[int](gp, 64)
			gate := Make[struct{}](gp, 0)
			done := Make[struct{}](gp, 2*mpmcProcs)
			for i := range mpmcProcs {
				gp.Go(func(gp *G) {
					gate.Recv(gp)
					for j := range split(b.N, i, mpmcProcs) {
						c.Send(gp, j)
					}
					done.Send(gp, struct{}{})
				})
				gp.Go(func(gp *G) {
					gate.Recv(gp)
					for range split(b.N, i, mpmcProcs) {
						c.Recv(gp)
					}
					done.Send(gp, struct{}{})
				})
			}
			start()
			gate.Close(gp)
			for range 2 * mpmcProcs {
				done.Recv(gp)
			}
		})
	})
}

// BenchmarkSelect2Ready: a select of two receive cases that are both ready. Both
// channels are closed, so they stay ready without a second operation per op to refill
// them, and the op is the select alone: lock both channels, pass 1 in a random order,
// take the first ready case, unlock.
func BenchmarkSelect2Ready(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			c1, c2 := make(chan int), make(chan int)
			close(c1)
			close(c2)
			var n [2]int
			start()
			for range b.N {
				select {
				case <-c1:
					n[0]++
				case <-c2:
					n[1]++
				}
			}
			b.StopTimer()
			checkBothChosen(b, n)
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			c1, c2 := Make[int](gp, 0), Make[int](gp, 0)
			c1.Close(gp)
			c2.Close(gp)
			var n [2]int
			var v int
			start()
			for range b.N {
				i, _ := Select(gp, RecvCase(c1, &v), RecvCase(c2, &v))
				n[i]++
			}
			b.StopTimer()
			checkBothChosen(b, n)
		})
	})
}

// checkBothChosen fails unless a select over two ready cases chose each of them (with
// at least 100 selects, missing one by chance has probability 2^-99).
func checkBothChosen(b *testing.B, n [2]int) {
	if n[0]+n[1] >= 100 && (n[0] == 0 || n[1] == 0) {
		b.Fatalf("select over two ready cases chose them %d and %d times", n[0], n[1])
	}
}

// BenchmarkSelectDefaultEmpty: a select of two receive cases on empty channels and a
// default; an op is the select taking its default.
func BenchmarkSelectDefaultEmpty(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		nativeRun(b, func(start func()) {
			c1, c2 := make(chan int), make(chan int)
			start()
			for range b.N {
				select {
				case <-c1:
					b.Fatal("received from an empty channel")
				case <-c2:
					b.Fatal("received from an empty channel")
				default:
				}
			}
		})
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			c1, c2 := Make[int](gp, 0), Make[int](gp, 0)
			var v int
			start()
			for range b.N {
				if i, _ := Select(gp, RecvCase(c1, &v), RecvCase(c2, &v), Default()); i != 2 {
					b.Fatalf("select chose case %d of two empty channels and a default", i)
				}
			}
		})
	})
}

// closeWaiters is the number of receivers BenchmarkCloseWake1000 parks on the channel.
const closeWaiters = 1000

// BenchmarkCloseWake1000: close a channel on which 1000 receivers are parked. Per
// iteration, with the timer stopped, 1000 fresh goroutines start and park on a fresh
// channel; the timed part is the close plus every receiver waking and running until it
// has counted itself out (the last one tells the closer). ns/op is per close;
// ns/waiter divides it among the waiters.
//
// Parked, without sleeping: on the impl side, once every receiver has counted itself in,
// the recvq of the channel is read under its lock (a receiver's sudog is enqueued under
// the lock, and the lock is released only after the receiver is marked waiting). On the native side, every receiver counts
// itself in just before it receives; once all have, no goroutine may be running or
// runnable besides the benchmark's own (runtime/metrics' scheduler counts), so each
// receiver is blocked, and the only thing it can block on is the receive.
// The first iteration checks that against the goroutines' stacks.
func BenchmarkCloseWake1000(b *testing.B) {
	b.Run("native", func(b *testing.B) {
		b.StopTimer()
		done := make(chan struct{})
		for it := range b.N {
			c := make(chan int)
			var entered, left atomic.Int32
			left.Store(closeWaiters)
			for range closeWaiters {
				go func() {
					entered.Add(1)
					<-c
					if left.Add(-1) == 0 {
						done <- struct{}{}
					}
				}()
			}
			for entered.Load() < closeWaiters {
				runtime.Gosched()
			}
			waitNativeParked(b, it == 0)
			b.StartTimer()
			close(c)
			<-done
			b.StopTimer()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/closeWaiters, "ns/waiter")
	})
	b.Run("impl", func(b *testing.B) {
		benchRun(b, func(gp *G, start func()) {
			done := Make[struct{}](gp, 0)
			for it := range b.N {
				c := Make[int](gp, 0)
				var entered, left atomic.Int32
				left.Store(closeWaiters)
				for range closeWaiters {
					gp.Go(func(gp *G) {
						entered.Add(1)
						c.Recv(gp)
						if left.Add(-1) == 0 {
							done.Send(gp, struct{}{})
						}
					})
				}
				// Cheaply until every receiver has started, then from the recvq, which
				// takes c's lock and walks the queue.
				for entered.Load() < closeWaiters || parkedRecvs(gp, c.c) < closeWaiters {
					yield(gp, "benchmark: wait for the receivers to park")
				}
				if it == 0 {
					start()
				} else {
					b.StartTimer()
				}
				c.Close(gp)
				done.Recv(gp)
				b.StopTimer()
			}
		})
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/closeWaiters, "ns/waiter")
	})
}

// parkedRecvs returns the number of sudogs on c's recvq: receivers parked on c, or
// marked waiting and about to release c's lock in chanparkcommit.
func parkedRecvs(gp *G, c *hchan) int {
	lock(gp, &c.lock)
	n := c.recvq.len()
	unlock(gp, &c.lock)
	return n
}

// nativeSched are the runtime/metrics scheduler counts waitNativeParked reads.
var nativeSched = []metrics.Sample{
	{Name: "/sched/goroutines/running:goroutines"},
	{Name: "/sched/goroutines/runnable:goroutines"},
}

// waitNativeParked waits until no goroutine runs or is runnable besides the caller. If
// check, it then counts the goroutines blocked in a receive in a dump of every stack.
func waitNativeParked(b *testing.B, check bool) {
	for {
		metrics.Read(nativeSched)
		if nativeSched[0].Value.Uint64() <= 1 && nativeSched[1].Value.Uint64() == 0 {
			break
		}
		runtime.Gosched()
	}
	if !check {
		return
	}
	buf := make([]byte, 8<<20)
	buf = buf[:runtime.Stack(buf, true)]
	if n := bytes.Count(buf, []byte("[chan receive]")); n < closeWaiters {
		b.Fatalf("%d goroutines blocked in a receive, want %d", n, closeWaiters)
	}
}
