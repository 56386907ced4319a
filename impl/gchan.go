package impl

// Per-goroutine fields of the channel layer (runtime g.param, g.selectDone, g.waiting).
// G embeds gChan, so they read as gp.param etc., as in runtime/chan.go and select.go.
// The scheduler never reads or writes them.

import (
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
