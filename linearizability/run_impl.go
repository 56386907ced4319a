package linearizability

// Running a workload on the impl, recording its history.

import (
	"fmt"
	"slices"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// RunImpl runs workload p on an impl Runtime configured by cfg and returns its
// history. Deterministic runs are stamped by a Logical clock, so the same choices give
// the same history; Parallel runs by the Monotonic clock.
//
// Main starts one goroutine per client and waits for all of them. The run ends
// finished, or — when clients are left blocked — in StatusDeadlock, the quiescence at
// which the history is taken; their last operations are then pending, and the error
// is non-nil if the deadlock report and the pending operations disagree. Any other end
// (an unrecovered panic, the step limit) is an error too.
func RunImpl(p *spec.Program, cfg impl.Config) (*History, impl.Result, error) {
	var clock Clock = &Logical{}
	if cfg.Mode == impl.Parallel {
		clock = NewMonotonic()
	}
	rec := NewRecorder(clock)
	for _, d := range p.Chans {
		rec.Chan(ChanDecl{Cap: d.Cap, Nil: d.Nil})
	}
	clients := make([]*Client, len(p.Goroutines))
	for i := range clients {
		clients[i] = rec.Client()
	}
	res := impl.New(cfg).Run(func(gp *impl.G) {
		chans := make([]impl.Chan[int64], len(p.Chans))
		for i, d := range p.Chans {
			if !d.Nil {
				chans[i] = impl.Make[int64](gp, int(d.Cap))
			}
		}
		done := impl.Make[struct{}](gp, len(p.Goroutines))
		for i := range p.Goroutines {
			ops, cl := p.Goroutines[i].Ops, clients[i]
			gp.Go(func(gp *impl.G) {
				implClient(gp, chans, ops, cl)
				done.Send(gp, struct{}{})
			})
		}
		for range p.Goroutines {
			done.Recv(gp)
		}
	})
	h := rec.History()
	switch res.Status {
	case impl.StatusFinished:
		return h, res, nil
	case impl.StatusDeadlock:
		return h, res, checkBlocked(h, res)
	}
	return h, res, fmt.Errorf("the run ended %v: %v", res.Status, res)
}

// checkBlocked checks that the goroutines of the deadlock report are exactly the
// clients with a pending operation (client i runs as goroutine i+2; main is 1).
func checkBlocked(h *History, res impl.Result) error {
	var blocked, pending []int
	for _, b := range res.Blocked {
		if b.G != 1 {
			blocked = append(blocked, int(b.G-2))
		}
	}
	for _, op := range h.Ops {
		if op.Pending {
			pending = append(pending, op.Client)
		}
	}
	slices.Sort(blocked)
	slices.Sort(pending)
	if !slices.Equal(blocked, pending) {
		return fmt.Errorf("deadlock with clients %v blocked, but clients %v have a pending operation:\n%s",
			blocked, pending, res.Report)
	}
	return nil
}

// implClient performs a client's operations in order, recording each. A channel
// panic is recorded as its operation's outcome and ends the client, as it ends a spec
// goroutine; the impl's unwinding of an ended run passes through.
func implClient(gp *impl.G, chans []impl.Chan[int64], ops []spec.Op, cl *Client) {
	defer returnPanic(cl)
	for i := range ops {
		cl.Call(ops[i])
		cl.Return(implOp(gp, chans, &ops[i]))
	}
}

func implOp(gp *impl.G, chans []impl.Chan[int64], op *spec.Op) spec.Result {
	switch op.Kind {
	case spec.OpSend:
		chans[op.Chan].Send(gp, op.Value)
		return spec.Result{}
	case spec.OpRecv:
		v, ok := chans[op.Chan].Recv2(gp)
		return spec.Result{Value: v, OK: ok}
	case spec.OpClose:
		chans[op.Chan].Close(gp)
		return spec.Result{}
	case spec.OpLen:
		return spec.Result{Value: int64(chans[op.Chan].Len(gp))}
	case spec.OpCap:
		return spec.Result{Value: int64(chans[op.Chan].Cap(gp))}
	}
	vals := make([]int64, len(op.Cases))
	cases := make([]impl.Case, 0, len(op.Cases)+1)
	for k, cs := range op.Cases {
		if cs.Dir == spec.DirSend {
			cases = append(cases, impl.SendCase(chans[cs.Chan], cs.Value))
		} else {
			cases = append(cases, impl.RecvCase(chans[cs.Chan], &vals[k]))
		}
	}
	if op.Default {
		cases = append(cases, impl.Default())
	}
	chosen, ok := impl.Select(gp, cases...)
	if chosen == len(op.Cases) {
		return spec.Result{Case: spec.DefaultCase}
	}
	r := spec.Result{Case: chosen}
	if op.Cases[chosen].Dir == spec.DirRecv {
		r.Value, r.OK = vals[chosen], ok
	}
	return r
}
