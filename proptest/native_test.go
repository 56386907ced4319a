package proptest

import (
	"testing"

	"github.com/chanmodel/chanmodel/spec"
	"pgregory.net/rapid"
)

// TestNativeOutcomesAreLanguageOutcomes: the real Go runtime, running generated
// programs on native channels, only produces outcomes the spec allows at Language
// strength. A failure here is a false alarm of the spec: the spec is wrong, not Go.
// Reference: issue 4 §2.4; Go spec "Channel types", "Select statements"
func TestNativeOutcomesAreLanguageOutcomes(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the close/send races generated programs make on purpose")
	}
	runs := 4
	if testing.Short() {
		runs = 1
	}
	rapid.Check(t, func(rt *rapid.T) {
		p := Program(DefaultShape).Draw(rt, "program")
		set := Outcomes(rt, p, spec.Language)
		for range runs {
			o := RunNative(t, p)
			if err := set.Allowed(o); err != nil {
				rt.Fatalf("native Go did what the spec forbids (a spec bug):\n%v\nprogram:\n%s", err, p)
			}
		}
	})
}
