package proptest

import (
	"fmt"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// Replay files: a program and a schedule string that reproduce one run, kept under
// testdata/replay/ so that TestReplayCorpus re-runs and re-checks them forever:
//
//	# what the case shows (comment lines)
//	chan c0 0
//	go g0
//		c0 <- 1
//	---- schedule
//	0001010
//
// A Counterexample prints this form, ready to save.

// replaySep separates the program from the schedule in a replay file.
const replaySep = "\n---- schedule\n"

// FormatReplay returns the replay file of program p run under schedule.
func FormatReplay(p *spec.Program, schedule string) string {
	return p.String() + replaySep[1:] + schedule + "\n"
}

// ParseReplay reads a replay file.
func ParseReplay(text string) (*spec.Program, string, error) {
	prog, sched, ok := strings.Cut(text, replaySep)
	if !ok {
		return nil, "", fmt.Errorf("no %q line", strings.TrimSpace(replaySep))
	}
	p, err := spec.Parse(prog)
	if err != nil {
		return nil, "", err
	}
	return p, strings.TrimSpace(sched), nil
}

// Replay runs p under schedule with tracing and observations, and checks the run with
// every property CheckImplSteps checks.
func Replay(p *spec.Program, schedule string) (*impl.ProgramRun, error) {
	r, err := impl.NewReplay(schedule)
	if err != nil {
		return nil, err
	}
	var obs []impl.Observation
	pr, err := impl.RunProgram(p, impl.Config{Chooser: r, Trace: true,
		Observe: func(o impl.Observation) error { obs = append(obs, o); return nil }})
	if err != nil {
		return pr, &Counterexample{Property: "impl run", Program: p, Run: pr, Err: err}
	}
	if err := CheckRun(p, pr); err != nil {
		return pr, err
	}
	return pr, CheckAbstraction(p, pr, obs)
}
