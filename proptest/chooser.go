package proptest

import (
	"github.com/chanmodel/chanmodel/impl"
	"pgregory.net/rapid"
)

// RapidChooser is an impl.Chooser whose every choice is drawn from a rapid.T, so that
// rapid shrinks a failing schedule together with the program: towards choice 0 — run
// the current goroutine on without preemption, take the first random value — and
// towards shorter runs.
type RapidChooser struct {
	t *rapid.T
}

// NewRapidChooser returns a Chooser drawing from t.
func NewRapidChooser(t *rapid.T) *RapidChooser { return &RapidChooser{t: t} }

// Choose draws an index in [0, ctx.N).
func (c *RapidChooser) Choose(ctx impl.ChoiceContext) (int, error) {
	label := "schedule"
	if ctx.Kind == impl.ChooseRand {
		label = "random"
	}
	return rapid.IntRange(0, ctx.N-1).Draw(c.t, label), nil
}
