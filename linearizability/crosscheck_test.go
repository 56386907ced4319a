package linearizability

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestFastAgreesWithPorcupine: the channel checker and Porcupine give the same verdict
// on 10,000 small random histories — impl runs of random workloads under random
// schedules — about half of them mutated (a swap of two received values, a duplicated
// receive, a dropped send, two sends' values exchanged, a receive moved before its
// send). Porcupine is exact on them; the channel checker must decide most of them by
// itself.
// Reference: issue 5 §4 (cross-validation in CI)
func TestFastAgreesWithPorcupine(t *testing.T) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	var alone, illegal, mutated int
	byMutation := make(map[string][2]int) // name -> (tried, illegal)
	fallbacks := make(map[string]int)
	for seed := range uint64(n) {
		h, name := crossHistory(t, seed)
		if name != "none" {
			mutated++
		}
		pres, err := CheckPorcupine(h, Options{})
		if err != nil {
			t.Fatalf("seed %d %s: %v", seed, name, err)
		}
		fres, err := CheckFast(h, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if pres.Verdict != fres.Verdict || pres.Verdict == Unknown {
			var b bytes.Buffer
			_ = Save(&b, h)
			t.Fatalf("seed %d, mutation %s: porcupine says %v\nfast says %v\nhistory:\n%s", seed, name, pres, fres, b.String())
		}
		if fres.Checker == "fast" {
			alone++
		} else if testing.Verbose() && len(fres.Fallback) > 0 {
			fallbacks[fres.Verdict.String()+" "+fallbackKind(fres.Fallback[0])]++
		}
		c := byMutation[name]
		c[0]++
		if pres.Verdict == Illegal {
			illegal++
			c[1]++
		}
		byMutation[name] = c
	}
	t.Logf("%d histories, %d mutated, %d illegal; the channel checker decided %d (%.1f%%) alone",
		n, mutated, illegal, alone, 100*float64(alone)/float64(n))
	for name, c := range byMutation {
		t.Logf("  %-20s %5d histories, %5d illegal", name, c[0], c[1])
	}
	for why, k := range fallbacks {
		t.Logf("  fallback %5d: %s", k, why)
	}
	if illegal < n/4 || alone < n*3/4 {
		t.Errorf("too few illegal histories (%d) or too few decided alone (%d) for a meaningful comparison", illegal, alone)
	}
}

// crossHistory returns the history of a random workload run under a random schedule,
// mutated about half of the time, and the name of the mutation ("none").
func crossHistory(t *testing.T, seed uint64) (*History, string) {
	r := rand.New(rand.NewPCG(seed, 1))
	h, _, err := RunImpl(RandomWorkload(crossShape, seed), impl.Config{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if r.IntN(3) > 0 { // two thirds: about half of the histories can be mutated
		for _, k := range r.Perm(len(mutations)) {
			if mh := mutations[k].f(h, r); mh != nil {
				return mh, mutations[k].name
			}
		}
	}
	return h, "none"
}

// crossShape draws histories small enough for Porcupine to be exact in microseconds,
// with enough receives to mutate.
var crossShape = Shape{
	MaxChans: 2, Caps: []int64{0, 1, 2, 3}, MaxSenders: 3, MaxReceivers: 3, MaxClosers: 1,
	MaxSelectors: 2, MaxOps: 4, MaxCases: 3, Probes: true,
}

// fallbackKind is a fallback reason without its numbers.
func fallbackKind(why string) string {
	var b []rune
	for _, c := range why {
		if c < '0' || c > '9' {
			b = append(b, c)
		}
	}
	if len(b) > 90 {
		b = b[:90]
	}
	return string(b)
}
