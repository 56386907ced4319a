package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// tamperedRun runs "c0 <- 1; <-c0" on a buffered channel and returns the run with
// the trace event that receives the 1 (BufRecv) made to receive a 2, and that event's
// index: a run the spec does not allow at exactly that event.
func tamperedRun(t *testing.T) (*spec.Program, *impl.ProgramRun, int) {
	t.Helper()
	p, err := spec.Parse("chan c0 1\n\ngo g0\n\tc0 <- 1\n\t<-c0\n")
	if err != nil {
		t.Fatal(err)
	}
	pr, err := impl.RunProgram(p, impl.Config{Chooser: impl.NewRoundRobin(), Trace: true, MaxSteps: proptest.MaxImplSteps})
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range pr.Result.Trace {
		if ev.Kind == impl.EvBufRecv && i > 0 {
			ev.Args = []impl.Arg{{Key: "v", Val: int64(2)}, {Key: "recvx", Val: uint64(0)}}
			pr.Result.Trace[i] = ev
			return p, pr, i
		}
	}
	t.Fatalf("no BufRecv in the trace %v", pr.Result.Trace)
	return nil, nil, 0
}

// markedRow returns the index of the row the timeline svg marks (its red band), the
// raw event of that row, and the mark's text.
func markedRow(t *testing.T, svg string) (row int, event, text string) {
	t.Helper()
	if n := strings.Count(svg, `class="marked"`); n != 1 {
		t.Fatalf("%d marked rows, want 1:\n%s", n, svg)
	}
	var y int
	rest := svg[strings.Index(svg, `class="marked"`):]
	if _, err := fmt.Sscanf(rest, `class="marked" x="0" y="%d"`, &y); err != nil {
		t.Fatalf("marked row: %v in %.80s", err, rest)
	}
	if (y-headH)%rowH != 0 {
		t.Fatalf("marked band at y=%d is not on a row", y)
	}
	// The row's event marker (a circle) comes next, with the raw event as its title.
	circle := rest[strings.Index(rest, "<circle"):]
	event = circle[strings.Index(circle, "<title>")+len("<title>") : strings.Index(circle, "</title>")]
	mark := svg[strings.Index(svg, `class="mark">`)+len(`class="mark">`):]
	text = mark[:strings.Index(mark, "</text>")]
	return (y - headH) / rowH, event, text
}

// TestStepRefinementMarksTimelineRow: a step-refinement counterexample — a run whose
// receive event got a value the buffer did not hold — carries the index of that event
// (proptest.EventError), and its report's timeline marks that row, and no other, with
// the step-refinement mark; the page says so too.
// Reference: issue 8 §3 ("a red line marks the state the check rejected")
func TestStepRefinementMarksTimelineRow(t *testing.T) {
	p, pr, bad := tamperedRun(t)
	err := proptest.CheckRun(p, pr)
	var ce *proptest.Counterexample
	var ee *proptest.EventError
	if !errors.As(err, &ce) || ce.Property != "step refinement (Runtime)" || !errors.As(ce.Err, &ee) || ee.Event != bad {
		t.Fatalf("CheckRun of the tampered run: %v (event %v), want step refinement at event %d", err, ee, bad)
	}
	out := filepath.Join(t.TempDir(), "out")
	rep := newReport(targetFlag{}, out)
	rep.addSchedule(counterexampleInfo(ce, "a tampered run", nil))
	row, event, text := markedRow(t, string(rep.Schedule.Timeline))
	want := esc(markTexts[ce.Property])
	if row != bad || !strings.Contains(event, "BufRecv ch1 v=2") || text != want || want == "" {
		t.Errorf("the timeline marks row %d (%s) with %q; want row %d, the BufRecv of 2, with the step-refinement mark",
			row, event, text, bad)
	}
	if err := rep.write(out); err != nil {
		t.Fatal(err)
	}
	checkReport(t, out, "property violated: step refinement (Runtime)", `class="marked"`, want)
}

// TestTimelineMarksWhereChecksFail: the other checks mark their rows too — deadlock
// freedom the run's last event, a run that stopped (impl run) its last row — and a
// run that passed marks none.
func TestTimelineMarksWhereChecksFail(t *testing.T) {
	p, pr, bad := tamperedRun(t)
	pr.Result.Trace = pr.Result.Trace[:bad] // the receive never happened: the spec can still step
	err := proptest.CheckRun(p, pr)
	var ce *proptest.Counterexample
	if !errors.As(err, &ce) || ce.Property != "deadlock freedom" {
		t.Fatalf("CheckRun of the truncated run: %v, want a deadlock-freedom failure", err)
	}
	rep := newReport(targetFlag{}, t.TempDir())
	rep.addSchedule(counterexampleInfo(ce, "a truncated run", nil))
	if row, _, text := markedRow(t, string(rep.Schedule.Timeline)); row != bad-1 || text != markTexts["deadlock freedom"] {
		t.Errorf("deadlock freedom: the timeline marks row %d with %q; want the last row, %d", row, text, bad-1)
	}

	for _, tc := range []struct {
		property string
		err      error
		marks    int
	}{{"impl run", errors.New("schedule too short"), 1}, {"", nil, 0}} {
		rep := newReport(targetFlag{}, t.TempDir())
		rep.addSchedule(runInfo{p: p, pr: pr, property: tc.property, err: tc.err, origin: "test"})
		svg := string(rep.Schedule.Timeline)
		if n := strings.Count(svg, `class="marked"`); n != tc.marks {
			t.Errorf("%q: %d marked rows, want %d", tc.property, n, tc.marks)
		} else if n == 1 {
			if row, _, text := markedRow(t, svg); row != len(pr.Result.Trace)-1 || text != "✗ the run stopped here" {
				t.Errorf("%q: the timeline marks row %d with %q; want the last, %d", tc.property, row, text, len(pr.Result.Trace)-1)
			}
		}
	}
}
