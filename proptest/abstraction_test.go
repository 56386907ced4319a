package proptest

import (
	"errors"
	"slices"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// observedRun runs p under the round-robin chooser with observations recorded.
func observedRun(t *testing.T, text string) (*spec.Program, *impl.ProgramRun, []impl.Observation) {
	t.Helper()
	p, err := spec.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	var obs []impl.Observation
	pr, err := impl.RunProgram(p, impl.Config{Chooser: impl.NewRoundRobin(), Trace: true,
		Observe: func(o impl.Observation) error { obs = append(obs, o); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return p, pr, obs
}

// TestCheckAbstractionDetectsWrongState: the abstraction check passes on a real run's
// observations and fails when one observation's buffer, closed flag or queue order is
// wrong — it is not a check that cannot fail.
// Reference: issue 4 §2.1 (the abstraction function)
func TestCheckAbstractionDetectsWrongState(t *testing.T) {
	const prog = "chan c 2\nchan u 0\ngo s\n\tc <- 1\n\tc <- 2\n\tc <- 3\n\tclose(c)\ngo a\n\tu <- 7\ngo b\n\tu <- 8\ngo r\n\t<-c\n\t<-u\n\t<-u\n"
	p, pr, obs := observedRun(t, prog)
	if err := CheckAbstraction(p, pr, obs); err != nil {
		t.Fatalf("a correct run fails the abstraction check: %v", err)
	}
	tamper := []struct {
		name string
		bad  func(o *impl.ChanObservation) bool // reports whether it changed something
	}{
		{"buffer value", func(o *impl.ChanObservation) bool {
			if len(o.Buf) == 0 {
				return false
			}
			o.Buf = slices.Clone(o.Buf)
			o.Buf[0] = int64(99)
			return true
		}},
		{"closed flag", func(o *impl.ChanObservation) bool { o.Closed = !o.Closed; return true }},
		{"queue order", func(o *impl.ChanObservation) bool {
			if len(o.SendQ) < 2 || o.SendQ[0] == o.SendQ[1] {
				return false
			}
			o.SendQ = slices.Clone(o.SendQ)
			slices.Reverse(o.SendQ)
			return true
		}},
	}
	for _, tc := range tamper {
		t.Run(tc.name, func(t *testing.T) {
			bad := slices.Clone(obs)
			changed := false
			for i := range bad {
				bad[i].Chans = slices.Clone(bad[i].Chans)
				for k := range bad[i].Chans {
					if !changed && !bad[i].Chans[k].Locked && tc.bad(&bad[i].Chans[k]) {
						changed = true
					}
				}
			}
			if !changed {
				t.Fatal("the program never reaches a state to tamper with")
			}
			var ce *Counterexample
			if err := CheckAbstraction(p, pr, bad); !errors.As(err, &ce) || ce.Property != "abstraction function" {
				t.Errorf("tampered %s passed: %v", tc.name, err)
			}
		})
	}
}
