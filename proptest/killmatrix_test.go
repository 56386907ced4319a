//go:build chanmutants

package proptest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestMutantsKillMatrix: with a reduced budget, every mutant that the catalog does not
// argue equivalent is killed by at least one checker of the kill matrix.
//
//	go test -tags chanmutants ./proptest/ -run TestMutants
//
// Reference: issue 7 §4
func TestMutantsKillMatrix(t *testing.T) {
	opt := KillOptions{Budget: 500 * time.Millisecond, Seeds: 1, FirstKill: true}
	if testing.Short() {
		opt.Budget = 200 * time.Millisecond
	}
	rows := KillMatrix(context.Background(), opt)
	var b strings.Builder
	WriteKillMatrix(&b, rows)
	t.Logf("kill matrix (budget %v, %d seed, first kill):\n%s", opt.Budget, opt.Seeds, b.String())
	for _, r := range rows {
		if !r.Killed() && r.Equivalent == "" {
			t.Errorf("mutant %s (%s) survives every checker", r.Name, r.Mutant)
		}
	}
}
