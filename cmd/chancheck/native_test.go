package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/proptest"
	"github.com/chanmodel/chanmodel/spec"
)

// TestNativeCampaign: -target native runs the programs and workloads on the Go
// runtime's channels, with only the checks that apply to a run without a trace, and
// the real runtime passes.
// Reference: issue 8 §2 (-target native)
func TestNativeCampaign(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the close/send races generated programs make on purpose")
	}
	code, stdout, stderr := chancheck(t, "-target", "native", "-programs", "20", "-out", t.TempDir())
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"target native (runtime strength; " + goRuntime() + "), checks outcome,porcupine,fast", "no bug found in 20 programs"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\nsteps ") || strings.Contains(stdout, "\nabstraction ") {
		t.Errorf("a check that needs a trace ran on native runs:\n%s", stdout)
	}
}

// TestExploreNative: explore -target native re-runs a program on the real runtime,
// tallies its outcomes and checks each against the spec.
func TestExploreNative(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.txt")
	src := "chan c 0\n\ngo a\n\tc <- 1\ngo b\n\tselect { <-c; default }\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := chancheck(t, "explore", "-target", "native", "-runs", "50", file)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"native (" + goRuntime() + "): 50 runs", "the spec (Runtime) allows 2", "ok: every outcome is allowed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout)
		}
	}
}

// TestNativeReport: the report of a native failure shows the program and the outcome
// the spec forbids, says there is no schedule, and writes program.txt with the re-run
// command — no replay file, trace or timeline.
func TestNativeReport(t *testing.T) {
	p, err := spec.Parse("chan c 0\n\ngo a\n\tc <- 1\n")
	if err != nil {
		t.Fatal(err)
	}
	observed := spec.Outcome{Goroutines: []spec.GoroutineOutcome{{Results: []spec.Result{{}}}}} // "a: sent"
	notAllowed := spec.Allowed(p, spec.Language, observed)
	if notAllowed == nil {
		t.Fatal("a lone send on an unbuffered channel completed, and the spec allows it")
	}
	var tf targetFlag
	if err := tf.Set("native"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep := newReport(tf, dir)
	rep.addSchedule(runInfo{p: p, property: proptest.PropNativeOutcome, err: notAllowed, origin: "program seed 9"})
	if err := rep.write(dir); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	rep.print(&out)
	for _, want := range []string{"a: sent (on native channels; no schedule to replay)",
		"runtime:  " + runtime.Version(), "explore -target native " + filepath.Join(dir, "program.txt")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printed report does not say %q:\n%s", want, out.String())
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "it cannot be replayed") || !strings.Contains(string(page), runtime.Version()) ||
		strings.Contains(string(page), "Timeline") {
		t.Errorf("report.html is not a native report:\n%s", page)
	}
	for name, want := range map[string]bool{"program.txt": true, "replay.txt": false, "trace.txt": false} {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s written: %v, want %v", name, err == nil, want)
		}
	}
}
