//go:build chanmutants

package main

// Mutant targets, in binaries built with -tags chanmutants (impl/mutant.go).

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
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
func mutantDoc(name string) string { return impl.Mutants[name] }
