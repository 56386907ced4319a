package spec

// Semantics tests: one table per observable rule of SEMANTICS.md (items 4-9,
// 11-19, 22, 28-36), each checked against the Go specification and
// runtime/chan.go, select.go, chan_test.go and test/chan/*.go, independently
// of how spec/ computes them.
//
// Most rules are asserted as exact outcome sets under both strengths
// (checkOutcomeCases). Rules about goroutines that are already blocked —
// FIFO wait queues, direct hand-off, the buffer rotation, close releasing a
// parked select — cannot be forced at the program level: every goroutine
// starts at once and nothing lets one goroutine wait until another has
// blocked without waking it (Go's own tests use time.Sleep for that). For
// those, checkForcedCases first drives a fixed prefix of steps (each
// goroutine named there must have exactly one enabled step, so the prefix
// is a schedule, not a choice) and then asserts the exact set of outcomes
// reachable from the state it leads to.
//
// A few tests also run the real runtime to check that the spec's panic
// messages and limits are the ones this Go version uses.

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// forcedCase is a program, a schedule prefix and the exact outcome sets
// reachable after it. A nil language set means "the same as runtime".
type forcedCase struct {
	name     string
	prog     string
	prefix   []string // goroutine names, one step each, in order
	runtime  []string
	language []string
}

// checkForcedCases asserts each case's outcome sets after its prefix, under
// Runtime and Language.
func checkForcedCases(t *testing.T, cases []forcedCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.prog)
			lang := tc.language
			if lang == nil {
				lang = tc.runtime
			}
			for _, x := range []struct {
				s    Strength
				want []string
			}{{Runtime, tc.runtime}, {Language, lang}} {
				m, s := forcedState(t, p, x.s, tc.prefix)
				assertSet(t, x.s.String(), outcomesFrom(t, m, s), x.want)
			}
		})
	}
}

// forcedState returns p's model under strength and the state reached by
// letting each goroutine of prefix take its only enabled step, in order.
func forcedState(t *testing.T, p *Program, strength Strength, prefix []string) (*Model, State) {
	t.Helper()
	m, err := NewModel(p, strength)
	if err != nil {
		t.Fatalf("NewModel: %v", err)
	}
	s := m.Initial()
	for i, name := range prefix {
		g := goroutineIndex(t, p, name)
		var steps []Step
		for _, st := range m.Enabled(s) {
			if st.G == g {
				steps = append(steps, st)
			}
		}
		if len(steps) != 1 {
			var text []string
			for _, st := range steps {
				text = append(text, m.FormatStep(s, st))
			}
			t.Fatalf("%s: prefix step %d: %s has %d enabled steps, want 1: %q", strength, i, name, len(steps), text)
		}
		if s, err = m.Apply(s, steps[0]); err != nil {
			t.Fatalf("%s: prefix step %d: %v", strength, i, err)
		}
	}
	return m, s
}

func goroutineIndex(t *testing.T, p *Program, name string) int {
	t.Helper()
	for g, gr := range p.Goroutines {
		if gr.Name == name {
			return g
		}
	}
	t.Fatalf("no goroutine %q", name)
	return -1
}

// outcomesFrom returns the formatted outcomes of the final states reachable
// from s, sorted and without duplicates.
func outcomesFrom(t *testing.T, m *Model, s State) []string {
	t.Helper()
	seen := map[string]bool{s.Key(): true}
	outs := map[string]bool{}
	stack := []State{s}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		steps := m.Enabled(s)
		if len(steps) == 0 {
			outs[FormatOutcome(m.Program(), s.Outcome())] = true
		}
		for _, st := range steps {
			n, err := m.Apply(s, st)
			if err != nil {
				t.Fatalf("Apply of an enabled step: %v", err)
			}
			if k := n.Key(); !seen[k] {
				seen[k] = true
				stack = append(stack, n)
			}
		}
	}
	return slices.Sorted(maps.Keys(outs))
}

// recoverPanic runs f and returns what it panicked with, or nil.
func recoverPanic(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// checkNativePanic asserts that r is a runtime.Error printing exactly want,
// without the "runtime error: " prefix of the runtime's other errors
// (runtime plainError).
func checkNativePanic(t *testing.T, r any, want string) {
	t.Helper()
	if r == nil {
		t.Fatalf("did not panic, want %q", want)
	}
	if got := fmt.Sprint(r); got != want {
		t.Errorf("panic %q, want %q", got, want)
	}
	if _, ok := r.(runtime.Error); !ok {
		t.Errorf("panic value %T is not a runtime.Error", r)
	}
	if strings.HasPrefix(fmt.Sprint(r), "runtime error: ") {
		t.Errorf("panic %q has the runtime error prefix", r)
	}
}

// The largest buffer sizes make accepts on 64-bit Linux: buffer bytes may not
// exceed MaxAlloc-HChanSize (runtime chan.go makechan).
const (
	maxIntCap  = (MaxAlloc - HChanSize) / 8
	maxByteCap = MaxAlloc - HChanSize
)

// linux64 reports whether makechan's limits are the ones spec/ encodes:
// maxAlloc = 1<<48 holds on every 64-bit Linux port (malloc.go heapAddrBits).
func linux64() bool { return runtime.GOOS == "linux" && strconv.IntSize == 64 }

// ---- B. make ----

// TestMakeSizeOutOfRangePanics: make panics "makechan: size out of range"
// when the size is negative or the buffer's bytes exceed
// MaxAlloc-HChanSize; the largest size that fits is accepted, and a panic of
// any declared channel is the program's only outcome.
// Reference: SEMANTICS item 4; runtime chan.go makechan
func TestMakeSizeOutOfRangePanics(t *testing.T) {
	for _, tc := range []struct {
		name     string
		size     int64
		elemSize int64
		panics   bool
	}{
		{"negative", -1, 8, true},
		{"most negative", math.MinInt64, 8, true},
		{"negative zero-size elem", -1, 0, true},
		{"zero", 0, 8, false},
		{"largest int buffer", maxIntCap, 8, false},
		{"int buffer one too many", maxIntCap + 1, 8, true},
		{"int size overflows", math.MaxInt64, 8, true},
		{"largest byte buffer", maxByteCap, 1, false},
		{"byte buffer one too many", maxByteCap + 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, msg := Make(tc.size, tc.elemSize)
			if tc.panics {
				if msg != PanicMakeSize || c.Cap != 0 {
					t.Errorf("Make(%d, %d) = %+v, %q; want panic %q", tc.size, tc.elemSize, c, msg, PanicMakeSize)
				}
				return
			}
			if msg != "" || c.Cap != tc.size || c.Nil || c.Closed || c.Len() != 0 {
				t.Errorf("Make(%d, %d) = %+v, %q; want an open empty channel of cap %d", tc.size, tc.elemSize, c, msg, tc.size)
			}
		})
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "negative",
		prog: `
			chan c -1
			go g
				len(c)`,
		runtime: []string{"panic(makechan: size out of range)"},
	}, {
		name: "int buffer one too many",
		prog: fmt.Sprintf(`
			chan c %d
			go g
				len(c)`, maxIntCap+1),
		runtime: []string{"panic(makechan: size out of range)"},
	}, {
		name: "largest int buffer",
		prog: fmt.Sprintf(`
			chan c %d
			go g
				c <- 1
				len(c)
				cap(c)`, maxIntCap),
		runtime: []string{fmt.Sprintf("g: sent, len=1, cap=%d", maxIntCap)},
	}, {
		name: "second make panics",
		prog: `
			chan a 1
			chan b -5
			go g
				a <- 1`,
		runtime: []string{"panic(makechan: size out of range)"},
	}})
}

// TestMakeSizePanicMatchesNative: the real runtime panics with PanicMakeSize,
// a runtime.Error without the "runtime error: " prefix, for a negative size
// and for one element more than MaxAlloc-HChanSize bytes hold — for int and
// for byte elements, which confirms hchanSize >= HChanSize for this Go
// version. (The boundary itself would allocate 256 TiB and is not tried.)
// Reference: SEMANTICS item 4; runtime chan.go makechan
func TestMakeSizePanicMatchesNative(t *testing.T) {
	for _, tc := range []struct {
		name      string
		f         func()
		linuxOnly bool // the size is out of range because maxAlloc is 1<<48
	}{
		{"negative int", func() { n := -1; _ = make(chan int, n) }, false},
		{"int buffer one too many", func() { n := int64(maxIntCap + 1); _ = make(chan int, n) }, true},
		{"byte buffer one too many", func() { n := int64(maxByteCap + 1); _ = make(chan byte, n) }, true},
		{"int size overflows", func() { n := int64(math.MaxInt64); _ = make(chan int, n) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.linuxOnly && !linux64() {
				t.Skip("maxAlloc is 1<<48 only on 64-bit Linux")
			}
			checkNativePanic(t, recoverPanic(tc.f), PanicMakeSize)
		})
	}
}

// TestMakeZeroSizeElemAcceptsAnyCapacity: a channel of a zero-size element
// type accepts any non-negative capacity, since no buffer is allocated; a
// negative one still panics.
// Reference: SEMANTICS item 5; runtime chan.go makechan; test/chan/zerosize.go
func TestMakeZeroSizeElemAcceptsAnyCapacity(t *testing.T) {
	for _, size := range []int64{0, 1, maxIntCap + 1, math.MaxInt64} {
		c, msg := Make(size, 0)
		if msg != "" || c.Cap != size || c.Closed || c.Len() != 0 {
			t.Errorf("Make(%d, 0) = %+v, %q; want an open empty channel of cap %d", size, c, msg, size)
		}
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "struct{} of MaxInt64",
		prog: `
			chan z struct{} 9223372036854775807
			go g
				z <- {}
				z <- {}
				len(z)
				cap(z)
				<-z, ok`,
		runtime: []string{"g: sent, sent, len=2, cap=9223372036854775807, (0,true)"},
	}, {
		name: "struct{} negative",
		prog: `
			chan z struct{} -1
			go g
				len(z)`,
		runtime: []string{"panic(makechan: size out of range)"},
	}})
	t.Run("native", func(t *testing.T) {
		n := math.MaxInt
		if c := make(chan struct{}, n); cap(c) != n {
			t.Errorf("cap(make(chan struct{}, %d)) = %d", n, cap(c))
		}
		if c := make(chan [0]byte, n); cap(c) != n {
			t.Errorf("cap(make(chan [0]byte, %d)) = %d", n, cap(c))
		}
	})
}

// TestMakeNewChannelIsOpenAndEmpty: a new channel is open, non-nil, empty,
// with cap the size given to make.
// Reference: SEMANTICS item 6; Go spec "Making slices, maps and channels"
func TestMakeNewChannelIsOpenAndEmpty(t *testing.T) {
	for _, size := range []int64{0, 1, 3} {
		c, msg := Make(size, 8)
		want := Chan{Cap: size}
		if msg != "" || c.Nil || c.Closed || c.Len() != 0 || c.Cap != want.Cap || c.Unbuffered() != (size == 0) {
			t.Errorf("Make(%d, 8) = %+v, %q; want %+v", size, c, msg, want)
		}
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "len cap and not ready",
		prog: `
			chan a 0
			chan b 3
			go g
				len(a)
				cap(a)
				len(b)
				cap(b)
				select { <-b, ok; default }`,
		runtime: []string{"g: len=0, cap=0, len=0, cap=3, default"},
	}})
}

// ---- C. nil channels ----

// TestNilChannelNeverReady: a send or receive on a nil channel is never
// ready: it blocks forever, even with a partner on the same nil channel, and
// a non-blocking one takes default.
// Reference: SEMANTICS item 7; Go spec "Send statements"; Go spec "Receive operator"; test/chan/select3.go
func TestNilChannelNeverReady(t *testing.T) {
	nilc := Chan{Nil: true}
	if _, _, ready := nilc.Send(1); ready {
		t.Errorf("send on nil channel is ready")
	}
	if _, _, ready := nilc.Recv(); ready {
		t.Errorf("receive on nil channel is ready")
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "send blocks",
		prog: `
			chan n nil
			go g
				n <- 7`,
		runtime: []string{"g: blocked"},
	}, {
		name: "receive blocks",
		prog: `
			chan n nil
			go g
				<-n`,
		runtime: []string{"g: blocked"},
	}, {
		name: "receive with ok blocks",
		prog: `
			chan n nil
			go g
				<-n, ok`,
		runtime: []string{"g: blocked"},
	}, {
		name: "no rendezvous on nil",
		prog: `
			chan n nil
			go r
				<-n
			go s
				n <- 1`,
		runtime: []string{"r: blocked; s: blocked"},
	}, {
		name: "non-blocking send takes default",
		prog: `
			chan n nil
			go g
				select { n <- 7; default }`,
		runtime: []string{"g: default"},
	}, {
		name: "non-blocking receive takes default",
		prog: `
			chan n nil
			go g
				select { <-n, ok; default }`,
		runtime: []string{"g: default"},
	}})
}

// TestNilChannelCloseLenCap: close of a nil channel panics "close of nil
// channel" (and wakes nobody); len and cap of a nil channel are 0.
// Reference: SEMANTICS item 8; Go spec "Close"; Go spec "Length and capacity"
func TestNilChannelCloseLenCap(t *testing.T) {
	nilc := Chan{Nil: true}
	if _, msg := nilc.Close(); msg != PanicCloseNil {
		t.Errorf("close of nil channel: panic %q, want %q", msg, PanicCloseNil)
	}
	if nilc.Len() != 0 || nilc.Cap != 0 {
		t.Errorf("nil channel: len %d cap %d, want 0 0", nilc.Len(), nilc.Cap)
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "len cap close",
		prog: `
			chan n nil
			go g
				len(n)
				cap(n)
				close(n)
				len(n)`,
		runtime: []string{"g: len=0, cap=0, panic(close of nil channel)"},
	}, {
		name: "close wakes nobody",
		prog: `
			chan n nil
			go r
				<-n, ok
			go k
				close(n)`,
		runtime: []string{"r: blocked; k: panic(close of nil channel)"},
	}})
}

// TestSelectNilCasesNeverChosen: in a select, cases on nil channels are never
// chosen; a select whose cases are all nil blocks forever without default and
// takes default with one.
// Reference: SEMANTICS item 9; Go spec "Select statements"; test/chan/select3.go
func TestSelectNilCasesNeverChosen(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "ready case beside nil cases",
		prog: `
			chan n nil
			chan c 1
			go g
				c <- 5
				select { <-n; <-c; n <- 1 }`,
		runtime: []string{"g: sent, case 1 5"},
	}, {
		name: "closed case beside nil cases",
		prog: `
			chan n nil
			chan c 0
			go g
				close(c)
				select { n <- 1; <-c, ok; <-n, ok }`,
		runtime: []string{"g: closed, case 1 (0,false)"},
	}, {
		name: "all nil blocks",
		prog: `
			chan n nil
			go g
				select { <-n; n <- 1 }`,
		runtime: []string{"g: blocked"},
	}, {
		name: "all nil with default",
		prog: `
			chan n nil
			go g
				select { <-n; n <- 1; default }`,
		runtime: []string{"g: default"},
	}, {
		name: "nil cases do not meet",
		prog: `
			chan n nil
			go r
				select { <-n }
			go s
				select { n <- 1; default }`,
		runtime: []string{"r: blocked; s: default"},
	}, {
		name: "blocked select woken on its non-nil case",
		prog: `
			chan n nil
			chan c 0
			go g
				select { <-n; <-c; n <- 2 }
			go s
				c <- 3`,
		runtime: []string{"g: case 1 3; s: sent"},
	}})
}

// ---- D. send ----

// TestSendChecksInOrder: a send checks, in order: closed (it panics, even
// with room in the buffer or as a non-blocking send); a waiting receiver
// (rendezvous); room in the buffer; then non-blocking → not ready, else it
// blocks.
// Reference: SEMANTICS item 11; runtime chan.go chansend
func TestSendChecksInOrder(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "closed before room",
		prog: `
			chan c 2
			go g
				close(c)
				c <- 1`,
		runtime: []string{"g: closed, panic(send on closed channel)"},
	}, {
		name: "closed non-blocking panics",
		prog: `
			chan c 0
			go g
				close(c)
				select { c <- 1; default }`,
		runtime: []string{"g: closed, panic(send on closed channel)"},
	}, {
		name: "waiting receiver",
		prog: `
			chan c 0
			go s
				c <- 1
			go r
				<-c, ok`,
		runtime: []string{"s: sent; r: (1,true)"},
	}, {
		name: "room",
		prog: `
			chan c 1
			go g
				c <- 1
				len(c)`,
		runtime: []string{"g: sent, len=1"},
	}, {
		name: "full non-blocking",
		prog: `
			chan c 1
			go g
				c <- 1
				select { c <- 2; default }
				<-c
				len(c)`,
		runtime: []string{"g: sent, default, 1, len=0"},
	}, {
		name: "full blocks",
		prog: `
			chan c 1
			go g
				c <- 1
				c <- 2`,
		runtime: []string{"g: sent, blocked"},
	}, {
		name: "unbuffered without receiver blocks",
		prog: `
			chan c 0
			go g
				c <- 1`,
		runtime: []string{"g: blocked"},
	}, {
		name: "unbuffered without receiver non-blocking",
		prog: `
			chan c 0
			go g
				select { c <- 1; default }`,
		runtime: []string{"g: default"},
	}})
}

// TestSendHandsOffToBlockedReceiver: a sender that finds a blocked receiver
// copies its value straight to it, even on a buffered channel, so the buffer
// stays empty. Under Language the value may go through the buffer, where len
// can see it before the receiver takes it.
// Reference: SEMANTICS item 12; runtime chan.go send
func TestSendHandsOffToBlockedReceiver(t *testing.T) {
	const prog = `
		chan c 1
		go r
			<-c
		go s
			c <- 7
			len(c)`
	checkForcedCases(t, []forcedCase{{
		name:    "buffered receiver parked",
		prog:    prog,
		prefix:  []string{"r"},
		runtime: []string{"r: 7; s: sent, len=0"},
		// Language: the receiver completes in a later step of its own.
		language: []string{"r: 7; s: sent, len=0", "r: 7; s: sent, len=1"},
	}, {
		name: "non-blocking send to parked receiver",
		prog: `
			chan c 1
			go r
				<-c
			go s
				select { c <- 7; default }
				len(c)`,
		prefix:   []string{"r"},
		runtime:  []string{"r: 7; s: case 0, len=0"},
		language: []string{"r: 7; s: case 0, len=0", "r: 7; s: case 0, len=1"},
	}})
	// Unscheduled, the receiver may not have blocked yet: both lens.
	checkOutcomeCases(t, []outcomeCase{{
		name:    "receiver not forced to park first",
		prog:    prog,
		runtime: []string{"r: 7; s: sent, len=0", "r: 7; s: sent, len=1"},
	}})
}

// TestSendBlockedPanicsWhenClosed: a sender blocked on a channel that is
// closed panics "send on closed channel" in its own goroutine; the closer
// carries on.
// Reference: SEMANTICS item 13; runtime chan.go chansend
func TestSendBlockedPanicsWhenClosed(t *testing.T) {
	unbuffered := `
		chan c 0
		go s
			c <- 1
		go k
			close(c)
			len(c)`
	full := `
		chan c 1
		go s
			c <- 1
			c <- 2
		go k
			close(c)
			<-c, ok
			<-c, ok`
	checkForcedCases(t, []forcedCase{{
		name:    "unbuffered",
		prog:    unbuffered,
		prefix:  []string{"s"},
		runtime: []string{"s: panic(send on closed channel); k: closed, len=0"},
	}, {
		name:    "buffered full",
		prog:    full,
		prefix:  []string{"s", "s"},
		runtime: []string{"s: sent, panic(send on closed channel); k: closed, (1,true), (0,false)"},
	}})
	checkOutcomeCases(t, []outcomeCase{{
		name:    "unbuffered unscheduled",
		prog:    unbuffered,
		runtime: []string{"s: panic(send on closed channel); k: closed, len=0"},
	}})
}

// ---- E. receive ----

// TestRecvChecksInOrder: a receive checks, in order: closed and empty → the
// zero value, ok false; a waiting sender or buffered data → the value, ok
// true (buffered values before !ok on a closed channel); then non-blocking →
// not ready, else it blocks.
// Reference: SEMANTICS item 14; runtime chan.go chanrecv
func TestRecvChecksInOrder(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "closed and empty",
		prog: `
			chan c 0
			go g
				close(c)
				<-c, ok
				<-c`,
		runtime: []string{"g: closed, (0,false), 0"},
	}, {
		name: "closed with data",
		prog: `
			chan c 2
			go g
				c <- 1
				close(c)
				<-c, ok
				<-c, ok`,
		runtime: []string{"g: sent, closed, (1,true), (0,false)"},
	}, {
		name: "waiting sender",
		prog: `
			chan c 0
			go s
				c <- 4
			go r
				<-c, ok`,
		runtime: []string{"s: sent; r: (4,true)"},
	}, {
		name: "data takes the oldest",
		prog: `
			chan c 2
			go g
				c <- 1
				c <- 2
				<-c
				len(c)`,
		runtime: []string{"g: sent, sent, 1, len=1"},
	}, {
		name: "empty non-blocking",
		prog: `
			chan c 2
			go g
				select { <-c, ok; default }`,
		runtime: []string{"g: default"},
	}, {
		name: "empty blocks",
		prog: `
			chan c 2
			go g
				<-c, ok`,
		runtime: []string{"g: blocked"},
	}, {
		name: "closed non-blocking is ready",
		prog: `
			chan c 1
			go g
				close(c)
				select { <-c, ok; default }`,
		runtime: []string{"g: closed, case 0 (0,false)"},
	}})
}

// TestRecvRotatesBlockedSenderIntoBuffer: a receiver that finds a full buffer
// and blocked senders takes the head of the buffer and, in the same step,
// moves the first blocked sender's value to the tail, so values come out in
// the order they were sent or blocked: a buffer [100,101] with senders 0, 1,
// 2 parked in that order drains 100, 101, 0, 1, 2. (SEMANTICS uses five
// parked senders; three keep the exploration small and show the same
// order.) Language only keeps the buffer FIFO: any parked sender may refill
// the freed slot. On an unbuffered channel the value is taken from the
// sender directly and len stays 0.
// Reference: SEMANTICS item 15; runtime chan.go recv
func TestRecvRotatesBlockedSenderIntoBuffer(t *testing.T) {
	checkForcedCases(t, []forcedCase{{
		name: "buffer 100 101 then parked 0 1 2",
		prog: `
			chan c 2
			go s0
				c <- 100
				c <- 101
				c <- 0
			go s1
				c <- 1
			go s2
				c <- 2
			go r
				<-c
				<-c
				<-c
				<-c
				<-c`,
		prefix:  []string{"s0", "s0", "s0", "s1", "s2"},
		runtime: []string{"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 0, 1, 2"},
		language: []string{
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 0, 1, 2",
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 0, 2, 1",
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 1, 0, 2",
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 1, 2, 0",
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 2, 0, 1",
			"s0: sent, sent, sent; s1: sent; s2: sent; r: 100, 101, 2, 1, 0",
		},
	}, {
		name: "buffer stays full across the rotation",
		prog: `
			chan c 1
			go s
				c <- 100
				c <- 0
			go r
				<-c
				len(c)
				<-c`,
		prefix:  []string{"s", "s"},
		runtime: []string{"s: sent, sent; r: 100, len=1, 0"},
		// Language: the parked sender refills the slot in a later step.
		language: []string{"s: sent, sent; r: 100, len=0, 0", "s: sent, sent; r: 100, len=1, 0"},
	}, {
		name: "unbuffered takes from the sender",
		prog: `
			chan c 0
			go s
				c <- 5
			go r
				len(c)
				<-c, ok`,
		prefix:  []string{"s"},
		runtime: []string{"s: sent; r: len=0, (5,true)"},
	}})
}

// TestRecvDrainsClosedBuffer: after close, the buffered values still come out
// with ok true, then the zero value with ok false, forever and without
// blocking; a send after close panics.
// Reference: SEMANTICS item 16; Go spec "Receive operator"; test/closedchan.go
func TestRecvDrainsClosedBuffer(t *testing.T) {
	c, _ := Make(3, 8)
	for _, v := range []Value{1, 2} {
		var ready bool
		if c, _, ready = c.Send(v); !ready {
			t.Fatalf("send %d not ready on %+v", v, c)
		}
	}
	c, msg := c.Close()
	if msg != "" || !c.Closed {
		t.Fatalf("close: %+v, %q", c, msg)
	}
	if _, r, ready := c.Send(3); !ready || r.Panic != PanicSendClosed {
		t.Errorf("send after close: %+v ready %t, want panic %q", r, ready, PanicSendClosed)
	}
	for i, want := range []Result{{Value: 1, OK: true}, {Value: 2, OK: true}, {}, {}, {}} {
		next, r, ready := c.Recv()
		if !ready || r != want {
			t.Errorf("receive %d: %+v ready %t, want %+v", i, r, ready, want)
		}
		if wantLen := max(int64(1-i), 0); next.Len() != wantLen || !next.Closed {
			t.Errorf("receive %d: left %+v, want len %d and closed", i, next, wantLen)
		}
		c = next
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "one goroutine",
		prog: `
			chan c 3
			go g
				c <- 1
				c <- 2
				close(c)
				len(c)
				<-c, ok
				<-c, ok
				<-c, ok
				<-c`,
		runtime: []string{"g: sent, sent, closed, len=2, (1,true), (2,true), (0,false), 0"},
	}, {
		name: "concurrent receiver",
		prog: `
			chan c 1
			go g
				c <- 1
				close(c)
			go r
				<-c, ok
				<-c, ok
				<-c, ok`,
		runtime: []string{"g: sent, closed; r: (1,true), (0,false), (0,false)"},
	}})
}

// ---- F. close ----

// TestCloseOfClosedChannelPanics: closing a closed channel panics "close of
// closed channel"; of two closers exactly one panics; the channel still works
// after the panic.
// Reference: SEMANTICS item 17; Go spec "Close"; runtime chan.go closechan
func TestCloseOfClosedChannelPanics(t *testing.T) {
	c, _ := Make(0, 8)
	c, _ = c.Close()
	if again, msg := c.Close(); msg != PanicCloseClosed || !again.Closed {
		t.Errorf("second close: %+v, %q; want panic %q", again, msg, PanicCloseClosed)
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "twice",
		prog: `
			chan c 0
			go g
				close(c)
				close(c)`,
		runtime: []string{"g: closed, panic(close of closed channel)"},
	}, {
		name: "two closers",
		prog: `
			chan c 0
			go g1
				close(c)
			go g2
				close(c)`,
		runtime: []string{
			"g1: closed; g2: panic(close of closed channel)",
			"g1: panic(close of closed channel); g2: closed",
		},
	}, {
		name: "data survives the panic",
		prog: `
			chan c 1
			go g
				c <- 5
				close(c)
				close(c)
			go r
				<-c, ok
				<-c, ok`,
		runtime: []string{"g: sent, closed, panic(close of closed channel); r: (5,true), (0,false)"},
	}})
}

// TestCloseReleasesBlockedGoroutines: close releases every blocked receiver
// with (0, false) and makes every blocked sender panic.
// Reference: SEMANTICS item 17; runtime chan.go closechan
func TestCloseReleasesBlockedGoroutines(t *testing.T) {
	receivers := `
		chan c 0
		go r1
			<-c, ok
		go r2
			<-c
		go k
			close(c)`
	senders := `
		chan c 0
		go s1
			c <- 1
		go s2
			c <- 2
		go k
			close(c)`
	checkForcedCases(t, []forcedCase{{
		name:    "receivers",
		prog:    receivers,
		prefix:  []string{"r1", "r2"},
		runtime: []string{"r1: (0,false); r2: 0; k: closed"},
	}, {
		name:    "senders",
		prog:    senders,
		prefix:  []string{"s1", "s2"},
		runtime: []string{"s1: panic(send on closed channel); s2: panic(send on closed channel); k: closed"},
	}, {
		name: "buffered receivers",
		prog: `
			chan c 2
			go r1
				<-c, ok
			go r2
				select { <-c, ok; <-c }
			go k
				close(c)`,
		prefix:  []string{"r1", "r2"},
		runtime: []string{"r1: (0,false); r2: case 0 (0,false); k: closed", "r1: (0,false); r2: case 1 0; k: closed"},
	}})
}

// TestCloseReleasesAllWaitersInOneStep: under Runtime, close is one step that
// also completes every blocked receiver, in the order they blocked, then
// every blocked sender; under Language close completes alone and each
// blocked goroutine completes in a later step of its own.
// Reference: SEMANTICS item 17; runtime chan.go closechan
func TestCloseReleasesAllWaitersInOneStep(t *testing.T) {
	for _, tc := range []struct {
		name      string
		prog      string
		prefix    []string
		closer    string
		runtime   string // the closer's only step
		afterLang int    // steps enabled after Language's close
	}{{
		name: "receivers",
		prog: `
			chan c 0
			go r1
				<-c, ok
			go r2
				<-c
			go k
				close(c)`,
		prefix:    []string{"r2", "r1"},
		closer:    "k",
		runtime:   "k: close(c) → closed, r2: <-c → 0, r1: <-c, ok → (0,false)",
		afterLang: 2,
	}, {
		name: "senders",
		prog: `
			chan c 0
			go s1
				c <- 1
			go s2
				c <- 2
			go k
				close(c)`,
		prefix:    []string{"s1", "s2"},
		closer:    "k",
		runtime:   "k: close(c) → closed, s1: c <- 1 → panic(send on closed channel), s2: c <- 2 → panic(send on closed channel)",
		afterLang: 2,
	}, {
		name: "self-select",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c, ok }
			go k
				close(c)`,
		prefix:    []string{"g"},
		closer:    "k",
		runtime:   "k: close(c) → closed, g: select { c <- 1; <-c, ok } → case 1 (0,false)",
		afterLang: 2, // Language: the send case (panic) or the receive case
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.prog)
			m, s := forcedState(t, p, Runtime, tc.prefix)
			if got := enabledStepsOf(t, m, s, tc.closer); len(got) != 1 || got[0] != tc.runtime {
				t.Errorf("Runtime close steps:\n got  %q\n want %q", got, tc.runtime)
			}
			m, s = forcedState(t, p, Language, tc.prefix)
			want := tc.closer + ": close(c) → closed"
			if got := enabledStepsOf(t, m, s, tc.closer); len(got) != 1 || got[0] != want {
				t.Fatalf("Language close steps:\n got  %q\n want %q", got, want)
			}
			m, s = forcedState(t, p, Language, append(tc.prefix[:len(tc.prefix):len(tc.prefix)], tc.closer))
			if n := len(m.Enabled(s)); n != tc.afterLang {
				t.Errorf("Language: %d steps enabled after close, want %d", n, tc.afterLang)
			}
		})
	}
}

// enabledStepsOf returns the formatted steps enabled in s for the named
// goroutine.
func enabledStepsOf(t *testing.T, m *Model, s State, name string) []string {
	t.Helper()
	g := goroutineIndex(t, m.Program(), name)
	var out []string
	for _, st := range m.Enabled(s) {
		if st.G == g {
			out = append(out, m.FormatStep(s, st))
		}
	}
	return out
}

// TestCloseReleasesReceiversBeforeSenders: a goroutine blocked in
// select { c <- v; <-c } on unbuffered c, when c is closed, resolves as the
// receive with (0, false): close dequeues every receiver before any sender,
// and the select's send sudog then loses its selectDone CAS. Language allows
// either case, since the Go spec only says some ready case is chosen.
// Reference: SEMANTICS item 18; runtime chan.go closechan
func TestCloseReleasesReceiversBeforeSenders(t *testing.T) {
	checkForcedCases(t, []forcedCase{{
		name: "send case first",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c, ok }
			go k
				close(c)`,
		prefix:   []string{"g"},
		runtime:  []string{"g: case 1 (0,false); k: closed"},
		language: []string{"g: case 1 (0,false); k: closed", "g: panic(send on closed channel); k: closed"},
	}, {
		name: "receive case first",
		prog: `
			chan c 0
			go g
				select { <-c, ok; c <- 1 }
			go k
				close(c)`,
		prefix:   []string{"g"},
		runtime:  []string{"g: case 0 (0,false); k: closed"},
		language: []string{"g: case 0 (0,false); k: closed", "g: panic(send on closed channel); k: closed"},
	}})
	// Unscheduled, close may come first; then both cases are ready and
	// either may be chosen, under both strengths.
	checkOutcomeCases(t, []outcomeCase{{
		name: "close may come first",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c, ok }
			go k
				close(c)`,
		runtime: []string{"g: case 1 (0,false); k: closed", "g: panic(send on closed channel); k: closed"},
	}})
}

// ---- G. len and cap ----

// TestLenCountsBufferedValues: len is the number of buffered values — 0 on
// an unbuffered channel even with a parked sender, and not counting senders
// parked on a full buffer; it is unchanged by close. cap is the size given
// to make, always.
// Reference: SEMANTICS item 19; Go spec "Length and capacity"; runtime chan.go chanlen
func TestLenCountsBufferedValues(t *testing.T) {
	c, _ := Make(3, 8)
	steps := []struct {
		op  string
		len int64
	}{{"send", 1}, {"send", 2}, {"recv", 1}, {"close", 1}, {"recv", 0}, {"recv", 0}}
	for i, st := range steps {
		switch st.op {
		case "send":
			c, _, _ = c.Send(Value(i))
		case "recv":
			c, _, _ = c.Recv()
		case "close":
			c, _ = c.Close()
		}
		if c.Len() != st.len || c.Cap != 3 {
			t.Errorf("after %s %d: len %d cap %d, want len %d cap 3", st.op, i, c.Len(), c.Cap, st.len)
		}
	}
	checkOutcomeCases(t, []outcomeCase{{
		name: "buffered",
		prog: `
			chan c 3
			go g
				len(c)
				c <- 1
				c <- 2
				len(c)
				<-c
				len(c)
				close(c)
				len(c)
				cap(c)`,
		runtime: []string{"g: len=0, sent, sent, len=2, 1, len=1, closed, len=1, cap=3"},
	}, {
		name: "unbuffered with a sender",
		prog: `
			chan c 0
			go s
				c <- 1
			go g
				len(c)
				cap(c)
				<-c`,
		runtime: []string{"s: sent; g: len=0, cap=0, 1"},
	}})
	checkForcedCases(t, []forcedCase{{
		name: "unbuffered with a parked sender",
		prog: `
			chan c 0
			go s
				c <- 1
			go g
				len(c)
				<-c`,
		prefix:  []string{"s"},
		runtime: []string{"s: sent; g: len=0, 1"},
	}, {
		name: "full with a parked sender",
		prog: `
			chan c 1
			go s
				c <- 100
				c <- 0
			go g
				len(c)
				cap(c)
				<-c
				<-c`,
		prefix:  []string{"s", "s"},
		runtime: []string{"s: sent, sent; g: len=1, cap=1, 100, 0"},
	}})
}

// ---- I. wait queues ----

// TestWaitQueueServesReceiversInOrder: blocked receivers of a channel are
// served in the order they blocked (recvq is FIFO), on buffered channels too,
// and a select's receive case keeps its place in the queue. Language allows
// any blocked receiver to proceed.
// Reference: SEMANTICS item 22; runtime chan.go enqueue
func TestWaitQueueServesReceiversInOrder(t *testing.T) {
	checkForcedCases(t, []forcedCase{{
		name: "unbuffered",
		prog: `
			chan c 0
			go r1
				<-c
			go r2
				<-c
			go s
				c <- 1
				c <- 2`,
		prefix:   []string{"r2", "r1"},
		runtime:  []string{"r1: 2; r2: 1; s: sent, sent"},
		language: []string{"r1: 1; r2: 2; s: sent, sent", "r1: 2; r2: 1; s: sent, sent"},
	}, {
		name: "buffered then closed",
		prog: `
			chan c 1
			go r1
				<-c, ok
			go r2
				<-c, ok
			go s
				c <- 1
				close(c)`,
		prefix:   []string{"r1", "r2"},
		runtime:  []string{"r1: (1,true); r2: (0,false); s: sent, closed"},
		language: []string{"r1: (0,false); r2: (1,true); s: sent, closed", "r1: (1,true); r2: (0,false); s: sent, closed"},
	}, {
		name: "select receiver first",
		prog: `
			chan c 0
			chan d 0
			go r1
				select { <-d; <-c }
			go r2
				<-c
			go s
				c <- 1`,
		prefix:   []string{"r1", "r2"},
		runtime:  []string{"r1: case 1 1; r2: blocked; s: sent"},
		language: []string{"r1: blocked; r2: 1; s: sent", "r1: case 1 1; r2: blocked; s: sent"},
	}})
}

// TestWaitQueueServesSendersInOrder: blocked senders of a channel are served
// in the order they blocked (sendq is FIFO), including a select's send case.
// Language allows any blocked sender to proceed.
// Reference: SEMANTICS item 22; runtime chan.go enqueue
func TestWaitQueueServesSendersInOrder(t *testing.T) {
	checkForcedCases(t, []forcedCase{{
		name: "unbuffered",
		prog: `
			chan c 0
			go s1
				c <- 1
			go s2
				c <- 2
			go r
				<-c
				<-c`,
		prefix:   []string{"s2", "s1"},
		runtime:  []string{"s1: sent; s2: sent; r: 2, 1"},
		language: []string{"s1: sent; s2: sent; r: 1, 2", "s1: sent; s2: sent; r: 2, 1"},
	}, {
		name: "select sender first",
		prog: `
			chan c 0
			chan d 0
			go s1
				select { d <- 9; c <- 1 }
			go s2
				c <- 2
			go r
				<-c`,
		prefix:   []string{"s1", "s2"},
		runtime:  []string{"s1: case 1; s2: blocked; r: 1"},
		language: []string{"s1: blocked; s2: sent; r: 2", "s1: case 1; s2: blocked; r: 1"},
	}})
}

// ---- K. select ----

// TestSelectZeroOrOneCase: a select with no cases blocks forever; a select
// with one case blocks like the plain operation; one case and default is the
// non-blocking operation; default alone is taken at once.
// Reference: SEMANTICS item 28; Go spec "Select statements"; test/chan/select3.go
func TestSelectZeroOrOneCase(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "no cases",
		prog: `
			chan c 1
			go g
				select {}
			go h
				c <- 1`,
		runtime: []string{"g: blocked; h: sent"},
	}, {
		name: "one case blocks",
		prog: `
			chan c 0
			go g
				select { <-c }`,
		runtime: []string{"g: blocked"},
	}, {
		name: "one case with partner",
		prog: `
			chan c 0
			go g
				select { <-c, ok }
			go s
				select { c <- 3 }`,
		runtime: []string{"g: case 0 (3,true); s: case 0"},
	}, {
		name: "one case and default not ready",
		prog: `
			chan c 0
			go g
				select { c <- 1; default }
				select { <-c; default }`,
		runtime: []string{"g: default, default"},
	}, {
		name: "one case and default ready",
		prog: `
			chan c 1
			go g
				select { c <- 1; default }
				select { <-c; default }`,
		runtime: []string{"g: case 0, case 0 1"},
	}, {
		name: "default alone",
		prog: `
			chan c 0
			go g
				select { default }`,
		runtime: []string{"g: default"},
	}})
}

// TestSelectOneCaseEqualsPlainOp: a select with a single case has exactly the
// outcomes of the plain send or receive it wraps (the compiler lowers it to
// that operation; the results compare equal since a plain operation reports
// case 0).
// Reference: SEMANTICS item 28; cmd/compile walk/select.go
func TestSelectOneCaseEqualsPlainOp(t *testing.T) {
	for _, tc := range []struct {
		name, prog, op string
	}{
		{"send with receiver", "chan c 0\ngo g\n\t%s\ngo r\n\t<-c, ok", "c <- 1"},
		{"send on buffered", "chan c 1\ngo g\n\t%s\n\t%[1]s\ngo r\n\t<-c", "c <- 1"},
		{"send racing close", "chan c 0\ngo g\n\t%s\ngo k\n\tclose(c)\ngo r\n\t<-c, ok", "c <- 1"},
		{"receive from buffered then close", "chan c 1\ngo g\n\t%s\n\t%[1]s\ngo s\n\tc <- 1\n\tclose(c)", "<-c, ok"},
		{"receive with two senders", "chan c 0\ngo g\n\t%s\ngo s1\n\tc <- 1\ngo s2\n\tc <- 2", "<-c"},
		{"receive on nil", "chan n nil\ngo g\n\t%s", "<-n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := mustParse(t, fmt.Sprintf(tc.prog, tc.op))
			sel := mustParse(t, fmt.Sprintf(tc.prog, "select { "+tc.op+" }"))
			for _, s := range []Strength{Runtime, Language} {
				ps, err := Outcomes(plain, s)
				if err != nil {
					t.Fatal(err)
				}
				ss, err := Outcomes(sel, s)
				if err != nil {
					t.Fatal(err)
				}
				same := len(ps.Outcomes) == len(ss.Outcomes)
				for _, o := range ps.Outcomes {
					same = same && ss.Contains(o)
				}
				if !same {
					t.Errorf("%s: plain %q\n  select %q", s, ps.Strings(), ss.Strings())
				}
			}
		})
	}
}

// TestSelectChoosesAnyReadyCase: when several cases are ready, each of them
// may be chosen (the runtime's pollorder is a random permutation), including
// two cases on the same channel; default is never taken then. That the choice
// is uniform is a claim about probabilities, which an outcome set cannot
// express; it is checked against the impl.
// Reference: SEMANTICS item 29; Go spec "Select statements"; runtime select.go pass 1
func TestSelectChoosesAnyReadyCase(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "two receives",
		prog: `
			chan a 1
			chan b 1
			go g
				a <- 1
				b <- 2
				select { <-a; <-b; default }`,
		runtime: []string{"g: sent, sent, case 0 1", "g: sent, sent, case 1 2"},
	}, {
		name: "send and receive",
		prog: `
			chan a 1
			chan b 1
			go g
				b <- 2
				select { a <- 1; <-b }`,
		runtime: []string{"g: sent, case 0", "g: sent, case 1 2"},
	}, {
		name: "closed and buffered",
		prog: `
			chan a 0
			chan b 1
			go g
				close(a)
				b <- 2
				select { <-a, ok; <-b, ok }`,
		runtime: []string{"g: closed, sent, case 0 (0,false)", "g: closed, sent, case 1 (2,true)"},
	}, {
		name: "same channel twice",
		prog: `
			chan a 1
			go g
				a <- 1
				select { <-a; <-a, ok }`,
		runtime: []string{"g: sent, case 0 1", "g: sent, case 1 (1,true)"},
	}})
}

// TestSelectDuplicateChannel: a select may name one channel in several
// cases; a goroutine queued twice on c, then woken through d, leaves both of
// c's queue entries, and the next send on c reaches the receiver queued
// behind them.
// Reference: SEMANTICS item 30; runtime/chan_test.go TestSelectDuplicateChannel
func TestSelectDuplicateChannel(t *testing.T) {
	const prog = `
		chan c 0
		chan d 0
		chan e 0
		go a
			select { <-c; <-c; <-d }
			e <- 9
		go b
			<-c
		go m
			d <- 7
			<-e
			c <- 8`
	want := []string{"a: case 2 7, sent; b: 8; m: sent, 9, sent"}
	checkOutcomeCases(t, []outcomeCase{{name: "unscheduled", prog: prog, runtime: want}, {
		name: "two send cases on one buffered channel",
		prog: `
			chan c 1
			go g
				select { c <- 1; c <- 2 }
				<-c`,
		runtime: []string{"g: case 0, 1", "g: case 1, 2"},
	}, {
		name: "two receive cases, one sender",
		prog: `
			chan c 0
			go g
				select { <-c; <-c, ok }
			go s
				c <- 3`,
		runtime: []string{"g: case 0 3; s: sent", "g: case 1 (3,true); s: sent"},
	}})
	// The order of the original test: a queued on c first, then b.
	checkForcedCases(t, []forcedCase{{name: "a then b queued", prog: prog, prefix: []string{"a", "b"}, runtime: want}})
}

// TestSelectSendOnClosedIsReady: a send case on a closed channel is ready, so
// it is never passed over for default, and when chosen it panics "send on
// closed channel"; a ready receive case competes with it.
// Reference: SEMANTICS item 31; runtime select.go pass 1; test/chan/select3.go
func TestSelectSendOnClosedIsReady(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "not default",
		prog: `
			chan c 0
			go g
				close(c)
				select { c <- 1; default }`,
		runtime: []string{"g: closed, panic(send on closed channel)"},
	}, {
		name: "one case",
		prog: `
			chan c 1
			go g
				close(c)
				select { c <- 1 }`,
		runtime: []string{"g: closed, panic(send on closed channel)"},
	}, {
		name: "competes with a ready receive",
		prog: `
			chan c 0
			chan d 1
			go g
				d <- 5
				close(c)
				select { c <- 1; <-d; default }`,
		runtime: []string{"g: sent, closed, case 1 5", "g: sent, closed, panic(send on closed channel)"},
	}, {
		name: "competes with the closed receive",
		prog: `
			chan c 0
			go g
				close(c)
				select { c <- 1; <-c, ok }`,
		runtime: []string{"g: closed, case 1 (0,false)", "g: closed, panic(send on closed channel)"},
	}})
}

// TestSelectObservesAllChannelsAtOnce: a non-blocking select sees all its
// channels at one instant: with c1 holding a value and another goroutine
// moving "a value is buffered" from c1 to c2 (fill c2, then drain c1), the
// select never finds both empty and never takes default.
// Reference: SEMANTICS item 31; runtime/chan_test.go TestNonblockSelectRace
func TestSelectObservesAllChannelsAtOnce(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "c1 to c2",
		prog: `
			chan c1 1
			chan c2 1
			chan t 0
			go m
				c1 <- 1
				t <- 0
				c2 <- 1
				select { <-c1; default }
			go g
				<-t
				select { <-c1; <-c2; default }`,
		runtime: []string{
			"m: sent, sent, sent, case 0 1; g: 0, case 1 1",
			"m: sent, sent, sent, default; g: 0, case 0 1",
		},
	}})
}

// TestSelectDefaultOnlyWhenNothingReady: a select takes default only when no
// case is ready: not when a buffered value, buffer room, a closed channel or
// a parked partner makes a case ready.
// Reference: SEMANTICS item 32; Go spec "Select statements"; runtime select.go pass 1
func TestSelectDefaultOnlyWhenNothingReady(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "buffered value",
		prog: `
			chan c 1
			go g
				c <- 1
				select { <-c; default }`,
		runtime: []string{"g: sent, case 0 1"},
	}, {
		name: "buffer room",
		prog: `
			chan c 1
			go g
				select { c <- 1; default }`,
		runtime: []string{"g: case 0"},
	}, {
		name: "closed",
		prog: `
			chan c 0
			go g
				close(c)
				select { <-c, ok; default }`,
		runtime: []string{"g: closed, case 0 (0,false)"},
	}, {
		name: "nothing ready",
		prog: `
			chan a 0
			chan b 1
			go g
				b <- 1
				select { <-a; a <- 1; b <- 2; default }`,
		runtime: []string{"g: sent, default"},
	}, {
		name: "partner may not have parked yet",
		prog: `
			chan c 0
			go s
				c <- 1
			go r
				select { <-c; default }`,
		runtime: []string{"s: blocked; r: default", "s: sent; r: case 0 1"},
	}})
	checkForcedCases(t, []forcedCase{{
		name: "partner parked",
		prog: `
			chan c 0
			go s
				c <- 1
			go r
				select { <-c; default }`,
		prefix:  []string{"s"},
		runtime: []string{"s: sent; r: case 0 1"},
	}})
}

// TestSelfSelect: a goroutine never communicates with itself: a select that
// sends and receives on one unbuffered channel blocks (or takes default)
// when alone, and with a second such select each receives the other's value.
// On a buffered channel the buffer decides: empty → the send, full → the
// receive, which may get the goroutine's own value.
// Reference: SEMANTICS item 33; runtime/chan_test.go TestSelfSelect
func TestSelfSelect(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "alone blocks",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c }`,
		runtime: []string{"g: blocked"},
	}, {
		name: "alone with default",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c; default }`,
		runtime: []string{"g: default"},
	}, {
		name: "two self-selects",
		prog: `
			chan c 0
			go g1
				select { c <- 1; <-c }
			go g2
				select { <-c; c <- 2 }`,
		runtime: []string{"g1: case 0; g2: case 0 1", "g1: case 1 2; g2: case 1"},
	}, {
		name: "buffered",
		prog: `
			chan c 1
			go g
				select { c <- 1; <-c }
				select { <-c; c <- 2 }`,
		runtime: []string{"g: case 0, case 0 1"},
	}})
	checkForcedCases(t, []forcedCase{{
		name: "parked self-select meets a receiver",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c }
			go r
				<-c`,
		prefix:  []string{"g"},
		runtime: []string{"g: case 0; r: 1"},
	}, {
		name: "parked self-select meets a sender",
		prog: `
			chan c 0
			go g
				select { c <- 1; <-c }
			go s
				c <- 5`,
		prefix:  []string{"g"},
		runtime: []string{"g: case 1 5; s: sent"},
	}})
}

// TestSelectLosingCasesDequeued: once a blocked select is woken through one
// case, its other cases leave their queues: a later operation on those
// channels does not find it, including when the losing entry is the last one
// of its queue.
// Reference: SEMANTICS item 34; runtime select.go pass 3; test/chan/select6.go
func TestSelectLosingCasesDequeued(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "later send finds nobody",
		prog: `
			chan a 0
			chan b 0
			go g
				select { <-a; <-b }
			go s
				a <- 1
				b <- 2`,
		runtime: []string{"g: case 0 1; s: sent, blocked"},
	}, {
		// select6: g2 is last in c1's queue when c2 wakes it; the second
		// send on c1 must reach g2's later plain receive, the first g1.
		name: "select6",
		prog: `
			chan c1 0
			chan c2 0
			chan c3 0
			go g1
				<-c1
			go g2
				select { <-c1; <-c2 }
				c3 <- 1
				<-c1
			go g3
				c2 <- 1
			go m
				<-c3
				c1 <- 1
				c1 <- 1`,
		runtime: []string{"g1: 1; g2: case 1 1, sent, 1; g3: sent; m: 1, sent, sent"},
	}})
	checkForcedCases(t, []forcedCase{{
		name: "select6 with g1 then g2 queued on c1",
		prog: `
			chan c1 0
			chan c2 0
			go g1
				<-c1
			go g2
				select { <-c1; <-c2 }
				<-c1
			go m
				c2 <- 1
				c1 <- 1
				c1 <- 1`,
		prefix:  []string{"g1", "g2"},
		runtime: []string{"g1: 1; g2: case 1 1, 1; m: sent, sent, sent"},
	}})
}

// TestSelectCommitsExactlyOneCase: a select completes exactly one case: a
// send select offering one value on two channels delivers it once; a select
// blocked on two channels takes one, leaving the other partner blocked; a
// woken send case whose channel was closed panics, and a woken receive case
// reports ok = whether a value was delivered.
// Reference: SEMANTICS item 35; test/chan/doubleselect.go
func TestSelectCommitsExactlyOneCase(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{{
		name: "doubleselect",
		prog: `
			chan c1 0
			chan c2 0
			go s
				select { c1 <- 1; c2 <- 1 }
				close(c1)
				close(c2)
			go r1
				<-c1, ok
			go r2
				<-c2, ok`,
		runtime: []string{
			"s: case 0, closed, closed; r1: (1,true); r2: (0,false)",
			"s: case 1, closed, closed; r1: (0,false); r2: (1,true)",
		},
	}, {
		name: "two partners",
		prog: `
			chan a 0
			chan b 0
			go g
				select { <-a; <-b }
			go s1
				a <- 1
			go s2
				b <- 2`,
		runtime: []string{
			"g: case 0 1; s1: sent; s2: blocked",
			"g: case 1 2; s1: blocked; s2: sent",
		},
	}})
	checkForcedCases(t, []forcedCase{{
		name: "woken send case on closed channel panics",
		prog: `
			chan c 0
			chan d 0
			go g
				select { c <- 1; <-d }
			go k
				close(c)`,
		prefix:  []string{"g"},
		runtime: []string{"g: panic(send on closed channel); k: closed"},
	}, {
		name: "woken receive case by close",
		prog: `
			chan c 0
			chan d 0
			go g
				select { <-c, ok; <-d, ok }
			go k
				close(c)`,
		prefix:  []string{"g"},
		runtime: []string{"g: case 0 (0,false); k: closed"},
	}, {
		name: "woken receive case by a send",
		prog: `
			chan c 0
			chan d 0
			go g
				select { <-c, ok; <-d, ok }
			go s
				c <- 4`,
		prefix:  []string{"g"},
		runtime: []string{"g: case 0 (4,true); s: sent"},
	}})
}

// TestSelectCaseLimit: a select has at most 65,536 cases: one that size is
// valid and runs; one more is rejected by Validate, NewModel and Parse, as
// reflect.Select rejects it natively.
// Reference: SEMANTICS item 36; reflect/value.go Select
func TestSelectCaseLimit(t *testing.T) {
	program := func(ncases int) *Program {
		cases := make([]Case, ncases)
		for i := range cases {
			cases[i] = Case{Dir: DirRecv}
		}
		return &Program{
			Chans:      []ChanDecl{{Name: "n", Nil: true}},
			Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: OpSelect, Cases: cases, Default: true}}}},
		}
	}
	t.Run("at the limit", func(t *testing.T) {
		p := program(MaxSelectCases)
		if err := p.Validate(); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		assertSet(t, "Runtime", outcomeStrings(t, p, Runtime), []string{"g: default"})
	})
	t.Run("over the limit", func(t *testing.T) {
		p := program(MaxSelectCases + 1)
		if err := p.Validate(); err == nil {
			t.Errorf("Validate accepted %d cases", MaxSelectCases+1)
		}
		if _, err := NewModel(p, Runtime); err == nil {
			t.Errorf("NewModel accepted %d cases", MaxSelectCases+1)
		}
		text := "chan n nil\ngo g\n\tselect { " + strings.Repeat("<-n; ", MaxSelectCases+1) + "default }\n"
		if _, err := Parse(text); err == nil {
			t.Errorf("Parse accepted %d cases", MaxSelectCases+1)
		}
	})
	t.Run("native", func(t *testing.T) {
		cases := make([]reflect.SelectCase, MaxSelectCases)
		for i := range cases {
			cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv} // a nil channel
		}
		cases[len(cases)-1] = reflect.SelectCase{Dir: reflect.SelectDefault}
		chosen := -1
		if r := recoverPanic(func() { chosen, _, _ = reflect.Select(cases) }); r != nil || chosen != len(cases)-1 {
			t.Errorf("reflect.Select of %d cases: chose %d, panic %v; want default", len(cases), chosen, r)
		}
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv})
		r := recoverPanic(func() { reflect.Select(cases) })
		if want := "reflect.Select: too many cases (max 65536)"; fmt.Sprint(r) != want {
			t.Errorf("reflect.Select of %d cases: panic %v, want %q", len(cases), r, want)
		}
	})
}

// ---- Native cross-checks ----

// TestPanicMessagesMatchNative: the real runtime panics with exactly the
// spec's messages — runtime.Errors without the "runtime error: " prefix —
// for close of nil, close of closed, and send on closed, plain or in a select.
// Reference: SEMANTICS items 8, 11, 17; runtime chan.go closechan
func TestPanicMessagesMatchNative(t *testing.T) {
	closed := func() chan int { c := make(chan int, 1); close(c); return c }
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"close of nil", func() { var c chan int; close(c) }, PanicCloseNil},
		{"close of closed", func() { close(closed()) }, PanicCloseClosed},
		{"send on closed", func() { closed() <- 1 }, PanicSendClosed},
		{"non-blocking send on closed", func() {
			select {
			case closed() <- 1:
			default:
			}
		}, PanicSendClosed},
		{"select send on closed", func() {
			c, d := closed(), make(chan int)
			select {
			case c <- 1:
			case <-d:
			}
		}, PanicSendClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkNativePanic(t, recoverPanic(tc.f), tc.want)
		})
	}
}

// TestRuntimeStateKeyForgetsHistory: under Runtime a state records only the
// relative order in which its blocked goroutines blocked, numbered 1..k, so
// the same state reached along different paths has the same Key and is
// explored once.
// Reference: spec state.go State
func TestRuntimeStateKeyForgetsHistory(t *testing.T) {
	// g1 stays blocked on c; g2 receives d's value either from the buffer
	// (path A) or, having blocked first, straight from g3 (path B).
	p := mustParse(t, `
		chan c 0
		chan d 1
		go g1
			<-c
		go g2
			<-d
		go g3
			d <- 1`)
	_, a := forcedState(t, p, Runtime, []string{"g1", "g3", "g2"})
	_, b := forcedState(t, p, Runtime, []string{"g1", "g2", "g3"})
	if a.String() != b.String() {
		t.Fatalf("paths reach different states:\n A %s\n B %s", a, b)
	}
	if a.Key() != b.Key() {
		t.Errorf("equal states have different keys:\n A %s\n B %s", a, b)
	}
}
