package impl

// A counting semaphore built only from the scheduler's hooks (lock, unlock, gopark,
// goready), the way the channel layer builds hchan: the tests' stand-in for a channel.

import "unsafe"

type sema struct {
	l       mutex
	name    string
	count   int
	waiters gQueue // FIFO, guarded by l

	// earlyReadies counts wakers that readied a G still inside its unlockf
	// (Deterministic mode only): the case SEMANTICS 25 says must not lose the wakeup.
	earlyReadies int
}

func (s *sema) String() string { return s.name }

// acquire takes one unit, parking gp until a release hands it one.
func (s *sema) acquire(gp *G) {
	lock(gp, &s.l)
	if s.count > 0 {
		s.count--
		unlock(gp, &s.l)
		return
	}
	s.waiters.pushBack(gp)
	gp.param = unsafe.Pointer(s)
	gopark(gp, semaparkcommit, waitReasonSemacquire, s)
}

// semaparkcommit is acquire's unlockf. Like the runtime's chanparkcommit it captures
// nothing (a closure would be allocated at every park): it finds the sema through
// gp.param.
func semaparkcommit(gp *G) bool {
	unlock(gp, &(*sema)(gp.param).l)
	return true
}

// release hands one unit to the longest waiter, or banks it.
func (s *sema) release(gp *G) {
	lock(gp, &s.l)
	if s.waiters.len() == 0 {
		s.count++
		unlock(gp, &s.l)
		return
	}
	w := s.waiters.popFront()
	if gp.rt.det && w.parking {
		s.earlyReadies++
	}
	unlock(gp, &s.l)
	goready(gp, w) // after unlock (SEMANTICS 27)
}

// first is a Chooser that always takes index 0: the runtime's own order, no preemption.
type first struct{}

func (first) Choose(ChoiceContext) (int, error) { return 0, nil }

// stringer is a fixed description for gopark's "waits on".
type stringer string

func (s stringer) String() string { return string(s) }

// modes lists the configurations a test runs under, by name.
func modes() map[string]Config {
	return map[string]Config{
		"deterministic": {Mode: Deterministic, Seed: 1},
		"parallel-1":    {Mode: Parallel, Procs: 1},
		"parallel-4":    {Mode: Parallel, Procs: 4},
	}
}

func mustFinish(tb interface {
	Helper()
	Fatalf(string, ...any)
}, r Result) {
	tb.Helper()
	if r.Status != StatusFinished {
		tb.Fatalf("run ended with %v, want finished:\n%v\nschedule: %q", r.Status, r, r.Schedule)
	}
}
