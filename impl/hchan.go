package impl

// hchan: the channel (runtime chan.go). Functions keep the runtime's names and order of
// checks, so this file reads side by side with $(go env GOROOT)/src/runtime/chan.go.
//
// Invariants (whenever c.lock is free; invariants.go checks them):
//   - at least one of c.sendq, c.recvq is empty, except when one goroutine's select both
//     sends and receives on the same unbuffered channel;
//   - buffered: c.qcount > 0 implies c.recvq is empty; c.qcount < c.dataqsiz implies
//     c.sendq is empty;
//   - 0 <= c.qcount <= c.dataqsiz; buffered: c.sendx == (c.recvx + c.qcount) % c.dataqsiz;
//   - buffer slots outside the live region [recvx, recvx+qcount) hold the zero value;
//   - c.closed goes 0 -> 1 once; a closed channel has no waiters.

import (
	"fmt"
	"sync/atomic"
	"unsafe"
)

// hchan is a channel. dataqsiz, buf, elemtype and id are immutable after makechan;
// everything else is guarded by lock. qcount, closed and the queues' first pointers are
// also read without the lock by the non-blocking fast paths, so they are atomics.
type hchan struct {
	qcount   atomic.Uint64  // total data in the queue
	dataqsiz uint64         // size of the circular queue
	buf      unsafe.Pointer // points to an array of dataqsiz elements
	elemtype *elemType
	closed   atomic.Uint32
	sendx    uint64 // send index
	recvx    uint64 // receive index
	recvq    waitq  // list of recv waiters
	sendq    waitq  // list of send waiters

	// lock protects all fields in hchan, as well as several fields in sudogs blocked on
	// this channel. Do not ready a G while holding it (SEMANTICS item 27).
	lock mutex

	id int64 // stable per run: the lock order key and the name in traces
}

// String names c in deadlock reports and traces.
func (c *hchan) String() string { return fmt.Sprintf("chan %d", c.id) }

// plainError is a runtime error whose text has no "runtime error: " prefix, like the
// runtime's plainError: the panic value of make, send, close on a bad channel.
type plainError string

func (e plainError) Error() string { return string(e) }
func (e plainError) RuntimeError() {}

// The runtime's panic messages (chan.go).
const (
	errMakeSize    = plainError("makechan: size out of range")
	errSendClosed  = plainError("send on closed channel")
	errCloseClosed = plainError("close of closed channel")
	errCloseNil    = plainError("close of nil channel")
)

// Constants of makechan on 64-bit Linux (malloc.go maxAlloc; chan.go hchanSize).
const (
	maxAlloc  = 1 << 48
	hchanSize = 112
)

// makechan makes a channel of elem with a buffer of size elements (runtime makechan,
// SEMANTICS items 4-6). gp is the running G.
func makechan(gp *G, elem *elemType, size int) *hchan {
	if size < 0 || (elem.size > 0 && uint64(size) > (maxAlloc-hchanSize)/uint64(elem.size)) {
		panic(errMakeSize)
	}
	c := &hchan{dataqsiz: uint64(size), elemtype: elem}
	if elem.size == 0 || size == 0 {
		// No buffer is allocated; buf points at the hchan itself so that element
		// pointers are valid (zero-size values live anywhere).
		c.buf = unsafe.Pointer(&c.buf)
	} else {
		c.buf = elem.newArray(size)
	}
	gp.rt.registerChan(gp, c)
	return c
}

// chanbuf returns a pointer to slot i of the buffer.
func chanbuf(c *hchan, i uint64) unsafe.Pointer {
	return unsafe.Add(c.buf, uintptr(i)*c.elemtype.size)
}

// full reports whether a send on c would block: no receiver waits (unbuffered) or the
// buffer is full (buffered). It may be called without the lock.
func full(c *hchan) bool {
	if c.dataqsiz == 0 {
		return c.recvq.empty()
	}
	return c.qcount.Load() == c.dataqsiz
}

// empty reports whether a receive from c would block: no sender waits (unbuffered) or
// the buffer is empty (buffered). It may be called without the lock.
func empty(c *hchan) bool {
	if c.dataqsiz == 0 {
		return c.sendq.empty()
	}
	return c.qcount.Load() == 0
}

// chansend sends the value at ep on c (runtime chansend; SEMANTICS items 11-13, 20). If
// block is false it reports whether the send happened instead of blocking. gp is the
// running G; a panic is raised after every lock is released.
func chansend(gp *G, c *hchan, ep unsafe.Pointer, block bool) bool {
	if c == nil {
		if !block {
			gp.rt.traceChan(gp, EvNotReady, nil)
			return false
		}
		gopark(gp, nil, waitReasonChanSendNilChan, nil)
		gp.rt.throw(gp, "unreachable")
	}
	if !block && gp.rt.fastpath && sendFastFail(gp, c) {
		return false
	}
	lock(gp, &c.lock)
	if c.closed.Load() != 0 {
		gp.rt.tracePanic(gp, EvSendClosed, c, errSendClosed)
		unlock(gp, &c.lock)
		panic(errSendClosed)
	}
	if sg := c.recvq.dequeue(); sg != nil {
		// A receiver waits: hand the value over directly, bypassing the buffer.
		send(gp, c, sg, ep, nil)
		return true
	}
	if c.qcount.Load() < c.dataqsiz {
		bufsend(gp, c, ep)
		unlock(gp, &c.lock)
		return true
	}
	if !block {
		gp.rt.traceChan(gp, EvNotReady, c)
		unlock(gp, &c.lock)
		return false
	}
	// Block on the channel. Some receiver will complete our operation for us, or
	// close will release us.
	if closed := !parkOn(gp, c, &c.sendq, ep, EvEnqueueSend, waitReasonChanSend); closed {
		if c.closed.Load() == 0 {
			gp.rt.throw(gp, "chansend: spurious wakeup")
		}
		panic(errSendClosed)
	}
	return true
}

// sendFastFail is the lock-free fast path of a non-blocking send (runtime chan.go:197-212,
// SEMANTICS item 20). It reports true if the send cannot proceed.
//
// Linearizability: it observes "full", then "not closed", each a single atomic load.
// A channel cannot be reopened, so it was open at the first load too: at that instant
// it was open and full, and the send linearizes there as "not ready".
//
// The runtime loads in the other order — closed, then full — and its comment argues
// that "a closed channel cannot transition from 'ready for sending' to 'not ready for
// sending'". But closing an unbuffered channel does exactly that to an open one whose
// receiver is parked: close releases the receiver, so recvq becomes empty and full()
// true. A non-blocking send that loads "open", then sees the close release the
// receiver, then loads "full", takes default although at every instant of its call the
// send could proceed (to the receiver, or by panicking on the closed channel). The
// step-refinement property found it; proptest/testdata/replay/runtime_send_fastpath.txt
// replays it, and Config.RuntimeSendFastPath restores the runtime's order to show it.
// Each load is a scheduling point in Deterministic mode.
func sendFastFail(gp *G, c *hchan) bool {
	if gp.rt.runtimeSendFastPath {
		return sendFastFailRuntimeOrder(gp, c)
	}
	yield(gp, "chansend fast path: full")
	if !full(c) {
		return false
	}
	gp.rt.traceChan(gp, EvFastPathFull, c) // the linearization point, if the send fails
	yield(gp, "chansend fast path: closed")
	if c.closed.Load() != 0 {
		return false
	}
	gp.rt.traceChan(gp, EvFastPathNotReady, c)
	return true
}

// sendFastFailRuntimeOrder is sendFastFail with the runtime's order of loads — closed,
// then full — which is not linearizable (see sendFastFail).
func sendFastFailRuntimeOrder(gp *G, c *hchan) bool {
	yield(gp, "chansend fast path: closed")
	if c.closed.Load() != 0 {
		return false
	}
	gp.rt.traceChan(gp, EvFastPathOpen, c)
	yield(gp, "chansend fast path: full")
	if !full(c) {
		return false
	}
	gp.rt.traceChan(gp, EvFastPathNotReady, c)
	return true
}

// bufsend copies the value at ep into the buffer slot at sendx (runtime chansend).
// c.lock must be held and the buffer must have room.
func bufsend(gp *G, c *hchan, ep unsafe.Pointer) {
	c.elemtype.copy(chanbuf(c, c.sendx), ep)
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvBufSend, c, Arg{"v", c.elemtype.show(ep)}, Arg{"sendx", c.sendx})
	}
	c.sendx++
	if c.sendx == c.dataqsiz || mutant == "ring-wraps-early" && c.sendx == c.dataqsiz-1 {
		c.sendx = 0
	}
	c.qcount.Add(1)
}

// send hands the value at ep to the parked receiver sg (runtime send; SEMANTICS item
// 12). c must be locked and its buffer empty; sg must already be dequeued. send copies
// into the receiver's elem, unlocks c (every lock of sel, when called from a select),
// and only then marks sg successful and readies its goroutine.
func send(gp *G, c *hchan, sg *sudog, ep unsafe.Pointer, sel *selectState) {
	if mutant == "handoff-wrong-elem" && sg.elem != nil && sg.g.waiting.elem != nil {
		sg.elem = sg.g.waiting.elem
	}
	if sg.elem != nil {
		c.elemtype.copy(sg.elem, ep)
		sg.elem = nil
	}
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvSendToReceiver, c, Arg{"v", c.elemtype.show(ep)}, Arg{"to", sg.g.id}, Arg{"case", sg.casi})
	}
	recvg := sg.g
	if mutant == "goready-under-lock" {
		recvg.param, sg.success = unsafe.Pointer(sg), true
		goready(gp, recvg)
		unlockAll(gp, c, sel)
		return
	}
	unlockAll(gp, c, sel)
	recvg.param = unsafe.Pointer(sg)
	sg.success = true
	goready(gp, recvg)
}

// unlockAll releases c.lock, or every lock of sel when the operation is a select's.
func unlockAll(gp *G, c *hchan, sel *selectState) {
	if sel != nil {
		sel.unlock(gp)
		return
	}
	unlock(gp, &c.lock)
}

// chanparkcommit is the unlock function of a goroutine parking on one channel (runtime
// chanparkcommit): it releases the lock of the channel of gp.waiting after gp is marked
// waiting, so a partner that then finds gp's sudog can ready it without losing the
// wake-up.
func chanparkcommit(gp *G) bool {
	unlock(gp, &gp.waiting.c.lock)
	return true
}

// chanrecv receives from c into ep (runtime chanrecv; SEMANTICS items 14-16, 21). ep may
// be nil, in which case the value is discarded. If block is false and nothing is
// available it returns (false, false). If c is closed and drained it zeroes *ep and
// returns (true, false); otherwise it fills *ep and returns (true, true).
func chanrecv(gp *G, c *hchan, ep unsafe.Pointer, block bool) (selected, received bool) {
	if c == nil {
		if !block {
			gp.rt.traceChan(gp, EvNotReady, nil)
			return false, false
		}
		gopark(gp, nil, waitReasonChanReceiveNilChan, nil)
		gp.rt.throw(gp, "unreachable")
	}
	if !block && gp.rt.fastpath {
		if done, selected, received := recvFast(gp, c, ep); done {
			return selected, received
		}
	}
	lock(gp, &c.lock)
	if c.closed.Load() != 0 {
		if c.qcount.Load() == 0 {
			gp.rt.traceChan(gp, EvRecvClosed, c)
			unlock(gp, &c.lock)
			if ep != nil {
				c.elemtype.clear(ep)
			}
			return true, false
		}
		// Closed, but the buffer still has data: drain it first (SEMANTICS item 16).
	} else if sg := c.sendq.dequeue(); sg != nil {
		// A sender waits. Unbuffered: take its value directly. Buffered (so full): take
		// the head of the buffer and put the sender's value at the tail.
		recv(gp, c, sg, ep, nil)
		return true, true
	}
	if c.qcount.Load() > 0 {
		bufrecv(gp, c, ep)
		unlock(gp, &c.lock)
		return true, true
	}
	if !block {
		gp.rt.traceChan(gp, EvNotReady, c)
		unlock(gp, &c.lock)
		return false, false
	}
	// No sender available: block on this channel until a sender gives us a value or
	// close releases us.
	return true, parkOn(gp, c, &c.recvq, ep, EvEnqueueRecv, waitReasonChanReceive)
}

// parkOn blocks gp on q, c's sendq or recvq, with a sudog for ep, until a partner
// completes the operation or close releases it, and reports which: sudog.success
// (runtime chansend and chanrecv, "block on the channel"). c must be locked; the
// lock is released by chanparkcommit once gp is marked waiting.
func parkOn(gp *G, c *hchan, q *waitq, ep unsafe.Pointer, ev EventKind, reason waitReason) (success bool) {
	mysg := acquireSudog(gp)
	mysg.elem = ep
	mysg.g = gp
	mysg.c = c
	gp.waiting = mysg
	gp.param = nil
	q.enqueue(mysg)
	gp.rt.traceChan(gp, ev, c)
	gopark(gp, chanparkcommit, reason, c)
	// Someone woke us up.
	if mysg != gp.waiting {
		gp.rt.throw(gp, "G waiting list is corrupted")
	}
	gp.waiting = nil
	success = mysg.success
	gp.param = nil
	mysg.c = nil
	releaseSudog(gp, mysg)
	return success
}

// recvFast is the lock-free fast path of a non-blocking receive (runtime chan.go:528-566,
// SEMANTICS item 21). done reports whether it decided the receive.
//
// Linearizability: it observes "empty", then "not closed": since a channel cannot be
// reopened, it was not closed at the first observation either, and the receive
// linearizes there as "not ready". If it observes "closed" instead, it must re-check
// "empty": data may have arrived between the first two loads, and a closed channel
// still delivers its buffered values first. Closed and still empty: the channel is
// irreversibly closed and drained, so the receive returns (zero, false). Loading in the
// other order would let "open and non-empty, closed, drained" look like "open and
// empty" (TestNonblockRecvRace). Each load is a scheduling point in Deterministic mode.
func recvFast(gp *G, c *hchan, ep unsafe.Pointer) (done, selected, received bool) {
	if mutant == "recv-fastpath-closed-first" {
		yield(gp, "chanrecv fast path: closed")
		closed := c.closed.Load() != 0
		yield(gp, "chanrecv fast path: empty")
		if !empty(c) {
			return false, false, false
		}
		gp.rt.traceChan(gp, EvFastPathEmpty, c)
		if !closed {
			gp.rt.traceChan(gp, EvFastPathNotReady, c)
			return true, false, false
		}
		gp.rt.traceChan(gp, EvRecvClosed, c)
		if ep != nil {
			c.elemtype.clear(ep)
		}
		return true, true, false
	}
	yield(gp, "chanrecv fast path: empty")
	if !empty(c) {
		return false, false, false
	}
	gp.rt.traceChan(gp, EvFastPathEmpty, c) // the linearization point, if it finds c open
	yield(gp, "chanrecv fast path: closed")
	if c.closed.Load() == 0 {
		gp.rt.traceChan(gp, EvFastPathNotReady, c)
		return true, false, false
	}
	yield(gp, "chanrecv fast path: empty again")
	if !empty(c) {
		return false, false, false
	}
	gp.rt.traceChan(gp, EvRecvClosed, c)
	if ep != nil {
		c.elemtype.clear(ep)
	}
	return true, true, false
}

// bufrecv moves the value at recvx out of the buffer into ep and clears the slot
// (runtime chanrecv). c.lock must be held and the buffer non-empty.
func bufrecv(gp *G, c *hchan, ep unsafe.Pointer) {
	qp := chanbuf(c, c.recvx)
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvBufRecv, c, Arg{"v", c.elemtype.show(qp)}, Arg{"recvx", c.recvx})
	}
	if ep != nil {
		c.elemtype.copy(ep, qp)
	}
	if mutant != "recv-keeps-slot" {
		c.elemtype.clear(qp)
	}
	c.recvx++
	if c.recvx == c.dataqsiz {
		c.recvx = 0
	}
	c.qcount.Add(^uint64(0))
}

// recv completes a receive from the parked sender sg (runtime recv; SEMANTICS item 15).
// Unbuffered: copy straight from the sender's elem. Buffered, hence full: take the head
// buf[recvx], copy the sender's value into that same slot (now the tail), advance recvx
// and set sendx = recvx. c must be locked; sg must already be dequeued. recv unlocks c
// (every lock of sel, when called from a select), then marks sg successful and readies
// the sender.
func recv(gp *G, c *hchan, sg *sudog, ep unsafe.Pointer, sel *selectState) {
	if c.dataqsiz == 0 {
		if gp.rt.tracing {
			gp.rt.traceChan(gp, EvRecvFromSender, c, Arg{"v", c.elemtype.show(sg.elem)}, Arg{"from", sg.g.id}, Arg{"case", sg.casi})
		}
		if ep != nil {
			c.elemtype.copy(ep, sg.elem)
		}
	} else {
		qp := chanbuf(c, c.recvx)
		if gp.rt.tracing {
			gp.rt.traceChan(gp, EvRecvRotate, c, Arg{"v", c.elemtype.show(qp)},
				Arg{"in", c.elemtype.show(sg.elem)}, Arg{"from", sg.g.id}, Arg{"case", sg.casi})
		}
		if mutant == "recv-skips-rotation" {
			qp = sg.elem // take the sender's value; the buffer is left as it was
		}
		if ep != nil {
			c.elemtype.copy(ep, qp)
		}
		if mutant == "recv-skips-rotation" {
			sg.elem = nil
			sendg := sg.g
			unlockAll(gp, c, sel)
			sendg.param = unsafe.Pointer(sg)
			sg.success = true
			goready(gp, sendg)
			return
		}
		c.elemtype.copy(qp, sg.elem)
		c.recvx++
		if c.recvx == c.dataqsiz {
			c.recvx = 0
		}
		if mutant != "rotation-forgets-sendx" {
			c.sendx = c.recvx // c.sendx = (c.sendx+1) % c.dataqsiz
		}
	}
	sg.elem = nil
	sendg := sg.g
	unlockAll(gp, c, sel)
	sendg.param = unsafe.Pointer(sg)
	sg.success = true
	goready(gp, sendg)
}

// closechan closes c (runtime closechan; SEMANTICS item 17): every parked receiver is
// released with the zero value and success = false, then every parked sender (which
// will panic), and all of them are readied only after c.lock is released.
func closechan(gp *G, c *hchan) {
	if c == nil {
		gp.rt.tracePanic(gp, EvClosePanic, nil, errCloseNil)
		panic(errCloseNil)
	}
	lock(gp, &c.lock)
	if c.closed.Load() != 0 {
		gp.rt.tracePanic(gp, EvClosePanic, c, errCloseClosed)
		unlock(gp, &c.lock)
		panic(errCloseClosed)
	}
	c.closed.Store(1)
	gp.rt.traceChan(gp, EvClose, c)
	var glist gList
	for mutant == "close-senders-first" { // release the writers first
		sg := c.sendq.dequeue()
		if sg == nil {
			break
		}
		sg.elem = nil
		glist.pushBack(closeRelease(gp, c, sg, "send"))
	}
	for { // release all readers
		sg := c.recvq.dequeue()
		if sg == nil {
			break
		}
		if sg.elem != nil {
			c.elemtype.clear(sg.elem)
			sg.elem = nil
		}
		glist.pushBack(closeRelease(gp, c, sg, "recv"))
	}
	for mutant != "close-forgets-senders" { // release all writers (they will panic)
		sg := c.sendq.dequeue()
		if sg == nil {
			break
		}
		sg.elem = nil
		glist.pushBack(closeRelease(gp, c, sg, "send"))
	}
	unlock(gp, &c.lock)
	for g := glist.pop(); g != nil; g = glist.pop() { // ready them now that the lock is dropped
		goready(gp, g)
	}
}

// gList is a FIFO of Gs linked through schedlink (runtime gList): the Gs a closechan
// releases, readied in the order released. Each G on it is waiting until it is popped.
type gList struct {
	head, tail *G
}

func (l *gList) pushBack(g *G) {
	g.schedlink = nil
	if l.tail == nil {
		l.head = g
	} else {
		l.tail.schedlink = g
	}
	l.tail = g
}

// pop removes and returns the first G, or nil. It unlinks the G before the caller
// readies it, after which the G may be on another closechan's list.
func (l *gList) pop() *G {
	g := l.head
	if g != nil {
		l.head = g.schedlink
		if l.head == nil {
			l.tail = nil
		}
		g.schedlink = nil
	}
	return g
}

// closeRelease marks the dequeued sudog sg as woken by close and returns its goroutine.
func closeRelease(gp *G, c *hchan, sg *sudog, dir string) *G {
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvCloseRelease, c, Arg{"g", sg.g.id}, Arg{"dir", dir}, Arg{"case", sg.casi})
	}
	g := sg.g
	g.param = unsafe.Pointer(sg)
	sg.success = false
	return g
}

// chanlen is len(c) (runtime chanlen; SEMANTICS item 19): the number of buffered values,
// read without the lock. A scheduling point in Deterministic mode.
func chanlen(gp *G, c *hchan) int {
	n := 0
	if c != nil {
		yield(gp, "len")
		n = int(c.qcount.Load())
		if mutant == "len-counts-senders" && c.dataqsiz == 0 {
			n = c.sendq.len()
		}
	}
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvLen, c, Arg{"v", n})
	}
	return n
}

// chancap is cap(c) (runtime chancap): immutable, so no scheduling point.
func chancap(gp *G, c *hchan) int {
	n := 0
	if c != nil {
		n = int(c.dataqsiz)
	}
	if gp.rt.tracing {
		gp.rt.traceChan(gp, EvCap, c, Arg{"v", n})
	}
	return n
}
