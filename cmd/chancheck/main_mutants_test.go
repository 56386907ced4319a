//go:build chanmutants

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMutantCampaignReport: against a mutant, the campaign exits 1 and writes a report
// whose replay file reproduces the failure against the mutant — identically each time
// — and passes against the impl.
//
//	go test -tags chanmutants ./cmd/chancheck/ -run Mutant
//
// Reference: issue 8 §3, §4 ("I changed hchan; how do I know I did not break it?")
func TestMutantCampaignReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := chancheck(t, "-target", "mutant:lifo-waitq", "-programs", "100", "-out", out)
	if code != exitBug {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitBug, stdout, stderr)
	}
	replay := filepath.Join(out, "replay.txt")
	for _, want := range []string{"FAIL", "shrinking", "go run -tags chanmutants ./cmd/chancheck replay -target mutant:lifo-waitq " + replay} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	checkReport(t, out, "mutant:lifo-waitq", "enqueue puts a sudog at the head")
	code, first, _ := chancheck(t, "replay", "-target", "mutant:lifo-waitq", replay)
	_, second, _ := chancheck(t, "replay", "-target", "mutant:lifo-waitq", replay)
	if code != exitBug || first != second || !strings.Contains(first, "FAIL") {
		t.Errorf("replay against the mutant: exit %d, identical %v:\n%s", code, first == second, first)
	}
	if code, stdout, _ := chancheck(t, "replay", replay); code != exitOK {
		t.Errorf("replay against the impl: exit %d\n%s", code, stdout)
	}
}

// TestMutantHistoryReport: a mutant caught by the history campaign gets a report with
// the history, Porcupine's visualization embedded, and a deterministic schedule of the
// workload that shows the bug; lin re-checks the saved history.
// Reference: issue 8 §3 ("the Porcupine history visualization (when a history is involved)")
func TestMutantHistoryReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := chancheck(t, "-target", "mutant:close-forgets-senders", "-checks", "porcupine,fast",
		"-programs", "1000", "-out", out)
	if code != exitBug {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitBug, stdout, stderr)
	}
	for _, name := range []string{"history.jsonl", "history-porcupine.html", "workload.txt", "replay.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	checkReport(t, out, "not linearizable", `<iframe title="Porcupine visualization" srcdoc="`)
	if code, stdout, _ := chancheck(t, "lin", filepath.Join(out, "history.jsonl")); code != exitBug {
		t.Errorf("lin on the saved history: exit %d\n%s", code, stdout)
	}
}
