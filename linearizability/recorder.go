package linearizability

// The recorder: clients log their calls and returns, with timestamps from one clock.
//
// Each client is one goroutine performing one operation at a time, so it appends to a
// log of its own; the only shared write is the clock. A client's log has its own
// mutex, uncontended except when History takes a snapshot — which may happen while
// clients are still blocked in operations (at quiescence), so the snapshot must not
// race with them.

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chanmodel/chanmodel/spec"
)

// Clock gives the timestamps of calls and returns. Now must be safe for concurrent use
// and monotonic across goroutines: if one call to Now happens before another, it
// returns a value no greater.
type Clock interface {
	Now() int64
}

// Logical is a logical clock: Now returns 1, 2, 3, ..., one atomic increment per call.
// Its order is the order of the increments, which is consistent with happens-before,
// so a return stamped before a call really happened before it. It is the clock of
// Deterministic impl runs (one goroutine runs at a time, so the stamps are a function
// of the schedule: reproducible) and of native runs inside a testing/synctest bubble
// (whose time.Now is a fake clock that stands still while goroutines run).
type Logical struct{ n atomic.Int64 }

// Now returns the next tick.
func (l *Logical) Now() int64 { return l.n.Add(1) }

// Monotonic is the monotonic wall clock, in nanoseconds since the clock was made. It
// is the clock of parallel runs, where the logical clock's single counter would be a
// point of contention that serializes the clients.
type Monotonic struct{ base time.Time }

// NewMonotonic returns a Monotonic clock starting at 0 now.
func NewMonotonic() *Monotonic { return &Monotonic{base: time.Now()} }

// Now returns the nanoseconds elapsed since the clock was made.
func (m *Monotonic) Now() int64 { return int64(time.Since(m.base)) }

// Recorder records a history: declare the channels, hand each goroutine a Client, and
// take the History at quiescence.
type Recorder struct {
	clock Clock

	mu      sync.Mutex // guards chans and clients
	chans   []ChanDecl
	clients []*Client
}

// NewRecorder returns a recorder stamping events with clock.
func NewRecorder(clock Clock) *Recorder { return &Recorder{clock: clock} }

// Chan declares the next channel and returns its index in the history.
func (r *Recorder) Chan(d ChanDecl) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.chans = append(r.chans, d)
	return len(r.chans) - 1
}

// Client returns a new client, with the next client id (0, 1, ...). A client must be
// used by one goroutine at a time, one operation at a time: Call, then Return (or
// nothing, if the operation never returns).
func (r *Recorder) Client() *Client {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := &Client{clock: r.clock, id: len(r.clients)}
	r.clients = append(r.clients, c)
	return c
}

// Client is one client's log.
type Client struct {
	clock Clock
	id    int

	mu  sync.Mutex // guards ops
	ops []Op       // only the last may be pending
}

// ID returns the client's id.
func (c *Client) ID() int { return c.id }

// Call records the call of op. The timestamp is taken before anything else, so it
// precedes the operation.
func (c *Client) Call(op spec.Op) {
	t := c.clock.Now()
	c.mu.Lock()
	c.ops = append(c.ops, Op{Client: c.id, Op: op, Call: t, Pending: true})
	c.mu.Unlock()
}

// Return records the return of the pending operation with result r. The timestamp
// is taken first, so it follows the operation.
func (c *Client) Return(r spec.Result) {
	t := c.clock.Now()
	c.mu.Lock()
	op := &c.ops[len(c.ops)-1]
	if !op.Pending {
		c.mu.Unlock()
		panic("linearizability: Client.Return without a pending Call")
	}
	op.Return, op.Result, op.Pending = t, r, false
	c.mu.Unlock()
}

// History returns what was recorded so far: the declared channels and every client's
// operations, ordered by call (ties by client). Call it at quiescence, when each
// client has finished or is blocked in its last operation, which is then pending.
func (r *Recorder) History() *History {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := &History{Chans: slices.Clone(r.chans)}
	for _, c := range r.clients {
		c.mu.Lock()
		h.Ops = append(h.Ops, c.ops...)
		c.mu.Unlock()
	}
	slices.SortStableFunc(h.Ops, func(a, b Op) int {
		if a.Call != b.Call {
			return cmp.Compare(a.Call, b.Call)
		}
		return a.Client - b.Client
	})
	return h
}
