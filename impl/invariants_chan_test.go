package impl

import (
	"strings"
	"testing"
	"unsafe"
)

// chanFixture is a hand-built, consistent Deterministic-mode state of the channel
// layer: buf (cap 2) holds one value in slot 1 with sendx wrapped to 0; unb
// (unbuffered) has g2 parked receiving; full (cap 1) is full with g3 parked sending;
// g4 is parked in a select receiving on s1 and sending on s2 (both unbuffered).
type chanFixture struct {
	rt                  *Runtime
	buf, unb, full      *hchan
	s1, s2              *hchan
	g2, g3, g4          *G
	sg2, sg3, sg4a, sg4 *sudog
}

func newChanFixture() *chanFixture {
	f := &chanFixture{rt: New(Config{})}
	f.buf, f.unb, f.full = f.mkchan(1, 2), f.mkchan(2, 0), f.mkchan(3, 1)
	f.s1, f.s2 = f.mkchan(4, 0), f.mkchan(5, 0)
	*(*int)(chanbuf(f.buf, 1)) = 7
	f.buf.recvx, f.buf.sendx = 1, 0
	f.buf.qcount.Store(1)
	*(*int)(chanbuf(f.full, 0)) = 9
	f.full.qcount.Store(1)
	f.g2, f.g3, f.g4 = f.mkg(2), f.mkg(3), f.mkg(4)
	f.sg2 = f.park(f.g2, f.unb, false, false)
	f.sg3 = f.park(f.g3, f.full, true, false)
	f.sg4a = f.park(f.g4, f.s1, false, true)
	f.sg4 = f.park(f.g4, f.s2, true, true)
	return f
}

func (f *chanFixture) mkchan(id int64, size int) *hchan {
	c := &hchan{dataqsiz: uint64(size), elemtype: elemOf[int](), id: id}
	if size > 0 {
		c.buf = c.elemtype.newArray(size)
	} else {
		c.buf = unsafe.Pointer(&c.buf)
	}
	f.rt.chans = append(f.rt.chans, c)
	return c
}

func (f *chanFixture) mkg(id int64) *G {
	g := &G{id: id, rt: f.rt}
	g.setStatus(_Gwaiting)
	f.rt.allgs = append(f.rt.allgs, g)
	return g
}

// park queues a sudog of g on c and appends it to g's waiting list.
func (f *chanFixture) park(g *G, c *hchan, send, isSelect bool) *sudog {
	sg := &sudog{g: g, c: c, isSelect: isSelect, elem: unsafe.Pointer(new(int))}
	if send {
		c.sendq.enqueue(sg)
	} else {
		c.recvq.enqueue(sg)
	}
	nextp := &g.waiting
	for *nextp != nil {
		nextp = &(*nextp).waitlink
	}
	*nextp = sg
	return sg
}

// TestChanInvariantsHoldOnConsistentState: the fixture passes every invariant, so the
// failures below are due to the breakage alone.
func TestChanInvariantsHoldOnConsistentState(t *testing.T) {
	f := newChanFixture()
	for _, inv := range invariants {
		if err := inv.check(f.rt); err != nil {
			t.Errorf("%s fails on a consistent state: %v", inv.name, err)
		}
	}
}

// TestChanInvariantsDetectBrokenState: every channel-layer invariant fails, with an
// error naming it, on a state broken the way it forbids (SEMANTICS item 3).
// Reference: runtime chan.go:9-18
func TestChanInvariantsDetectBrokenState(t *testing.T) {
	cases := []struct {
		inv string
		brk func(f *chanFixture)
	}{
		{"ChanBufCount", func(f *chanFixture) { f.buf.qcount.Store(3) }},
		{"ChanBufCount", func(f *chanFixture) { f.buf.sendx = 1 }},
		{"ChanBufCount", func(f *chanFixture) { f.unb.recvx = 1 }},
		{"ChanQueuesOneSided", func(f *chanFixture) { f.park(f.mkg(9), f.unb, true, false) }},
		{"ChanBufferedQueues", func(f *chanFixture) { f.park(f.mkg(9), f.buf, false, false) }},
		{"ChanBufferedQueues", func(f *chanFixture) { f.park(f.mkg(9), f.buf, true, false) }},
		{"ChanSlotsZero", func(f *chanFixture) { *(*int)(chanbuf(f.buf, 0)) = 5 }},
		{"ChanClosedNoWaiters", func(f *chanFixture) { f.unb.closed.Store(1) }},
		{"SudogParked", func(f *chanFixture) { f.g2.setStatus(_Grunnable) }},
		{"SudogParked", func(f *chanFixture) { f.sg3.claimed = true }},
		{"SudogParked", func(f *chanFixture) { f.g2.waiting = nil }},
		{"ParkedHasSudog", func(f *chanFixture) { f.unb.recvq.dequeueSudoG(f.sg2) }},
		{"ParkedHasSudog", func(f *chanFixture) {
			f.g4.selectDone.Store(1) // won, but no sudog was claimed
		}},
	}
	for _, tc := range cases {
		f := newChanFixture()
		tc.brk(f)
		var err error
		for _, inv := range invariants {
			if inv.name == tc.inv {
				err = inv.check(f.rt)
			}
		}
		if err == nil || !strings.HasPrefix(err.Error(), tc.inv+": ") {
			t.Errorf("inv%s on a broken state: got %v, want an error naming %s", tc.inv, err, tc.inv)
		}
	}
}

// TestChanInvariantsSkipLockedChannels: a channel whose lock is held may be mid-update,
// so its invariants are not checked until the lock is free.
func TestChanInvariantsSkipLockedChannels(t *testing.T) {
	f := newChanFixture()
	f.buf.qcount.Store(3)
	f.buf.lock.owner = f.g2
	if err := invChanBufCount(f.rt); err != nil {
		t.Errorf("checked a locked channel: %v", err)
	}
}
