// Package quiesce waits, outside tests, for what testing/synctest.Wait waits for inside
// a bubble: until every goroutine of a group has returned or is blocked in a channel
// operation (send, receive or select) — on the real Go runtime, with real threads.
//
// The check is exact, not a timeout. runtime.Stack(buf, true) stops the world and prints
// every goroutine with its status; a goroutine parked in chansend, chanrecv or selectgo
// shows the runtime's wait reason ("chan send", "chan receive", "select", and their nil
// channel and no-case forms). If, in one such snapshot, every live member of the group is
// parked in a channel operation, then none of them can run again unless a goroutine
// outside the group completes one of those operations: the group is durably blocked.
// Hence the contract: the channels the members block on are used by no one else until
// Wait returns. A member that is runnable, running, or blocked on anything else (a mutex,
// a sleep) is not quiescent, and Wait looks again.
//
// A snapshot costs 50–170µs on a 2-core machine (the world stops while every stack is
// printed). A group whose members announce their channel operations (Announced, Op)
// spares most of them: while some live member is outside an operation, it is running,
// and Wait does not look.
package quiesce

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Group is a set of goroutines started by Go. The zero Group is ready to use.
type Group struct {
	// Announced promises that every member performs each channel operation that may
	// block inside Op. Wait then takes a snapshot only when every live member is inside
	// one: a member outside is running (or blocked on something else), so the group is
	// not quiescent. Set it before the first Go.
	Announced bool

	mu      sync.Mutex
	live    map[int64]bool // ids of members that have not returned
	pending int            // members started whose id is not yet in live
	wg      sync.WaitGroup
	inOp    atomic.Int32 // members inside Op; at most len(live), as a member leaves Op before live
}

// Op runs op, a channel operation of the calling member, counted as one (Announced).
func (g *Group) Op(op func()) {
	g.inOp.Add(1)
	defer g.inOp.Add(-1)
	op()
}

// Go runs f on a new goroutine, a member of g.
func (g *Group) Go(f func()) {
	g.mu.Lock()
	g.pending++
	g.mu.Unlock()
	g.wg.Go(func() {
		id := goid()
		g.mu.Lock()
		if g.live == nil {
			g.live = map[int64]bool{}
		}
		g.pending--
		g.live[id] = true
		g.mu.Unlock()
		defer func() {
			g.mu.Lock()
			delete(g.live, id)
			g.mu.Unlock()
		}()
		f()
	})
}

// Wait returns once every member has returned or is parked in a channel operation, in
// one stop-the-world snapshot. Members must not be started while Wait runs.
func (g *Group) Wait() {
	var buf []byte
	for i := 0; ; i++ {
		var ok bool
		if ok, buf = g.quiescent(buf); ok {
			return
		}
		backoff(i)
	}
}

// Join waits for every member to return.
func (g *Group) Join() { g.wg.Wait() }

// quiescent reports whether the group is quiescent now; buf is a buffer for the
// goroutine dump, returned (grown) for the next call.
func (g *Group) quiescent(buf []byte) (bool, []byte) {
	g.mu.Lock()
	if g.pending > 0 {
		g.mu.Unlock()
		return false, buf
	}
	if len(g.live) == 0 {
		g.mu.Unlock()
		return true, buf
	}
	if g.Announced && int(g.inOp.Load()) < len(g.live) {
		// Some live member is outside Op. (Only "not yet" is decided here: a snapshot
		// decides "quiescent".)
		g.mu.Unlock()
		return false, buf
	}
	ids := make([]int64, 0, len(g.live))
	for id := range g.live {
		ids = append(ids, id)
	}
	g.mu.Unlock()
	buf = dump(buf)
	status := statuses(buf)
	for _, id := range ids {
		// A member missing from the dump returned after live was read.
		if st, ok := status[id]; ok && !blockedInChannelOp(st) {
			return false, buf
		}
	}
	return true, buf
}

// backoff waits before the i-th retry: yields first, then sleeps growing to 1ms, so a
// group that is still working gets the processors and a long wait costs few dumps.
func backoff(i int) {
	const yields = 8
	if i < yields {
		runtime.Gosched()
		return
	}
	time.Sleep(min(time.Microsecond<<min(i-yields, 10), time.Millisecond))
}

// dump returns every goroutine's stack (runtime.Stack with all), in buf if it fits.
func dump(buf []byte) []byte {
	if len(buf) == 0 {
		buf = make([]byte, 64<<10)
	}
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// statuses parses a goroutine dump into each goroutine's status: from the header line
// "goroutine 18 [select, 2 minutes]:" (with "gp=… m=…" before the bracket at higher
// GOTRACEBACK levels) it keeps "select".
func statuses(dump []byte) map[int64]string {
	m := map[int64]string{}
	for _, line := range bytes.Split(dump, []byte("\n")) {
		rest, ok := bytes.CutPrefix(line, []byte("goroutine "))
		if !ok || !bytes.HasSuffix(rest, []byte("]:")) {
			continue
		}
		idText, _, _ := bytes.Cut(rest, []byte(" "))
		id, err := strconv.ParseInt(string(idText), 10, 64)
		open := bytes.IndexByte(rest, '[')
		if err != nil || open < 0 {
			continue
		}
		st := rest[open+1 : len(rest)-len("]:")]
		st, _, _ = bytes.Cut(st, []byte(","))
		for _, suffix := range []string{" (durable)", " (scan)"} { // printed "… (scan) (durable)"
			st = bytes.TrimSuffix(st, []byte(suffix))
		}
		m[id] = string(st)
	}
	return m
}

// channelWaits are the wait reasons of a goroutine parked in a channel operation
// (runtime2.go waitReasonStrings).
var channelWaits = map[string]bool{
	"chan send": true, "chan receive": true, "select": true,
	"chan send (nil chan)": true, "chan receive (nil chan)": true, "select (no cases)": true,
}

func blockedInChannelOp(status string) bool { return channelWaits[status] }

// goid returns the calling goroutine's id, from the header of its own stack.
func goid() int64 {
	var b [64]byte
	s := b[:runtime.Stack(b[:], false)]
	s, _ = bytes.CutPrefix(s, []byte("goroutine "))
	s, _, _ = bytes.Cut(s, []byte(" "))
	id, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		panic("quiesce: cannot read the goroutine id from " + strconv.Quote(string(b[:])))
	}
	return id
}
