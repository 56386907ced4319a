package proptest

import (
	"testing"

	"pgregory.net/rapid"
)

// TestImplRefinesSpecStepByStep: every impl run of a generated program, under a
// schedule drawn by rapid, is a run of the spec at Runtime strength, step by step,
// ends with nothing left for the spec to do (no lost wake-up), and shows the same
// outcome.
// Reference: issue 4 §2.1, §2.3; SEMANTICS items 22, 15, 17, 37
func TestImplRefinesSpecStepByStep(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Program(DefaultShape).Draw(t, "program")
		if err := CheckImplSteps(t, p); err != nil {
			t.Fatal(err)
		}
	})
}
