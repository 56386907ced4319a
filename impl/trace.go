package impl

// Events: what a run did, step by step, named like the actions of a TLA+ module.
// The scheduler emits the kinds below; the channel layer adds its own (BufSend,
// SendToReceiver, RecvFromSender, BufRecv, CloseRelease, SelectPass1, ...) through
// traceEvent. In Deterministic mode the trace is a function of the choices, so the same
// seed or schedule string gives the same trace bit for bit; event values must therefore
// be deterministic (numbers, strings, bools; never pointers or maps of pointers).
//
// NDJSON: one event per line, keys in a fixed order, omitted when empty:
//
//	{"step":12,"g":3,"ev":"Ready","args":{"target":4}}
//	{"step":13,"g":4,"ev":"Lock","ch":2}

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// EventKind names an event (and the TLA+ action it corresponds to).
type EventKind string

// The scheduler's events. EvYield is never emitted: it is the ChoiceContext.Point of yield.
const (
	EvGoCreate  EventKind = "GoCreate"  // G spawned a goroutine; Args new=id
	EvGoStart   EventKind = "GoStart"   // G runs for the first time
	EvGoExit    EventKind = "GoExit"    // G's function returned (Args how=goexit: runtime.Goexit)
	EvGoPanic   EventKind = "GoPanic"   // G's function panicked; Args value
	EvLock      EventKind = "Lock"      // G acquired the mutex Chan
	EvUnlock    EventKind = "Unlock"    // G released the mutex Chan
	EvPark      EventKind = "Park"      // G was marked waiting (before unlockf); Args reason
	EvParkAbort EventKind = "ParkAbort" // unlockf returned false: G runs on
	EvReady     EventKind = "Ready"     // G made target runnable
	EvYield     EventKind = "Yield"     // (point only) a yield
)

// Event is one step of a run.
type Event struct {
	// Step is the scheduling point at which the event happened (Deterministic mode), or
	// the event's position in the trace (Parallel mode). Several events may share a step.
	Step int64
	G    int64     // the goroutine that performed the event
	Kind EventKind // what happened
	Chan int64     // the channel (for Lock/Unlock: the mutex id) it concerns; 0 if none
	Args []Arg     // further values, in a fixed order
}

// Arg is a named value of an Event.
type Arg struct {
	Key string
	Val any
}

// MarshalJSON writes e as one JSON object with keys in a fixed order.
func (e Event) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, `{"step":`...)
	b = strconv.AppendInt(b, e.Step, 10)
	b = append(b, `,"g":`...)
	b = strconv.AppendInt(b, e.G, 10)
	b = append(b, `,"ev":`...)
	b = appendJSON(b, string(e.Kind))
	if e.Chan != 0 {
		b = append(b, `,"ch":`...)
		b = strconv.AppendInt(b, e.Chan, 10)
	}
	if len(e.Args) > 0 {
		b = append(b, `,"args":{`...)
		for i, a := range e.Args {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, a.Key)
			b = append(b, ':')
			b = appendJSON(b, a.Val)
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendJSON appends v as JSON, or as a JSON string of fmt's %v if v has no JSON form.
func appendJSON(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		j, _ = json.Marshal(fmt.Sprint(v))
	}
	return append(b, j...)
}

// String formats e for humans: "12 g3 Ready target=4".
func (e Event) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d g%d %s", e.Step, e.G, e.Kind)
	if e.Chan != 0 {
		fmt.Fprintf(&b, " ch%d", e.Chan)
	}
	for _, a := range e.Args {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Val)
	}
	return b.String()
}

// WriteNDJSON writes events to w, one JSON object per line.
func WriteNDJSON(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	for _, e := range events {
		line, _ := e.MarshalJSON()
		bw.Write(line)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// traceBuf collects a run's events.
type traceBuf struct {
	mu     sync.Mutex // Parallel mode
	events []Event
}

// traceEvent records ev as performed by gp, the running G, if the run is traced. The
// scheduler fills in Step and G. Building Args allocates, so guard the call with
// gp.rt.tracing.
func traceEvent(gp *G, ev Event) {
	if gp.rt.tracing {
		gp.rt.emit(gp, ev)
	}
}

// emit records ev as performed by gp. Once the run has ended nothing is recorded, so
// tear-down leaves no trace.
func (rt *Runtime) emit(gp *G, ev Event) {
	if !rt.tracing || rt.done.Load() {
		return
	}
	ev.G = gp.id
	if rt.det {
		ev.Step = rt.d.step
		rt.trace.events = append(rt.trace.events, ev)
		return
	}
	rt.trace.mu.Lock()
	ev.Step = int64(len(rt.trace.events))
	rt.trace.events = append(rt.trace.events, ev)
	rt.trace.mu.Unlock()
}

// The channel layer's events (hchan.go, select.go), named like the steps of
// tla/HChan.tla. Values appear in Args as "v".
const (
	EvMakeChan         EventKind = "MakeChan"         // a channel was made; Args cap
	EvBufSend          EventKind = "BufSend"          // a value went into the buffer at sendx
	EvBufRecv          EventKind = "BufRecv"          // a value came out of the buffer at recvx
	EvSendToReceiver   EventKind = "SendToReceiver"   // a sender handed v to parked receiver to
	EvRecvFromSender   EventKind = "RecvFromSender"   // a receiver took v from parked sender from
	EvRecvRotate       EventKind = "RecvRotate"       // a receiver took v from a full buffer; sender from's value in went to the tail
	EvRecvClosed       EventKind = "RecvClosed"       // a receive on a closed, drained channel returned (zero, false)
	EvEnqueueSend      EventKind = "EnqueueSend"      // a sender put its sudog on sendq, about to park
	EvEnqueueRecv      EventKind = "EnqueueRecv"      // a receiver put its sudog on recvq, about to park
	EvFastPathFull     EventKind = "FastPathFull"     // a non-blocking send's fast path saw the channel full
	EvFastPathOpen     EventKind = "FastPathOpen"     // a non-blocking send's fast path, in the runtime's order, saw the channel open
	EvFastPathEmpty    EventKind = "FastPathEmpty"    // a non-blocking receive's fast path saw the channel empty
	EvFastPathNotReady EventKind = "FastPathNotReady" // a non-blocking operation failed without the lock; it took effect at the goroutine's FastPathFull, FastPathOpen or FastPathEmpty
	EvClose            EventKind = "Close"            // the channel was closed
	EvCloseRelease     EventKind = "CloseRelease"     // close dequeued parked goroutine g (dir recv, then send)
	EvSelectPass1      EventKind = "SelectPass1"      // select pass 1 found case ready
	EvSelectDefault    EventKind = "SelectDefault"    // select took its default
	EvSelectEnqueue    EventKind = "SelectEnqueue"    // select pass 2 enqueued a sudog per case
	EvSelectWake       EventKind = "SelectWake"       // a woken select's pass 3 found case as the winner
	EvNotReady         EventKind = "NotReady"         // a non-blocking operation found the channel not ready (under the lock, or nil)
	EvSendClosed       EventKind = "SendClosed"       // a send found the channel closed and will panic
	EvClosePanic       EventKind = "ClosePanic"       // close of a nil or closed channel will panic
	EvLen              EventKind = "Len"              // len read v
	EvCap              EventKind = "Cap"              // cap read v
)

// traceChan records a channel event of gp on c (nil: the nil channel). Callers that
// build Args guard the call with gp.rt.tracing, so that tracing costs nothing when off.
func (rt *Runtime) traceChan(gp *G, kind EventKind, c *hchan, args ...Arg) {
	if !rt.tracing {
		return
	}
	ev := Event{Kind: kind, Args: args}
	if c != nil {
		ev.Chan = c.id
	}
	rt.emit(gp, ev)
}

// tracePanic records that gp is about to raise the runtime panic err on c.
func (rt *Runtime) tracePanic(gp *G, kind EventKind, c *hchan, err plainError) {
	if rt.tracing {
		rt.traceChan(gp, kind, c, Arg{"panic", string(err)})
	}
}

// traceSelect records a select event of gp; casi is the case concerned, or -1.
func (rt *Runtime) traceSelect(gp *G, kind EventKind, casi int) {
	if !rt.tracing {
		return
	}
	ev := Event{Kind: kind}
	if casi >= 0 {
		ev.Args = []Arg{{"case", casi}}
	}
	rt.emit(gp, ev)
}
