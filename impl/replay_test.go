package impl

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// workload is a small program with contention, parking, spawning and random draws:
// every kind of choice a run makes.
func workload(gp *G) {
	var l mutex
	l.id = 9
	var done sema
	shared := 0
	for i := range 3 {
		gp.Go(func(gp *G) {
			for range 3 {
				lock(gp, &l)
				shared += i
				unlock(gp, &l)
				yield(gp, "poll")
				_ = fastrandn(gp, 3)
			}
			done.release(gp)
		})
	}
	for range 3 {
		done.acquire(gp)
	}
}

func ndjson(t *testing.T, tr []Event) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteNDJSON(&b, tr); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSameSeedSameTrace: in Deterministic mode the same seed gives the same trace bit
// for bit (as NDJSON) and the same schedule string; different seeds give different runs.
func TestSameSeedSameTrace(t *testing.T) {
	distinct := map[string]bool{}
	for seed := uint64(0); seed < 20; seed++ {
		a := New(Config{Seed: seed, Trace: true}).Run(workload)
		b := New(Config{Seed: seed, Trace: true}).Run(workload)
		mustFinish(t, a)
		if x, y := ndjson(t, a.Trace), ndjson(t, b.Trace); x != y || a.Schedule != b.Schedule {
			t.Fatalf("seed %d: two runs differ:\n%s\n---\n%s", seed, x, y)
		}
		distinct[ndjson(t, a.Trace)] = true
	}
	if len(distinct) < 10 {
		t.Errorf("20 seeds gave only %d distinct traces", len(distinct))
	}
}

// TestReplayReproducesTrace: replaying a run's schedule string reproduces its trace
// exactly and consumes every choice, whatever the seed of the replaying run.
func TestReplayReproducesTrace(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		orig := New(Config{Seed: seed, Trace: true}).Run(workload)
		mustFinish(t, orig)
		rep, err := NewReplay(orig.Schedule)
		if err != nil {
			t.Fatalf("seed %d: schedule %q does not parse: %v", seed, orig.Schedule, err)
		}
		again := New(Config{Seed: seed + 1000, Chooser: rep, Trace: true}).Run(workload)
		if x, y := ndjson(t, orig.Trace), ndjson(t, again.Trace); x != y {
			t.Fatalf("seed %d: replay of %q differs:\n%s\n---\n%s", seed, orig.Schedule, x, y)
		}
		if again.Schedule != orig.Schedule || rep.Unused() != 0 {
			t.Errorf("seed %d: replay recorded %q (unused %d), want %q", seed, again.Schedule, rep.Unused(), orig.Schedule)
		}
	}
}

// TestReplayMisfit: a schedule that does not fit the run ends it with StatusChooser and
// an error saying where, never a panic: a choice out of range, or too few choices.
func TestReplayMisfit(t *testing.T) {
	orig := New(Config{Seed: 3}).Run(workload)
	cases := map[string]string{
		"(99)":                               "out of range",
		"":                                   "too short",
		orig.Schedule[:len(orig.Schedule)/2]: "too short",
	}
	for s, want := range cases {
		rep, err := NewReplay(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		r := New(Config{Chooser: rep}).Run(workload)
		if r.Status != StatusChooser || !strings.Contains(r.Err.Error(), want) {
			t.Errorf("replay %q: got %v, want chooser error containing %q", s, r, want)
		}
	}
}

// TestScheduleString: the schedule format round-trips, compresses runs with {k}, and
// rejects malformed strings with an error.
func TestScheduleString(t *testing.T) {
	choices := []int{0, 0, 0, 0, 0, 0, 1, 35, 36, 2, 2, 2, 2, 2, 700, 700}
	s := EncodeSchedule(choices)
	if s != "0{6}1z(36)2{5}(700)(700)" {
		t.Errorf("EncodeSchedule = %q", s)
	}
	got, err := DecodeSchedule(s + " \n")
	if err != nil || !slices.Equal(got, choices) {
		t.Errorf("DecodeSchedule(%q) = %v, %v", s, got, err)
	}
	for _, bad := range []string{"A", "(12", "{3}", "0{0}", "0{2}{2}", "(-1)", "0{x}"} {
		if _, err := DecodeSchedule(bad); err == nil {
			t.Errorf("DecodeSchedule(%q) succeeded", bad)
		}
	}
}

// TestNDJSON: events encode as one JSON object per line, keys in a fixed order, empty
// fields omitted, argument values in their given order.
func TestNDJSON(t *testing.T) {
	evs := []Event{
		{Step: 12, G: 3, Kind: EvReady, Args: []Arg{{"target", 4}}},
		{Step: 13, G: 4, Kind: EvLock, Chan: 2},
		{Step: 14, G: 4, Kind: "BufSend", Chan: 2, Args: []Arg{{"v", "x"}, {"sendx", 1}, {"ok", true}}},
	}
	want := `{"step":12,"g":3,"ev":"Ready","args":{"target":4}}
{"step":13,"g":4,"ev":"Lock","ch":2}
{"step":14,"g":4,"ev":"BufSend","ch":2,"args":{"v":"x","sendx":1,"ok":true}}
`
	if got := ndjson(t, evs); got != want {
		t.Errorf("NDJSON:\n%s\nwant:\n%s", got, want)
	}
	if s := evs[2].String(); s != "14 g4 BufSend ch2 v=x sendx=1 ok=true" {
		t.Errorf("String() = %q", s)
	}
}

// TestTraceEvents: a traced run records the scheduler's events in order: GoStart,
// GoCreate, Lock/Unlock with the mutex id, Park with its reason, Ready with its target,
// GoExit; and traceEvent records the channel layer's own events.
func TestTraceEvents(t *testing.T) {
	r := New(Config{Chooser: first{}, Trace: true}).Run(func(gp *G) {
		s := &sema{}
		s.l.id = 5
		gp.Go(func(gp *G) {
			traceEvent(gp, Event{Kind: "SendToReceiver", Chan: 5, Args: []Arg{{"v", 1}}})
			s.release(gp)
		})
		s.acquire(gp)
	})
	mustFinish(t, r)
	var got []string
	for _, e := range r.Trace {
		got = append(got, e.String())
	}
	want := []string{
		"1 g1 GoStart",
		"1 g1 GoCreate new=2",
		"3 g1 Lock ch5",
		"3 g1 Park reason=semacquire",
		"3 g1 Unlock ch5",
		"5 g2 GoStart",
		"5 g2 SendToReceiver ch5 v=1",
		"6 g2 Lock ch5",
		"6 g2 Unlock ch5",
		"7 g2 Ready target=1",
		"8 g2 GoExit",
		"9 g1 GoExit",
	}
	if !slices.Equal(got, want) {
		t.Errorf("trace:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
