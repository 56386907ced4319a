package proptest

import (
	"fmt"
	"slices"
	"sort"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// The abstraction function: at every scheduling point of a Deterministic run, the
// impl's channels (impl.Observation) must be the spec's channels in the state the
// steps so far lead to — buffer contents in ring order from recvx, closed, and each
// wait queue's live sudogs in the order of the spec's blocked goroutines on it.
// A channel whose lock is held is mid-update and is compared at a later point.

// CheckAbstraction checks obs, the observations of the run pr of p, against the spec
// states that the run's steps lead to. The state an observation is compared with is
// the one just before the first step read from an event the observation had not yet
// seen (Observation.TraceLen); steps that float (refine.go) change no channel, so where
// they are applied does not matter here.
func CheckAbstraction(p *spec.Program, pr *impl.ProgramRun, obs []impl.Observation) error {
	fail := func(err error) error {
		return &Counterexample{Property: "abstraction function", Program: p, Run: pr, Err: err}
	}
	steps, err := newStepMapper(p, pr.GoIDs).steps(pr.Result.Trace)
	if err != nil {
		return fail(err)
	}
	m, err := spec.NewModel(p, spec.Runtime)
	if err != nil {
		return fail(err)
	}
	before := make([]spec.State, len(steps))
	final, err := applyAll(m, steps, func(i int, s spec.State) { before[i] = s })
	if err != nil {
		return fail(err)
	}
	a := newAbstraction(p, pr.GoIDs)
	for _, o := range obs {
		i := sort.Search(len(steps), func(i int) bool { return steps[i].event >= o.TraceLen })
		s := final
		if i < len(steps) {
			s = before[i]
		}
		if err := a.compare(s, o); err != nil {
			return fail(&EventError{Event: o.TraceLen - 1,
				Err: fmt.Errorf("at scheduling point %d (after %d events): %w", o.Step, o.TraceLen, err)})
		}
	}
	return nil
}

// abstraction maps a program's channels and goroutines to the impl's.
type abstraction struct {
	p     *spec.Program
	made  []int   // made[k]: the program channel of the k-th channel made (nil ones are not made)
	goIDs []int64 // the G id of each program goroutine
}

func newAbstraction(p *spec.Program, goIDs []int64) *abstraction {
	a := &abstraction{p: p, goIDs: goIDs}
	for c, d := range p.Chans {
		if !d.Nil {
			a.made = append(a.made, c)
		}
	}
	return a
}

// compare checks every observed, unlocked channel against spec state s.
func (a *abstraction) compare(s spec.State, o impl.Observation) error {
	for k, co := range o.Chans {
		if co.Locked || k >= len(a.made) {
			continue
		}
		c := a.made[k]
		if err := a.compareChan(s, c, co); err != nil {
			return fmt.Errorf("chan %s: %w", a.p.Chans[c].Name, err)
		}
	}
	return nil
}

func (a *abstraction) compareChan(s spec.State, c int, co impl.ChanObservation) error {
	ch := s.Chan(c)
	if ch.Closed != (co.Closed) {
		return fmt.Errorf("closed: spec %t, impl %t", ch.Closed, co.Closed)
	}
	if got := observedValues(co.Buf); len(got) != len(ch.Buf) ||
		a.p.Chans[c].Elem == spec.ElemInt && !slices.Equal(got, ch.Buf) {
		return fmt.Errorf("buffer: spec %v, impl %v", ch.Buf, co.Buf)
	}
	for _, q := range []struct {
		name string
		dir  spec.Dir
		ids  []int64
	}{{"sendq", spec.DirSend, co.SendQ}, {"recvq", spec.DirRecv, co.RecvQ}} {
		want := a.ids(s.Waiting(c, q.dir))
		if got := slices.Compact(slices.Clone(q.ids)); !slices.Equal(got, want) {
			return fmt.Errorf("%s: spec's blocked goroutines are G%v, impl's queue holds G%v", q.name, want, q.ids)
		}
	}
	return nil
}

// ids maps program goroutines to G ids.
func (a *abstraction) ids(gs []int) []int64 {
	out := []int64{}
	for _, g := range gs {
		out = append(out, a.goIDs[g])
	}
	return out
}

// observedValues converts buffered values to spec values (struct{} values count as 0).
func observedValues(buf []any) []spec.Value {
	out := make([]spec.Value, len(buf))
	for i, v := range buf {
		if n, ok := v.(int64); ok {
			out[i] = n
		}
	}
	return out
}
