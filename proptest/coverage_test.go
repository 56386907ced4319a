//go:build chanmutants

package proptest

import (
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// TestCoverageProgramsReachEveryOutcome: on the correct impl every coverage program
// reaches every spec outcome within two preemptions, so the coverage checker of the
// kill matrix only fires on a mutant; and the pollorder-sattolo mutant, which only
// removes behaviours, is caught by it.
// Reference: issue 7 §3 (a survivor is a finding: strengthen a checker)
func TestCoverageProgramsReachEveryOutcome(t *testing.T) {
	for _, text := range coveragePrograms {
		p, err := spec.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		if !reachesEveryOutcome(p) {
			t.Errorf("the correct impl misses a spec outcome of\n%s", p)
		}
	}
	impl.SetMutant("pollorder-sattolo")
	defer impl.SetMutant("")
	if coverageKill() != "coverage" {
		t.Error("coverage does not catch pollorder-sattolo")
	}
}
