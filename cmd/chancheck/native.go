package main

// -target native: the checks run against the Go runtime's own channels. A native run
// has no schedule and no trace, so its report shows the program and the outcome the
// spec does not allow, and 'explore -target native FILE' re-runs the program many
// times and compares the outcomes seen with the spec's.

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// goRuntime names the Go runtime whose channels -target native checks: the toolchain
// chancheck was built with (a -overlay of its sources leaves no mark in the binary),
// and the threads it runs on.
func goRuntime() string {
	return fmt.Sprintf("%s %s/%s, GOMAXPROCS %d", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0))
}

// addNative adds the section of a native run's failure.
func (r *report) addNative(ri runInfo) {
	s := r.newSection(ri)
	s.Native = true
	s.Runtime = goRuntime()
	s.Replay = "go run ./cmd/chancheck explore -target native " + filepath.Join(r.out, "program.txt")
	if na := (*spec.NotAllowed)(nil); errors.As(ri.err, &na) {
		s.Outcome = spec.FormatOutcome(ri.p, na.Observed)
	}
	r.Schedule = s
}

// exploreNative runs p natively runs times (perturbed as RunNativeThreads describes,
// but for the first) and checks each outcome against the spec's outcomes at strength; it prints how often each outcome was seen, and the spec's
// outcomes never seen, and returns the exit code.
func exploreNative(stdout io.Writer, name string, p *spec.Program, runs int, strength spec.Strength) int {
	set, err := spec.Outcomes(p, strength)
	if err != nil {
		fmt.Fprintf(stdout, "chancheck: %s: %v\n", name, err)
		return exitUsage
	}
	seen := map[string]int{}
	var bad error
	for j := range runs {
		o := proptest.RunNativeThreads(p, uint64(j)) // run 0 unperturbed, then seeds 1, 2, ...
		seen[spec.FormatOutcome(p, o)]++
		if err := set.Allowed(o); err != nil && bad == nil {
			bad = err
		}
	}
	fmt.Fprintf(stdout, "native (%s): %d runs of %s, %d distinct outcomes; the spec (%v) allows %d\n",
		goRuntime(), runs, name, len(seen), strength, len(set.Outcomes))
	allowed := map[string]bool{}
	for _, o := range set.Outcomes {
		allowed[spec.FormatOutcome(p, o)] = true
	}
	for _, o := range slices.Sorted(maps.Keys(seen)) {
		mark := " "
		if !allowed[o] {
			mark = "✗"
		}
		fmt.Fprintf(stdout, "  %s %6d  %s\n", mark, seen[o], o)
	}
	var unseen []string
	for o := range allowed {
		if seen[o] == 0 {
			unseen = append(unseen, o)
		}
	}
	if len(unseen) > 0 {
		slices.Sort(unseen)
		fmt.Fprintf(stdout, "allowed, never seen in these runs:\n  %s\n", strings.Join(unseen, "\n  "))
	}
	if bad != nil {
		fmt.Fprintf(stdout, "FAIL the Go runtime did what the spec forbids (a bug in the spec, or in Go):\n%s\n", indent(bad.Error()))
		return exitBug
	}
	fmt.Fprintln(stdout, "ok: every outcome is allowed by the spec")
	return exitOK
}
