package spec

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// genExplorable draws a program whose state space is small enough to explore
// under both strengths, skipping the rare draw that is not.
func genExplorable(t *rapid.T, s Strength) (*Program, *OutcomeSet) {
	p := genProgram(t)
	set, err := Explore(p, s, 200_000)
	if err != nil {
		t.Skip(err)
	}
	return p, set
}

// TestRuntimeOutcomesAreLanguageOutcomes checks that Runtime strength only
// narrows Language strength: every Runtime outcome is a Language outcome.
// Reference: spec/doc.go "Two strengths"
func TestRuntimeOutcomesAreLanguageOutcomes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, rt := genExplorable(t, Runtime)
		lang, err := Outcomes(p, Language)
		if err != nil {
			t.Skip(err)
		}
		for _, o := range rt.Outcomes {
			if !lang.Contains(o) {
				t.Fatalf("Runtime outcome not allowed by Language:\n%s\noutcome: %s",
					Format(p), FormatOutcome(p, o))
			}
		}
	})
}

// TestRuntimeStatesKeepQueueInvariants checks, in every reachable Runtime
// state, the abstract form of the hchan invariants: a blocked goroutine's
// operation is never ready on its own (it waits for a partner); a buffered
// channel with values has no waiting receivers and one with room has no
// waiting senders; an unbuffered channel never has a waiting sender and a
// waiting receiver that could meet, unless they are one select; a closed
// channel has no waiters.
// Reference: SEMANTICS item 3; runtime chan.go:9-18
func TestRuntimeStatesKeepQueueInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, _ := genExplorable(t, Runtime)
		m, _ := NewModel(p, Runtime)
		forEachReachable(t, m, func(s State) {
			if err := runtimeInvariants(s); err != nil {
				t.Fatalf("%v\nin state %v\nof\n%s", err, s, Format(p))
			}
		})
	})
}

// runtimeInvariants returns the first broken abstract hchan invariant of s.
func runtimeInvariants(s State) error {
	for c := range s.m.chans {
		ch := s.chanView(c)
		if ch.Nil {
			continue
		}
		senders, receivers := s.Waiting(c, DirSend), s.Waiting(c, DirRecv)
		switch {
		case ch.Closed && len(senders)+len(receivers) > 0:
			return fmt.Errorf("closed channel %d has waiters", c)
		case ch.Len() > 0 && len(receivers) > 0:
			return fmt.Errorf("channel %d has values and waiting receivers", c)
		case !ch.Unbuffered() && ch.Len() < ch.Cap && len(senders) > 0:
			return fmt.Errorf("channel %d has room and waiting senders", c)
		case ch.Unbuffered() && len(senders) > 0 && len(receivers) > 0 &&
			!(len(senders) == 1 && len(receivers) == 1 && senders[0] == receivers[0]):
			return fmt.Errorf("unbuffered channel %d has a sender and a receiver waiting for each other", c)
		}
	}
	// No blocked goroutine can proceed without a partner: the Language
	// steps of a blocked goroutine are exactly those.
	lang := *s.m
	lang.strength = Language
	x := expansion{m: &lang, s: State{m: &lang, w: s.w}, visit: func(*Step, State) bool { return true }}
	for g := range s.m.gBase {
		if s.Status(g) != Blocked {
			continue
		}
		for i, cs := range s.m.cases[g][s.PC(g)] {
			if x.commCase(g, i, cs, false) {
				return fmt.Errorf("blocked goroutine %d could complete case %d on its own", g, i)
			}
		}
	}
	return nil
}

// forEachReachable calls f on every reachable state of m.
func forEachReachable(t interface{ Fatalf(string, ...any) }, m *Model, f func(State)) {
	seen := map[string]bool{}
	stack := []State{m.Initial()}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s.Key()] {
			continue
		}
		seen[s.Key()] = true
		f(s)
		for _, st := range m.Enabled(s) {
			next, err := m.Apply(s, st)
			if err != nil {
				t.Fatalf("an enabled step was not applicable: %v", err)
			}
			stack = append(stack, next)
		}
	}
}

// TestRandomWalksEndInOutcomes checks that the step API and the outcome set
// agree: a walk that takes enabled steps through Apply until none is left
// ends in one of the program's outcomes, and every state it passes is not
// final.
func TestRandomWalksEndInOutcomes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := []Strength{Language, Runtime}[rapid.IntRange(0, 1).Draw(t, "strength")]
		p, set := genExplorable(t, s)
		m, _ := NewModel(p, s)
		st := m.Initial()
		for steps := 0; ; steps++ {
			enabled := m.Enabled(st)
			if len(enabled) == 0 {
				break
			}
			if st.Final() {
				t.Fatalf("Final() with %d enabled steps", len(enabled))
			}
			pick := enabled[rapid.IntRange(0, len(enabled)-1).Draw(t, "step")]
			next, err := m.Apply(st, pick)
			if err != nil {
				t.Fatal(err)
			}
			st = next
		}
		if !st.Final() || !set.Contains(st.Outcome()) {
			t.Fatalf("walk ended in %s, not an outcome of\n%s", FormatOutcome(p, st.Outcome()), Format(p))
		}
	})
}
