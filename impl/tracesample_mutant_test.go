//go:build chanmutants

package impl_test

import (
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// Traces of broken impls (impl/mutant.go), committed so that tla/ can show its trace
// validation rejecting them: each is the trace of a correct sample's program and seed
// with one mutant switched on.
var mutantTraceSamples = []traceSample{
	// close(d) forgets the parked sender a, which stays parked: no CloseRelease event.
	{name: "mutant-close-forgets-senders", program: sampleProgram, seed: 18, mutant: "close-forgets-senders"},
	// r2 parked last but is served first: SendToReceiver names r2 (G3), not r1 (G2).
	{name: "mutant-lifo-waitq", program: fifoProgram, seed: 3, mutant: "lifo-waitq"},
}

// TestTraceSamplesMutants: the committed mutant traces are the mutants' traces.
// Reference: tla/README.md "Trace validation"
func TestTraceSamplesMutants(t *testing.T) {
	for _, s := range mutantTraceSamples {
		t.Run(s.name, func(t *testing.T) {
			impl.SetMutant(s.mutant)
			defer impl.SetMutant("")
			checkTraceSample(t, s)
		})
	}
}
