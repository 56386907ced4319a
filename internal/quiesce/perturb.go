package quiesce

import (
	"math/rand/v2"
	"runtime"
)

// Perturbation varies how the runtime schedules a few goroutines without changing
// what they may observe. Left alone, the runtime runs a small group in nearly one
// order (a new goroutine goes to its P's runnext slot, so the last started tends to
// run first). A Perturbation gives a seeded random order to start them in, and each a
// seeded random source of yields (runtime.Gosched) to take before its operations.
type Perturbation struct {
	Order  []int        // start goroutine Order[k] k-th
	yields []*rand.Rand // yields[i] is used only by goroutine i
}

// NewPerturbation returns the perturbation of n goroutines drawn from seed.
func NewPerturbation(n int, seed uint64) *Perturbation {
	r := rand.New(rand.NewPCG(seed, 0x6e6174697665))
	pt := &Perturbation{Order: r.Perm(n)}
	for range n {
		pt.yields = append(pt.yields, rand.New(rand.NewPCG(r.Uint64(), r.Uint64())))
	}
	return pt
}

// Yield yields the processor 0–2 times; goroutine i calls it before each operation.
func (pt *Perturbation) Yield(i int) {
	for range pt.yields[i].IntN(3) {
		runtime.Gosched()
	}
}
