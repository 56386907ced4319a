package proptest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestCheckErrorsNameTheEvent: a step-refinement failure names the trace event whose
// step the spec does not allow, and an abstraction-function failure the last event
// its observation saw (EventError), without changing the messages.
func TestCheckErrorsNameTheEvent(t *testing.T) {
	p, pr, obs := observedRun(t, "chan c0 1\ngo g0\n\tc0 <- 1\n\t<-c0\n")
	recv := slices.IndexFunc(pr.Result.Trace, func(ev impl.Event) bool { return ev.Kind == impl.EvBufRecv })
	if recv < 0 {
		t.Fatalf("no BufRecv in %v", pr.Result.Trace)
	}
	eventOf := func(err error, property string) (int, string) {
		t.Helper()
		var ce *Counterexample
		var ee *EventError
		if !errors.As(err, &ce) || ce.Property != property || !errors.As(ce.Err, &ee) {
			t.Fatalf("got %v, want a %s counterexample with an EventError", err, property)
		}
		return ee.Event, ce.Err.Error()
	}

	// The last observation, with c0 closed although it is not.
	bad := slices.Clone(obs)
	last := &bad[len(bad)-1]
	last.Chans = slices.Clone(last.Chans)
	last.Chans[0].Closed = true
	event, msg := eventOf(CheckAbstraction(p, pr, bad), "abstraction function")
	if event != last.TraceLen-1 || !strings.Contains(msg, fmt.Sprintf("(after %d events): chan c0: closed", event+1)) {
		t.Errorf("abstraction: event %d, %q; want event %d", event, msg, last.TraceLen-1)
	}

	// The receive gets a 2 from a buffer that holds a 1.
	ev := pr.Result.Trace[recv]
	ev.Args = slices.Clone(ev.Args)
	for i := range ev.Args {
		if ev.Args[i].Key == "v" {
			ev.Args[i].Val = int64(2)
		}
	}
	pr.Result.Trace[recv] = ev
	event, msg = eventOf(CheckRun(p, pr), "step refinement (Runtime)")
	if event != recv || !strings.HasPrefix(msg, "spec step 1: step not allowed") {
		t.Errorf("step refinement: event %d, %q; want event %d, spec step 1 (the receive)", event, msg, recv)
	}
	if event, _ = eventOf(CheckAbstraction(p, pr, obs), "abstraction function"); event != recv {
		t.Errorf("abstraction's step refinement: event %d, want %d", event, recv)
	}
}
