package spec

import (
	"slices"
	"strings"
	"testing"
)

// driver walks a model step by step by goroutine name, the way a refinement
// checker replays what the impl did.
type driver struct {
	t *testing.T
	m *Model
	s State
}

func newDriver(t *testing.T, prog string, s Strength) *driver {
	t.Helper()
	m, err := NewModel(mustParse(t, prog), s)
	if err != nil {
		t.Fatal(err)
	}
	return &driver{t: t, m: m, s: m.Initial()}
}

func (d *driver) g(name string) int {
	for i, g := range d.m.prog.Goroutines {
		if g.Name == name {
			return i
		}
	}
	d.t.Fatalf("no goroutine %q", name)
	return -1
}

// stepsOf returns the enabled steps of the named goroutine.
func (d *driver) stepsOf(name string) []Step {
	g := d.g(name)
	var out []Step
	for _, st := range d.m.Enabled(d.s) {
		if st.G == g {
			out = append(out, st)
		}
	}
	return out
}

// formatted renders steps for messages and comparisons.
func (d *driver) formatted(steps []Step) []string {
	var out []string
	for _, st := range steps {
		out = append(out, d.m.FormatStep(d.s, st))
	}
	return out
}

// only applies the single enabled step of the named goroutine, failing if
// there is not exactly one.
func (d *driver) only(name string) Step {
	d.t.Helper()
	steps := d.stepsOf(name)
	if len(steps) != 1 {
		d.t.Fatalf("%s has %d enabled steps, want 1: %v", name, len(steps), d.formatted(steps))
	}
	d.apply(steps[0])
	return steps[0]
}

func (d *driver) apply(st Step) {
	d.t.Helper()
	next, err := d.m.Apply(d.s, st)
	if err != nil {
		d.t.Fatal(err)
	}
	d.s = next
}

// TestStepRotationDrainsInOrder checks the buffer rotation: a buffer [100,101]
// with senders 0..4 parked in that order drains 100, 101, 0, 1, 2, 3, 4, each
// receive moving the head sender's value into the buffer in the same step, so
// the buffer stays full.
// Reference: SEMANTICS item 15; runtime chan.go recv
func TestStepRotationDrainsInOrder(t *testing.T) {
	prog := "chan c 2\ngo filler\n\tc <- 100\n\tc <- 101\n"
	for i := range 5 {
		prog += "go s" + string(rune('0'+i)) + "\n\tc <- " + string(rune('0'+i)) + "\n"
	}
	prog += "go r\n" + strings.Repeat("\t<-c\n", 7)
	d := newDriver(t, prog, Runtime)
	d.only("filler")
	d.only("filler")
	for i := range 5 {
		if st := d.only("s" + string(rune('0'+i))); st.Kind != StepBlock {
			t.Fatalf("sender %d did not block on a full buffer", i)
		}
	}
	var got []Value
	for range 7 {
		st := d.only("r")
		got = append(got, st.Result.Value)
		if n := d.s.Chan(0).Len(); len(got) <= 5 && n != 2 {
			t.Fatalf("after receive %d the buffer holds %d values, want 2 (rotation keeps it full)", len(got), n)
		}
	}
	if want := []Value{100, 101, 0, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("drained %v, want %v", got, want)
	}
}

// TestStepBlockedReceiversFIFO checks that under Runtime a sender hands its
// value to the receiver that blocked first, and under Language to either.
// Reference: SEMANTICS item 22; runtime chan.go waitq.dequeue
func TestStepBlockedReceiversFIFO(t *testing.T) {
	prog := "chan c 0\ngo r1\n\t<-c\ngo r2\n\t<-c\ngo s\n\tc <- 7\n"
	for _, tc := range []struct {
		s    Strength
		want []string
	}{
		{Runtime, []string{"s: c <- 7 → sent, r2: <-c → 7"}},
		{Language, []string{"s: c <- 7 → sent, r1: <-c → 7", "s: c <- 7 → sent, r2: <-c → 7"}},
	} {
		d := newDriver(t, prog, tc.s)
		d.only("r2") // blocks first
		d.only("r1")
		if got := d.formatted(d.stepsOf("s")); !slices.Equal(got, tc.want) {
			t.Errorf("%s: sender's steps %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestStepBlockedSendersFIFO checks that under Runtime a receiver takes the
// value of the sender that blocked first, and under Language of either.
// Reference: SEMANTICS item 22; runtime chan.go waitq.dequeue
func TestStepBlockedSendersFIFO(t *testing.T) {
	prog := "chan c 0\ngo s1\n\tc <- 1\ngo s2\n\tc <- 2\ngo r\n\t<-c\n"
	for _, tc := range []struct {
		s    Strength
		want []string
	}{
		{Runtime, []string{"r: <-c → 2, s2: c <- 2 → sent"}},
		{Language, []string{"r: <-c → 1, s1: c <- 1 → sent", "r: <-c → 2, s2: c <- 2 → sent"}},
	} {
		d := newDriver(t, prog, tc.s)
		d.only("s2")
		d.only("s1")
		if got := d.formatted(d.stepsOf("r")); !slices.Equal(got, tc.want) {
			t.Errorf("%s: receiver's steps %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestStepCloseReleasesParkedSelectAsReceive checks that a parked
// select { c <- 1; <-c, ok } on unbuffered c is released by close as the
// receive under Runtime (receivers are released before senders); under
// Language close only sets the flag and either case may complete later.
// Reference: SEMANTICS item 18; runtime chan.go closechan
func TestStepCloseReleasesParkedSelectAsReceive(t *testing.T) {
	prog := "chan c 0\ngo sel\n\tselect { c <- 1; <-c, ok }\ngo closer\n\tclose(c)\n"
	d := newDriver(t, prog, Runtime)
	d.only("sel")
	if got, want := d.formatted(d.stepsOf("closer")), []string{
		"closer: close(c) → closed, sel: select { c <- 1; <-c, ok } → case 1 (0,false)",
	}; !slices.Equal(got, want) {
		t.Errorf("Runtime close steps %v, want %v", got, want)
	}

	d = newDriver(t, prog, Language)
	d.only("sel")
	d.only("closer")
	if got, want := d.formatted(d.stepsOf("sel")), []string{
		"sel: select { c <- 1; <-c, ok } → panic(send on closed channel)",
		"sel: select { c <- 1; <-c, ok } → case 1 (0,false)",
	}; !slices.Equal(got, want) {
		t.Errorf("Language steps after close %v, want %v", got, want)
	}
}

// TestStepCloseReleasesAllWaiters checks that under Runtime one close step
// releases every blocked receiver, in the order they blocked, with (0,false),
// and on another channel makes every blocked sender panic.
// Reference: SEMANTICS item 17; runtime chan.go closechan
func TestStepCloseReleasesAllWaiters(t *testing.T) {
	prog := `chan c 0
chan d 0
go r1
	<-c, ok
go r2
	<-c
go s1
	d <- 1
go s2
	d <- 2
go closer
	close(c)
	close(d)
`
	d := newDriver(t, prog, Runtime)
	for _, g := range []string{"r2", "s2", "r1", "s1"} {
		d.only(g)
	}
	want := []string{
		"closer: close(c) → closed, r2: <-c → 0, r1: <-c, ok → (0,false)",
	}
	if got := d.formatted(d.stepsOf("closer")); !slices.Equal(got, want) {
		t.Errorf("close(c) steps %v, want %v", got, want)
	}
	d.only("closer")
	want = []string{
		"closer: close(d) → closed, s2: d <- 2 → panic(send on closed channel), s1: d <- 1 → panic(send on closed channel)",
	}
	if got := d.formatted(d.stepsOf("closer")); !slices.Equal(got, want) {
		t.Errorf("close(d) steps %v, want %v", got, want)
	}
}

// TestApplyRejectsStepNotEnabled checks that Apply refuses an observed step
// the spec does not allow and names the steps that are enabled instead.
func TestApplyRejectsStepNotEnabled(t *testing.T) {
	d := newDriver(t, "chan c 1\ngo s\n\tc <- 5\ngo r\n\t<-c\n", Runtime)
	r := d.g("r")
	wrong := Step{Kind: StepComplete, G: r, Result: Result{Value: 5}}
	_, err := d.m.Apply(d.s, wrong) // nothing has been sent yet
	if err == nil {
		t.Fatal("a receive of a value never sent was allowed")
	}
	for _, want := range []string{"step not allowed under Runtime: r: <-c → 5", "enabled steps of r: r: <-c blocks"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := d.m.Apply(d.s, Step{Kind: StepBlock, G: 9}); err == nil {
		t.Error("a step of a goroutine that does not exist was allowed")
	}
}
