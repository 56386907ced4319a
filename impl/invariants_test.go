package impl

import (
	"strings"
	"testing"
)

// invState builds, by hand, a consistent Deterministic-mode state with a G in every
// situation: g[1] running (current) holding la; g[2] in runnext, blocked on la; g[3] on
// the run queue; g[4] parked; g[5] inside unlockf still holding lb; g[6] inside unlockf
// and already readied; g[7] dead.
func invState() (*Runtime, []*G, *mutex, *mutex) {
	rt := New(Config{})
	g := make([]*G, 8)
	for i := 1; i < len(g); i++ {
		g[i] = &G{id: int64(i), rt: rt}
		rt.allgs = append(rt.allgs, g[i])
	}
	la, lb := &mutex{id: 1, owner: g[1]}, &mutex{id: 2, owner: g[5]}
	d := &rt.d
	d.cur = g[1]
	g[1].setStatus(_Grunning)
	g[1].held = []*mutex{la}
	g[2].setStatus(_Grunnable)
	g[2].blockedOn = la
	d.p.runnext = g[2]
	g[3].setStatus(_Grunnable)
	d.p.runq.pushBack(g[3])
	g[4].setStatus(_Gwaiting)
	g[5].setStatus(_Gwaiting)
	g[5].parking = true
	g[5].held = []*mutex{lb}
	g[6].setStatus(_Grunnable)
	g[6].parking = true
	d.p.runq.pushBack(g[6])
	d.parking = []*G{g[5], g[6]}
	g[7].setStatus(_Gdead)
	return rt, g, la, lb
}

// TestInvariantsHoldOnConsistentState: the hand-built consistent state passes every
// invariant (so the failures below are due to the breakage alone).
func TestInvariantsHoldOnConsistentState(t *testing.T) {
	rt, _, _, _ := invState()
	for _, inv := range invariants {
		if err := inv.check(rt); err != nil {
			t.Errorf("%s fails on a consistent state: %v", inv.name, err)
		}
	}
}

// TestInvariantsDetectBrokenState: every invariant fails, with an error naming it, on
// a state broken in the way it forbids.
func TestInvariantsDetectBrokenState(t *testing.T) {
	cases := []struct {
		inv   string
		check func(*Runtime) error
		brk   func(rt *Runtime, g []*G, la, lb *mutex)
	}{
		{"RunqUnique", invRunqUnique, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.p.runq.pushBack(g[3]) }},
		{"RunqUnique", invRunqUnique, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.p.runq.pushBack(g[2]) }},
		{"RunqRunnable", invRunqRunnable, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.p.runq.pushBack(g[4]) }},
		{"RunqRunnable", invRunqRunnable, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.p.runq.remove(g[3]) }},
		{"OneRunning", invOneRunning, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.cur = g[3] }},
		{"OneRunning", invOneRunning, func(rt *Runtime, g []*G, _, _ *mutex) { g[4].setStatus(_Grunning) }},
		{"Parking", invParking, func(rt *Runtime, g []*G, _, _ *mutex) { g[5].parking = false }},
		{"Parking", invParking, func(rt *Runtime, g []*G, _, _ *mutex) { rt.d.parking = rt.d.parking[1:] }},
		{"Parking", invParking, func(rt *Runtime, g []*G, _, _ *mutex) { g[5].setStatus(_Gdead) }},
		{"LocksHeld", invLocksHeld, func(rt *Runtime, g []*G, la, _ *mutex) { la.owner = g[3] }},
		{"LocksHeld", invLocksHeld, func(rt *Runtime, g []*G, _, _ *mutex) { g[4].held = []*mutex{{owner: g[4]}} }},
		{"LocksHeld", invLocksHeld, func(rt *Runtime, g []*G, la, _ *mutex) { g[4].blockedOn = la }},
	}
	for _, tc := range cases {
		rt, g, la, lb := invState()
		tc.brk(rt, g, la, lb)
		err := tc.check(rt)
		if err == nil || !strings.HasPrefix(err.Error(), tc.inv+": ") {
			t.Errorf("inv%s on a broken state: got %v, want an error naming %s", tc.inv, err, tc.inv)
		}
		if rt.checkInvariants() == nil {
			t.Errorf("checkInvariants missed a broken %s", tc.inv)
		}
	}
}

// TestInvariantStopsRun: Deterministic mode checks the invariants at every scheduling
// point: a run whose state gets corrupted ends at the next point with StatusFatal
// naming the invariant.
func TestInvariantStopsRun(t *testing.T) {
	r := New(Config{}).Run(func(gp *G) {
		gp.rt.d.p.runq.pushBack(gp) // the running G on the run queue
		yield(gp, "")
		t.Error("ran on after the invariant broke")
	})
	if r.Status != StatusFatal || !strings.Contains(r.Err.Error(), "invariant RunqRunnable") {
		t.Errorf("got %v, want fatal error naming RunqRunnable", r)
	}
}
