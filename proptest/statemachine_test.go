package proptest

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// implDriver runs operations, one at a time, inside the main goroutine of a
// Deterministic impl run: the test sends it a function, it runs it on the model and
// reports back. (Native channels are fine here: this is test code driving the model,
// not part of it.)
type implDriver struct {
	ops    chan func(gp *impl.G)
	done   chan struct{}
	result chan impl.Result
	ended  *impl.Result // the run's result, once it has ended
}

func startDriver() *implDriver {
	d := &implDriver{ops: make(chan func(gp *impl.G)), done: make(chan struct{}), result: make(chan impl.Result, 1)}
	rt := impl.New(impl.Config{Mode: impl.Deterministic})
	go func() {
		d.result <- rt.Run(func(gp *impl.G) {
			for op := range d.ops {
				op(gp)
				d.done <- struct{}{}
			}
		})
	}()
	return d
}

// do runs f on the model's main goroutine and waits for it. If the run ends instead —
// the scheduler found a broken invariant at a scheduling point inside f — do fails the
// test with the run's result.
func (d *implDriver) do(t *rapid.T, f func(gp *impl.G)) {
	if d.ended != nil {
		t.Fatalf("impl run already ended: %v", d.ended)
	}
	d.ops <- f
	select {
	case <-d.done:
	case r := <-d.result:
		d.ended = &r
		t.Fatalf("impl run ended during an operation: %v", r.Err)
	}
}

// stop ends the run and returns its result.
func (d *implDriver) stop() impl.Result {
	if d.ended != nil {
		return *d.ended
	}
	close(d.ops)
	r := <-d.result
	d.ended = &r
	return r
}

// chanMachine is the state machine of TestImplNonBlockingMatchesSpecChannels: impl
// channels and their spec twins, driven by one goroutine with non-blocking operations.
type chanMachine struct {
	d     *implDriver
	impl  []impl.Chan[int64]
	model []spec.Chan
	next  int64
}

func (m *chanMachine) pick(t *rapid.T) int {
	return rapid.IntRange(0, len(m.impl)-1).Draw(t, "chan")
}

// catch runs f, returning the message of the runtime error it panicked with, if any.
// Other panics — the scheduler unwinding a run that ended — go on.
func catch(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			err, ok := r.(runtime.Error)
			if !ok {
				panic(r)
			}
			msg = err.Error()
		}
	}()
	f()
	return ""
}

func (m *chanMachine) TrySend(t *rapid.T) {
	c := m.pick(t)
	m.next++
	v := m.next
	var sent bool
	var msg string
	m.d.do(t, func(gp *impl.G) { msg = catch(func() { sent = m.impl[c].TrySend(gp, v) }) })
	next, r, ready := m.model[c].Send(v)
	if ready {
		m.model[c] = next
	}
	if sent != (ready && r.Panic == "") || msg != r.Panic {
		t.Fatalf("TrySend(c%d, %d): impl sent=%v panic=%q; spec ready=%v panic=%q", c, v, sent, msg, ready, r.Panic)
	}
}

func (m *chanMachine) TryRecv(t *rapid.T) {
	c := m.pick(t)
	var v int64
	var ok, selected bool
	m.d.do(t, func(gp *impl.G) { v, ok, selected = m.impl[c].TryRecv(gp) })
	next, r, ready := m.model[c].Recv()
	if ready {
		m.model[c] = next
	}
	if selected != ready || ready && (v != r.Value || ok != r.OK) {
		t.Fatalf("TryRecv(c%d): impl (%d, %v, selected %v); spec (%d, %v, ready %v)", c, v, ok, selected, r.Value, r.OK, ready)
	}
}

func (m *chanMachine) Close(t *rapid.T) {
	c := m.pick(t)
	var msg string
	m.d.do(t, func(gp *impl.G) { msg = catch(func() { m.impl[c].Close(gp) }) })
	next, want := m.model[c].Close()
	m.model[c] = next
	if msg != want {
		t.Fatalf("Close(c%d): impl panic %q, spec %q", c, msg, want)
	}
}

func (m *chanMachine) LenCap(t *rapid.T) {
	c := m.pick(t)
	var n, k int
	m.d.do(t, func(gp *impl.G) { n, k = m.impl[c].Len(gp), m.impl[c].Cap(gp) })
	if int64(n) != m.model[c].Len() || int64(k) != max(m.model[c].Cap, 0) {
		t.Fatalf("len/cap(c%d): impl %d/%d, spec %d/%d", c, n, k, m.model[c].Len(), m.model[c].Cap)
	}
}

// Check is the "" action: the impl's invariants hold after every step.
func (m *chanMachine) Check(t *rapid.T) {
	var err error
	m.d.do(t, func(gp *impl.G) { err = impl.CheckInvariants(gp) })
	if err != nil {
		t.Fatalf("impl invariant broken: %v", err)
	}
}

// TestImplNonBlockingMatchesSpecChannels: a rapid state machine drives non-blocking
// sends and receives, closes, len and cap over several impl channels (buffered,
// unbuffered, nil) from one goroutine, and checks each result against the spec's
// channel-level operations, and the impl's invariants after every step.
// Reference: issue 4 §2.5; SEMANTICS items 7, 11, 14, 16, 17, 19, 20, 21
func TestImplNonBlockingMatchesSpecChannels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := &chanMachine{d: startDriver()}
		defer func() {
			if r := m.d.stop(); r.Status != impl.StatusFinished {
				t.Fatalf("impl run ended with %v", r)
			}
		}()
		for i := range rapid.IntRange(1, 3).Draw(t, "chans") {
			size := rapid.IntRange(-1, 3).Draw(t, fmt.Sprintf("cap%d", i)) // -1: nil
			if size < 0 {
				m.impl = append(m.impl, impl.Chan[int64]{})
				m.model = append(m.model, spec.Chan{Nil: true})
				continue
			}
			m.d.do(t, func(gp *impl.G) { m.impl = append(m.impl, impl.Make[int64](gp, size)) })
			ch, _ := spec.Make(int64(size), 8)
			m.model = append(m.model, ch)
		}
		t.Repeat(map[string]func(*rapid.T){
			"TrySend": m.TrySend,
			"TryRecv": m.TryRecv,
			"Close":   m.Close,
			"LenCap":  m.LenCap,
			"":        m.Check,
		})
	})
}
