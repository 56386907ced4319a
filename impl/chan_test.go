package impl

// Table tests of the typed channel API, one per SEMANTICS item in impl's scope (4-9,
// 11-19, 22, 23, 28-36, 39). Every test body runs as the main goroutine of a fresh
// Runtime under each configuration of chanModes: Deterministic with several seeds, with
// the fast paths off and round-robin, and Parallel. Orders that the runtime guarantees
// only for goroutines that parked one after another (FIFO, rotation) are set up with a
// state probe, never a sleep: the main goroutine starts one goroutine, polls its
// channel's wait queue under the channel's lock until the goroutine's sudog is on it,
// and only then starts the next.

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"testing"
)

// modeConfig is one configuration a channel test runs under.
type modeConfig struct {
	name string
	cfg  func() Config // a fresh Config per run: Choosers serve one run
	// fair: the run's random source (fastrandn) is uniform; round-robin's is not, so
	// statistical tests of select's choice skip it.
	fair bool
}

// chanModes lists the configurations every test of this file runs under. testing.Short
// cuts the number of seeds, not the modes.
func chanModes() []modeConfig {
	seeds := 6
	if testing.Short() {
		seeds = 3
	}
	const maxSteps = 2_000_000 // a test that polls for a park that never comes fails, not hangs
	var ms []modeConfig
	for s := range seeds {
		ms = append(ms, modeConfig{fmt.Sprintf("det/seed=%d", s), func() Config {
			return Config{Mode: Deterministic, Seed: uint64(s), MaxSteps: maxSteps}
		}, true})
	}
	ms = append(ms,
		modeConfig{"det/nofastpath", func() Config {
			return Config{Mode: Deterministic, Seed: 99, NoFastPath: true, MaxSteps: maxSteps}
		}, true},
		modeConfig{"det/roundrobin", func() Config {
			return Config{Mode: Deterministic, Chooser: NewRoundRobin(), MaxSteps: maxSteps}
		}, false},
		modeConfig{"par/procs=2", func() Config { return Config{Mode: Parallel, Procs: 2, MaxSteps: maxSteps} }, true},
		modeConfig{"par/procs=1", func() Config { return Config{Mode: Parallel, Procs: 1, MaxSteps: maxSteps} }, true},
		modeConfig{"par/procs=2/nofastpath", func() Config {
			return Config{Mode: Parallel, Procs: 2, NoFastPath: true, MaxSteps: maxSteps}
		}, true},
	)
	return ms
}

// inModes runs main as goroutine 1 of a fresh Runtime under each of chanModes, as
// subtests, and hands each Result to check. main reports with t.Errorf (never t.Fatal:
// it runs on a goroutine of the run). A failed deterministic subtest logs the schedule
// that replays it.
func inModes(t *testing.T, main func(t *testing.T, gp *G), check func(t *testing.T, r Result)) {
	t.Helper()
	inModesIf(t, func(modeConfig) bool { return true }, main, check)
}

// inModesIf is inModes restricted to the modes keep accepts.
func inModesIf(t *testing.T, keep func(modeConfig) bool, main func(t *testing.T, gp *G), check func(t *testing.T, r Result)) {
	t.Helper()
	for _, mc := range chanModes() {
		if !keep(mc) {
			continue
		}
		t.Run(mc.name, func(t *testing.T) { runOne(t, mc.cfg(), main, check) })
	}
}

// runOne runs main as goroutine 1 of a fresh Runtime configured by cfg and hands the
// Result to check. If the test has failed by then and the run was deterministic, it
// logs the schedule that replays the run; every failure of a parallel run names its
// mode in the subtest.
func runOne(t *testing.T, cfg Config, main func(t *testing.T, gp *G), check func(t *testing.T, r Result)) Result {
	t.Helper()
	r := New(cfg).Run(func(gp *G) { main(t, gp) })
	check(t, r)
	if t.Failed() && cfg.Mode == Deterministic {
		rs := r.Schedule
		if len(rs) > 2000 {
			rs = rs[:2000] + "..."
		}
		t.Logf("replay (%v, seed %d): Config{Chooser: NewReplay(%q)}", cfg.Mode, cfg.Seed, rs)
	}
	return r
}

// isFair keeps the modes whose random source is uniform.
func isFair(mc modeConfig) bool { return mc.fair }

// finishes is the check of a run that must end with main returning.
func finishes(t *testing.T, r Result) {
	t.Helper()
	if r.Status != StatusFinished {
		t.Errorf("run ended with %v, want finished:\n%v", r.Status, r)
	}
}

// inAllModes runs main under every mode and requires every run to finish.
func inAllModes(t *testing.T, main func(t *testing.T, gp *G)) {
	t.Helper()
	inModes(t, main, finishes)
}

// deadlocksWith returns the check of a run that must end in a deadlock in which
// goroutine g waits with the given reason.
func deadlocksWith(g int64, reason string) func(t *testing.T, r Result) {
	return func(t *testing.T, r Result) {
		t.Helper()
		if r.Status != StatusDeadlock {
			t.Errorf("run ended with %v, want deadlock:\n%v", r.Status, r)
			return
		}
		for _, b := range r.Blocked {
			if b.G == g {
				if b.Reason != reason {
					t.Errorf("goroutine %d waits with reason %q, want %q:\n%s", g, b.Reason, reason, r.Report)
				}
				return
			}
		}
		t.Errorf("goroutine %d is not in the deadlock report:\n%s", g, r.Report)
	}
}

// catch calls f and returns what it panicked with, or nil. The tear-down of the run is
// not caught: it goes on unwinding.
func catch(f func()) (r any) {
	defer func() {
		r = recover()
		if r == errTornDown {
			panic(r)
		}
	}()
	f()
	return nil
}

// nativePanic returns the text of the value f panics with, f being code on real Go
// channels: what the Go runtime itself says.
func nativePanic(f func()) (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	f()
	return "<no panic>"
}

// qlen returns the number of sudogs on c's sendq (send) or recvq, read under c's lock:
// a state probe that is race-free in both modes.
func qlen[T any](gp *G, c Chan[T], send bool) int {
	h := c.c
	lock(gp, &h.lock)
	q := &h.recvq
	if send {
		q = &h.sendq
	}
	n := q.len()
	unlock(gp, &h.lock)
	return n
}

// awaitQ polls qlen until it is at least n, with a scheduling point between polls so
// that the goroutines it waits for can run. It never sleeps: a goroutine that never
// parks makes the run reach its step limit.
func awaitQ[T any](gp *G, c Chan[T], send bool, n int) {
	for qlen(gp, c, send) < n {
		yield(gp, "poll")
	}
}

// awaitRecvq waits until n receivers' sudogs are on c's recvq.
func awaitRecvq[T any](gp *G, c Chan[T], n int) { awaitQ(gp, c, false, n) }

// awaitSendq waits until n senders' sudogs are on c's sendq.
func awaitSendq[T any](gp *G, c Chan[T], n int) { awaitQ(gp, c, true, n) }

// isRuntimeError reports whether v implements runtime.Error.
func isRuntimeError(v any) bool {
	_, ok := v.(runtime.Error)
	return ok
}

// panicCase is an operation that must panic like the runtime, and what must still work
// afterwards.
type panicCase struct {
	name   string
	native func()                        // the same operation on real Go channels
	op     func(t *testing.T, gp *G) any // returns the recovered panic value
	rtErr  bool                          // the value implements runtime.Error
	after  func(t *testing.T, gp *G)     // the channels involved still work (item 39)
	want   string                        // the text, as the Go runtime prints it
}

// closedInt returns a closed channel of int with the given buffer, holding vals.
func closedInt(gp *G, size int, vals ...int) Chan[int] {
	c := Make[int](gp, size)
	for _, v := range vals {
		c.Send(gp, v)
	}
	c.Close(gp)
	return c
}

// expectRecv2 receives from c and reports unless it got (v, ok).
func expectRecv2[T comparable](t *testing.T, gp *G, c Chan[T], v T, ok bool) {
	t.Helper()
	if gv, gok := c.Recv2(gp); gv != v || gok != ok {
		t.Errorf("Recv2 = (%v, %v), want (%v, %v)", gv, gok, v, ok)
	}
}

// panicCases are the runtime's panics of make, send, close and select; each one's
// channels are used again after the recover.
var panicCases = []panicCase{
	{
		name:   "make negative size",
		native: func() { n := -1; _ = make(chan int, n) },
		op:     func(t *testing.T, gp *G) any { return catch(func() { Make[int](gp, -1) }) },
		rtErr:  true, want: "makechan: size out of range",
		after: func(t *testing.T, gp *G) {
			c := Make[int](gp, 1)
			c.Send(gp, 3)
			expectRecv2(t, gp, c, 3, true)
		},
	},
	{
		name:   "make size times elem overflows maxAlloc",
		native: func() { n := (1<<48-112)/8 + 1; _ = make(chan int64, n) },
		op: func(t *testing.T, gp *G) any {
			return catch(func() { Make[int64](gp, (1<<48-112)/8+1) }) // maxAlloc - hchanSize on 64-bit Linux
		},
		rtErr: true, want: "makechan: size out of range",
	},
	{
		name:   "make MaxInt",
		native: func() { n := math.MaxInt; _ = make(chan int, n) },
		op:     func(t *testing.T, gp *G) any { return catch(func() { Make[int](gp, math.MaxInt) }) },
		rtErr:  true, want: "makechan: size out of range",
	},
	{
		name:   "make large elements",
		native: func() { n := 1 << 34; _ = make(chan [1 << 15]byte, n) },
		op:     func(t *testing.T, gp *G) any { return catch(func() { Make[[1 << 15]byte](gp, 1<<34) }) },
		rtErr:  true, want: "makechan: size out of range",
	},
	{
		name:   "close nil",
		native: func() { var c chan int; close(c) },
		op: func(t *testing.T, gp *G) any {
			var c Chan[int]
			return catch(func() { c.Close(gp) })
		},
		rtErr: true, want: "close of nil channel",
		after: func(t *testing.T, gp *G) {
			var c Chan[int]
			if c.Len(gp) != 0 || c.Cap(gp) != 0 || c.TrySend(gp, 1) {
				t.Errorf("nil channel after close(nil): len %d cap %d, or a send succeeded", c.Len(gp), c.Cap(gp))
			}
		},
	},
	{
		name:   "close closed",
		native: func() { c := make(chan int, 1); close(c); close(c) },
		op: func(t *testing.T, gp *G) any {
			c := closedInt(gp, 1, 5)
			r := catch(func() { c.Close(gp) })
			expectRecv2(t, gp, c, 5, true) // the buffered value survives
			expectRecv2(t, gp, c, 0, false)
			return r
		},
		rtErr: true, want: "close of closed channel",
	},
	{
		name:   "send on closed buffered with room",
		native: func() { c := make(chan int, 2); close(c); c <- 1 },
		op: func(t *testing.T, gp *G) any {
			c := closedInt(gp, 2)
			r := catch(func() { c.Send(gp, 1) }) // closed is checked before room (item 11)
			if n := c.Len(gp); n != 0 {
				t.Errorf("len %d after a panicking send, want 0", n)
			}
			expectRecv2(t, gp, c, 0, false)
			if r2 := catch(func() { c.Close(gp) }); fmt.Sprint(r2) != "close of closed channel" {
				t.Errorf("close after the send's panic: %v", r2)
			}
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name:   "send on closed unbuffered",
		native: func() { c := make(chan int); close(c); c <- 1 },
		op: func(t *testing.T, gp *G) any {
			c := closedInt(gp, 0)
			r := catch(func() { c.Send(gp, 1) })
			expectRecv2(t, gp, c, 0, false)
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "non-blocking send on closed",
		native: func() {
			c := make(chan int)
			close(c)
			select {
			case c <- 1:
			default:
			}
		},
		op: func(t *testing.T, gp *G) any {
			c := closedInt(gp, 0)
			r := catch(func() { c.TrySend(gp, 1) }) // the fast path must not report "not ready"
			expectRecv2(t, gp, c, 0, false)
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "select send case on closed",
		native: func() {
			c, d := make(chan int), make(chan int)
			close(c)
			select {
			case c <- 1:
			case <-d:
			}
		},
		op: func(t *testing.T, gp *G) any {
			c, d := closedInt(gp, 0), Make[int](gp, 1)
			r := catch(func() { Select(gp, SendCase(c, 1), RecvCase(d, nil)) })
			d.Send(gp, 4) // every lock of the select was released
			expectRecv2(t, gp, d, 4, true)
			expectRecv2(t, gp, c, 0, false)
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "select send case on closed with default",
		native: func() {
			c, d := make(chan int), make(chan int)
			close(c)
			select {
			case <-d:
			case c <- 1:
			default:
			}
		},
		op: func(t *testing.T, gp *G) any {
			c, d := closedInt(gp, 0), Make[int](gp, 1)
			r := catch(func() { Select(gp, RecvCase(d, nil), SendCase(c, 1), Default()) })
			if !d.TrySend(gp, 4) {
				t.Errorf("d is not usable after the select's panic")
			}
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "one-case select send on closed",
		native: func() {
			c := make(chan int, 1)
			close(c)
			select {
			case c <- 1:
			}
		},
		op: func(t *testing.T, gp *G) any {
			c := closedInt(gp, 1)
			return catch(func() { Select(gp, SendCase(c, 1)) })
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name:   "parked sender released by close",
		native: func() { c := make(chan int); close(c); c <- 1 }, // chansend has one message for both paths
		op: func(t *testing.T, gp *G) any {
			c := Make[int](gp, 0)
			res := Make[any](gp, 1)
			gp.Go(func(gp *G) { res.Send(gp, catch(func() { c.Send(gp, 1) })) })
			awaitSendq(gp, c, 1)
			c.Close(gp)
			r := res.Recv(gp)
			expectRecv2(t, gp, c, 0, false)
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "parked select send released by close",
		native: func() {
			c, d := make(chan int), make(chan int)
			close(c)
			select { // selectgo has one message for pass 1 and wake-up
			case c <- 1:
			case <-d:
			}
		},
		op: func(t *testing.T, gp *G) any {
			c, d := Make[int](gp, 0), Make[int](gp, 0)
			res := Make[any](gp, 1)
			gp.Go(func(gp *G) {
				res.Send(gp, catch(func() { Select(gp, SendCase(c, 1), RecvCase(d, nil)) }))
			})
			awaitSendq(gp, c, 1)
			c.Close(gp)
			r := res.Recv(gp)
			if d.TrySend(gp, 1) {
				t.Errorf("a send on d found a receiver: the select's sudog on d was not dequeued")
			}
			return r
		},
		rtErr: true, want: "send on closed channel",
	},
	{
		name: "select with more than 65536 cases",
		native: func() {
			reflect.Select(make([]reflect.SelectCase, MaxSelectCases+1))
		},
		op: func(t *testing.T, gp *G) any {
			var c Chan[int]
			cases := make([]Case, MaxSelectCases+1)
			for i := range cases {
				cases[i] = RecvCase(c, nil)
			}
			return catch(func() { Select(gp, cases...) })
		},
		want: "reflect.Select: too many cases (max 65536)",
	},
	{
		name: "select with two defaults",
		native: func() {
			reflect.Select([]reflect.SelectCase{{Dir: reflect.SelectDefault}, {Dir: reflect.SelectDefault}})
		},
		op: func(t *testing.T, gp *G) any {
			return catch(func() { Select(gp, Default(), Default()) })
		},
		want: "reflect.Select: multiple default cases",
	},
}

// TestChanPanicMessages: make with a bad size, close of nil or closed, send on closed
// (blocking, non-blocking, parked and woken by close, in a select), and selects beyond
// reflect.Select's limits panic with exactly the text Go's own runtime panics with (the
// native operation is run to compare); the make, send and close panics are
// runtime.Error values whose text has no "runtime error: " prefix; and every panic is
// raised after the locks are released, so the channels still work after recover.
// Reference: runtime/chan.go makechan, chansend, closechan; select.go selectgo;
// reflect.Select; SEMANTICS items 4, 8, 11, 13, 17, 31, 35, 36, 39.
func TestChanPanicMessages(t *testing.T) {
	for _, pc := range panicCases {
		t.Run(pc.name, func(t *testing.T) {
			if got := nativePanic(pc.native); got != pc.want {
				t.Fatalf("Go's runtime panics with %q, the test expects %q", got, pc.want)
			}
			inAllModes(t, func(t *testing.T, gp *G) {
				r := pc.op(t, gp)
				if r == nil {
					t.Errorf("no panic, want %q", pc.want)
					return
				}
				if got := fmt.Sprint(r); got != pc.want {
					t.Errorf("panic %q, want %q", got, pc.want)
				}
				if isRuntimeError(r) != pc.rtErr {
					t.Errorf("panic value %T: runtime.Error is %v, want %v", r, !pc.rtErr, pc.rtErr)
				}
				if pc.after != nil {
					pc.after(t, gp)
				}
			})
		})
	}
}

// TestMakeZeroSizeHugeCap: channels of zero-size element types accept any non-negative
// capacity, up to math.MaxInt, allocate no buffer and still count their values.
// Reference: runtime/chan.go makechan; test/chan/zerosize.go; SEMANTICS item 5.
func TestMakeZeroSizeHugeCap(t *testing.T) {
	for _, size := range []int{0, 1, 3, 1 << 40, math.MaxInt} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			inAllModes(t, func(t *testing.T, gp *G) {
				zeroSizeChan[struct{}](t, gp, size)
				zeroSizeChan[[0]int64](t, gp, size)
				zeroSizeChan[[4][0]string](t, gp, size)
			})
		})
	}
}

func zeroSizeChan[T comparable](t *testing.T, gp *G, size int) {
	var zero T
	c := Make[T](gp, size)
	if c.Cap(gp) != size || c.Len(gp) != 0 {
		t.Errorf("chan %T: cap %d len %d, want %d 0", zero, c.Cap(gp), c.Len(gp), size)
	}
	n := min(size, 3)
	for range n {
		c.Send(gp, zero)
	}
	if c.Len(gp) != n {
		t.Errorf("chan %T: len %d after %d sends", zero, c.Len(gp), n)
	}
	if size == n && c.TrySend(gp, zero) {
		t.Errorf("chan %T: a send on a full channel succeeded", zero)
	}
	c.Close(gp)
	for range n {
		expectRecv2(t, gp, c, zero, true)
	}
	expectRecv2(t, gp, c, zero, false)
}

// TestMakeNewChannel: a new channel is not nil, is open (a non-blocking receive is not
// ready), has len 0 and cap equal to the size it was made with.
// Reference: Go spec "Making slices, maps and channels"; SEMANTICS item 6.
func TestMakeNewChannel(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		for _, size := range []int{0, 1, 7} {
			c := Make[string](gp, size)
			if c.IsNil() || c.Len(gp) != 0 || c.Cap(gp) != size {
				t.Errorf("make(chan string, %d): nil %v len %d cap %d", size, c.IsNil(), c.Len(gp), c.Cap(gp))
			}
			if _, _, selected := c.TryRecv(gp); selected {
				t.Errorf("make(chan string, %d): a receive on a new channel is ready", size)
			}
			if got := c.TrySend(gp, "x"); got != (size > 0) {
				t.Errorf("make(chan string, %d): non-blocking send = %v", size, got)
			}
		}
	})
}

// TestNilChanBlocksForever: a blocking operation on a nil channel, a select whose cases
// are all on nil channels, and a select with no cases block forever, so a run whose
// main does one ends in a deadlock with the runtime's wait reason (a one-case select is
// lowered to the plain operation; a select of several nil cases parks as "select").
// Other goroutines running meanwhile do not wake it.
// Reference: runtime/chan.go chansend, chanrecv (c == nil); select.go block, selectgo;
// test/chan/select3.go; SEMANTICS items 7, 9, 28.
func TestNilChanBlocksForever(t *testing.T) {
	cases := []struct {
		name, reason string
		op           func(gp *G, c Chan[int])
	}{
		{"send", "chan send (nil chan)", func(gp *G, c Chan[int]) { c.Send(gp, 1) }},
		{"recv", "chan receive (nil chan)", func(gp *G, c Chan[int]) { c.Recv(gp) }},
		{"recv2", "chan receive (nil chan)", func(gp *G, c Chan[int]) { c.Recv2(gp) }},
		{"select one recv", "chan receive (nil chan)", func(gp *G, c Chan[int]) { Select(gp, RecvCase(c, nil)) }},
		{"select one send", "chan send (nil chan)", func(gp *G, c Chan[int]) { Select(gp, SendCase(c, 1)) }},
		{"select all nil", "select", func(gp *G, c Chan[int]) { Select(gp, RecvCase(c, nil), SendCase(c, 1)) }},
		{"select no cases", "select (no cases)", func(gp *G, c Chan[int]) { Select(gp) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inModes(t, func(t *testing.T, gp *G) {
				busy := Make[int](gp, 1)
				gp.Go(func(gp *G) { // activity on other channels does not wake main
					for i := range 10 {
						busy.Send(gp, i)
						busy.Recv(gp)
					}
					busy.Close(gp)
				})
				var c Chan[int]
				tc.op(gp, c)
				t.Errorf("the operation on a nil channel returned")
			}, deadlocksWith(1, tc.reason))
		})
	}
}

// TestNilChanNotReady: non-blocking operations on a nil channel are never ready, a
// select takes its default over nil cases, and len and cap of nil are 0.
// Reference: runtime/chan.go chansend, chanrecv (!block); chanlen; SEMANTICS items 7-9.
func TestNilChanNotReady(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		var c Chan[int]
		if !c.IsNil() || c.Len(gp) != 0 || c.Cap(gp) != 0 {
			t.Errorf("nil channel: IsNil %v len %d cap %d", c.IsNil(), c.Len(gp), c.Cap(gp))
		}
		if c.TrySend(gp, 1) {
			t.Errorf("non-blocking send on nil succeeded")
		}
		if v, ok, selected := c.TryRecv(gp); selected || ok || v != 0 {
			t.Errorf("non-blocking receive on nil = (%v, %v, %v)", v, ok, selected)
		}
		if i, _ := Select(gp, SendCase(c, 1), RecvCase(c, nil), Default()); i != 2 {
			t.Errorf("select over nil cases with default took case %d, want the default (2)", i)
		}
	})
}

// TestSelectNilCasesNeverChosen: a nil case is never chosen, even when it is the only
// other case of a select whose one non-nil case is ready (a value, or closed).
// Reference: runtime/select.go selectgo (cas.c == nil); SEMANTICS item 9.
func TestSelectNilCasesNeverChosen(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		var nilc Chan[int]
		c := Make[int](gp, 1)
		for i := range 50 {
			c.Send(gp, i)
			v := -1
			got, ok := Select(gp, RecvCase(nilc, nil), SendCase(nilc, 7), RecvCase(c, &v), RecvCase(nilc, nil))
			if got != 2 || !ok || v != i {
				t.Errorf("select took case %d (%v, ok %v), want case 2 with %d", got, v, ok, i)
			}
		}
		c.Close(gp)
		for range 10 {
			if got, ok := Select(gp, SendCase(nilc, 1), RecvCase(c, nil)); got != 1 || ok {
				t.Errorf("select on a closed channel and nil took case %d ok %v, want 1 false", got, ok)
			}
		}
	})
}

// TestSendHandsOffToParkedReceiver: a send that finds a parked receiver hands the value
// over directly, even on a buffered channel: the buffer stays empty.
// Reference: runtime/chan.go chansend (c.recvq.dequeue), send; SEMANTICS items 11, 12.
func TestSendHandsOffToParkedReceiver(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		for _, size := range []int{0, 2} {
			c, res := Make[int](gp, size), Make[int](gp, 1)
			gp.Go(func(gp *G) { res.Send(gp, c.Recv(gp)) })
			awaitRecvq(gp, c, 1)
			c.Send(gp, 7)
			if n := c.Len(gp); n != 0 {
				t.Errorf("cap %d: len %d after a send to a parked receiver, want 0", size, n)
			}
			if v := res.Recv(gp); v != 7 {
				t.Errorf("cap %d: the receiver got %d, want 7", size, v)
			}
		}
	})
}

// TestSendNonBlocking: a non-blocking send succeeds while the buffer has room and is not
// ready once it is full or when nobody receives on an unbuffered channel; the values
// come out in order.
// Reference: runtime/chan.go chansend (!block); SEMANTICS items 11, 20.
func TestSendNonBlocking(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := Make[int](gp, 2)
		for i, want := range []bool{true, true, false, false} {
			if got := c.TrySend(gp, i); got != want {
				t.Errorf("TrySend #%d = %v, want %v", i, got, want)
			}
		}
		if c.Len(gp) != 2 {
			t.Errorf("len %d, want 2", c.Len(gp))
		}
		expectRecv2(t, gp, c, 0, true)
		expectRecv2(t, gp, c, 1, true)
		if u := Make[int](gp, 0); u.TrySend(gp, 1) {
			t.Errorf("TrySend on an unbuffered channel without receiver succeeded")
		}
	})
}

// TestRecvClosedDrainsBuffer: after close, the buffered values still come out, in
// order, with ok = true; then every receive (blocking, non-blocking, in a select)
// returns (zero, false) at once, forever, and zeroes the destination.
// Reference: runtime/chan.go chanrecv; runtime/chan_test.go TestChan ("receive 0 from
// closed chan"); SEMANTICS items 14, 16.
func TestRecvClosedDrainsBuffer(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := closedInt(gp, 3, 1, 2, 3)
		for v := 1; v <= 3; v++ {
			expectRecv2(t, gp, c, v, true)
		}
		for range 3 {
			expectRecv2(t, gp, c, 0, false)
			if v := c.Recv(gp); v != 0 {
				t.Errorf("Recv on closed = %d", v)
			}
			if v, ok, selected := c.TryRecv(gp); v != 0 || ok || !selected {
				t.Errorf("TryRecv on closed = (%v, %v, %v), want (0, false, true)", v, ok, selected)
			}
			v := 9
			if i, ok := Select(gp, RecvCase(c, &v), Default()); i != 0 || ok || v != 0 {
				t.Errorf("select on closed took case %d ok %v, value %d; want case 0, false, 0", i, ok, v)
			}
		}
		if c.Len(gp) != 0 || c.Cap(gp) != 3 {
			t.Errorf("drained closed channel: len %d cap %d", c.Len(gp), c.Cap(gp))
		}
	})
}

// TestRecvNonBlockingNotReady: a non-blocking receive from an open, empty channel is not
// ready and leaves the destination alone.
// Reference: runtime/chan.go chanrecv (!block); SEMANTICS items 14, 21.
func TestRecvNonBlockingNotReady(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		for _, size := range []int{0, 1} {
			c := Make[int](gp, size)
			if v, ok, selected := c.TryRecv(gp); selected || ok || v != 0 {
				t.Errorf("cap %d: TryRecv = (%v, %v, %v)", size, v, ok, selected)
			}
			v := 5
			if i, _ := Select(gp, RecvCase(c, &v), Default()); i != 1 || v != 5 {
				t.Errorf("cap %d: select took case %d, value %d", size, i, v)
			}
		}
	})
}

// TestRecvNonBlockingRecheck: a non-blocking receive racing a send and a close on an
// empty buffered channel either is not ready (and the value stays in the channel) or
// receives the value; it never reports the channel closed and drained while the value
// is still buffered: the fast path that sees "empty", then "closed", re-checks "empty".
// Reference: runtime/chan.go chanrecv (the second empty check); SEMANTICS item 21.
func TestRecvNonBlockingRecheck(t *testing.T) {
	raceRuns(t, short(20000, 3000), short(2000, 300), func(t *testing.T, gp *G, n int) {
		res := Make[string](gp, 1)
		for range n {
			c := Make[int](gp, 1)
			gp.Go(func(gp *G) {
				v, ok, selected := c.TryRecv(gp)
				res.Send(gp, fmt.Sprint(v, ok, selected))
			})
			c.Send(gp, 1)
			c.Close(gp)
			switch got := res.Recv(gp); got {
			case "0 false false": // not ready, before the send
				expectRecv2(t, gp, c, 1, true)
			case "1 true true":
				expectRecv2(t, gp, c, 0, false)
			default:
				t.Errorf("non-blocking receive returned (v, ok, selected) = (%s), want (0 false false) or (1 true true)", got)
				return
			}
		}
	})
}

// TestRecvRotation: a receive from a full buffer with parked senders takes the head of
// the buffer and moves the first parked sender's value to the tail, so a buffer
// [100, 101] with senders 0..4 parked in that order drains 100, 101, 0, 1, 2, 3, 4, and
// len stays at cap while senders wait.
// Reference: runtime/chan.go recv; SEMANTICS item 15.
func TestRecvRotation(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := Make[int](gp, 2)
		c.Send(gp, 100)
		c.Send(gp, 101)
		for i := range 5 {
			gp.Go(func(gp *G) { c.Send(gp, i) })
			awaitSendq(gp, c, i+1) // sender i parks before sender i+1 starts
		}
		var got []int
		for k := range 7 {
			got = append(got, c.Recv(gp))
			if want := min(2, 6-k); k < 5 && c.Len(gp) != want {
				t.Errorf("after receive %d: len %d, want %d", k, c.Len(gp), want)
			}
		}
		if want := []int{100, 101, 0, 1, 2, 3, 4}; !slices.Equal(got, want) {
			t.Errorf("drained %v, want %v", got, want)
		}
	})
}

// TestWaitqFIFOReceivers: receivers parked one after another are served in that order,
// on unbuffered and buffered channels, whether they wait in a receive or a select.
// Reference: runtime/chan.go waitq enqueue, dequeue; SEMANTICS item 22.
func TestWaitqFIFOReceivers(t *testing.T) {
	for _, size := range []int{0, 3} {
		t.Run(fmt.Sprintf("cap=%d", size), func(t *testing.T) {
			inAllModes(t, func(t *testing.T, gp *G) {
				c := Make[int](gp, size)
				never := Make[int](gp, 0)
				res := Make[[2]int](gp, 5)
				for i := range 5 {
					gp.Go(func(gp *G) {
						v := -1
						if i%2 == 0 {
							v = c.Recv(gp)
						} else {
							Select(gp, RecvCase(never, nil), RecvCase(c, &v))
						}
						res.Send(gp, [2]int{i, v})
					})
					awaitRecvq(gp, c, i+1)
				}
				for i := range 5 {
					c.Send(gp, 10+i)
				}
				for range 5 {
					r := res.Recv(gp)
					if r[1] != 10+r[0] {
						t.Errorf("receiver %d got %d, want %d", r[0], r[1], 10+r[0])
					}
				}
			})
		})
	}
}

// TestWaitqFIFOSenders: senders parked one after another are served in that order, on
// unbuffered channels and behind a full buffer, whether they wait in a send or a select.
// Reference: runtime/chan.go waitq enqueue, dequeue; SEMANTICS items 15, 22.
func TestWaitqFIFOSenders(t *testing.T) {
	for _, size := range []int{0, 1} {
		t.Run(fmt.Sprintf("cap=%d", size), func(t *testing.T) {
			inAllModes(t, func(t *testing.T, gp *G) {
				c := Make[int](gp, size)
				never := Make[int](gp, 0)
				var want []int
				for i := range size {
					c.Send(gp, 100+i)
					want = append(want, 100+i)
				}
				for i := range 5 {
					gp.Go(func(gp *G) {
						if i%2 == 0 {
							c.Send(gp, i)
						} else {
							Select(gp, SendCase(c, i), RecvCase(never, nil))
						}
					})
					awaitSendq(gp, c, i+1)
					want = append(want, i)
				}
				var got []int
				for range want {
					got = append(got, c.Recv(gp))
				}
				if !slices.Equal(got, want) {
					t.Errorf("received %v, want %v", got, want)
				}
			})
		})
	}
}

// TestCloseWakesAllReceivers: close releases every parked receiver (plain receive,
// receive with ok, select), each with the zero value and ok = false, its destination
// zeroed.
// Reference: runtime/chan.go closechan; runtime/chan_test.go TestChan ("close unblocks
// receive"); SEMANTICS item 17.
func TestCloseWakesAllReceivers(t *testing.T) {
	for _, size := range []int{0, 3} {
		t.Run(fmt.Sprintf("cap=%d", size), func(t *testing.T) {
			inAllModes(t, func(t *testing.T, gp *G) {
				c, never := Make[int](gp, size), Make[int](gp, 0)
				res := Make[string](gp, 6)
				gp.Go(func(gp *G) { res.Send(gp, fmt.Sprint("recv ", c.Recv(gp))) })
				gp.Go(func(gp *G) {
					v, ok := c.Recv2(gp)
					res.Send(gp, fmt.Sprint("recv2 ", v, ok))
				})
				gp.Go(func(gp *G) {
					v := 77
					i, ok := Select(gp, RecvCase(never, nil), RecvCase(c, &v))
					res.Send(gp, fmt.Sprint("select ", i, v, ok))
				})
				for range 3 {
					gp.Go(func(gp *G) {
						v, ok := c.Recv2(gp)
						res.Send(gp, fmt.Sprint("recv2 ", v, ok))
					})
				}
				awaitRecvq(gp, c, 6)
				c.Close(gp)
				var got []string
				for range 6 {
					got = append(got, res.Recv(gp))
				}
				slices.Sort(got)
				want := []string{"recv 0", "recv2 0 false", "recv2 0 false", "recv2 0 false", "recv2 0 false", "select 1 0 false"}
				if !slices.Equal(got, want) {
					t.Errorf("released receivers saw %q, want %q", got, want)
				}
			})
		})
	}
}

// TestCloseWakesAllSenders: close releases every parked sender (send or select), and
// each panics "send on closed channel" in its own goroutine; their values never reach
// the channel, which after close yields only what was buffered.
// Reference: runtime/chan.go closechan, chansend (!success); SEMANTICS items 13, 17, 35.
func TestCloseWakesAllSenders(t *testing.T) {
	for _, size := range []int{0, 1} {
		t.Run(fmt.Sprintf("cap=%d", size), func(t *testing.T) {
			inAllModes(t, func(t *testing.T, gp *G) {
				c, never := Make[int](gp, size), Make[int](gp, 0)
				for i := range size {
					c.Send(gp, 50+i)
				}
				res := Make[any](gp, 5)
				for i := range 5 {
					gp.Go(func(gp *G) {
						res.Send(gp, catch(func() {
							if i == 2 {
								Select(gp, RecvCase(never, nil), SendCase(c, i))
							} else {
								c.Send(gp, i)
							}
						}))
					})
				}
				awaitSendq(gp, c, 5)
				c.Close(gp)
				for range 5 {
					r := res.Recv(gp)
					if fmt.Sprint(r) != "send on closed channel" || !isRuntimeError(r) {
						t.Errorf("released sender got %v (%T), want the runtime's send on closed channel", r, r)
					}
				}
				for i := range size {
					expectRecv2(t, gp, c, 50+i, true)
				}
				expectRecv2(t, gp, c, 0, false)
			})
		})
	}
}

// TestCloseParkedSelfSelectIsRecv: a goroutine parked in select { case c <- v: case
// <-c: } on an unbuffered c always resolves as the receive case, (zero, false), when c
// is closed: close releases receivers before senders.
// Reference: runtime/chan.go closechan; SEMANTICS item 18.
func TestCloseParkedSelfSelectIsRecv(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := Make[int](gp, 0)
		res := Make[string](gp, 1)
		gp.Go(func(gp *G) {
			v := 3
			var i int
			var ok bool
			r := catch(func() { i, ok = Select(gp, SendCase(c, 1), RecvCase(c, &v)) })
			res.Send(gp, fmt.Sprintf("%d %d %v %v", i, v, ok, r))
		})
		awaitSendq(gp, c, 1)
		awaitRecvq(gp, c, 1)
		c.Close(gp)
		if got := res.Recv(gp); got != "1 0 false <nil>" {
			t.Errorf("the parked select returned case, value, ok, panic = %s; want 1 0 false <nil>", got)
		}
	})
}

// TestChanLenCap: len is the number of buffered values (0 on an unbuffered channel even
// with parked senders, cap on a full one with parked senders); cap is the buffer size,
// unchanged by sends, receives and close.
// Reference: runtime/chan.go chanlen, chancap; runtime/chan_test.go TestChan ("len/cap");
// SEMANTICS item 19.
func TestChanLenCap(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		u := Make[int](gp, 0)
		for i := range 3 {
			gp.Go(func(gp *G) { u.Send(gp, i) })
		}
		awaitSendq(gp, u, 3)
		if u.Len(gp) != 0 || u.Cap(gp) != 0 {
			t.Errorf("unbuffered with 3 parked senders: len %d cap %d, want 0 0", u.Len(gp), u.Cap(gp))
		}
		b := Make[int](gp, 3)
		for i := range 3 {
			b.Send(gp, i)
			if b.Len(gp) != i+1 {
				t.Errorf("len %d after %d sends", b.Len(gp), i+1)
			}
		}
		gp.Go(func(gp *G) { b.Send(gp, 3) })
		awaitSendq(gp, b, 1)
		if b.Len(gp) != 3 || b.Cap(gp) != 3 {
			t.Errorf("full with a parked sender: len %d cap %d, want 3 3", b.Len(gp), b.Cap(gp))
		}
		b.Recv(gp)
		if b.Len(gp) != 3 {
			t.Errorf("len %d after a receive that let the parked sender in, want 3", b.Len(gp))
		}
		b.Close(gp)
		for want := 2; want >= 0; want-- {
			b.Recv(gp)
			if b.Len(gp) != want || b.Cap(gp) != 3 {
				t.Errorf("draining closed: len %d cap %d, want %d 3", b.Len(gp), b.Cap(gp), want)
			}
		}
	})
}

// TestSelectSkipsClaimedSudog: a select parked on two channels, queued ahead of plain
// receivers on each, is claimed by the first send that reaches it; a send on the other
// channel then drops the select's stale sudog and serves the receiver queued behind it.
// Exactly one of the two plain receivers is left waiting and each value is received
// once.
// Reference: runtime/chan.go waitq dequeue (selectDone); SEMANTICS item 23.
func TestSelectSkipsClaimedSudog(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c1, c2 := Make[int](gp, 0), Make[int](gp, 0)
		res := Make[string](gp, 3)
		gp.Go(func(gp *G) {
			var v1, v2 int
			i, _ := Select(gp, RecvCase(c1, &v1), RecvCase(c2, &v2))
			res.Send(gp, fmt.Sprint("sel ", i, " ", v1+v2))
		})
		awaitRecvq(gp, c1, 1)
		awaitRecvq(gp, c2, 1)
		gp.Go(func(gp *G) { res.Send(gp, fmt.Sprint("b 0 ", c1.Recv(gp))) })
		gp.Go(func(gp *G) { res.Send(gp, fmt.Sprint("c 1 ", c2.Recv(gp))) })
		awaitRecvq(gp, c1, 2)
		awaitRecvq(gp, c2, 2)
		done := Make[int](gp, 2)
		gp.Go(func(gp *G) { c1.Send(gp, 1); done.Send(gp, 0) })
		gp.Go(func(gp *G) { c2.Send(gp, 2); done.Send(gp, 0) })
		done.Recv(gp)
		done.Recv(gp) // both sends completed: nobody was lost
		got := []string{res.Recv(gp), res.Recv(gp)}
		slices.Sort(got)
		if !(got[0] == "b 0 1" && got[1] == "sel 1 2") && !(got[0] == "c 1 2" && got[1] == "sel 0 1") {
			t.Errorf("receivers got %q: want the select to take one value and the other channel's receiver the other", got)
		}
	})
}

// TestSelectOneCaseLowering: a select with one case is the plain operation (it blocks
// with the plain operation's wait reason), and one case plus default is the
// non-blocking operation; the index returned is the case's position, default included.
// Reference: cmd/compile/internal/walk/select.go; SEMANTICS item 28.
func TestSelectOneCaseLowering(t *testing.T) {
	t.Run("values", func(t *testing.T) {
		inAllModes(t, func(t *testing.T, gp *G) {
			c := Make[int](gp, 1)
			if i, ok := Select(gp, SendCase(c, 4)); i != 0 || ok {
				t.Errorf("one send case: %d %v", i, ok)
			}
			if i, _ := Select(gp, Default(), SendCase(c, 5)); i != 0 {
				t.Errorf("default first, send on a full channel: took %d, want the default 0", i)
			}
			v := 0
			if i, ok := Select(gp, RecvCase(c, &v)); i != 0 || !ok || v != 4 {
				t.Errorf("one recv case: %d %v %d", i, ok, v)
			}
			if i, _ := Select(gp, RecvCase(c, &v), Default()); i != 1 {
				t.Errorf("recv on empty plus default: took %d, want 1", i)
			}
			if i, _ := Select(gp, Default()); i != 0 {
				t.Errorf("default alone: took %d", i)
			}
			c.Close(gp)
			v = 8
			if i, ok := Select(gp, Default(), RecvCase(c, &v)); i != 1 || ok || v != 0 {
				t.Errorf("recv on closed plus default: %d %v %d, want 1 false 0", i, ok, v)
			}
		})
	})
	for _, tc := range []struct {
		name, reason string
		op           func(gp *G, c Chan[int])
	}{
		{"recv blocks", "chan receive", func(gp *G, c Chan[int]) { Select(gp, RecvCase(c, nil)) }},
		{"send blocks", "chan send", func(gp *G, c Chan[int]) { Select(gp, SendCase(c, 1)) }},
		{"two cases block", "select", func(gp *G, c Chan[int]) { Select(gp, SendCase(c, 1), RecvCase(Chan[int]{}, nil)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inModes(t, func(t *testing.T, gp *G) { tc.op(gp, Make[int](gp, 0)) }, deadlocksWith(1, tc.reason))
		})
	}
}

// withinSigma reports whether count, out of n trials each a success with probability
// p, is within k standard deviations of the mean.
func withinSigma(count, n int, p, k float64) bool {
	mean := float64(n) * p
	return math.Abs(float64(count)-mean) <= k*math.Sqrt(float64(n)*p*(1-p))
}

// TestSelectPollOrderUniform: among several ready cases a select picks each with equal
// probability (pollorder is a uniform permutation), here three ready of five, within
// 10σ of even over 3,000 selects per run.
// Reference: runtime/select.go selectgo (pollorder); SEMANTICS item 29.
func TestSelectPollOrderUniform(t *testing.T) {
	inModesIf(t, isFair, func(t *testing.T, gp *G) {
		const trials = 3000
		ready := []Chan[int]{Make[int](gp, 1), Make[int](gp, 1), Make[int](gp, 1)}
		never := Make[int](gp, 0)
		for _, c := range ready {
			c.Send(gp, 0)
		}
		var count [5]int
		for range trials {
			i, _ := Select(gp, RecvCase(ready[0], nil), RecvCase(never, nil), RecvCase(ready[1], nil),
				SendCase(never, 1), RecvCase(ready[2], nil))
			count[i]++
			ready[i/2].Send(gp, 0) // cases 0, 2, 4 are ready[0], [1], [2]
		}
		if count[1] != 0 || count[3] != 0 {
			t.Errorf("a case that was not ready was chosen: %v", count)
		}
		for _, i := range []int{0, 2, 4} {
			if !withinSigma(count[i], trials, 1.0/3, 10) {
				t.Errorf("unfair select: case %d chosen %d of %d times (counts %v)", i, count[i], trials, count)
			}
		}
	}, finishes)
}

// TestSelectDuplicateCases: one channel may appear in several cases of a select: when
// ready, one of them is taken; when parked, a send wakes the select through exactly one
// of them and pass 3 removes the others, so the channel has no receiver left.
// Reference: runtime/select.go selectgo (lockorder, sellock); runtime/chan_test.go
// TestSelectDuplicateChannel; SEMANTICS items 30, 34.
func TestSelectDuplicateCases(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := Make[int](gp, 1)
		seen := map[int]bool{}
		for i := range 40 {
			c.Send(gp, i)
			var a, b int
			k, ok := Select(gp, RecvCase(c, &a), RecvCase(c, &b), SendCase(c, -1))
			if !ok || k == 2 || a+b != i {
				t.Errorf("ready duplicates: case %d ok %v values %d %d, want case 0 or 1 with %d", k, ok, a, b, i)
			}
			seen[k] = true
		}
		if !seen[0] || !seen[1] {
			t.Errorf("over 40 selects only cases %v were taken", seen)
		}

		u := Make[int](gp, 0)
		res := Make[int](gp, 1)
		gp.Go(func(gp *G) {
			var a, b int
			k, _ := Select(gp, RecvCase(u, &a), RecvCase(u, &b))
			res.Send(gp, 10*k+a+b)
		})
		awaitRecvq(gp, u, 2)
		u.Send(gp, 7)
		if r := res.Recv(gp); r != 7 && r != 17 {
			t.Errorf("parked duplicates: got case/value %d", r)
		}
		if n := qlen(gp, u, false); n != 0 || u.TrySend(gp, 1) {
			t.Errorf("after the select woke, %d sudogs remain on recvq", n)
		}
	})
}

// TestSelectSendOnClosedIsReady: a send case on a closed channel counts as ready in
// pass 1: racing a ready receive case, it is taken about half the time (and panics);
// it is never skipped for the default.
// Reference: runtime/select.go selectgo (sclose); SEMANTICS item 31.
func TestSelectSendOnClosedIsReady(t *testing.T) {
	inModesIf(t, isFair, func(t *testing.T, gp *G) {
		closed, d := closedInt(gp, 0), Make[int](gp, 1)
		panics := 0
		const trials = 200
		for range trials {
			d.TrySend(gp, 1) // refill d, unless the last select panicked and left its value
			r := catch(func() {
				if i, _ := Select(gp, SendCase(closed, 1), RecvCase(d, nil), Default()); i != 1 {
					t.Errorf("select took case %d, want a panic or the receive", i)
				}
			})
			if r != nil {
				panics++
			}
		}
		if !withinSigma(panics, trials, 0.5, 10) {
			t.Errorf("the send case on the closed channel was taken %d of %d times", panics, trials)
		}
	}, finishes)
}

// TestSelectDefault: with a default and no case ready (receive from empty, send to
// full, nil channels), select takes the default without blocking and changes nothing.
// Reference: runtime/select.go selectgo (!block); SEMANTICS item 32.
func TestSelectDefault(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		empty, full, unbuf := Make[int](gp, 1), Make[int](gp, 1), Make[int](gp, 0)
		full.Send(gp, 5)
		v := 9
		i, ok := Select(gp, RecvCase(empty, &v), Default(), SendCase(full, 6), SendCase(unbuf, 1),
			RecvCase(unbuf, nil), RecvCase(Chan[int]{}, nil))
		if i != 1 || ok || v != 9 {
			t.Errorf("took case %d ok %v (v %d), want the default, 1", i, ok, v)
		}
		if empty.Len(gp) != 0 || full.Len(gp) != 1 {
			t.Errorf("the default select changed the channels: len %d %d", empty.Len(gp), full.Len(gp))
		}
		expectRecv2(t, gp, full, 5, true)
	})
}

// TestSelectSelfNeverMatches: a select that sends and receives on the same unbuffered
// channel never matches itself: alone it blocks forever (deadlock, reason "select"),
// and with a partner it pairs with the partner's operation; on a buffered channel it
// proceeds through the buffer.
// Reference: runtime/chan_test.go TestSelfSelect; test/chan/select3.go; SEMANTICS item 33.
func TestSelectSelfNeverMatches(t *testing.T) {
	t.Run("alone", func(t *testing.T) {
		inModes(t, func(t *testing.T, gp *G) {
			c := Make[int](gp, 0)
			Select(gp, SendCase(c, 1), RecvCase(c, nil))
			t.Errorf("a select matched itself")
		}, deadlocksWith(1, "select"))
	})
	t.Run("partner", func(t *testing.T) {
		inAllModes(t, func(t *testing.T, gp *G) {
			c := Make[int](gp, 0)
			res := Make[string](gp, 1)
			for round := range 2 {
				gp.Go(func(gp *G) {
					v := -1
					i, ok := Select(gp, SendCase(c, 1), RecvCase(c, &v))
					res.Send(gp, fmt.Sprint(i, v, ok))
				})
				awaitSendq(gp, c, 1)
				awaitRecvq(gp, c, 1)
				want := "0 -1 false"
				if round == 0 {
					c.Send(gp, 5)
					want = "1 5 true"
				} else if v := c.Recv(gp); v != 1 {
					t.Errorf("received %d from the select's send case, want 1", v)
				}
				if got := res.Recv(gp); got != want {
					t.Errorf("round %d: select returned %s, want %s", round, got, want)
				}
			}
		})
	})
	t.Run("buffered", func(t *testing.T) {
		inAllModes(t, func(t *testing.T, gp *G) {
			c := Make[int](gp, 2)
			for range 10 {
				Select(gp, SendCase(c, 1), RecvCase(c, nil))
			}
		})
	})
}

// TestSelectLosersDequeued: once a parked select is woken through one case, pass 3
// removes its sudogs from every other channel, so a non-blocking send on a losing
// channel finds no receiver and the queues are empty.
// Reference: runtime/select.go selectgo (pass 3); test/chan/select6.go; SEMANTICS item 34.
func TestSelectLosersDequeued(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c1, c2, c3 := Make[int](gp, 0), Make[int](gp, 0), Make[int](gp, 1)
		c3.Send(gp, 0) // full: the select's send on c3 waits too
		res := Make[int](gp, 1)
		gp.Go(func(gp *G) {
			i, _ := Select(gp, RecvCase(c1, nil), SendCase(c3, 1), RecvCase(c2, nil), SendCase(c1, 2))
			res.Send(gp, i)
		})
		awaitRecvq(gp, c2, 1)
		c2.Send(gp, 5)
		if i := res.Recv(gp); i != 2 {
			t.Errorf("select woke through case %d, want 2", i)
		}
		for _, c := range []Chan[int]{c1, c2, c3} {
			if s, r := qlen(gp, c, true), qlen(gp, c, false); s+r != 0 {
				t.Errorf("chan %d: %d senders and %d receivers left after the select returned", c.c.id, s, r)
			}
		}
		if c1.TrySend(gp, 1) {
			t.Errorf("a send on a losing channel found a receiver")
		}
		if _, _, sel := c1.TryRecv(gp); sel {
			t.Errorf("a receive on a losing channel found a sender")
		}
		expectRecv2(t, gp, c3, 0, true)
	})
}

// TestSelectWokenByClose: a parked select woken by a close of one of its receive
// channels takes that case with (zero, false) and a zeroed destination; woken by a
// close of one of its send channels, it panics "send on closed channel".
// Reference: runtime/select.go selectgo (after pass 3); SEMANTICS items 17, 35.
func TestSelectWokenByClose(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		for _, closeSend := range []bool{false, true} {
			r, s := Make[int](gp, 0), Make[int](gp, 0)
			res := Make[string](gp, 1)
			gp.Go(func(gp *G) {
				v, i, ok := 6, -1, true
				p := catch(func() { i, ok = Select(gp, SendCase(s, 1), RecvCase(r, &v)) })
				res.Send(gp, fmt.Sprintf("%d %d %v %v", i, v, ok, p))
			})
			awaitSendq(gp, s, 1)
			awaitRecvq(gp, r, 1)
			want := "1 0 false <nil>"
			if closeSend {
				s.Close(gp)
				want = "-1 6 true send on closed channel"
			} else {
				r.Close(gp)
			}
			if got := res.Recv(gp); got != want {
				t.Errorf("select woken by close (send case: %v): %s, want %s", closeSend, got, want)
			}
		}
	})
}

// TestSelectMaxCases: a select may have 65,536 cases (here all on one channel, which
// also exercises duplicate locking); one more panics (see TestChanPanicMessages).
// Reference: reflect.Select; runtime/select.go; SEMANTICS item 36.
func TestSelectMaxCases(t *testing.T) {
	inAllModes(t, func(t *testing.T, gp *G) {
		c := Make[int](gp, 1)
		c.Send(gp, 42)
		v := 0
		cases := make([]Case, MaxSelectCases)
		for i := range cases {
			cases[i] = RecvCase(c, &v)
		}
		if i, ok := Select(gp, cases...); i < 0 || i >= MaxSelectCases || !ok || v != 42 {
			t.Errorf("select of %d cases: case %d ok %v value %d", MaxSelectCases, i, ok, v)
		}
	})
}
