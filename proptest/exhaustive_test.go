package proptest

import (
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// suiteBound is the preemption bound of the exhaustive suite: loom's default, and
// CHESS's finding that most concurrency bugs need at most two preemptions.
const suiteBound = 2

// classicProgram is a program of the exhaustive suite with the number of its schedules
// of at most suiteBound preemptions. The count is a function of the program and of
// impl's scheduling points: a change to impl that adds or removes scheduling points
// changes it, and the table is then updated on purpose; a change that makes Exhaust
// explore less is caught.
type classicProgram struct {
	name      string
	ref       string // where the program comes from
	text      string
	schedules int
}

var classicPrograms = []classicProgram{
	{
		name: "PingPong", ref: "runtime/chan_test.go BenchmarkChanSync",
		text: `
chan ping 0
chan pong 0
go a
	ping <- 1
	<-pong
	ping <- 2
	<-pong
go b
	<-ping
	pong <- 3
	<-ping
	pong <- 4
`,
		schedules: 414,
	},
	{
		// Both goroutines offer to send and to receive on c: neither may receive its
		// own value, and neither may deadlock.
		name: "SelfSelect", ref: "runtime/chan_test.go TestSelfSelect",
		text: `
chan c 0
go p0
	select { c <- 1; <-c }
	select { c <- 2; <-c }
go p1
	select { <-c; c <- 3 }
	select { c <- 4; <-c }
`,
		schedules: 2816,
	},
	{
		// a queues on c twice and on d; woken through d, it must dequeue both of its
		// sudogs from c's recvq, or c <- 8 wakes a instead of b.
		name: "SelectDuplicateChannel", ref: "runtime/chan_test.go TestSelectDuplicateChannel",
		text: `
chan c 0
chan d 0
go a
	select { <-c; <-c; <-d }
go b
	<-c
go m
	d <- 7
	c <- 8
`,
		schedules: 19158,
	},
	{
		// close(c) meets, depending on the schedule, a parked receiver, a parked
		// sender, or sel parked in both c's recvq and c's sendq: close releases the
		// receivers first, so sel's select resolves as its receive.
		name: "CloseParkedSendersReceivers", ref: "runtime chan.go closechan; SEMANTICS items 17-18",
		text: `
chan c 0
go sel
	select { c <- 1; <-c, ok }
go rs
	<-c, ok
	c <- 2
go closer
	close(c)
`,
		schedules: 3772,
	},
	{
		// Each select sends on one channel and receives on the other, naming them in
		// opposite orders: selectgo must lock them in one (lockorder) order.
		name: "CrossingSelects", ref: "runtime select.go sellock, lockorder",
		text: `
chan a 0
chan b 0
go g0
	select { a <- 1; <-b }
go g1
	select { b <- 2; <-a }
`,
		schedules: 544,
	},
	{
		name: "SieveFragment", ref: "test/chan/sieve1.go; spec/testdata/outcomes/sieve_fragment.txt",
		text: `
chan gen 0
chan primes 0
go generate
	gen <- 2
	gen <- 3
	gen <- 4
go filter
	<-gen
	primes <- 2
	<-gen
	primes <- 3
	<-gen
go main
	<-primes
	<-primes
`,
		schedules: 24131,
	},
	{
		// The seed's worker: G1 queues three jobs on a cap-3 channel and closes it;
		// G2 receives until it sees the close and answers each job.
		name: "WorkerCap3", ref: "issue 4 §3 (the seed's G1/G2 worker)",
		text: `
chan jobs 3
chan results 0
go G1
	jobs <- 1
	jobs <- 2
	jobs <- 3
	close(jobs)
	<-results
	<-results
	<-results
go G2
	<-jobs, ok
	results <- 11
	<-jobs, ok
	results <- 12
	<-jobs, ok
	results <- 13
	<-jobs, ok
`,
		schedules: 827,
	},
}

// exhaustClassic runs every schedule of c within suiteBound and checks each with the
// step-refinement property; it returns the stats and the outcomes reached, formatted.
func exhaustClassic(tb testing.TB, c classicProgram) (Stats, map[string]bool) {
	p := parseProgram(tb, c.text)
	outcomes := map[string]bool{}
	sc := NewStepChecker(p)
	st, err := Exhaust(p, suiteBound, func(pr *impl.ProgramRun) error {
		outcomes[spec.FormatOutcome(p, pr.Outcome)] = true
		return sc.Check(pr)
	})
	if err != nil {
		tb.Fatalf("%s after %d schedules:\n%v", c.name, st.Schedules, err)
	}
	return st, outcomes
}

// TestExhaustClassicProgramsRefineSpec: every schedule of each classic program with at
// most two preemptions, every value of select's random poll order included, is a run of
// the spec at Runtime strength step by step and ends with no lost wake-up (CheckRun).
// The number of schedules explored is exactly the recorded one, and every Runtime
// outcome of the spec is reached within the bound.
// Reference: issue 4 §3; Musuvathi and Qadeer, "Iterative context bounding for
// systematic testing of multithreaded programs", PLDI 2007
func TestExhaustClassicProgramsRefineSpec(t *testing.T) {
	for _, c := range classicPrograms {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			st, reached := exhaustClassic(t, c)
			t.Logf("%s (%s): %d schedules, %d decisions, %d steps, %d outcomes",
				c.name, c.ref, st.Schedules, st.Decisions, st.Steps, len(reached))
			if st.Schedules != c.schedules {
				t.Errorf("%s: explored %d schedules at preemption bound %d, want %d",
					c.name, st.Schedules, suiteBound, c.schedules)
			}
			set, err := spec.Outcomes(parseProgram(t, c.text), spec.Runtime)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range set.Strings() {
				if !reached[o] {
					t.Errorf("%s: the spec's Runtime outcome %q is not reached within %d preemptions",
						c.name, o, suiteBound)
				}
			}
		})
	}
}

// classic returns the classic program with the given name.
func classic(tb testing.TB, name string) classicProgram {
	tb.Helper()
	for _, c := range classicPrograms {
		if c.name == name {
			return c
		}
	}
	tb.Fatalf("no classic program %q", name)
	return classicProgram{}
}

// parseProgram parses a program in the text form, failing tb if it does not parse.
func parseProgram(tb testing.TB, text string) *spec.Program {
	tb.Helper()
	p, err := spec.Parse(text)
	if err != nil {
		tb.Fatalf("%v\n%s", err, text)
	}
	return p
}
