package quiesce

import (
	"sync"
	"sync/atomic"
	"testing"
)

// groups are the two kinds of Group: one that takes a snapshot at every look, and one
// whose members announce their operations (Threads). op wraps a member's operation
// as its kind requires.
func groups() map[string]func() (*Group, func(func())) {
	return map[string]func() (*Group, func(func())){
		"plain":     func() (*Group, func(func())) { return &Group{}, func(f func()) { f() } },
		"announced": func() (*Group, func(func())) { g := Threads(); return g, g.Op },
	}
}

// A group whose members block in every kind of channel operation is quiescent, and
// Wait returns; closing the channel then lets them return.
func TestWaitReturnsWhenMembersBlockOnChannels(t *testing.T) {
	for name, mk := range groups() {
		t.Run(name, func(t *testing.T) {
			g, op := mk()
			stop := make(chan struct{})
			var nilChan chan int
			g.Go(func() { op(func() { <-stop }) })
			g.Go(func() {
				op(func() {
					select {
					case <-stop:
					case nilChan <- 1:
					}
				})
			})
			unbuffered := make(chan int)
			g.Go(func() {
				op(func() {
					select {
					case unbuffered <- 1:
					case <-stop:
					}
				})
			})
			g.Go(func() {}) // returns at once
			g.Wait()
			close(stop)
			g.Join()
		})
	}
}

// Members that rendezvous with each other are not quiescent until they are done.
func TestWaitWaitsForPartners(t *testing.T) {
	for name, mk := range groups() {
		t.Run(name, func(t *testing.T) {
			g, op := mk()
			c := make(chan int)
			var got atomic.Int64
			g.Go(func() {
				for i := range 100 {
					op(func() { c <- i })
				}
			})
			g.Go(func() {
				for range 100 {
					op(func() { <-c })
					got.Add(1)
				}
			})
			g.Wait()
			if n := got.Load(); n != 100 {
				t.Fatalf("Wait returned after %d of 100 receives", n)
			}
			g.Join()
		})
	}
}

// An announced group does not look while a live member is outside Op: a member parked
// on a channel outside Op (breaking the promise) keeps it from being quiescent, where
// the same member inside Op, or in a plain group, does not.
func TestAnnouncedLooksOnlyWhenAllInOp(t *testing.T) {
	for _, tc := range []struct {
		name      string
		announced bool
		inOp      bool
		want      bool
	}{
		{"plain", false, false, true},
		{"announced, in Op", true, true, true},
		{"announced, outside Op", true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &Group{Announced: tc.announced}
			stop := make(chan struct{})
			g.Go(func() {
				if tc.inOp {
					g.Op(func() { <-stop })
				} else {
					<-stop
				}
			})
			// Once the member is parked (it stays parked until stop is closed), look once.
			for i := 0; !parked(g); i++ {
				backoff(i)
			}
			if got, _ := g.quiescent(nil); got != tc.want {
				t.Errorf("quiescent = %v, want %v", got, tc.want)
			}
			close(stop)
			g.Join()
		})
	}
}

// parked reports whether g's only member is parked in a channel operation (a snapshot
// taken here, whatever g would do).
func parked(g *Group) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for id := range g.live {
		return blockedInChannelOp(statuses(dump(nil))[id])
	}
	return false
}

// The companion: a member blocked on something other than a channel (here a mutex
// the test holds) or still running is never quiescent.
func TestNotQuiescentWhileBlockedElsewhere(t *testing.T) {
	var g Group
	var mu sync.Mutex
	mu.Lock()
	g.Go(func() { mu.Lock(); mu.Unlock() })
	for range 50 {
		if ok, _ := g.quiescent(nil); ok {
			t.Fatal("quiescent while a member waits for a mutex")
		}
	}
	mu.Unlock()
	g.Wait()
	g.Join()

	spin := make(chan struct{})
	var spinning sync.WaitGroup
	spinning.Add(1)
	g.Go(func() {
		spinning.Done()
		for {
			select {
			case <-spin:
				return
			default: // never parks
			}
		}
	})
	spinning.Wait()
	for range 50 {
		if ok, _ := g.quiescent(nil); ok {
			t.Fatal("quiescent while a member runs")
		}
	}
	close(spin)
	g.Join()
}

func TestStatuses(t *testing.T) {
	dump := []byte(`goroutine 1 [running]:
main.main()
goroutine 18 [select, 2 minutes]:
goroutine 19 gp=0xc000 m=nil [chan receive (nil chan)]:
goroutine 20 [chan send (scan) (durable), locked to thread]:
	created by main.main in goroutine 1
goroutine 21 [sync.Mutex.Lock]:
`)
	want := map[int64]string{1: "running", 18: "select", 19: "chan receive (nil chan)", 20: "chan send", 21: "sync.Mutex.Lock"}
	got := statuses(dump)
	if len(got) != len(want) {
		t.Fatalf("statuses = %v, want %v", got, want)
	}
	for id, st := range want {
		if got[id] != st {
			t.Errorf("goroutine %d: status %q, want %q", id, got[id], st)
		}
	}
	if id := goid(); id <= 0 {
		t.Errorf("goid() = %d", id)
	}
}
