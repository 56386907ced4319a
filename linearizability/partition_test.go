package linearizability

import (
	"slices"
	"testing"

	"github.com/chanmodel/chanmodel/spec"
)

// TestPartitionSelectDefaultJoinsChannels: a select that took default joins its
// channels into one partition. The history of runtime TestNonblockSelectRace in which
// the select wrongly takes default is illegal, yet each channel's sub-history — the
// select keeping only its case on that channel, as a per-channel partition would
// check it — is linearizable: checking channels apart would accept it.
// Reference: runtime/chan_test.go TestNonblockSelectRace; issue 5 §3; partition.go
func TestPartitionSelectDefaultJoinsChannels(t *testing.T) {
	h, err := LoadFile("testdata/nonblock-select-race-default-bad.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r := reduce(h)
	r.partition()
	if r.compOf[0] != r.compOf[1] {
		t.Errorf("c0 and c1 in components %d and %d, want one", r.compOf[0], r.compOf[1])
	}
	for _, c := range checkers {
		if res, _ := c.check(h, Options{}); res.Verdict != Illegal {
			t.Errorf("%s: whole history %v, want illegal", c.name, res)
		}
		for ch := range h.Chans {
			sub := restrict(h, ch)
			if res, err := c.check(sub, Options{}); err != nil || res.Verdict != Ok {
				t.Errorf("%s: sub-history of c%d %v %v, want ok", c.name, ch, res, err)
			}
		}
	}
}

// restrict returns the operations of h on channel c, each select keeping only its
// cases on c (the one it took, if it took one elsewhere, goes too).
func restrict(h *History, c int) *History {
	sub := &History{Chans: h.Chans}
	for _, op := range h.Clone().Ops {
		if op.Kind != spec.OpSelect {
			if op.Chan == c {
				sub.Ops = append(sub.Ops, op)
			}
			continue
		}
		var cases []spec.Case
		taken := spec.DefaultCase
		for k, cs := range op.Cases {
			if cs.Chan == c {
				if k == op.Result.Case {
					taken = len(cases)
				}
				cases = append(cases, cs)
			}
		}
		if len(cases) == 0 || (op.Result.Case >= 0 && taken < 0) {
			continue
		}
		op.Cases, op.Result.Case = cases, taken
		sub.Ops = append(sub.Ops, op)
	}
	return sub
}

// TestPartitionComponents: the components are the connected components of the
// channels under the selects that took default (all their channels) or panicked
// (their send cases' channels); a select that took a case, or a pending one, joins
// nothing.
// Reference: partition.go
func TestPartitionComponents(t *testing.T) {
	sel := func(dflt bool, res spec.Result, pending bool, cs ...spec.Case) Op {
		return Op{Op: spec.Op{Kind: spec.OpSelect, Cases: cs, Default: dflt}, Result: res, Pending: pending, Call: 1, Return: 2}
	}
	recv := func(c int) spec.Case { return spec.Case{Dir: spec.DirRecv, Chan: c} }
	send := func(c int, v spec.Value) spec.Case { return spec.Case{Dir: spec.DirSend, Chan: c, Value: v} }
	h := &History{Chans: make([]ChanDecl, 7), Ops: []Op{
		sel(true, spec.Result{Case: spec.DefaultCase}, false, recv(0), recv(1)),                      // joins 0, 1
		sel(false, spec.Result{Case: 0, OK: true, Value: 9}, false, recv(2), recv(3)),                // joins nothing
		sel(false, spec.Result{Panic: spec.PanicSendClosed}, false, send(4, 1), recv(5), send(1, 2)), // joins 4, 1
		sel(false, spec.Result{}, true, recv(5), recv(6)),                                            // pending: joins nothing
	}}
	for i := range h.Ops {
		h.Ops[i].Client = i
	}
	r := reduce(h)
	r.partition()
	var groups [][]int
	for k := range r.ncomp {
		if cs := r.compChans(k); len(cs) > 0 {
			groups = append(groups, cs)
		}
	}
	want := [][]int{{0, 1, 4}, {2}, {3}, {5}, {6}}
	if !slices.EqualFunc(groups, want, slices.Equal) {
		t.Errorf("components %v, want %v", groups, want)
	}
}
