package proptest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// MaxSpecStates bounds the spec exploration of one generated program; a draw whose
// state space is larger is discarded (rapid counts it as invalid, not as a pass).
const MaxSpecStates = 300_000

// MaxImplSteps bounds one impl run. Generated programs finish in a few hundred steps;
// reaching the bound means a livelock.
const MaxImplSteps = 200_000

// Outcomes returns the spec's outcome set of p at strength s, discarding the draw when
// the program is too large to explore.
func Outcomes(t *rapid.T, p *spec.Program, s spec.Strength) *spec.OutcomeSet {
	set, err := spec.Explore(p, s, MaxSpecStates)
	if errors.Is(err, spec.ErrTooManyStates) {
		t.Skip("program too large to explore")
	}
	if err != nil {
		t.Fatalf("spec: %v\n%s", err, p)
	}
	return set
}

// RunImpl runs p on the impl in Deterministic mode with every scheduling choice drawn
// from t, so that rapid shrinks program and schedule together. The run's trace is kept
// for the counterexample.
func RunImpl(t *rapid.T, p *spec.Program) (*impl.ProgramRun, error) {
	pr, _, err := runImplObserved(t, p)
	return pr, err
}

// runImplObserved is RunImpl that also records the run's observations.
func runImplObserved(t *rapid.T, p *spec.Program) (*impl.ProgramRun, []impl.Observation, error) {
	var obs []impl.Observation
	pr, err := impl.RunProgram(p, impl.Config{
		Mode:     impl.Deterministic,
		Chooser:  NewRapidChooser(t),
		Trace:    true,
		MaxSteps: MaxImplSteps,
		Observe:  func(o impl.Observation) error { obs = append(obs, o); return nil },
	})
	if pr != nil && pr.Result.Status == impl.StatusChooser && pr.Result.Panic != nil {
		panic(pr.Result.Panic.Value) // rapid's own control flow, raised inside Choose
	}
	return pr, obs, err
}

// CheckImplOutcome is the outcome property: a run of p on the impl under a schedule
// drawn from t ends in one of the spec's Runtime outcomes, without a lock deadlock, a
// broken invariant or a livelock. A program all of whose spec outcomes finish therefore
// never ends blocked on the impl: no lost wake-up. It returns the counterexample.
func CheckImplOutcome(t *rapid.T, p *spec.Program) error {
	set := Outcomes(t, p, spec.Runtime)
	pr, err := RunImpl(t, p)
	if err != nil {
		return &Counterexample{Property: "impl run", Program: p, Run: pr, Err: err}
	}
	if err := set.Allowed(pr.Outcome); err != nil {
		return &Counterexample{Property: "outcome in the spec's Runtime outcomes", Program: p, Run: pr, Err: err}
	}
	return nil
}

// CheckImplSteps is the step-refinement property: the impl's run of p, read as spec
// steps through the refinement mapping (refine.go), is a run of the spec at Runtime
// strength — every step enabled where it is taken, FIFO wait queues, the rotation and
// close's release order included. At the end, when no impl goroutine can run, the spec
// must have no enabled step either (no lost wake-up), and the spec state reached must
// show the impl's outcome. And at every scheduling point the impl's channels map to
// the spec's channels in the state the steps so far lead to (CheckAbstraction).
func CheckImplSteps(t *rapid.T, p *spec.Program) error {
	pr, obs, err := runImplObserved(t, p)
	if err != nil {
		return &Counterexample{Property: "impl run", Program: p, Run: pr, Err: err}
	}
	if err := CheckRun(p, pr); err != nil {
		return err
	}
	return CheckAbstraction(p, pr, obs)
}

// CheckRun checks a finished run of p, traced, against the spec as CheckImplSteps
// does: step refinement at Runtime strength, deadlock freedom at the end, and the
// outcome the spec state shows. It needs no rapid.T, so that any Chooser's runs (DFS,
// PCT) are checked by the same property. It returns the counterexample. It reads pr
// only through the spec steps pr's trace maps to and pr.Outcome (StepChecker relies on
// this).
func CheckRun(p *spec.Program, pr *impl.ProgramRun) error {
	fail := func(property string, err error) error {
		return &Counterexample{Property: property, Program: p, Run: pr, Err: err}
	}
	steps, err := newStepMapper(p, pr.GoIDs).steps(pr.Result.Trace)
	if err != nil {
		return fail("refinement mapping", err)
	}
	m, err := spec.NewModel(p, spec.Runtime)
	if err != nil {
		return fail("spec", err)
	}
	s, err := applyAll(m, steps, nil)
	if err != nil {
		return fail("step refinement (Runtime)", err)
	}
	last := len(pr.Result.Trace) - 1 // the run's end, where the last two checks fail
	if enabled := m.Enabled(s); len(enabled) > 0 {
		return fail("deadlock freedom", &EventError{Event: last, Err: fmt.Errorf(
			"the impl can make no progress but the spec can: %s", m.FormatStep(s, enabled[0]))})
	}
	if o := s.Outcome(); !o.Equal(pr.Outcome) {
		return fail("abstraction", &EventError{Event: last, Err: fmt.Errorf("spec state shows %s, the impl observed %s",
			spec.FormatOutcome(p, o), spec.FormatOutcome(p, pr.Outcome))})
	}
	return nil
}

// applyAll applies the mapped steps in order from the initial state. A floating step
// is applied at the earliest position of its window where the spec enables it, and
// must be applied by the end of its window. before, if not nil, is called with each
// step's index and the state just before its own position.
func applyAll(m *spec.Model, steps []mappedStep, before func(i int, s spec.State)) (spec.State, error) {
	s := m.Initial()
	done := make([]bool, len(steps))
	var err error
	for i, st := range steps {
		for j := i + 1; j < len(steps); j++ {
			if !done[j] && steps[j].from <= i && steps[j].from < j {
				if next, err := m.Apply(s, steps[j].Step); err == nil {
					s, done[j] = next, true
				}
			}
		}
		if before != nil {
			before(i, s)
		}
		if done[i] {
			continue
		}
		if s, err = m.Apply(s, st.Step); err != nil {
			return s, &EventError{Event: st.event, Err: fmt.Errorf("spec step %d: %w", i, err)}
		}
		done[i] = true
	}
	return s, nil
}

// EventError is a check's failure located in the run's trace: Event indexes
// Run.Result.Trace. Step refinement: the spec does not allow the step read from that
// event (or, refinement mapping, the event maps to no step). Abstraction function: the
// impl's channels after that event are not the spec's. Deadlock freedom and the final
// outcome: the run's last event. Its message is Err's; a Counterexample's Err is one
// (errors.As) when the check knows where it failed.
type EventError struct {
	Event int // index in the run's trace; -1 for an empty trace
	Err   error
}

func (e *EventError) Error() string { return e.Err.Error() }
func (e *EventError) Unwrap() error { return e.Err }

// Counterexample is a failed property with everything needed to read and replay it.
type Counterexample struct {
	Property string
	Program  *spec.Program
	Run      *impl.ProgramRun // nil when the impl did not run
	Err      error
}

// Error prints the violated property, the program in text form, the schedule string,
// the event trace one line per event, how to replay the run, and the replay file that
// keeps it as a regression case.
func (c *Counterexample) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "property violated: %s\n%v\n\nprogram:\n%s", c.Property, c.Err, c.Program)
	if c.Run == nil {
		return b.String()
	}
	fmt.Fprintf(&b, "\nschedule: %q\n", c.Run.Result.Schedule)
	fmt.Fprintf(&b, "goroutines: %s\n", c.goroutineIDs())
	b.WriteString("trace:\n")
	for _, ev := range c.Run.Result.Trace {
		fmt.Fprintf(&b, "  %v\n", ev)
	}
	fmt.Fprintf(&b, "replay: proptest.Replay(program, %q); to keep it as a regression case, save this as\n"+
		"proptest/testdata/replay/<name>.txt (TestReplayCorpus re-runs it):\n%s",
		c.Run.Result.Schedule, FormatReplay(c.Program, c.Run.Result.Schedule))
	return b.String()
}

// goroutineIDs names the G id of each program goroutine, for reading the trace.
func (c *Counterexample) goroutineIDs() string {
	var parts []string
	for i, id := range c.Run.GoIDs {
		parts = append(parts, fmt.Sprintf("%s=G%d", c.Program.Goroutines[i].Name, id))
	}
	return strings.Join(parts, " ") + " (G1 makes the channels and starts them)"
}
