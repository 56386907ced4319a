package linearizability

// The Porcupine checker: the actions of a history, partitioned by component, checked
// by github.com/anishathalye/porcupine against the sequential object of model.go.

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	"github.com/anishathalye/porcupine"
)

// CheckPorcupine checks whether h is linearizable with Porcupine. The error is for a
// history that breaks the History invariants; otherwise the Result says ok, illegal
// (naming the operations) or unknown (timeout, memory budget). With
// opt.VisualizeDir set, an illegal history's visualization is written there.
func CheckPorcupine(h *History, opt Options) (Result, error) {
	if err := h.Validate(); err != nil {
		return Result{}, err
	}
	r := reduce(h)
	r.partition()
	return newPorcupineCheck(r, opt, nil).run(), nil
}

// porcupineCheck is one run of Porcupine on a reduction.
type porcupineCheck struct {
	r     *reduction
	opt   Options
	model porcupine.Model
	ops   []porcupine.Operation
	parts [][]porcupine.Operation // Porcupine's partitions, in component order
	comps []int                   // parts[i] is component comps[i]

	// The memory guard: used estimates the bytes of the states Porcupine has
	// cached; past opt.MaxMemory every step fails and aborted is set, and an Illegal
	// answer then means Unknown. Steps run concurrently, one goroutine per partition.
	entryBytes []int64 // per component: a cache entry's bitset and bookkeeping
	used       atomic.Int64
	aborted    atomic.Bool
}

// newPorcupineCheck prepares the check of the components in only (nil: all).
func newPorcupineCheck(r *reduction, opt Options, only []int) *porcupineCheck {
	pc := &porcupineCheck{r: r, opt: opt, entryBytes: make([]int64, r.ncomp)}
	for k, part := range r.parts {
		if len(part) == 0 || only != nil && !slices.Contains(only, k) {
			continue
		}
		pc.entryBytes[k] = 160 + int64(len(part)+63)/64*8 // measured: within 10% of the heap
		var ops []porcupine.Operation
		for _, i := range part {
			a := &r.actions[i]
			ops = append(ops, porcupine.Operation{ClientId: r.client(a), Input: a, Call: a.call, Return: a.ret})
		}
		pc.parts = append(pc.parts, ops)
		pc.comps = append(pc.comps, k)
		pc.ops = append(pc.ops, ops...)
	}
	pc.model = porcupine.Model{
		// The history given is always pc.ops, already partitioned.
		Partition: func([]porcupine.Operation) [][]porcupine.Operation { return pc.parts },
		Init:      func() any { return initial(r.h) },
		Step:      pc.step,
		Equal:     func(s, t any) bool { return s.(chans).equal(t.(chans)) },
		Hash:      func(s any) uint64 { return s.(chans).hash() },
		DescribeOperation: func(input, _ any) string {
			return r.describe(input.(*action))
		},
		DescribeState: func(s any) string { return s.(chans).String() },
	}
	return pc
}

// client is the visualization row of action a: its operation's client, or one row
// past the clients for the end of the history.
func (r *reduction) client(a *action) int {
	if a.op < 0 {
		return r.clients
	}
	return r.h.Ops[a.op].Client
}

// step is the model's Step: pure, except for the memory guard's counter.
func (pc *porcupineCheck) step(state, input, _ any) (bool, any) {
	if pc.aborted.Load() {
		return false, state
	}
	a := input.(*action)
	next, ok := pc.r.step(state.(chans), a)
	if !ok {
		return false, state
	}
	if pc.used.Add(pc.entryBytes[a.comp]+next.bytes()) > pc.opt.maxMemory() {
		pc.aborted.Store(true)
		return false, state
	}
	return true, next
}

func (pc *porcupineCheck) result(v Verdict) Result {
	return Result{Verdict: v, Checker: "porcupine", Partitions: len(pc.parts), Actions: len(pc.ops)}
}

// run checks, then, on Illegal, checks again verbosely to find the operations to blame
// and to visualize.
func (pc *porcupineCheck) run() Result {
	res := porcupine.CheckOperationsTimeout(pc.model, pc.ops, pc.opt.timeout())
	switch {
	case res == porcupine.Ok:
		return pc.result(Ok)
	case res == porcupine.Unknown:
		out := pc.result(Unknown)
		out.Reason = fmt.Sprintf("Porcupine timed out after %v", pc.opt.timeout())
		return out
	case pc.aborted.Load():
		out := pc.result(Unknown)
		out.Reason = fmt.Sprintf("Porcupine's cached states passed the memory budget of %d MB", pc.opt.maxMemory()>>20)
		return out
	}
	out := pc.result(Illegal)
	out.Violations = pc.r.impossibleViolations()
	pc.used.Store(0)
	vres, info := porcupine.CheckOperationsVerbose(pc.model, pc.ops, pc.opt.timeout())
	if vres != porcupine.Illegal || pc.aborted.Load() {
		if len(out.Violations) == 0 {
			out.Violations = []Violation{{Reason: "Porcupine found no linearization"}}
		}
		return out
	}
	if len(out.Violations) == 0 {
		out.Violations = pc.blame(info)
	}
	if pc.opt.VisualizeDir != "" {
		path, err := pc.visualize(info, out.Violations)
		if err != nil {
			out.Violations = append(out.Violations, Violation{Reason: "writing the visualization: " + err.Error()})
		} else {
			out.Visualization = path
		}
	}
	return out
}

// impossibleViolations returns the reasons of the impossible actions.
func (r *reduction) impossibleViolations() []Violation {
	var vs []Violation
	for i := range r.actions {
		if a := &r.actions[i]; a.kind == actImpossible {
			vs = append(vs, Violation{Ops: r.actionOps(a), Reason: a.reason})
		}
	}
	return vs
}

// actionOps returns the history operations of action a.
func (r *reduction) actionOps(a *action) []int {
	switch {
	case a.kind == actQuiesce:
		return slices.Clone(a.pending)
	case a.peer >= 0:
		return []int{a.op, a.peer}
	}
	return []int{a.op}
}

// blame names, for each partition Porcupine could not linearize, the first action left
// out of the longest linearizable prefix it found: of those, the one that returned
// first, which every linearization extending the prefix must place next or before.
func (pc *porcupineCheck) blame(info porcupine.LinearizationInfo) []Violation {
	var vs []Violation
	for p, partials := range info.PartialLinearizations() {
		var longest []int
		for _, l := range partials {
			if len(l) > len(longest) {
				longest = l
			}
		}
		part := pc.parts[p]
		if len(longest) == len(part) {
			continue
		}
		in := make([]bool, len(part))
		state := initial(pc.r.h)
		for _, id := range longest {
			in[id] = true
			state, _ = pc.r.step(state, part[id].Input.(*action))
		}
		var out []int
		for id := range part {
			if !in[id] {
				out = append(out, id)
			}
		}
		first := slices.MinFunc(out, func(x, y int) int {
			return cmp.Or(cmp.Compare(part[x].Return, part[y].Return), cmp.Compare(part[x].Call, part[y].Call))
		})
		a := part[first].Input.(*action)
		vs = append(vs, Violation{Ops: pc.r.actionOps(a), Reason: fmt.Sprintf(
			"no linearization of channels %v: after the longest linearizable prefix (%d of %d steps), "+
				"%s cannot take effect in state %s", pc.r.compChans(pc.comps[p]), len(longest), len(part),
			pc.r.describe(a), state.describe(pc.r.compChans(pc.comps[p])))})
	}
	return vs
}

// compChans returns the channels of component k.
func (r *reduction) compChans(k int) []int {
	var cs []int
	for c, kc := range r.compOf {
		if kc == k {
			cs = append(cs, c)
		}
	}
	return cs
}

// visualize writes Porcupine's HTML visualization, with an annotation on each
// operation of each violation, and returns its path.
func (pc *porcupineCheck) visualize(info porcupine.LinearizationInfo, vs []Violation) (string, error) {
	var notes []porcupine.Annotation
	for _, v := range vs {
		for _, i := range v.Ops {
			op := &pc.r.h.Ops[i]
			end := op.Return
			if op.Pending {
				end = pc.r.end
			}
			notes = append(notes, porcupine.Annotation{
				ClientId: op.Client, Start: op.Call, End: end,
				Description: fmt.Sprintf("✗ op %d: %s", i, op.String()), Details: v.Reason,
				BackgroundColor: "#ffb3b3",
			})
		}
	}
	info.AddAnnotations(notes)
	if err := os.MkdirAll(pc.opt.VisualizeDir, 0o755); err != nil {
		return "", err
	}
	name := pc.opt.Name
	if name == "" {
		name = "history"
	}
	path := filepath.Join(pc.opt.VisualizeDir, name+".html")
	return path, porcupine.VisualizePath(pc.model, info, path)
}
