package linearizability

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// benchHistories are the benchmark shapes, recorded on native channels with
// the monotonic clock (outside a synctest bubble: every operation completes): one
// channel, cap 64 with 7 senders and 1 receiver, 10k operations; cap 0-4 with 4
// senders and 4 receivers, 100k operations; cap 4, 1M operations.
var benchHistories = []struct {
	name                     string
	cap                      int64
	senders, receivers, vals int
}{
	{"cap64-8clients-10k", 64, 7, 1, 5_000},
	{"cap32-8clients-10k", 32, 4, 4, 5_000},
	{"cap0-8clients-100k", 0, 4, 4, 50_000},
	{"cap1-8clients-100k", 1, 4, 4, 50_000},
	{"cap4-8clients-100k", 4, 4, 4, 50_000},
	{"cap4-8clients-1M", 4, 4, 4, 500_000},
}

// BenchmarkCheck runs both checkers on each history; Porcupine only where it finishes
// within 10 s and 1 GB (otherwise the sub-benchmark is skipped and says so).
// Reference: issue 5 §4 (benchmarks in one go test -bench run)
func BenchmarkCheck(b *testing.B) {
	for _, bh := range benchHistories {
		var h *History
		b.Run("record/"+bh.name, func(b *testing.B) {
			for b.Loop() {
				// Flow never blocks: its clients all finish, so joining them is quiescence.
				h = runNative(Flow(bh.cap, bh.senders, bh.receivers, bh.vals), NewMonotonic(), nil, &finishing{})
			}
		})
		if h == nil {
			continue
		}
		b.Run("fast/"+bh.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := CheckFast(h, Options{})
				if err != nil || res.Verdict != Ok || len(res.Fallback) > 0 {
					b.Fatal(res, err)
				}
			}
			b.ReportMetric(float64(len(h.Ops)), "ops")
		})
		b.Run("porcupine/"+bh.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := CheckPorcupine(h, Options{Timeout: 10 * time.Second, MaxMemory: 1 << 30})
				if err != nil {
					b.Fatal(err)
				}
				if res.Verdict != Ok {
					b.Skip(fmt.Sprintf("Porcupine did not finish: %v", res))
				}
			}
		})
	}
}

// finishing runs clients that all finish: Wait is Join.
type finishing struct{ wg sync.WaitGroup }

func (f *finishing) Go(fn func()) { f.wg.Go(fn) }
func (f *finishing) Op(op func()) { op() }
func (f *finishing) Wait()        { f.wg.Wait() }
func (f *finishing) Join()        { f.wg.Wait() }
