package spec

import (
	"errors"
	"strings"
	"testing"
)

// TestOutcomesClassicPrograms asserts the exact outcome sets of classic small
// programs under both strengths.
// Reference: runtime/chan_test.go TestChan, TestSelfSelect; test/chan/select6.go
func TestOutcomesClassicPrograms(t *testing.T) {
	checkOutcomeCases(t, []outcomeCase{
		{
			name: "unbuffered ping-pong",
			prog: `
chan ping 0
chan pong 0
go a
	ping <- 1
	<-pong
	ping <- 2
	<-pong
go b
	<-ping
	pong <- 10
	<-ping
	pong <- 20
`,
			runtime: []string{"a: sent, 10, sent, 20; b: 1, sent, 2, sent"},
		},
		{
			name: "producer consumer on cap 2",
			prog: `
chan c 2
go producer
	c <- 1
	c <- 2
	c <- 3
	close(c)
go consumer
	<-c, ok
	<-c, ok
	<-c, ok
	<-c, ok
`,
			runtime: []string{"producer: sent, sent, sent, closed; consumer: (1,true), (2,true), (3,true), (0,false)"},
		},
		{
			// Both cases are ready when the select runs, so both are taken
			// in some run; the other value stays buffered.
			name: "two-case select, both ready",
			prog: `
chan a 1
chan b 1
go g
	a <- 1
	b <- 2
	select { <-a; <-b }
`,
			runtime: []string{"g: sent, sent, case 0 1", "g: sent, sent, case 1 2"},
		},
		{
			name: "self-select on an unbuffered channel blocks",
			prog: `
chan c 0
go g
	select { c <- 1; <-c }
`,
			runtime: []string{"g: blocked"},
		},
		{
			// Receivers are released with (0,false); senders panic. Under
			// Runtime, close releases them in its own step, so no sender can
			// have been served by a receiver in between — the outcomes agree.
			name: "close with blocked senders and receivers",
			prog: `
chan s 0
chan r 0
go sender
	s <- 1
go receiver
	<-r, ok
go closer
	close(s)
	close(r)
`,
			runtime: []string{"sender: panic(send on closed channel); receiver: (0,false); closer: closed, closed"},
		},
		{
			// test/chan/select6.go: one select names c twice; either case
			// may take the value.
			name: "duplicate channel in one select",
			prog: `
chan c 0
go g
	select { <-c; <-c, ok }
go h
	c <- 7
`,
			runtime: []string{"g: case 0 7; h: sent", "g: case 1 (7,true); h: sent"},
		},
		{
			name: "global deadlock",
			prog: `
chan a 0
chan b 0
go g
	<-a
	b <- 1
go h
	<-b
	a <- 1
`,
			runtime: []string{"g: blocked; h: blocked"},
		},
		{
			name: "partial deadlock",
			prog: `
chan a 0
go g
	<-a
go h
	len(a)
`,
			runtime: []string{"g: blocked; h: len=0"},
		},
	})
}

// TestOutcomeDeadlockKinds checks that global and partial deadlock are told
// apart: global when every goroutine is blocked, partial when some finished.
// Reference: runtime proc.go checkdead; SEMANTICS item 10
func TestOutcomeDeadlockKinds(t *testing.T) {
	tests := []struct {
		prog string
		want Deadlock
	}{
		{"chan a 0\ngo g\n\t<-a\ngo h\n\t<-a\n", GlobalDeadlock},
		{"chan a 0\ngo g\n\t<-a\ngo h\n\tlen(a)\n", PartialDeadlock},
		{"chan a 0\ngo g\n\t<-a\ngo h\n\ta <- 1\n", NoDeadlock},
		{"chan a nil\ngo g\n\tclose(a)\n", NoDeadlock},
	}
	for _, tc := range tests {
		set, err := Outcomes(mustParse(t, tc.prog), Runtime)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.Outcomes) != 1 {
			t.Fatalf("%q: want one outcome, got %v", tc.prog, set.Strings())
		}
		if got := set.Outcomes[0].Deadlock(); got != tc.want {
			t.Errorf("%q: deadlock = %v, want %v", tc.prog, got, tc.want)
		}
	}
}

// TestAllowedRejectsWrongObservations checks that Allowed rejects outcomes
// no run can produce and explains why: the first goroutine whose observation
// no allowed outcome matches, and the nearest allowed outcome.
// Reference: Go spec "Channel types" (FIFO); runtime/chan_test.go TestChan
func TestAllowedRejectsWrongObservations(t *testing.T) {
	p := mustParse(t, `
chan c 2
go producer
	c <- 1
	c <- 2
go consumer
	<-c
	<-c
`)
	ok := Outcome{Goroutines: []GoroutineOutcome{
		{Results: []Result{{}, {}}},
		{Results: []Result{{Value: 1}, {Value: 2}}},
	}}
	if err := Allowed(p, Runtime, ok); err != nil {
		t.Fatalf("FIFO outcome rejected: %v", err)
	}
	reordered := Outcome{Goroutines: []GoroutineOutcome{
		{Results: []Result{{}, {}}},
		{Results: []Result{{Value: 2}, {Value: 1}}},
	}}
	err := Allowed(p, Language, reordered)
	var na *NotAllowed
	if !errors.As(err, &na) {
		t.Fatalf("a buffer that is not FIFO was allowed: err = %v", err)
	}
	if na.Goroutine != 1 {
		t.Errorf("Goroutine = %d, want 1 (the consumer)", na.Goroutine)
	}
	if !na.Nearest.Equal(ok) {
		t.Errorf("Nearest = %s, want the FIFO outcome", FormatOutcome(p, na.Nearest))
	}
	for _, want := range []string{"consumer: 2, 1", "no allowed outcome lets consumer", "nearest allowed: producer: sent, sent; consumer: 1, 2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("explanation lacks %q:\n%v", want, err)
		}
	}
}

// TestAllowedRejectsImpossibleCombination checks the case where each
// goroutine's observation is possible alone but not together: two receivers
// cannot both get the single value sent.
// Reference: Go spec "Channel types" (each value is received once)
func TestAllowedRejectsImpossibleCombination(t *testing.T) {
	p := mustParse(t, `
chan c 0
go s
	c <- 5
	close(c)
go r1
	<-c, ok
go r2
	<-c, ok
`)
	both := Outcome{Goroutines: []GoroutineOutcome{
		{Results: []Result{{}, {}}},
		{Results: []Result{{Value: 5, OK: true}}},
		{Results: []Result{{Value: 5, OK: true}}},
	}}
	err := Allowed(p, Language, both)
	var na *NotAllowed
	if !errors.As(err, &na) {
		t.Fatalf("one value received twice was allowed: err = %v", err)
	}
	if na.Goroutine != -1 || !strings.Contains(err.Error(), "not all of them together") {
		t.Errorf("want a combination explanation, got Goroutine=%d:\n%v", na.Goroutine, err)
	}
}

// TestAllowedRejectsWrongBlocking checks that an observation claiming a
// goroutine stayed blocked when the spec says it must finish is rejected,
// and the reverse.
// Reference: Go spec "Send statements" (communication blocks until it can proceed)
func TestAllowedRejectsWrongBlocking(t *testing.T) {
	p := mustParse(t, "chan c 1\ngo g\n\tc <- 1\n")
	stuck := Outcome{Goroutines: []GoroutineOutcome{{Blocked: true}}}
	if Allowed(p, Language, stuck) == nil {
		t.Error("a send on an empty buffered channel reported as blocked was allowed")
	}
	p = mustParse(t, "chan c 0\ngo g\n\tc <- 1\n")
	done := Outcome{Goroutines: []GoroutineOutcome{{Results: []Result{{}}}}}
	if Allowed(p, Language, done) == nil {
		t.Error("an unbuffered send with no receiver reported as done was allowed")
	}
}

// TestMakePanicIsAnOutcome checks that a make that panics ends the program
// before any goroutine starts, as an outcome rather than an error.
// Reference: runtime chan.go makechan; SEMANTICS item 4
func TestMakePanicIsAnOutcome(t *testing.T) {
	p := mustParse(t, "chan good 1\nchan bad -1\ngo g\n\tgood <- 1\n")
	got := outcomeStrings(t, p, Runtime)
	if len(got) != 1 || got[0] != "panic(makechan: size out of range)" {
		t.Errorf("outcomes = %v, want the make panic", got)
	}
}

// TestExploreStateBound checks that an exploration over its bound fails with
// ErrTooManyStates instead of running on.
func TestExploreStateBound(t *testing.T) {
	_, err := Explore(mustParse(t, benchProgram), Language, 10)
	if !errors.Is(err, ErrTooManyStates) {
		t.Errorf("err = %v, want ErrTooManyStates", err)
	}
}
