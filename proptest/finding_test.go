package proptest

import (
	"os"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestRuntimeSendFastPathIsNotLinearizable keeps a finding about the Go runtime: with
// the runtime's order of loads in the non-blocking send's fast path (closed, then
// full; impl Config.RuntimeSendFastPath) the saved schedule takes default where the
// spec has no instant at which default is allowed, and step refinement says so; the
// impl's default order (full, then closed) is linearizable and the same program
// passes under every schedule with up to two preemptions.
// Reference: runtime/chan.go chansend fast path; impl/hchan.go sendFastFail
func TestRuntimeSendFastPathIsNotLinearizable(t *testing.T) {
	data, err := os.ReadFile("testdata/findings/runtime_send_fastpath.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, sched, err := ParseReplay(string(data))
	if err != nil {
		t.Fatal(err)
	}
	r, err := impl.NewReplay(sched)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := impl.RunProgram(p, impl.Config{Chooser: r, Trace: true, RuntimeSendFastPath: true})
	if err != nil {
		t.Fatal(err)
	}
	err = CheckRun(p, pr)
	if err == nil || !strings.Contains(err.Error(), "step refinement") || !strings.Contains(err.Error(), "default") {
		t.Fatalf("the runtime's fast-path order passed step refinement: %v", err)
	}
	if _, err := Exhaust(p, 2, nil); err != nil {
		t.Fatalf("the impl's fast-path order fails: %v", err)
	}
}
