package impl

// Observations: the abstract state of a Deterministic run at each scheduling point,
// for checkers that compare the impl with a spec state by state (the abstraction
// function of a refinement proof).

// Observation is the state of a Deterministic run's channels at a scheduling point.
type Observation struct {
	Step     int64 // the scheduling point (Result.Steps counts them)
	TraceLen int   // events recorded so far, with Config.Trace; the state reflects them
	// Chans lists every channel made so far, in make order.
	Chans []ChanObservation
}

// ChanObservation is one channel's state. When Locked is set a goroutine is inside a
// critical section on it, and the other fields may be mid-update.
type ChanObservation struct {
	ID     int64
	Locked bool
	Closed bool
	Buf    []any   // the buffered values, oldest first (from recvx, in ring order)
	SendQ  []int64 // the goroutines of sendq's live sudogs, in queue order
	RecvQ  []int64 // likewise for recvq
}

// observe builds the Observation of the current scheduling point.
func (rt *Runtime) observe() Observation {
	o := Observation{Step: rt.d.step, TraceLen: len(rt.trace.events)}
	for _, c := range rt.chans {
		co := ChanObservation{ID: c.id, Locked: c.lock.owner != nil, Closed: c.closed.Load() != 0}
		for k := range c.qcount.Load() {
			co.Buf = append(co.Buf, c.elemtype.format(chanbuf(c, (c.recvx+k)%c.dataqsiz)))
		}
		co.SendQ, co.RecvQ = liveGoroutines(&c.sendq), liveGoroutines(&c.recvq)
		o.Chans = append(o.Chans, co)
	}
	return o
}

// liveGoroutines lists the goroutine ids of q's live sudogs in order.
func liveGoroutines(q *waitq) []int64 {
	var ids []int64
	for sg := q.first.Load(); sg != nil; sg = sg.next {
		if live(sg) {
			ids = append(ids, sg.g.id)
		}
	}
	return ids
}
