package spec

import "testing"

// benchProgram is the benchmark program of the spec issue: 3 goroutines × 4
// operations over 2 channels, mixing buffered and unbuffered traffic, a
// select that races, and a close with waiters.
const benchProgram = `
chan a 2
chan b 0

go g1
	a <- 1
	b <- 2
	select { a <- 3; <-b, ok }
	len(a)
go g2
	<-a, ok
	select { <-b; a <- 4; default }
	b <- 5
	<-a, ok
go g3
	select { <-a, ok; b <- 6 }
	<-b, ok
	close(a)
	<-a, ok
`

// BenchmarkOutcomes measures outcome enumeration: distinct states visited per
// second, on one core, for both strengths.
func BenchmarkOutcomes(b *testing.B) {
	p := mustParse(b, benchProgram)
	for _, s := range []Strength{Language, Runtime} {
		b.Run(s.String(), func(b *testing.B) {
			m, err := NewModel(p, s)
			if err != nil {
				b.Fatal(err)
			}
			states := 0
			for b.Loop() {
				set, err := m.Explore(DefaultMaxStates)
				if err != nil {
					b.Fatal(err)
				}
				states += set.States
			}
			b.ReportMetric(float64(states)/b.Elapsed().Seconds(), "states/s")
			b.ReportMetric(float64(states)/float64(b.N), "states/op")
		})
	}
}
