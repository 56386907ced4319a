package proptest

import (
	"encoding/binary"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// StepChecker checks many runs of one program with CheckRun's property, and checks
// each distinct run only once. Schedules that differ only in steps the refinement
// mapping does not see (lock and unlock points, parks after an enqueue, readies, the
// order of goroutines that touch nothing shared) map to the same spec steps, so an
// exhaustive exploration meets each spec run thousands of times: the sieve fragment's
// 24,131 schedules at preemption bound 2 make 254 distinct ones.
//
// Soundness: CheckRun reads a run only through the spec steps its trace maps to (with
// each floating step's window) and its Outcome; it is a pure function of those and the
// program. Check maps every run, encodes steps and outcome injectively as a key, and
// skips CheckRun only for a key that has already passed. A run that fails is always
// checked by CheckRun itself, so its counterexample is its own.
type StepChecker struct {
	p      *spec.Program
	passed map[string]struct{}
	key    []byte // scratch
	// Checked counts the runs CheckRun checked; Hits those it skipped.
	Checked, Hits int
}

// NewStepChecker returns a StepChecker for runs of p.
func NewStepChecker(p *spec.Program) *StepChecker {
	return &StepChecker{p: p, passed: map[string]struct{}{}}
}

// Check returns CheckRun(p, pr), without recomputing it for a run that maps to the
// steps and outcome of one that passed.
func (c *StepChecker) Check(pr *impl.ProgramRun) error {
	steps, err := newStepMapper(c.p, pr.GoIDs).steps(pr.Result.Trace)
	if err != nil {
		c.Checked++
		return CheckRun(c.p, pr)
	}
	c.key = appendRunKey(c.key[:0], steps, pr.Outcome)
	if _, ok := c.passed[string(c.key)]; ok {
		c.Hits++
		return nil
	}
	c.Checked++
	if err := CheckRun(c.p, pr); err != nil {
		return err
	}
	c.passed[string(c.key)] = struct{}{}
	return nil
}

// appendRunKey encodes steps and outcome: every field, each variable-length part
// preceded by its length, so that distinct inputs give distinct keys.
func appendRunKey(b []byte, steps []mappedStep, o spec.Outcome) []byte {
	b = binary.AppendUvarint(b, uint64(len(steps)))
	for _, st := range steps {
		b = append(b, byte(st.Kind))
		b = binary.AppendVarint(b, int64(st.G))
		b = binary.AppendVarint(b, int64(st.from))
		b = appendResultKey(b, st.Result)
		b = binary.AppendUvarint(b, uint64(len(st.Woken)))
		for _, w := range st.Woken {
			b = binary.AppendVarint(b, int64(w.G))
			b = appendResultKey(b, w.Result)
		}
	}
	b = appendString(b, o.MakePanic)
	b = binary.AppendUvarint(b, uint64(len(o.Goroutines)))
	for _, g := range o.Goroutines {
		b = binary.AppendUvarint(b, uint64(len(g.Results)))
		for _, r := range g.Results {
			b = appendResultKey(b, r)
		}
		b = appendBool(b, g.Blocked)
	}
	return b
}

func appendResultKey(b []byte, r spec.Result) []byte {
	b = binary.AppendVarint(b, int64(r.Case))
	b = binary.AppendVarint(b, r.Value)
	b = appendBool(b, r.OK)
	return appendString(b, r.Panic)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}
