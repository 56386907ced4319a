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

// TestRunProgramNoGoroutineLeft: RunProgram's tear-down, which stops its goroutines on
// the caller's goroutine (ownCode), leaves none behind, whether the program's goroutines
// end blocked on channels, in a select, or panicking, in both modes.
// Reference: issue 3 §3 (tear-down); impl/sched.go teardown.
func TestRunProgramNoGoroutineLeft(t *testing.T) {
	p, err := spec.Parse(`chan a 0
chan b 1

go g0
	a <- 1
go g1
	b <- 2
	b <- 3
go g2
	select { <-a; b <- 4 }
	close(b)
go g3
	close(b)
	<-a
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Deterministic, Parallel} {
		baseline := settle(0, 1000)
		for seed := range uint64(50) {
			if _, err := RunProgram(p, Config{Seed: seed, Mode: mode}); err != nil {
				t.Fatalf("%v seed %d: %v", mode, seed, err)
			}
		}
		if n := settle(baseline, 1_000_000); n > baseline {
			t.Errorf("%v: %d goroutines after 50 runs, %d before", mode, n, baseline)
		}
	}
}
