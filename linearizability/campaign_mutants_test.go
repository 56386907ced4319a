//go:build chanmutants

package linearizability

import (
	"context"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestMutantsCaughtByHistoryCampaign: the history campaign catches the mutants whose
// bug shows in call and return times (a sender left parked by close; a buffer that
// loses FIFO order). The others — a LIFO wait queue, a select that leaves its losing
// sudogs queued — break only the Runtime strength or the impl's invariants, which
// histories do not see (doc.go, "What is not checked"); proptest catches them.
//
//	go test -tags chanmutants ./linearizability/ -run TestMutants
//
// Reference: issue 8 §1; STYLE.md "every checker has a companion test"
func TestMutantsCaughtByHistoryCampaign(t *testing.T) {
	for _, name := range []string{"close-forgets-senders", "recv-skips-rotation"} {
		t.Run(name, func(t *testing.T) {
			impl.SetMutant(name)
			defer impl.SetMutant("")
			c := &Campaign{Seed: 1, Histories: 5000}
			st, f := c.Run(context.Background())
			if f == nil {
				t.Fatalf("mutant %s not caught in %d histories", name, st.Histories)
			}
			t.Logf("caught after %d histories:\n%v", st.Histories, f)
		})
	}
}
