package linearizability

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// lifoChan is a deliberately broken buffered channel: a stack.
type lifoChan struct {
	mu  sync.Mutex
	buf []int64
}

func (c *lifoChan) trySend(v int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf = append(c.buf, v)
	return true
}

func (c *lifoChan) tryRecv() (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.buf) == 0 {
		return 0, false
	}
	v := c.buf[len(c.buf)-1]
	c.buf = c.buf[:len(c.buf)-1]
	return v, true
}

// TestCheckersRejectBrokenChannel: a stack posing as a channel of capacity 4, used by
// concurrent senders and receivers and recorded like a real one, is caught by both
// checkers.
// Reference: STYLE.md ("the testers are tested": a deliberately buggy queue)
func TestCheckersRejectBrokenChannel(t *testing.T) {
	rec := NewRecorder(&Logical{})
	c := rec.Chan(ChanDecl{Cap: 4})
	var ch lifoChan
	var wg sync.WaitGroup
	for s := range 2 {
		cl := rec.Client()
		wg.Go(func() {
			for v := int64(1 + s); v <= 8; v += 2 {
				op := spec.Op{Kind: spec.OpSend, Chan: c, Value: v}
				cl.Call(op)
				ch.trySend(v)
				cl.Return(spec.Result{})
			}
		})
	}
	wg.Wait()
	cl := rec.Client()
	for {
		cl.Call(spec.Op{Kind: spec.OpRecv, Chan: c, OK: true})
		v, ok := ch.tryRecv()
		if !ok {
			break // a stuck receive at the end: left pending
		}
		cl.Return(spec.Result{Value: v, OK: true})
	}
	h := rec.History()
	for _, c := range checkers {
		res, err := c.check(h, Options{VisualizeDir: t.TempDir()})
		if err != nil || res.Verdict != Illegal {
			t.Errorf("%s: %v %v, want illegal", c.name, res, err)
		}
	}
}

// TestCheckersRejectMutations: on histories of correct runs, the mutations that always
// break linearizability — a dropped send, a duplicated receive, a receive moved before
// its send — are rejected by both checkers.
// Reference: issue 5 §4 (known mutations)
func TestCheckersRejectMutations(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 50
	}
	for _, m := range mutations {
		if m.name == "swap-received" || m.name == "reorder-sends" {
			continue // may stay linearizable
		}
		t.Run(m.name, func(t *testing.T) {
			tried := 0
			for seed := range uint64(n) {
				h, _, err := RunImpl(RandomWorkload(crossShape, seed), impl.Config{Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				mh := m.f(h, rand.New(rand.NewPCG(seed, 2)))
				if mh == nil {
					continue
				}
				tried++
				for _, c := range checkers {
					if res, err := c.check(mh, Options{}); err != nil || res.Verdict != Illegal {
						t.Fatalf("seed %d, %s: %v %v, want illegal", seed, c.name, res, err)
					}
				}
			}
			if tried < n/2 {
				t.Errorf("only %d of %d histories could be mutated", tried, n)
			}
		})
	}
}

// hardHistory is a history Porcupine cannot check in reasonable time, though it is
// linearizable: n sends into a channel of capacity 64, all concurrent, then a receiver
// getting the values in the reverse of the order the sends were called. Porcupine
// tries the sends in call order and backtracks through their permutations, each a
// different buffer.
func hardHistory(n int) *History {
	h := &History{Chans: []ChanDecl{{Cap: 64}}}
	for i := range n {
		h.Ops = append(h.Ops, Op{Client: i, Op: spec.Op{Kind: spec.OpSend, Value: spec.Value(i + 1)},
			Call: int64(i), Return: 1000})
	}
	for i := range n {
		h.Ops = append(h.Ops, Op{Client: n, Op: spec.Op{Kind: spec.OpRecv, OK: true},
			Call: 1001 + 2*int64(i), Return: 1002 + 2*int64(i), Result: spec.Result{Value: spec.Value(n - i), OK: true}})
	}
	return h
}

// TestPorcupineGivesUpUnknown: out of time or out of its memory budget, the Porcupine
// checker says unknown and why — never ok, never illegal — and the channel checker
// decides the same history.
// Reference: issue 5 §3 (verdicts are three-valued; guard the memory)
func TestPorcupineGivesUpUnknown(t *testing.T) {
	h := hardHistory(40)
	budgets := map[string]Options{
		"timeout": {Timeout: 50 * time.Millisecond},
		"memory":  {MaxMemory: 1 << 20},
	}
	for name, opt := range budgets {
		res, err := CheckPorcupine(h, opt)
		if err != nil || res.Verdict != Unknown || !strings.Contains(res.Reason, map[string]string{
			"timeout": "timed out", "memory": "memory budget"}[name]) {
			t.Errorf("%s: %v %v, want unknown", name, res, err)
		}
	}
	if res, err := CheckFast(h, Options{}); err != nil || res.Verdict != Ok || len(res.Fallback) > 0 {
		t.Errorf("channel checker: %v %v, want ok without fallback", res, err)
	}
}

// TestFastFallsBackAcrossChannels: a select that took default across channels is left
// to Porcupine, and the result says so.
// Reference: issue 5 §4 ("fall back to Porcupine and say so")
func TestFastFallsBackAcrossChannels(t *testing.T) {
	h, err := LoadFile("testdata/select-default-when-empty-ok.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res, err := CheckFast(h, Options{})
	if err != nil || res.Verdict != Ok || res.Checker != "fast+porcupine" || len(res.Fallback) != 1 ||
		!strings.Contains(res.Fallback[0], "joined by selects") {
		t.Errorf("%v %v: want ok, decided by Porcupine, saying why", res, err)
	}
}

// TestFastReplayRejectsBadWitness: the channel checker's witness is checked, not
// trusted: replaying the right order passes, one with two receives swapped, or a
// point outside its interval, fails.
// Reference: fast.go (Ok comes from a witness replayed through the model)
func TestFastReplayRejectsBadWitness(t *testing.T) {
	h, err := LoadFile("testdata/buffered-fifo-ok.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r := reduce(h)
	r.partition()
	fc, _ := r.newFastChan(0)
	// Actions are in history order: send 1, send 2, receive 1, receive 2.
	good := []point{{0, 1}, {1, 3}, {2, 5}, {3, 7}}
	if why := fc.replay(good); why != "" {
		t.Fatalf("good witness rejected: %s", why)
	}
	swapped := []point{{0, 1}, {1, 3}, {3, 7}, {2, 7}}
	if fc.replay(swapped) == "" {
		t.Error("a witness receiving 2 before 1 passed")
	}
	outside := []point{{0, 1}, {1, 3}, {2, 4}, {3, 7}}
	if fc.replay(outside) == "" {
		t.Error("a witness placing a receive before its call passed")
	}
}
