//go:build chanmutants

package main

// Mutant targets, in binaries built with -tags chanmutants (impl/mutant.go).

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/proptest"
)

// checkMutant reports whether name is one of impl's mutants.
func checkMutant(name string) error {
	if _, ok := impl.Mutants[name]; !ok {
		return fmt.Errorf("unknown mutant %q (mutants: %s)", name, strings.Join(mutantNames(), ", "))
	}
	return nil
}

// setMutant switches on the mutant name ("" for none).
func setMutant(name string) { impl.SetMutant(name) }

// mutantNames lists impl's mutants, sorted.
func mutantNames() []string { return slices.Sorted(maps.Keys(impl.Mutants)) }

// mutantDoc says what mutant name breaks.
func mutantDoc(name string) string { return impl.Mutants[name].String() }

// runMutantsCmd runs proptest.KillMatrix and prints it as a Markdown table.
func runMutantsCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mutants", flag.ContinueOnError)
	fs.SetOutput(stderr)
	budget := fs.Duration("budget", 10*time.Second, "time per mutant, checker and seed")
	seeds := fs.Int("seeds", 3, "seeds per cell; the time is the median")
	first := fs.Bool("first", false, "stop each mutant at its first killing checker")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	opt := proptest.KillOptions{Budget: *budget, Seeds: *seeds, FirstKill: *first, Mutants: fs.Args()}
	if len(opt.Mutants) == 0 {
		opt.Mutants = nil
	}
	for _, m := range opt.Mutants {
		if err := checkMutant(m); err != nil {
			return usageError(stderr, err)
		}
	}
	opt.Progress = func(m string, c proptest.KillCell) {
		fmt.Fprintf(stderr, "%s / %s: %d/%d killed\n", m, c.Checker, c.Killed, c.Seeds)
	}
	rows := proptest.KillMatrix(context.Background(), opt)
	fmt.Fprintf(stdout, "kill matrix: budget %v per cell and seed, median of %d seeds\n\n", *budget, *seeds)
	proptest.WriteKillMatrix(stdout, rows)
	for _, r := range rows {
		if !r.Killed() && r.Equivalent == "" {
			return exitBug
		}
	}
	return exitOK
}
