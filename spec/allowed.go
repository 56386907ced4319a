package spec

import (
	"fmt"
	"strings"
)

// NotAllowed explains why an observed outcome is not one of a program's
// outcomes.
type NotAllowed struct {
	Set      *OutcomeSet
	Observed Outcome
	// Goroutine is the first goroutine whose observation no allowed outcome
	// matches, or -1 when each goroutine's observation is allowed on its own
	// but no allowed outcome has them all together.
	Goroutine int
	// Nearest is the allowed outcome that differs from Observed in the
	// fewest goroutines (then in the fewest results).
	Nearest Outcome
}

func (e *NotAllowed) Error() string {
	p := e.Set.Program
	var b strings.Builder
	fmt.Fprintf(&b, "outcome not allowed under %s:\n  observed: %s\n", e.Set.Strength, FormatOutcome(p, e.Observed))
	if e.Goroutine >= 0 {
		fmt.Fprintf(&b, "  no allowed outcome lets %s observe that\n", p.goroutineName(e.Goroutine))
	} else {
		b.WriteString("  each goroutine's observation is allowed, but not all of them together\n")
	}
	fmt.Fprintf(&b, "  nearest allowed: %s", FormatOutcome(p, e.Nearest))
	return b.String()
}

// Allowed reports whether observed is one of the outcomes of p under strength
// s: nil if it is, a *NotAllowed explaining why not, or another error if p is
// invalid or too large to explore.
func Allowed(p *Program, s Strength, observed Outcome) error {
	set, err := Outcomes(p, s)
	if err != nil {
		return err
	}
	return set.Allowed(observed)
}

// Allowed is Allowed against an outcome set already computed.
func (set *OutcomeSet) Allowed(observed Outcome) error {
	if set.Contains(observed) {
		return nil
	}
	e := &NotAllowed{Set: set, Observed: observed, Goroutine: -1}
	if observed.MakePanic == "" {
		e.Goroutine = set.firstUnmatched(observed)
	}
	best := -1
	for _, o := range set.Outcomes {
		if d := distance(o, observed); best < 0 || d < best {
			best, e.Nearest = d, o
		}
	}
	return e
}

// firstUnmatched returns the first goroutine whose observation appears in no
// allowed outcome, or -1.
func (set *OutcomeSet) firstUnmatched(observed Outcome) int {
	for g, obs := range observed.Goroutines {
		matched := false
		for _, o := range set.Outcomes {
			if g < len(o.Goroutines) && o.Goroutines[g].equal(obs) {
				matched = true
				break
			}
		}
		if !matched {
			return g
		}
	}
	return -1
}

// distance counts the goroutines on which o and q differ, weighted so that a
// differing goroutine outweighs any number of differing results.
func distance(o, q Outcome) int {
	if o.MakePanic != q.MakePanic || len(o.Goroutines) != len(q.Goroutines) {
		return 1 << 30
	}
	d := 0
	for g := range o.Goroutines {
		a, b := o.Goroutines[g], q.Goroutines[g]
		if a.equal(b) {
			continue
		}
		d += 1 << 16
		for i := range max(len(a.Results), len(b.Results)) {
			if i >= len(a.Results) || i >= len(b.Results) || a.Results[i] != b.Results[i] {
				d++
			}
		}
		if a.Blocked != b.Blocked {
			d++
		}
	}
	return d
}
