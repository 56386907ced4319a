package impl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/spec"
)

// TestRunProgramOutcomesAllowedBySpec runs the spec's golden programs on the impl under
// many schedules, in both modes, and checks that every outcome is in the spec's Runtime
// outcome set, and that the deterministic schedules reach every outcome the spec allows
// (the programs are small enough for 200 seeds to cover them).
// Reference: spec/testdata/outcomes
func TestRunProgramOutcomesAllowedBySpec(t *testing.T) {
	files, err := filepath.Glob("../spec/testdata/outcomes/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	seeds := uint64(200)
	if testing.Short() {
		seeds = 40
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			p := readProgram(t, f)
			set, err := spec.Outcomes(p, spec.Runtime)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for seed := range seeds {
				for _, mode := range []Mode{Deterministic, Parallel} {
					pr, err := RunProgram(p, Config{Seed: seed, Mode: mode})
					if err != nil {
						t.Fatalf("%v seed %d: %v", mode, seed, err)
					}
					if err := set.Allowed(pr.Outcome); err != nil {
						t.Fatalf("%v seed %d (schedule %q): %v", mode, seed, pr.Result.Schedule, err)
					}
					if mode == Deterministic {
						seen[spec.FormatOutcome(p, pr.Outcome)] = true
					}
				}
			}
			if !testing.Short() && len(seen) != len(set.Outcomes) {
				t.Errorf("deterministic runs reached %d of %d outcomes: %v", len(seen), len(set.Outcomes), set.Strings())
			}
		})
	}
}

// readProgram reads the program part of a golden file.
func readProgram(t *testing.T, file string) *spec.Program {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := strings.Cut(string(data), "\n---- ")
	p, err := spec.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
