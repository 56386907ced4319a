package proptest

import (
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// benchProgram has 3 goroutines of 4 operations on 2 channels: buffered and unbuffered
// sends and receives that rendezvous, a select racing a default, len and cap.
const benchProgram = `
chan a 1
chan b 0
go g0
	a <- 1
	a <- 2
	<-b
	<-b
go g1
	<-a
	b <- 3
	<-a
	b <- 4
go g2
	select { a <- 5; <-b; default }
	len(a)
	select { <-a; default }
	cap(b)
`

// BenchmarkRunProgramSchedules measures schedules/s and scheduling decisions/s of
// benchProgram on the impl in Deterministic mode, one random schedule per iteration
// (impl.NewRandom seeded with the iteration): "bare" as a campaign runs it (no trace),
// "checked" traced and checked step by step with CheckRun. A decision is a scheduling
// point (Result.Steps), as impl's BenchmarkDeterministic counts them. Targets (issue 4
// §5): >= 20k schedules/s and >= 1M decisions/s.
// Reference: issue 4 §5
func BenchmarkRunProgramSchedules(b *testing.B) {
	p := parseProgram(b, benchProgram)
	for _, mode := range []struct {
		name    string
		checked bool
	}{{"bare", false}, {"checked", true}} {
		b.Run(mode.name, func(b *testing.B) {
			var steps int64
			seed := uint64(0)
			for b.Loop() {
				seed++
				pr, err := impl.RunProgram(p, impl.Config{Chooser: impl.NewRandom(seed),
					Trace: mode.checked, MaxSteps: MaxImplSteps})
				if err != nil {
					b.Fatal(err)
				}
				if mode.checked {
					if err := CheckRun(p, pr); err != nil {
						b.Fatal(err)
					}
				}
				steps += pr.Result.Steps
			}
			s := b.Elapsed().Seconds()
			b.ReportMetric(float64(seed)/s, "schedules/s")
			b.ReportMetric(float64(steps)/s, "decisions/s")
			b.ReportMetric(float64(steps)/float64(seed), "decisions/schedule")
		})
	}
}

// BenchmarkExhaustSuite measures the wall time of the exhaustive suite, run once per
// iteration on one goroutine: every classic program at preemption bound 2, every
// schedule checked step by step (ns/op is the suite's time). Target (issue 4 §5): at
// most 2 minutes.
// Reference: issue 4 §5; TestExhaustClassicProgramsRefineSpec
func BenchmarkExhaustSuite(b *testing.B) {
	var schedules int
	for b.Loop() {
		for _, c := range classicPrograms {
			st, _ := exhaustClassic(b, c)
			schedules += st.Schedules
		}
	}
	b.ReportMetric(float64(schedules)/b.Elapsed().Seconds(), "schedules/s")
}
