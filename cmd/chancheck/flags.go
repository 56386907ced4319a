package main

// Flags: the values that need parsing (-shard, -target, -checks), and parsing a
// command's flags and operands in any order.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// shardFlag is -shard i/n: this run takes the i-th of n disjoint seed ranges.
type shardFlag struct{ i, n int }

func (s *shardFlag) String() string { return fmt.Sprintf("%d/%d", s.i, max(s.n, 1)) }

func (s *shardFlag) Set(v string) error {
	is, ns, ok := strings.Cut(v, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return errors.New("want i/n with 0 <= i < n, e.g. 0/4")
	}
	s.i, s.n = i, n
	return nil
}

// targetFlag is -target: what the checks run against.
type targetFlag struct {
	native bool   // the real Go runtime's channels
	mutant string // "" for the impl as it is
}

func (t *targetFlag) String() string {
	switch {
	case t.native:
		return "native"
	case t.mutant != "":
		return "mutant:" + t.mutant
	}
	return "impl"
}

func (t *targetFlag) Set(v string) error {
	switch v {
	case "impl", "native":
		*t = targetFlag{native: v == "native"}
		return nil
	}
	name, ok := strings.CutPrefix(v, "mutant:")
	if !ok || name == "" {
		return errors.New("want impl, native or mutant:NAME")
	}
	if err := checkMutant(name); err != nil {
		return err
	}
	*t = targetFlag{mutant: name}
	return nil
}

// strengthFlag is -strength: the spec strength native outcomes are checked at.
type strengthFlag struct{ s spec.Strength }

func (f *strengthFlag) String() string { return strings.ToLower(f.s.String()) }

func (f *strengthFlag) Set(v string) error {
	switch v {
	case "language":
		f.s = spec.Language
	case "runtime":
		f.s = spec.Runtime
	default:
		return errors.New("want language or runtime")
	}
	return nil
}

// strengthUsage is -strength's help.
const strengthUsage = "with -target native: check outcomes against the spec at this `strength`: language (what the Go " +
	"specification allows) or runtime (also runtime/chan.go's guarantees: waiters served in order, ...)"

// nativeChecks are the checks that apply to native runs, which have no trace: the
// outcome and both history checkers.
var nativeChecks = checksFlag{props: []proptest.Property{proptest.PropOutcome}, checkers: linearizability.Checkers}

// forNative returns the checks of c that apply to native runs, or an error naming
// one that does not if explicit (c came from -checks).
func (c *checksFlag) forNative(explicit bool) (checksFlag, error) {
	out := checksFlag{checkers: c.checkers}
	for _, p := range c.props {
		if slices.Contains(nativeChecks.props, p) {
			out.props = append(out.props, p)
		} else if explicit {
			return out, fmt.Errorf("check %q does not apply to -target native (a native run has no trace); want some of %s", p, &nativeChecks)
		}
	}
	return out, nil
}

// goFlags returns the go command's flags needed to build a binary with t.
func (t *targetFlag) goFlags() string {
	if t.mutant == "" {
		return ""
	}
	return " -tags chanmutants"
}

// The checks -checks can name: the schedule campaign's properties (PropRun is always
// checked) and the history campaign's checkers.
var (
	scheduleChecks = []proptest.Property{proptest.PropSteps, proptest.PropAbstraction, proptest.PropOutcome}
	historyChecks  = linearizability.Checkers
)

// checksFlag is -checks: a comma-separated list of checks, or "all".
type checksFlag struct {
	props    []proptest.Property
	checkers []linearizability.Checker
}

func allChecks() checksFlag {
	return checksFlag{props: slices.Clone(scheduleChecks), checkers: slices.Clone(historyChecks)}
}

func (c *checksFlag) String() string {
	var names []string
	for _, p := range c.props {
		names = append(names, string(p))
	}
	for _, ch := range c.checkers {
		names = append(names, string(ch))
	}
	return strings.Join(names, ",")
}

func (c *checksFlag) Set(v string) error {
	if v == "all" {
		*c = allChecks()
		return nil
	}
	*c = checksFlag{}
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		switch {
		case slices.Contains(scheduleChecks, proptest.Property(name)):
			c.props = append(c.props, proptest.Property(name))
		case slices.Contains(historyChecks, linearizability.Checker(name)):
			c.checkers = append(c.checkers, linearizability.Checker(name))
		default:
			all := allChecks()
			return fmt.Errorf("unknown check %q (want all, or some of %s)", name, &all)
		}
	}
	return nil
}

// parseFlags parses args with fs, flags and operands in any order ("replay FILE
// -target mutant:x" as well as "replay -target mutant:x FILE"), and returns the
// operands.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return operands, nil
		}
		operands = append(operands, args[0])
		args = args[1:]
	}
}

// cmdUsage prints the usage of the command whose flags are fs's: the command list
// for the campaign (the default command), the command's line for the others.
func cmdUsage(w io.Writer, fs *flag.FlagSet) {
	if fs.Name() == "chancheck" {
		usage(w)
		fmt.Fprintln(w, "\ncampaign flags:")
	} else {
		for _, c := range commands {
			if c.name == fs.Name() {
				fmt.Fprintf(w, "usage: %s\n\n%s.\n\nflags:\n", c.line(), c.summary)
			}
		}
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parseCmd parses a command's args with fs and checks that it got want operands. It
// returns the operands, or ok false and the exit code: 0 after -h (the usage is printed
// to stdout), exitUsage after a bad flag or operand count (the message and the usage go
// to stderr).
func parseCmd(fs *flag.FlagSet, args []string, want int, stdout, stderr io.Writer) (operands []string, code int, ok bool) {
	fs.SetOutput(io.Discard)
	operands, err := parseFlags(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		cmdUsage(stdout, fs)
		return nil, exitOK, false
	case err == nil && len(operands) != want:
		err = fmt.Errorf("want %d operand(s), got %d: %q", want, len(operands), operands)
		if want == 0 {
			err = fmt.Errorf("unexpected operand %q (commands: replay, explore, lin)", operands[0])
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "chancheck: %v\n\n", err)
		cmdUsage(stderr, fs)
		return nil, exitUsage, false
	}
	return operands, exitOK, true
}
