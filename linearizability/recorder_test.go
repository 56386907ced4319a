package linearizability

import (
	"sync"
	"testing"

	"github.com/chanmodel/chanmodel/spec"
)

// TestRecorderConcurrentClients: clients recording at once from many goroutines (run
// with -race) give a valid history — each client's operations sequential, every
// return stamped after its call — whose stamps respect real time: the operation that
// took token n-1 from a channel was called before the one that took token n
// returned, and is stamped so, with the logical clock and with the monotonic one.
// Reference: issue 5 §1 (a thread-safe recorder of call and return)
func TestRecorderConcurrentClients(t *testing.T) {
	clocks := map[string]func() Clock{
		"logical":   func() Clock { return &Logical{} },
		"monotonic": func() Clock { return NewMonotonic() },
	}
	for name, clock := range clocks {
		t.Run(name, func(t *testing.T) {
			rec := NewRecorder(clock())
			c := rec.Chan(ChanDecl{Cap: 1})
			token := make(chan int, 1)
			token <- 0
			var wg sync.WaitGroup
			for range 8 {
				cl := rec.Client()
				wg.Go(func() {
					for range 100 {
						cl.Call(spec.Op{Kind: spec.OpLen, Chan: c})
						n := <-token
						token <- n + 1
						cl.Return(spec.Result{Value: int64(n)})
					}
				})
			}
			wg.Wait()
			h := rec.History()
			if err := h.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(h.Ops) != 800 {
				t.Fatalf("%d ops, want 800", len(h.Ops))
			}
			// The op with token n-1 was called before it took n-1, hence before
			// token n was put back, taken, and the op with token n returned.
			byToken := make(map[int64]*Op)
			for i := range h.Ops {
				byToken[h.Ops[i].Result.Value] = &h.Ops[i]
			}
			for n := int64(1); n < 800; n++ {
				if prev, op := byToken[n-1], byToken[n]; prev.Call > op.Return {
					t.Fatalf("token %d: op called at %d, after the return (%d) of the op with token %d", n-1, prev.Call, op.Return, n)
				}
			}
		})
	}
}

// TestRecorderPendingAtQuiescence: an operation whose return is never recorded is
// pending in the history, and only a client's last operation can be.
// Reference: issue 5 §3 (operations blocked at quiescence are part of the history)
func TestRecorderPendingAtQuiescence(t *testing.T) {
	rec := NewRecorder(&Logical{})
	c := rec.Chan(ChanDecl{})
	a, b := rec.Client(), rec.Client()
	a.Call(spec.Op{Kind: spec.OpClose, Chan: c})
	a.Return(spec.Result{})
	b.Call(spec.Op{Kind: spec.OpRecv, Chan: c, OK: true})
	h := rec.History()
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	if !h.Ops[1].Pending || h.Ops[0].Pending {
		t.Fatalf("pending flags wrong: %+v", h.Ops)
	}
	defer func() {
		if recover() == nil {
			t.Error("Return without a pending Call did not panic")
		}
	}()
	a.Return(spec.Result{})
}
