//go:build chanmutants

package proptest

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestMutantsCaughtByCampaign: a seeded campaign — what chancheck runs — catches every
// mutant within 200 programs, and Shrink cuts each counterexample to at most 3
// goroutines and 6 operations, whose schedule replays the failure.
//
//	go test -tags chanmutants ./proptest/ -run TestMutants
//
// Reference: issue 8 §1; issue 4 §6 (the same bound for rapid's shrinking)
func TestMutantsCaughtByCampaign(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(impl.Mutants)) {
		t.Run(name, func(t *testing.T) {
			if why := impl.Mutants[name].CoverageOnly; why != "" {
				t.Skipf("only the kill matrix's coverage checker can see it: %s", why)
			}
			impl.SetMutant(name)
			defer impl.SetMutant("")
			c := &Campaign{Seed: 1, Programs: 200}
			st, f := c.Run(context.Background())
			if f == nil {
				t.Fatalf("mutant %s (%s) not caught in %d programs", name, impl.Mutants[name], st.Programs)
			}
			ce := c.Shrink(context.Background(), f.Counterexample, f.Seed)
			if g, ops := size(ce.Program); g > 3 || ops > 6 {
				t.Errorf("shrunk to %d goroutines and %d operations, want ≤ 3 and ≤ 6:\n%v", g, ops, ce)
			}
			if _, err := c.CheckSchedule(ce.Program, ce.Run.Result.Schedule); err == nil {
				t.Errorf("the shrunk counterexample does not replay:\n%v", ce)
			}
			t.Logf("caught after %d programs by %q; shrunk to\n%s", st.Programs, ce.Property, ce.Program)
		})
	}
}
