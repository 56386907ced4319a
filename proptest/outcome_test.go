package proptest

import (
	"testing"

	"pgregory.net/rapid"
)

// TestImplOutcomesAreSpecOutcomes: every generated program, run on the impl under a
// schedule drawn by rapid, ends in one of the spec's Runtime outcomes — no wrong value,
// no lost wake-up, no lock deadlock, no broken invariant.
// Reference: issue 4 §2.2-2.3; spec/doc.go "Two strengths"
func TestImplOutcomesAreSpecOutcomes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Program(DefaultShape).Draw(t, "program")
		if err := CheckImplOutcome(t, p); err != nil {
			t.Fatal(err)
		}
	})
}
