//go:build !chanmutants

package main

// Without -tags chanmutants impl has no mutants (impl/mutant_off.go): a mutant target
// is a usage error that says how to build one.

import (
	"fmt"
	"io"
)

func checkMutant(name string) error {
	return fmt.Errorf("mutant targets need a binary built with -tags chanmutants; run\n"+
		"\tgo run -tags chanmutants ./cmd/chancheck -target mutant:%s", name)
}

func setMutant(string) {}

func mutantNames() []string { return nil }

func mutantDoc(string) string { return "" }

// runMutantsCmd explains how to build a binary that has the mutants.
func runMutantsCmd(_ []string, _, stderr io.Writer) int {
	fmt.Fprintln(stderr, "chancheck mutants: this binary has no mutants; run\n\tgo run -tags chanmutants ./cmd/chancheck mutants")
	return exitUsage
}
