package impl

// Per-goroutine fields of the channel layer (runtime g.param, g.selectDone, g.waiting).
// G embeds gChan, so they read as gp.param etc., as in runtime/chan.go and select.go.
// The scheduler never reads or writes them.

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

type gChan struct {
	// param passes a value to a G being woken: the waker writes it, then calls goready,
	// so the write happens before the woken G reads it (runtime g.param).
	param unsafe.Pointer
	// selectDone is set 0->1 by the first waker to claim a G parked in select
	// (SEMANTICS 23); the select resets it on wake-up.
	selectDone atomic.Uint32

	// waiting lists the sudogs of the operation or select gp is parked on, linked by
	// waitlink in lock order; nil when gp is not parked on a channel.
	waiting *sudog

	// selcases is a copy of the cases of the select gp is parked in, for the deadlock
	// report (parkedSelect); empty when gp is not parked in a select.
	selcases []scase
	// slots are gp's value slots for the typed API, one per element type recently
	// used (valueSlot), most recent first.
	slots [4]valueSlotEntry
	// schedlink links gp on the list of goroutines a closechan releases (runtime
	// g.schedlink); only that closechan touches it, before it readies gp.
	schedlink *G
}

type valueSlotEntry struct {
	t *elemType
	p unsafe.Pointer // one t, on the heap
}

// valueSlot returns gp's slot for a value of type t. The typed API passes a value to
// chansend and takes one from chanrecv through it: heap memory, which a parked gp's
// sudog may point to. gp is the running G; a slot is used by one operation at a time
// and holds the zero value between operations (a panic may leave a value in it, which
// the next operation overwrites).
func valueSlot(gp *G, t *elemType) unsafe.Pointer {
	if gp.slots[0].t == t { // the common case, inlined
		return gp.slots[0].p
	}
	return valueSlotSlow(gp, t)
}

// valueSlotSlow is valueSlot when t is not the type gp used last.
func valueSlotSlow(gp *G, t *elemType) unsafe.Pointer {
	s := &gp.slots
	i := 1
	for i < len(s)-1 && s[i].t != t {
		i++
	}
	e := s[i]
	if e.t != t { // not there: evict the least recent
		e = valueSlotEntry{t, t.newArray(1)}
	}
	copy(s[1:i+1], s[:i])
	s[0] = e
	return e.p
}

// curP returns the P gp runs on, whose sudog cache acquireSudog and releaseSudog use.
// gp is the running G.
func (gp *G) curP() *p {
	if gp.rt.det {
		return &gp.rt.d.p
	}
	return gp.m.p
}

// rtChan holds the per-run state of the channel layer; Runtime embeds it.
type rtChan struct {
	// fastpath enables the lock-free fast paths of non-blocking operations
	// (SEMANTICS items 20-21); Config.NoFastPath turns it off. Immutable after New.
	fastpath bool
	// runtimeSendFastPath makes the send fast path load closed before full, as
	// runtime/chan.go does (Config.RuntimeSendFastPath; see sendFastFail).
	runtimeSendFastPath bool
	// chanidgen hands out channel ids, in make order: the lock-order key.
	chanidgen atomic.Int64
	// chans lists every channel made in Deterministic mode, for the invariants;
	// Parallel mode keeps none.
	chans []*hchan

	// The central sudog cache (runtime sched.sudogcache), linked through next: where
	// the Ps' caches overflow to and refill from.
	sudoglock  sync.Mutex
	sudogcache *sudog
}

// registerChan gives a new channel its id (and, in Deterministic mode, records it for
// the invariant checks). gp is the running G.
func (rt *Runtime) registerChan(gp *G, c *hchan) {
	c.id = rt.chanidgen.Add(1)
	c.lock.id = c.id
	if rt.det {
		rt.chans = append(rt.chans, c)
	}
	if rt.tracing {
		traceEvent(gp, Event{Kind: EvMakeChan, Chan: c.id, Args: []Arg{{"cap", c.dataqsiz}}})
	}
}
