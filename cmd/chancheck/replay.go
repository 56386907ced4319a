package main

// replay FILE and explore FILE: one saved program, under its schedule or under every
// schedule up to a preemption bound.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// programOpts are the flags of replay and explore.
type programOpts struct {
	target   targetFlag
	checks   checksFlag
	out      string
	bound    int // explore
	runs     int // explore -target native
	strength strengthFlag
}

func programFlags(name string, o *programOpts) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	o.checks = allChecks()
	fs.Var(&o.target, "target", "`target` to run: impl, mutant:NAME (needs -tags chanmutants), or native (explore only)")
	fs.Var(&o.checks, "checks", "comma-separated `list` of checks, or all (porcupine and fast do not apply here)")
	return fs
}

func runReplayCmd(args []string, stdout, stderr io.Writer) int {
	var o programOpts
	fs := programFlags("replay", &o)
	fs.StringVar(&o.out, "out", "", "also write the report (HTML timeline, trace) into this directory")
	files, code, ok := parseCmd(fs, args, 1, stdout, stderr)
	if !ok {
		return code
	}
	if o.target.native {
		fmt.Fprintf(stderr, "chancheck: -target native: a native run has no schedule to replay; run\n\tgo run ./cmd/chancheck explore -target native %s\n", files[0])
		return exitUsage
	}
	p, sched, err := readReplay(files[0])
	if err != nil {
		return inputError(stderr, err)
	}
	setMutant(o.target.mutant)
	defer setMutant("")
	sc := &proptest.Campaign{Props: o.checks.props}
	pr, err := sc.CheckSchedule(p, sched)
	var ce *proptest.Counterexample
	if err != nil && !errors.As(err, &ce) {
		return inputError(stderr, fmt.Errorf("%s: %v", files[0], err))
	}
	ri := runInfo{p: p, pr: pr, origin: "replay file " + files[0]}
	if ce != nil {
		ri.property, ri.err = ce.Property, ce.Err
	}
	rep := newReport(o.target, cmpOr(o.out, defaultOut))
	rep.addSchedule(ri)
	printRun(stdout, rep.Schedule)
	if pr != nil && pr.Result.Schedule != sched {
		fmt.Fprintf(stdout, "note: the run made the choices %q, not all of %q\n", pr.Result.Schedule, sched)
	}
	if o.out != "" {
		if err := rep.write(o.out); err != nil {
			fmt.Fprintf(stderr, "chancheck: writing the report: %v\n", err)
		}
		fmt.Fprintf(stdout, "report:   %s\n", strings.Join(rep.Files, " "))
	}
	return verdict(stdout, rep.Schedule)
}

// printRun prints a run: program, schedule, trace and outcome.
func printRun(w io.Writer, s *scheduleSection) {
	fmt.Fprintf(w, "program:\n%s\nschedule:   %s\ngoroutines: %s\ntrace:\n", indent(s.Program), s.Schedule, s.Goroutines)
	for _, line := range s.Trace {
		fmt.Fprintf(w, "  %s\n", line)
	}
	fmt.Fprintf(w, "outcome:  %s\n", s.Outcome)
}

// verdict prints whether the run passed and returns the exit code.
func verdict(w io.Writer, s *scheduleSection) int {
	if s.Property == "" {
		fmt.Fprintln(w, "ok: every check passed")
		return exitOK
	}
	fmt.Fprintf(w, "FAIL %s\n%s\n", s.Property, indent(s.Err))
	return exitBug
}

// inputError reports an input that cannot be read or parsed: a usage error.
func inputError(w io.Writer, err error) int {
	fmt.Fprintf(w, "chancheck: %v\n", err)
	return exitUsage
}

// readReplay reads a replay file.
func readReplay(name string) (*spec.Program, string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, "", err
	}
	p, sched, err := proptest.ParseReplay(string(data))
	if err != nil {
		return nil, "", fmt.Errorf("%s: not a replay file: %v", name, err)
	}
	return p, sched, nil
}

// readProgram reads a program in the spec's text form, or the program of a replay file.
func readProgram(name string) (*spec.Program, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if p, _, err := proptest.ParseReplay(string(data)); err == nil {
		return p, nil
	}
	p, err := spec.Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return p, nil
}

func runExploreCmd(args []string, stdout, stderr io.Writer) int {
	var o programOpts
	fs := programFlags("explore", &o)
	fs.IntVar(&o.bound, "bound", 2, "most preemptions per schedule")
	fs.IntVar(&o.runs, "runs", 1000, "with -target native: runs of the program on the real runtime")
	o.strength = strengthFlag{spec.Runtime}
	fs.Var(&o.strength, "strength", strengthUsage)
	fs.StringVar(&o.out, "out", defaultOut, "directory for the report of a failure")
	files, code, ok := parseCmd(fs, args, 1, stdout, stderr)
	if !ok {
		return code
	}
	if o.bound < 0 || o.runs < 1 {
		fmt.Fprintf(stderr, "chancheck: invalid value %d for flag -bound or %d for -runs: want at least 0 and 1\n\n", o.bound, o.runs)
		cmdUsage(stderr, fs)
		return exitUsage
	}
	p, err := readProgram(files[0])
	if err != nil {
		return inputError(stderr, err)
	}
	if o.target.native {
		return exploreNative(stdout, files[0], p, o.runs, o.strength.s)
	}
	setMutant(o.target.mutant)
	defer setMutant("")
	sc := &proptest.Campaign{Props: o.checks.props}
	st, err := sc.Explore(p, o.bound, 0)
	var ce *proptest.Counterexample
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "ok: %d schedules with at most %d preemptions, every check passed (%d choices, %d scheduling points)\n",
			st.Schedules, o.bound, st.Decisions, st.Steps)
		return exitOK
	case !errors.As(err, &ce):
		return inputError(stderr, fmt.Errorf("%s: %v", files[0], err))
	}
	rep := newReport(o.target, o.out)
	rep.addSchedule(counterexampleInfo(ce, fmt.Sprintf("explore %s -bound %d, schedule %d", files[0], o.bound, st.Schedules), nil))
	if err := rep.write(o.out); err != nil {
		fmt.Fprintf(stderr, "chancheck: writing the report: %v\n", err)
	}
	rep.print(stdout)
	return exitBug
}
