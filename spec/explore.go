package spec

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// Enabled returns every step enabled in s, in a fixed order.
func (m *Model) Enabled(s State) []Step {
	var steps []Step
	m.successors(s, func(st *Step, _ State) bool {
		steps = append(steps, st.clone())
		return true
	})
	return steps
}

// Apply checks that st, a step observed elsewhere (in the impl, say), is
// enabled in s and returns the state it leads to. The error names what is
// enabled instead.
func (m *Model) Apply(s State, st Step) (State, error) {
	if st.G < 0 || st.G >= len(m.gBase) {
		return s, fmt.Errorf("step of goroutine %d: the program has %d goroutines", st.G, len(m.gBase))
	}
	var next State
	found := false
	m.successors(s, func(cand *Step, n State) bool {
		if cand.Equal(&st) {
			next, found = n, true
		}
		return !found
	})
	if found {
		return next, nil
	}
	var alts []string
	for _, e := range m.Enabled(s) {
		if e.G == st.G {
			alts = append(alts, m.FormatStep(s, e))
		}
	}
	if len(alts) == 0 {
		alts = append(alts, "none: "+m.prog.goroutineName(st.G)+" is "+s.Status(st.G).String())
	}
	return s, fmt.Errorf("step not allowed under %s: %s\n  enabled steps of %s: %s",
		m.strength, m.FormatStep(s, st), m.prog.goroutineName(st.G), strings.Join(alts, "; "))
}

// FormatStep renders st, a step from state s, against m's program, e.g.
// "g1: a <- 1 → sent, g2: <-a → 1" or "g1: <-a blocks".
func (m *Model) FormatStep(s State, st Step) string {
	p := m.prog
	side := func(g int, r Result) string {
		if g < 0 || g >= len(m.gBase) {
			return "goroutine " + strconv.Itoa(g) + " (no such goroutine)"
		}
		op := p.op(g, s.PC(g))
		if op == nil {
			return p.goroutineName(g) + ": (no operation)"
		}
		return p.goroutineName(g) + ": " + p.FormatOp(op) + " → " + formatResult(op, r)
	}
	if st.Kind == StepBlock && st.G >= 0 && st.G < len(m.gBase) {
		if op := p.op(st.G, s.PC(st.G)); op != nil {
			return p.goroutineName(st.G) + ": " + p.FormatOp(op) + " blocks"
		}
		return p.goroutineName(st.G) + " blocks"
	}
	parts := []string{side(st.G, st.Result)}
	for _, w := range st.Woken {
		parts = append(parts, side(w.G, w.Result))
	}
	return strings.Join(parts, ", ")
}

// DefaultMaxStates bounds an exploration that was given no bound.
const DefaultMaxStates = 10_000_000

// ErrTooManyStates is returned when an exploration reaches its state bound.
var ErrTooManyStates = errors.New("spec: state bound reached")

// OutcomeSet is the set of final outcomes of a program under one strength.
type OutcomeSet struct {
	Program  *Program
	Strength Strength
	Outcomes []Outcome // each once, in a fixed order (Strings sorts them as text)
	States   int       // distinct states visited
}

// Outcomes explores every state of p under strength s and returns the set of
// its final outcomes. It fails if p is invalid or has more than
// DefaultMaxStates states.
func Outcomes(p *Program, s Strength) (*OutcomeSet, error) {
	return Explore(p, s, DefaultMaxStates)
}

// Explore is Outcomes with a bound on the number of distinct states.
func Explore(p *Program, s Strength, maxStates int) (*OutcomeSet, error) {
	m, err := NewModel(p, s)
	if err != nil {
		return nil, err
	}
	return m.Explore(maxStates)
}

// Explore visits every state reachable from the initial state, depth first,
// visiting each distinct state once, and collects the outcomes of the final
// states.
func (m *Model) Explore(maxStates int) (*OutcomeSet, error) {
	seen := map[string]struct{}{}
	var keys keyArena
	finals := map[string]Outcome{}
	var key []byte
	stack := []State{m.Initial()}
	key = stack[0].appendKey(key[:0])
	seen[string(key)] = struct{}{}
	x := expansion{m: m, chunk: 256}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		final := true
		x.expand(s, func(_ *Step, next State) bool {
			final = false
			key = next.appendKey(key[:0])
			if _, ok := seen[string(key)]; !ok {
				seen[keys.intern(key)] = struct{}{}
				stack = append(stack, next)
			}
			return true
		})
		if final {
			key = s.appendOutcomeKey(key[:0])
			if _, ok := finals[string(key)]; !ok {
				finals[string(key)] = s.Outcome()
			}
		}
		if len(seen) > maxStates {
			return nil, fmt.Errorf("%w: more than %d states", ErrTooManyStates, maxStates)
		}
	}
	return m.outcomeSet(finals, len(seen)), nil
}

// keyArena stores state keys back to back in large chunks, so that remembering a
// visited state costs no allocation of its own. Bytes once written are never written
// again, so the strings handed out stay valid and immutable.
type keyArena struct{ buf []byte }

func (a *keyArena) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(a.buf)-len(a.buf) < len(b) { // a new chunk, twice the last, up to 1 MiB
		a.buf = make([]byte, 0, max(min(2*cap(a.buf), 1<<20), 4096, len(b)))
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[start], len(b))
}

func (m *Model) outcomeSet(finals map[string]Outcome, states int) *OutcomeSet {
	set := &OutcomeSet{Program: m.prog, Strength: m.strength, States: states}
	keys := make([]string, 0, len(finals))
	for k := range finals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set.Outcomes = append(set.Outcomes, finals[k])
	}
	return set
}

// Strings returns the formatted outcomes, sorted.
func (set *OutcomeSet) Strings() []string {
	out := make([]string, len(set.Outcomes))
	for i, o := range set.Outcomes {
		out[i] = FormatOutcome(set.Program, o)
	}
	sort.Strings(out)
	return out
}

// Contains reports whether o is one of the outcomes.
func (set *OutcomeSet) Contains(o Outcome) bool {
	for _, q := range set.Outcomes {
		if q.Equal(o) {
			return true
		}
	}
	return false
}
