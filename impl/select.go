package impl

// selectgo (runtime select.go), split into its phases: pollorder and lockorder, pass 1
// with every lock held, default, pass 2 (enqueue a sudog per case), park with
// selparkcommit, wake-up, pass 3 (dequeue the losers).

import (
	"strings"
	"unsafe"
)

// scase is one case of a select: a send of *elem on c, or a receive from c into elem
// (nil: discard). c == nil is a case on a nil channel, never chosen.
type scase struct {
	c    *hchan
	elem unsafe.Pointer
	send bool
	// isDefault marks the typed API's Default case (chan.go), which Select takes out:
	// selectgo never sees one.
	isDefault bool
}

// selectState is one execution of selectgo. It is what the runtime keeps on the
// goroutine's stack: the cases, the two orders, and the sudogs of pass 2.
type selectState struct {
	cases     []scase
	pollorder []uint16 // the non-nil cases in a uniformly random order
	lockorder []uint16 // the non-nil cases sorted by channel id (duplicates adjacent)
}

// MaxSelectCases is the most cases one select may have (SEMANTICS item 36).
const MaxSelectCases = 1 << 16

// selectSmall is the most cases of a select whose bookkeeping lives on the stack (Select's
// cases, selectgo's orders); a larger one allocates it.
const selectSmall = 8

// selectgo runs a select over cases and returns the index of the case taken and, for a
// receive, whether a value was received (true) or the channel was closed (false). If
// block is false and no case is ready it returns (-1, false) (SEMANTICS items 28-35).
// gp is the running G.
func selectgo(gp *G, cases []scase, block bool) (int, bool) {
	if len(cases) > MaxSelectCases {
		panic("reflect.Select: too many cases (max 65536)")
	}
	if len(cases) == 0 && block {
		gopark(gp, nil, waitReasonSelectNoCases, nil) // no cases: forever (runtime block)
		gp.rt.throw(gp, "unreachable")
	}
	// The orders live on the stack for small selects, as the compiler's order array
	// does for the runtime's.
	var orderbuf [2 * selectSmall]uint16
	var order []uint16
	if len(cases) <= selectSmall {
		order = orderbuf[:2*len(cases)]
	} else {
		order = make([]uint16, 2*len(cases))
	}
	var sel selectState // on the stack: nothing keeps it past selectgo
	sel.cases = cases
	sel.pollorder, sel.lockorder = sel.orders(gp, order)
	// With only nil channels the phases below lock nothing and find nothing; pass 2
	// enqueues nothing and the select parks for ever, as the runtime's does.
	if mutant == "select-pass1-unlocked" {
		if casi, recvOK, ok := sel.pollUnlocked(gp); ok {
			return casi, recvOK
		}
	}
	sel.lock(gp)
	if casi, recvOK, ok := sel.pass1(gp); ok {
		return casi, recvOK
	}
	if !block {
		gp.rt.traceSelect(gp, EvSelectDefault, -1)
		sel.unlock(gp)
		return -1, false
	}
	sel.pass2(gp)
	gp.selcases = append(gp.selcases[:0], cases...)
	gopark(gp, selparkcommit, waitReasonSelect, (*parkedSelect)(gp))
	clear(gp.selcases)
	gp.selcases = gp.selcases[:0]
	sel.lock(gp)
	casi, success := sel.pass3(gp)
	sel.unlock(gp)
	if sel.cases[casi].send && !success {
		panic(errSendClosed) // woken by close (SEMANTICS item 35)
	}
	return casi, !sel.cases[casi].send && success
}

// orders computes pollorder, a uniformly random permutation of the non-nil cases
// (an inside-out Fisher-Yates shuffle drawing from the scheduler's random source,
// SEMANTICS item 29), and lockorder, the same cases sorted by channel id, a stable key
// (item 30). Both are slices of order, which has room for 2*len(sel.cases) elements
// (returned rather than stored through sel, which keeps order on selectgo's stack).
func (sel *selectState) orders(gp *G, order []uint16) (pollorder, lockorder []uint16) {
	cases := sel.cases
	ncases := len(cases)
	pollorder = order[:ncases:ncases]
	lockorder = order[ncases : 2*ncases : 2*ncases]
	n := 0 // pollorder[:n] is a uniformly random permutation of the non-nil cases so far
	for i := range cases {
		if cases[i].c == nil {
			continue // nil cases are never chosen (item 9)
		}
		j := fastrandn(gp, uint32(n+1))
		if mutant == "pollorder-sattolo" && n > 0 {
			j = fastrandn(gp, uint32(n))
		}
		pollorder[n] = pollorder[j]
		pollorder[j] = uint16(i)
		n++
	}
	pollorder, lockorder = pollorder[:n], lockorder[:n]
	// Insertion sort of pollorder into lockorder (stable: selects are small).
	for i, o := range pollorder {
		id := cases[o].c.id
		j := i
		for ; j > 0 && cases[lockorder[j-1]].c.id > id && mutant != "lockorder-unsorted"; j-- {
			lockorder[j] = lockorder[j-1]
		}
		lockorder[j] = o
	}
	return pollorder, lockorder
}

// lock acquires every distinct channel's lock once, in lockorder (runtime sellock).
func (sel *selectState) lock(gp *G) {
	var last *hchan
	for _, o := range sel.lockorder {
		if c := sel.cases[o].c; c != last {
			last = c
			lock(gp, &c.lock)
		}
	}
}

// unlock releases every lock lock acquired, in reverse lockorder (runtime selunlock).
func (sel *selectState) unlock(gp *G) {
	for i := len(sel.lockorder) - 1; i >= 0; i-- {
		c := sel.cases[sel.lockorder[i]].c
		if i > 0 && c == sel.cases[sel.lockorder[i-1]].c {
			continue // unlock the last instance only
		}
		unlock(gp, &c.lock)
	}
}

// pass1 looks for a case that can proceed now, in pollorder, with every lock held (so
// the select observes all its channels at one instant, item 31). If it finds one it
// completes it, releases every lock and reports ok; a send case on a closed channel is
// ready and panics after the locks are released. Otherwise it returns with the locks
// still held.
func (sel *selectState) pass1(gp *G) (casi int, recvOK, ok bool) {
	if mutant == "select-pass1-unlocked" {
		return -1, false, false // pollUnlocked polled already
	}
	for i := range sel.cases {
		if mutant == "nil-case-ready" && sel.cases[i].c == nil {
			gp.rt.traceSelect(gp, EvSelectPass1, i)
			sel.unlock(gp)
			return i, false, true
		}
	}
	for _, o := range sel.pollorder {
		casi = int(o)
		cas := &sel.cases[casi]
		c := cas.c
		if cas.send {
			if c.closed.Load() != 0 {
				gp.rt.traceSelect(gp, EvSelectPass1, casi)
				gp.rt.tracePanic(gp, EvSendClosed, c, errSendClosed)
				sel.unlock(gp)
				panic(errSendClosed)
			}
			if sg := c.recvq.dequeue(); sg != nil {
				gp.rt.traceSelect(gp, EvSelectPass1, casi)
				send(gp, c, sg, cas.elem, sel)
				return casi, false, true
			}
			if c.qcount.Load() < c.dataqsiz {
				gp.rt.traceSelect(gp, EvSelectPass1, casi)
				bufsend(gp, c, cas.elem)
				sel.unlock(gp)
				return casi, false, true
			}
			continue
		}
		if sg := c.sendq.dequeue(); sg != nil {
			gp.rt.traceSelect(gp, EvSelectPass1, casi)
			recv(gp, c, sg, cas.elem, sel)
			return casi, true, true
		}
		if c.qcount.Load() > 0 {
			gp.rt.traceSelect(gp, EvSelectPass1, casi)
			bufrecv(gp, c, cas.elem)
			sel.unlock(gp)
			return casi, true, true
		}
		if c.closed.Load() != 0 {
			gp.rt.traceSelect(gp, EvSelectPass1, casi)
			gp.rt.traceChan(gp, EvRecvClosed, c)
			sel.unlock(gp)
			if cas.elem != nil {
				c.elemtype.clear(cas.elem)
			}
			return casi, false, true
		}
	}
	return -1, false, false
}

// pollUnlocked is pass 1 of mutant select-pass1-unlocked: each case in pollorder as
// a non-blocking operation of its own, under its channel's lock only.
func (sel *selectState) pollUnlocked(gp *G) (casi int, recvOK, ok bool) {
	for _, o := range sel.pollorder {
		cas := &sel.cases[o]
		if cas.send {
			if chansend(gp, cas.c, cas.elem, false) {
				return int(o), false, true
			}
		} else if selected, received := chanrecv(gp, cas.c, cas.elem, false); selected {
			return int(o), received, true
		}
	}
	return -1, false, false
}

// pass2 enqueues one sudog per case on its channel's queue, in lockorder, and chains
// them on gp.waiting through waitlink (SEMANTICS item 33). Every lock is held.
func (sel *selectState) pass2(gp *G) {
	if gp.waiting != nil {
		gp.rt.throw(gp, "gp.waiting != nil")
	}
	nextp := &gp.waiting
	for _, o := range sel.lockorder {
		cas := &sel.cases[o]
		sg := acquireSudog(gp)
		sg.g = gp
		sg.isSelect = true
		sg.elem = cas.elem
		sg.c = cas.c
		sg.casi = int(o)
		*nextp = sg
		nextp = &sg.waitlink
		if cas.send {
			cas.c.sendq.enqueue(sg)
		} else {
			cas.c.recvq.enqueue(sg)
		}
	}
	gp.param = nil
	gp.rt.traceSelect(gp, EvSelectEnqueue, -1)
}

// selparkcommit is the unlock function of a parking select (runtime selparkcommit): it
// unlocks each channel after its last sudog in gp.waiting, which is in lockorder.
// From the first unlock on, a partner may claim gp; it reads nothing of sel.
func selparkcommit(gp *G) bool {
	var lastc *hchan
	for sg := gp.waiting; sg != nil; sg = sg.waitlink {
		if sg.c != lastc && lastc != nil {
			unlock(gp, &lastc.lock)
		}
		lastc = sg.c
	}
	if lastc != nil {
		unlock(gp, &lastc.lock)
	}
	return true
}

// pass3 runs after the wake-up with every lock held again: it resets selectDone, finds
// the winning case (the sudog in gp.param) and removes every losing sudog from its
// queue (SEMANTICS item 34). It returns the winner and whether its communication
// succeeded. No winner is a broken invariant.
func (sel *selectState) pass3(gp *G) (casi int, success bool) {
	gp.selectDone.Store(0)
	sg := (*sudog)(gp.param)
	gp.param = nil
	casi = -1
	sglist := gp.waiting
	gp.waiting = nil
	for _, o := range sel.lockorder {
		cas := &sel.cases[o]
		release := true
		if sglist == sg {
			casi, success = int(o), sglist.success
		} else if mutant == "select-keeps-losers" {
			release = false // leave the loser queued (and out of the sudog cache)
		} else if cas.send {
			cas.c.sendq.dequeueSudoG(sglist)
		} else {
			cas.c.recvq.dequeueSudoG(sglist)
		}
		next := sglist.waitlink
		sglist.waitlink, sglist.elem, sglist.c = nil, nil, nil
		if release {
			sglist.isSelect = false
			releaseSudog(gp, sglist)
		}
		sglist = next
	}
	if casi < 0 {
		gp.rt.throw(gp, "selectgo: bad wakeup")
	}
	gp.rt.traceSelect(gp, EvSelectWake, casi)
	return casi, success
}

// parkedSelect is a G parked in a select, as gopark's description of what it waits on:
// it describes the select from gp.selcases, a copy of its cases that selectgo keeps
// only while it is parked, so that the selectState itself stays on the stack.
type parkedSelect G

// String describes what a parked select waits on, for the deadlock report, e.g.
// "select on send chan 1, receive chan 2, nil chan".
func (gp *parkedSelect) String() string {
	var b strings.Builder
	b.WriteString("select on ")
	for i, cas := range gp.selcases {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case cas.c == nil:
			b.WriteString("nil chan")
		case cas.send:
			b.WriteString("send " + cas.c.String())
		default:
			b.WriteString("receive " + cas.c.String())
		}
	}
	return b.String()
}
