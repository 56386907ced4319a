package impl

import (
	"errors"
	"strings"
	"testing"
)

// TestRoundRobinChooser: round-robin picks the runnable G with the next higher id after
// the current one, wrapping around to the lowest.
func TestRoundRobinChooser(t *testing.T) {
	c := NewRoundRobin()
	steps := []struct {
		current  int64
		runnable []int64
		want     int64
	}{{0, []int64{3, 1, 4}, 1}, {1, []int64{1, 4, 3}, 3}, {3, []int64{3, 1}, 1}, {4, []int64{2, 3}, 2}}
	for _, s := range steps {
		i, _ := c.Choose(ChoiceContext{Kind: ChooseG, Current: s.current, Runnable: s.runnable, N: len(s.runnable)})
		if s.runnable[i] != s.want {
			t.Fatalf("current %d, runnable %v: chose %d, want %d", s.current, s.runnable, s.runnable[i], s.want)
		}
	}
}

// recorder wraps a Chooser and records each context's current G and the G chosen.
type recorder struct {
	Chooser
	switched, kept int
}

func (r *recorder) Choose(ctx ChoiceContext) (int, error) {
	i, err := r.Chooser.Choose(ctx)
	if ctx.Kind == ChooseG && ctx.Runnable[0] == ctx.Current {
		if i == 0 {
			r.kept++
		} else {
			r.switched++
		}
	}
	return i, err
}

// TestRoundRobinSwitches: in a run under round-robin, a G that could continue is
// switched away from at every scheduling point that has another candidate.
func TestRoundRobinSwitches(t *testing.T) {
	rec := &recorder{Chooser: NewRoundRobin()}
	r := New(Config{Chooser: rec}).Run(func(gp *G) {
		var done sema
		for range 3 {
			gp.Go(func(gp *G) {
				for range 5 {
					yield(gp, "")
				}
				done.release(gp)
			})
		}
		for range 3 {
			done.acquire(gp)
		}
	})
	mustFinish(t, r)
	if rec.kept != 0 || rec.switched < 15 {
		t.Errorf("kept the current G %d times, switched %d times; want 0 and >= 15", rec.kept, rec.switched)
	}
}

// chooserFunc adapts a function to Chooser.
type chooserFunc func(ChoiceContext) (int, error)

func (f chooserFunc) Choose(ctx ChoiceContext) (int, error) { return f(ctx) }

// TestChooserFailure: a Chooser that returns an error, an index out of range, or panics
// ends the run with StatusChooser and an error saying so, never a crash; a panic's value
// is kept in Result.Panic for the caller to re-raise.
func TestChooserFailure(t *testing.T) {
	sentinel := errors.New("no more data")
	cases := map[string]struct {
		c    Chooser
		want string
	}{
		"error":        {chooserFunc(func(ChoiceContext) (int, error) { return 0, sentinel }), "no more data"},
		"out of range": {chooserFunc(func(c ChoiceContext) (int, error) { return c.N, nil }), "want 0 <= i < 2"},
		"negative":     {chooserFunc(func(c ChoiceContext) (int, error) { return -1, nil }), "chooser returned -1"},
		"panic":        {chooserFunc(func(ChoiceContext) (int, error) { panic(sentinel) }), "chooser panicked"},
	}
	for name, tc := range cases {
		r := New(Config{Chooser: tc.c}).Run(func(gp *G) { gp.Go(func(*G) {}) })
		if r.Status != StatusChooser || !strings.Contains(r.Err.Error(), tc.want) {
			t.Errorf("%s: got %v, want a chooser error containing %q", name, r, tc.want)
		}
		if name == "panic" && (r.Panic == nil || r.Panic.Value != sentinel) {
			t.Errorf("panic: Result.Panic = %+v, want the panic value", r.Panic)
		}
	}
}

// TestPreempts: a choice preempts iff it is a G choice, the current G could continue
// (it is Runnable[0]) and another G is chosen.
func TestPreempts(t *testing.T) {
	ctx := ChoiceContext{Kind: ChooseG, Current: 2, Runnable: []int64{2, 3}, N: 2}
	if ctx.Preempts(0) || !ctx.Preempts(1) {
		t.Errorf("current can continue: Preempts(0)=%v Preempts(1)=%v", ctx.Preempts(0), ctx.Preempts(1))
	}
	ctx.Runnable = []int64{3, 4}
	if ctx.Preempts(1) {
		t.Errorf("current parked: choosing another G is no preemption")
	}
	if (ChoiceContext{Kind: ChooseRand, Current: 2, N: 3}).Preempts(2) {
		t.Errorf("a random draw is no preemption")
	}
}
