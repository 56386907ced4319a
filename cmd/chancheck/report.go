package main

// Reports: what a failure (or a replayed run) writes under -out, and what it prints.
//
//	replay.txt     the program and schedule; 'chancheck replay' re-runs it
//	trace.txt      the trace, one event a line, raw and in words
//	trace.ndjson   the trace as JSON lines (impl.WriteNDJSON)
//	history.jsonl  a failing history (linearizability.SaveFile); 'chancheck lin' re-checks it
//	workload.txt   the workload that recorded it
//	history-porcupine.html  Porcupine's visualization of an illegal history
//	report.html    all of it on one self-contained page, with the timeline

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// report is one report: a run under a schedule, a failing history, or both.
type report struct {
	target   targetFlag
	out      string
	Title    string
	Target   string
	Mutant   string // what the mutant breaks
	Schedule *scheduleSection
	History  *historySection
	Files    []string // written, as paths under out
}

// scheduleSection is a Deterministic run: failing, or replayed.
type scheduleSection struct {
	Property   string // "" if every check passed
	Err        string
	Origin     string // where the program came from
	Shrunk     string // "shrunk from ..." or ""
	Program    string
	Outcome    string
	Schedule   string
	Goroutines string // "main=G1 g0=G2 ..."
	Native     bool   // a run on native channels: no schedule, trace or timeline
	Runtime    string // Native: the Go runtime that ran it (goRuntime)
	Replay     string // the command that re-runs it
	Trace      []string
	Timeline   template.HTML
	Legend     template.HTML
	events     []impl.Event
	p          *spec.Program
}

// historySection is a failing history.
type historySection struct {
	Origin   string
	Workload string // "" for a history read from a file
	RunErr   string
	Verdicts []string
	Ops      []string
	Viz      string // Porcupine's visualization, relative to the report
	VizDoc   string // its content, for the iframe's srcdoc (which escapes it)
	h        *linearizability.History
}

func newReport(target targetFlag, out string) *report {
	r := &report{target: target, out: out, Target: target.String(), Mutant: mutantDoc(target.mutant)}
	r.Title = "chancheck: " + r.Target
	return r
}

// runInfo is what a schedule section shows.
type runInfo struct {
	p        *spec.Program
	pr       *impl.ProgramRun // nil if the impl did not run
	property string           // the failed property, or ""
	err      error
	origin   string
	original *spec.Program // the program before shrinking, or nil
}

// counterexampleInfo is the runInfo of a counterexample.
func counterexampleInfo(ce *proptest.Counterexample, origin string, original *spec.Program) runInfo {
	return runInfo{p: ce.Program, pr: ce.Run, property: ce.Property, err: ce.Err, origin: origin, original: original}
}

// newSection returns the section of run ri with what every run shows: the program,
// where it came from, and the failure; it titles the report after the failure.
func (r *report) newSection(ri runInfo) *scheduleSection {
	s := &scheduleSection{Property: ri.property, Origin: ri.origin, Program: ri.p.String(), p: ri.p}
	if ri.err != nil {
		s.Err = ri.err.Error()
		r.Title = fmt.Sprintf("chancheck: %s violated (%s)", ri.property, r.Target)
	}
	if ri.original != nil && ri.original != ri.p {
		g, o := size(ri.original)
		s.Shrunk = fmt.Sprintf("shrunk from %d goroutines and %d operations", g, o)
	}
	return s
}

// addSchedule adds the section of run ri.
func (r *report) addSchedule(ri runInfo) {
	if r.target.native {
		r.addNative(ri)
		return
	}
	s := r.newSection(ri)
	s.Legend = template.HTML(legend)
	s.Replay = fmt.Sprintf("go run%s ./cmd/chancheck replay%s %s", r.target.goFlags(), r.targetArg(),
		filepath.Join(r.out, "replay.txt"))
	if ri.pr != nil {
		s.Schedule = ri.pr.Result.Schedule
		s.Outcome = spec.FormatOutcome(ri.p, ri.pr.Outcome)
		if st := ri.pr.Result.Status; st != impl.StatusDeadlock && ri.pr.Outcome.MakePanic == "" {
			s.Outcome = fmt.Sprintf("none: the run ended with %v", st) // RunProgram ends in StatusDeadlock
		}
		s.events = ri.pr.Result.Trace
		n := newNames(ri.p, ri.pr.GoIDs, s.events)
		s.Goroutines = n.legend()
		for _, ev := range s.events {
			s.Trace = append(s.Trace, traceLine(n, ev))
		}
		tl := buildTimeline(n, s.events, observe(ri.p, s.Schedule))
		tl.markFailure(ri.property, ri.err)
		s.Timeline = template.HTML(tl.svg())
	}
	r.Schedule = s
}

// traceLine is one event in words, with the raw event after it:
// "   5  G3 g1     c0: joins sendq                 [5 g3 EnqueueSend ch1]".
func traceLine(n *names, ev impl.Event) string {
	return fmt.Sprintf("%4d  %-4s %-6s %-48s [%v]", ev.Step, fmt.Sprintf("G%d", ev.G), n.g(ev.G), n.describe(ev), ev)
}

// targetArg is the -target flag that reproduces the report's target.
func (r *report) targetArg() string {
	if r.target.mutant == "" {
		return ""
	}
	return " -target " + r.target.String()
}

// size counts p's goroutines and operations.
func size(p *spec.Program) (goroutines, ops int) {
	for _, g := range p.Goroutines {
		ops += len(g.Ops)
	}
	return len(p.Goroutines), ops
}

// observe re-runs p under schedule with observations, for the timeline's channels
// column; the run is the same, event for event (impl's Deterministic mode).
func observe(p *spec.Program, schedule string) []impl.Observation {
	ch, err := impl.NewReplay(schedule)
	if err != nil {
		return nil
	}
	var obs []impl.Observation
	impl.RunProgram(p, impl.Config{Chooser: ch, Trace: true, MaxSteps: proptest.MaxImplSteps,
		Observe: func(o impl.Observation) error { obs = append(obs, o); return nil }})
	return obs
}

// addHistory adds the section of a failing history; origin says where it came from.
func (r *report) addHistory(f *linearizability.Failure, origin string) {
	hs := &historySection{Origin: origin, h: f.History}
	if f.Workload != nil {
		hs.Workload = f.Workload.String()
	}
	if f.RunErr != nil {
		hs.RunErr = f.RunErr.Error()
	}
	for _, c := range linearizability.Checkers {
		if res, ok := f.Results[c]; ok {
			hs.Verdicts = append(hs.Verdicts, res.String())
		}
	}
	for i := range f.History.Ops {
		op := &f.History.Ops[i]
		ret := "—"
		if !op.Pending {
			ret = fmt.Sprint(op.Return)
		}
		hs.Ops = append(hs.Ops, fmt.Sprintf("op %-3d client %-2d [%d, %s]  %s", i, op.Client, op.Call, ret, op.String()))
	}
	r.History = hs
	if r.Title == "chancheck: "+r.Target {
		r.Title = fmt.Sprintf("chancheck: history not linearizable (%s)", r.Target)
	}
}

// write writes the report's files into dir.
func (r *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if s := r.Schedule; s != nil {
		if err := r.writeSchedule(dir, s); err != nil {
			return err
		}
	}
	if hs := r.History; hs != nil {
		if err := r.writeHistory(dir, hs); err != nil {
			return err
		}
	}
	var page bytes.Buffer
	if err := reportPage.Execute(&page, r); err != nil {
		return err
	}
	return r.writeFile(dir, "report.html", page.Bytes())
}

func (r *report) writeFile(dir, name string, data []byte) error {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	r.Files = append(r.Files, path)
	return nil
}

func (r *report) writeSchedule(dir string, s *scheduleSection) error {
	if s.Native {
		return r.writeFile(dir, "program.txt", []byte(s.Program))
	}
	head := fmt.Sprintf("# chancheck %s: %s\n# %s\n", r.Target, cmpOr(s.Property, "every check passed"), s.Origin)
	if err := r.writeFile(dir, "replay.txt", []byte(head+proptest.FormatReplay(s.p, s.Schedule))); err != nil {
		return err
	}
	trace := fmt.Sprintf("# schedule %s\n# goroutines %s\n%s\n", s.Schedule, s.Goroutines, strings.Join(s.Trace, "\n"))
	if err := r.writeFile(dir, "trace.txt", []byte(trace)); err != nil {
		return err
	}
	var nd bytes.Buffer
	if err := impl.WriteNDJSON(&nd, s.events); err != nil {
		return err
	}
	return r.writeFile(dir, "trace.ndjson", nd.Bytes())
}

func (r *report) writeHistory(dir string, hs *historySection) error {
	if err := linearizability.SaveFile(filepath.Join(dir, "history.jsonl"), hs.h); err != nil {
		return err
	}
	r.Files = append(r.Files, filepath.Join(dir, "history.jsonl"))
	if hs.Workload != "" {
		if err := r.writeFile(dir, "workload.txt", []byte(hs.Workload)); err != nil {
			return err
		}
	}
	res, err := linearizability.CheckPorcupine(hs.h, linearizability.Options{VisualizeDir: dir, Name: "history-porcupine"})
	if err != nil || res.Visualization == "" {
		return nil // Porcupine found it legal (the other checker did not): nothing to draw
	}
	doc, err := os.ReadFile(res.Visualization)
	if err != nil {
		return err
	}
	r.Files = append(r.Files, res.Visualization)
	hs.Viz, hs.VizDoc = filepath.Base(res.Visualization), string(doc)
	return nil
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// print prints the report's gist and where its files are.
func (r *report) print(w io.Writer) {
	if s := r.Schedule; s != nil {
		if s.Property != "" {
			fmt.Fprintf(w, "\nFAIL %s (%s)\n%s\n", s.Property, r.Target, indent(s.Err))
		}
		fmt.Fprintf(w, "\nprogram, from %s", s.Origin)
		if s.Shrunk != "" {
			fmt.Fprintf(w, ", %s", s.Shrunk)
		}
		if s.Native {
			fmt.Fprintf(w, ":\n%s\noutcome:  %s (on native channels; no schedule to replay)\nruntime:  %s\nre-run:   %s\n          (with the same toolchain, and its -overlay if it had one)\n",
				indent(s.Program), s.Outcome, s.Runtime, s.Replay)
		} else {
			fmt.Fprintf(w, ":\n%s\noutcome:  %s\nschedule: %s\nreplay:   %s\n", indent(s.Program), s.Outcome, s.Schedule, s.Replay)
		}
	}
	if hs := r.History; hs != nil {
		fmt.Fprintf(w, "\nFAIL history not linearizable: %s (%s)\n", hs.Origin, r.Target)
		if hs.RunErr != "" {
			fmt.Fprintf(w, "%s\n", indent(firstLines(hs.RunErr, 3)))
		}
		for _, v := range hs.Verdicts {
			fmt.Fprintf(w, "%s\n", indent(v))
		}
		fmt.Fprintf(w, "re-check: go run ./cmd/chancheck lin %s\n", filepath.Join(r.out, "history.jsonl"))
	}
	if len(r.Files) > 0 {
		fmt.Fprintf(w, "\nreport:   %s\nfiles:    %s\n", filepath.Join(r.out, "report.html"), strings.Join(r.Files, " "))
	}
}

// indent indents every non-empty line of s by two spaces.
func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
