package proptest

// Shrinking a campaign's counterexample: a smaller program that still fails, then the
// schedule with the fewest preemptions that makes it fail. rapid shrinks the
// counterexamples of the property tests; a campaign draws from seeds, not from rapid,
// so it shrinks its own, greedily: try each program one step smaller (a goroutine, an
// operation, a select case or default, a channel, one unit of capacity fewer), search
// its schedules as the campaign does, keep the first that fails, repeat until none
// does. Any failure counts, as in rapid: the smaller program may fail another property.

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// shrinkSchedules scales the campaign's schedules per program while shrinking: a
// smaller program has fewer schedules, and a bug found once must be found again.
const shrinkSchedules = 4

// maxMinimizeSchedules bounds each exhaustive search for a schedule with fewer
// preemptions (Shrink's last stage).
const maxMinimizeSchedules = 20_000

// Shrink returns the smallest failing program it finds below ce's, with the schedule of
// fewest preemptions (at most 2) that it finds to make it fail; ce itself if nothing
// smaller fails. seed seeds the schedules, as in Search. It stops early, returning the
// best so far, when ctx is done.
func (c *Campaign) Shrink(ctx context.Context, ce *Counterexample, seed uint64) *Counterexample {
	search := *c
	search.Random, search.PCT = c.schedules()
	search.Random *= shrinkSchedules
	search.PCT *= shrinkSchedules
	best := ce
	for shrunk := true; shrunk && ctx.Err() == nil; {
		shrunk = false
		for _, q := range smaller(best.Program) {
			if ctx.Err() != nil {
				break
			}
			if found, _ := search.Search(ctx, q, seed); found != nil {
				best, shrunk = found, true
				break
			}
		}
	}
	if ctx.Err() != nil || c.Native {
		return best // a native run has no schedule to minimise
	}
	return c.fewestPreemptions(best)
}

// schedules returns the random and PCT schedules per program.
func (c *Campaign) schedules() (random, pct int) {
	if c.Random == 0 && c.PCT == 0 {
		return DefaultRandomSchedules, DefaultPCTSchedules
	}
	return c.Random, c.PCT
}

// fewestPreemptions looks, by bounded-exhaustive search with bounds 0, 1 and 2, for a
// schedule of ce's program with fewer preemptions that fails too; it returns its
// counterexample, or ce.
func (c *Campaign) fewestPreemptions(ce *Counterexample) *Counterexample {
	for bound := range 3 {
		_, err := c.Explore(ce.Program, bound, maxMinimizeSchedules)
		var found *Counterexample
		switch {
		case errors.As(err, &found):
			return found
		case err != nil:
			return ce // too many schedules, or the search itself failed
		}
	}
	return ce
}

// ErrScheduleLimit is Explore's error when it ran its most schedules before the
// bounded tree was done.
var ErrScheduleLimit = errors.New("proptest: schedule limit reached")

// Explore runs p under every schedule with at most bound preemptions, as Exhaust does,
// and checks each run with the campaign's properties (a run is re-run with
// observations when PropAbstraction is checked). It returns the first failure as a
// *Counterexample, ErrScheduleLimit after maxSchedules runs (0: no limit), or the
// error of an exploration that could not run.
func (c *Campaign) Explore(p *spec.Program, bound, maxSchedules int) (Stats, error) {
	st := newCampaignStats()
	rc := c.newRunChecker(p, &st)
	runs := 0
	stats, err := Exhaust(p, bound, func(pr *impl.ProgramRun) error {
		if runs++; maxSchedules > 0 && runs > maxSchedules {
			return ErrScheduleLimit
		}
		if !rc.has(PropAbstraction) {
			return nilIfNone(rc.verify(pr, nil))
		}
		r, err := impl.NewReplay(pr.Result.Schedule)
		if err != nil {
			return err
		}
		_, ce := rc.check(r)
		return nilIfNone(ce)
	})
	var ce *Counterexample
	if errors.As(err, &ce) && errors.Is(ce.Err, ErrScheduleLimit) {
		return stats, ErrScheduleLimit
	}
	return stats, err
}

// nilIfNone returns ce as an error: nil, not a nil *Counterexample, if there is none.
func nilIfNone(ce *Counterexample) error {
	if ce == nil {
		return nil
	}
	return ce
}

// smaller returns the programs one step smaller than p, largest cut first: without a
// goroutine, without an operation, without a select case or default (a select of one
// case becomes the plain operation), without an unused channel, with one unit of
// capacity fewer. Names are renumbered g0, g1, ... and
// c0, c1, ... so that the result reads as a fresh program.
func smaller(p *spec.Program) []*spec.Program {
	var out []*spec.Program
	add := func(q *spec.Program) {
		if q.Validate() == nil {
			out = append(out, renamed(q))
		}
	}
	if len(p.Goroutines) > 1 {
		for i := range p.Goroutines {
			q := clone(p)
			q.Goroutines = slices.Delete(q.Goroutines, i, i+1)
			add(q)
		}
	}
	for i, g := range p.Goroutines {
		for j := range g.Ops {
			if len(g.Ops) > 1 {
				q := clone(p)
				q.Goroutines[i].Ops = slices.Delete(q.Goroutines[i].Ops, j, j+1)
				add(q)
			}
			for _, q := range smallerSelects(p, i, j) {
				add(q)
			}
		}
	}
	for c := range p.Chans {
		if q, ok := withoutChan(p, c); ok {
			add(q)
		}
		if p.Chans[c].Cap > 0 {
			q := clone(p)
			q.Chans[c].Cap--
			add(q)
		}
	}
	return out
}

// smallerSelects returns p with operation j of goroutine i, a select, cut by one case
// or by its default.
func smallerSelects(p *spec.Program, i, j int) []*spec.Program {
	op := p.Goroutines[i].Ops[j]
	if op.Kind != spec.OpSelect {
		return nil
	}
	var out []*spec.Program
	if len(op.Cases) == 1 && !op.Default { // the plain operation, as the compiler lowers it
		q := clone(p)
		cs := op.Cases[0]
		plain := spec.Op{Kind: spec.OpSend, Chan: cs.Chan, Value: cs.Value}
		if cs.Dir == spec.DirRecv {
			plain = spec.Op{Kind: spec.OpRecv, Chan: cs.Chan, OK: cs.OK}
		}
		q.Goroutines[i].Ops[j] = plain
		out = append(out, q)
	}
	if op.Default && len(op.Cases) > 0 {
		q := clone(p)
		q.Goroutines[i].Ops[j].Default = false
		out = append(out, q)
	}
	if len(op.Cases) > 1 {
		for k := range op.Cases {
			q := clone(p)
			sel := &q.Goroutines[i].Ops[j]
			sel.Cases = slices.Delete(sel.Cases, k, k+1)
			out = append(out, q)
		}
	}
	return out
}

// withoutChan returns p without channel c, if no operation uses it.
func withoutChan(p *spec.Program, c int) (*spec.Program, bool) {
	q := clone(p)
	q.Chans = slices.Delete(q.Chans, c, c+1)
	for i := range q.Goroutines {
		for j := range q.Goroutines[i].Ops {
			op := &q.Goroutines[i].Ops[j]
			if op.Kind != spec.OpSelect {
				if op.Chan == c {
					return nil, false
				}
				if op.Chan > c {
					op.Chan--
				}
			}
			for k := range op.Cases {
				switch cs := &op.Cases[k]; {
				case cs.Chan == c:
					return nil, false
				case cs.Chan > c:
					cs.Chan--
				}
			}
		}
	}
	return q, true
}

// clone returns a deep copy of p.
func clone(p *spec.Program) *spec.Program {
	q := &spec.Program{Chans: slices.Clone(p.Chans), Goroutines: slices.Clone(p.Goroutines)}
	for i := range q.Goroutines {
		g := &q.Goroutines[i]
		g.Ops = slices.Clone(g.Ops)
		for j := range g.Ops {
			g.Ops[j].Cases = slices.Clone(g.Ops[j].Cases)
		}
	}
	return q
}

// renamed names p's channels c0, c1, ... and its goroutines g0, g1, ... in order.
func renamed(p *spec.Program) *spec.Program {
	for i := range p.Chans {
		p.Chans[i].Name = fmt.Sprintf("c%d", i)
	}
	for i := range p.Goroutines {
		p.Goroutines[i].Name = fmt.Sprintf("g%d", i)
	}
	return p
}
