package spec

// The channel level: one channel value and the operations on it, each with
// its readiness and its effect. The operations are pure: they return the new
// channel and never modify their receiver.
//
// A send or receive on an unbuffered channel is never ready at this level:
// it needs a partner goroutine, which only the program level (state.go) can
// provide.

// The runtime's exact panic messages (runtime/chan.go).
const (
	PanicMakeSize    = "makechan: size out of range" // makechan, chan.go:88
	PanicSendClosed  = "send on closed channel"      // chansend, chan.go:226 and 307
	PanicCloseClosed = "close of closed channel"     // closechan
	PanicCloseNil    = "close of nil channel"        // closechan
)

// Constants of makechan on 64-bit Linux, the platform the messages above were
// taken from: maxAlloc is 1<<heapAddrBits (malloc.go) and hchanSize is
// unsafe.Sizeof(hchan{}) rounded up to maxAlign (chan.go:30).
const (
	MaxAlloc  = 1 << 48
	HChanSize = 112
)

// Chan is a channel value: its capacity, the values buffered in it (oldest
// first) and whether it is closed. The zero Chan with Nil set is the nil
// channel.
//
// Invariants: 0 <= len(Buf) <= Cap; a nil channel has no buffer and is never
// closed.
type Chan struct {
	Nil    bool
	Cap    int64
	Closed bool
	Buf    []Value
}

// Make returns a new open, empty channel of the given size and element size,
// or the panic message of make (Go spec "Making slices, maps and channels";
// runtime chan.go makechan; SEMANTICS items 4-6).
func Make(size int64, elemSize int64) (Chan, string) {
	if size < 0 {
		return Chan{}, PanicMakeSize
	}
	if elemSize > 0 && size > (MaxAlloc-HChanSize)/elemSize {
		return Chan{}, PanicMakeSize
	}
	return Chan{Cap: size}, ""
}

// Len is len(c): the number of buffered values; 0 for nil (SEMANTICS item 19).
func (c Chan) Len() int64 { return int64(len(c.Buf)) }

// Unbuffered reports whether c is a non-nil channel of capacity 0.
func (c Chan) Unbuffered() bool { return !c.Nil && c.Cap == 0 }

// Send is a send of v that needs no partner. It is ready when c is closed (the
// send panics) or the buffer has room (v is appended). A send on a nil
// channel is never ready (SEMANTICS items 7, 11).
func (c Chan) Send(v Value) (next Chan, r Result, ready bool) {
	switch {
	case c.Nil:
		return c, Result{}, false
	case c.Closed:
		return c, Result{Panic: PanicSendClosed}, true
	case c.Len() < c.Cap:
		next = c
		next.Buf = append(append(make([]Value, 0, len(c.Buf)+1), c.Buf...), v)
		return next, Result{}, true
	}
	return c, Result{}, false
}

// Recv is a receive that needs no partner. It is ready when the buffer has a
// value (the oldest is taken, ok is true) or c is closed and empty (the zero
// value, ok false). Buffered values are drained before a closed channel
// reports !ok. A receive on a nil channel is never ready (SEMANTICS items 7,
// 14, 16).
func (c Chan) Recv() (next Chan, r Result, ready bool) {
	switch {
	case c.Nil:
		return c, Result{}, false
	case len(c.Buf) > 0:
		next = c
		next.Buf = c.Buf[1:len(c.Buf):len(c.Buf)]
		return next, Result{Value: c.Buf[0], OK: true}, true
	case c.Closed:
		return c, Result{Value: 0, OK: false}, true
	}
	return c, Result{}, false
}

// Close is close(c): it marks c closed, or returns the panic message for a
// nil or already closed channel (Go spec "Close"; SEMANTICS items 8, 17).
// Releasing the goroutines blocked on c is the program level's business.
func (c Chan) Close() (next Chan, panicMsg string) {
	switch {
	case c.Nil:
		return c, PanicCloseNil
	case c.Closed:
		return c, PanicCloseClosed
	}
	next = c
	next.Closed = true
	return next, ""
}
