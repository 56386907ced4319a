package impl_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// Trace samples: Deterministic runs of spec programs whose NDJSON traces tla/ replays
// against its model of the runtime, tla/HChan.tla (tla/TraceHChan.tla; tla/README.md
// "Trace validation"). Each sample is a program, a schedule and a file under
// tla/testdata/traces. The test checks that each committed trace is still exactly what
// the impl produces; with -rewrite-traces it rewrites them instead:
//
//	go test ./impl -run TestTraceSamples -rewrite-traces
//	go test -tags chanmutants ./impl -run TestTraceSamples -rewrite-traces   (the mutants' too)
//	bash tla/check.sh                                 (translates and validates them)
var rewriteTraces = flag.Bool("rewrite-traces", false, "rewrite tla/testdata/traces/*.ndjson from the impl")

// traceSample is one committed trace.
type traceSample struct {
	name     string // the file tla/testdata/traces/<name>.ndjson
	program  string // spec's text form; the goroutines are G2, G3, ... and the channels 1, 2, ... in order
	schedule string // a schedule string (impl.NewReplay), or "" for the seeded chooser
	seed     uint64
	mutant   string // impl mutant to switch on (tracesample_mutant_test.go), or ""
}

// sampleProgram covers, in one run of the schedule below: a receiver parked and handed a
// value directly (SendToReceiver), a buffered send, a select parked on two channels and
// claimed by a receive while it is still releasing its locks (RecvRotate: the buffer is
// full and the select's send case is parked), pass 3 (SelectWake), a buffered receive,
// close releasing a parked sender, which panics, and len and cap.
const sampleProgram = `chan c 1
chan d 0

go a
	c <- 1
	c <- 2
	d <- 3
go b
	<-c
	select { <-d; c <- 4 }
	len(c)
	cap(d)
go e
	<-c, ok
	<-c, ok
	close(d)
`

// fifoProgram: two receivers parked on one channel are served in the order they parked.
const fifoProgram = `chan c 0

go r1
	<-c
go r2
	<-c
go s
	c <- 1
	c <- 2
`

var traceSamples = []traceSample{
	{name: "sample", program: sampleProgram, schedule: "0001202021110220201101101100100"},
	{name: "fifo", program: fifoProgram, seed: 3},
}

// TestTraceSamples: the committed traces of tla/testdata/traces are the impl's traces
// of their programs and schedules, event for event, so that what tla/ validates is
// what the impl does.
// Reference: tla/README.md "Trace validation"; etcd-io/raft tla/ trace validation
func TestTraceSamples(t *testing.T) {
	for _, s := range traceSamples {
		t.Run(s.name, func(t *testing.T) { checkTraceSample(t, s) })
	}
}

// checkTraceSample runs s and compares its trace with the committed file, or rewrites it.
func checkTraceSample(t *testing.T, s traceSample) {
	t.Helper()
	p, err := spec.Parse(s.program)
	if err != nil {
		t.Fatal(err)
	}
	cfg := impl.Config{Trace: true, NoFastPath: true, Seed: s.seed} // HChan.tla has no fast paths
	var replay *impl.Replay
	if s.schedule != "" {
		if replay, err = impl.NewReplay(s.schedule); err != nil {
			t.Fatal(err)
		}
		cfg.Chooser = replay
	}
	pr, err := impl.RunProgram(p, cfg)
	switch {
	case err != nil && (s.mutant == "" || pr == nil):
		t.Fatal(err)
	case err != nil:
		// A mutant may break an invariant the Deterministic scheduler checks: the run
		// stops there, and its trace up to that point is the sample.
		t.Logf("mutant %s: %v", s.mutant, err)
	}
	if replay != nil && replay.Unused() != 0 {
		t.Fatalf("the schedule has %d choices left over: it no longer fits the run", replay.Unused())
	}
	var got bytes.Buffer
	if err := impl.WriteNDJSON(&got, pr.Result.Trace); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "tla", "testdata", "traces", s.name+".ndjson")
	if *rewriteTraces {
		if err := os.WriteFile(file, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -rewrite-traces to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s is not the impl's trace any more (outcome now %s); rerun with -rewrite-traces, "+
			"then bash tla/check.sh to validate the new trace against tla/HChan.tla",
			file, spec.FormatOutcome(p, pr.Outcome))
	}
}
