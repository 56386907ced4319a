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

	// The channel layer adds here, with its sudog type:
	//	waiting *sudog // sudogs of the op or select gp is parked on, linked by waitlink
}
