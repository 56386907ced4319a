//go:build chanmutants

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runtimeMutant is a bug put into the Go runtime itself: the text old of
// $GOROOT/src/runtime/chan.go replaced by new. A build with -overlay compiles the
// mutated runtime into chancheck, whose -target native then checks it — what a runtime
// engineer does with a changed chan.go (or with a toolchain built from it).
type runtimeMutant struct {
	name, desc string
	old, new   string
}

// runtimeMutants are two of impl's mutants, put into the real runtime. (impl's
// lifo-waitq is not among them: which of two parked goroutines parked first cannot be
// observed from outside the runtime, so no black-box check of native channels can see a
// LIFO wait queue; impl's step refinement sees it in the trace.)
var runtimeMutants = []runtimeMutant{
	{
		name: "recv-skips-rotation",
		desc: "a receiver meeting a full buffer with a parked sender takes the sender's value and leaves the buffer alone",
		old: "\t\tif ep != nil {\n\t\t\ttypedmemmove(c.elemtype, ep, qp)\n\t\t}\n" +
			"\t\t// copy data from sender to queue\n\t\ttypedmemmove(c.elemtype, qp, sg.elem.get())\n" +
			"\t\tc.recvx++\n\t\tif c.recvx == c.dataqsiz {\n\t\t\tc.recvx = 0\n\t\t}\n" +
			"\t\tc.sendx = c.recvx // c.sendx = (c.sendx+1) % c.dataqsiz\n",
		new: "\t\t_ = qp // MUTANT: take the sender's value, leave the full buffer alone\n" +
			"\t\tif ep != nil {\n\t\t\ttypedmemmove(c.elemtype, ep, sg.elem.get())\n\t\t}\n",
	},
	{
		name: "close-forgets-senders",
		desc: "closechan releases the parked receivers but leaves the parked senders parked",
		old:  "\t// release all writers (they will panic)\n\tfor {\n",
		new:  "\t// release all writers (they will panic)\n\tfor false { // MUTANT\n",
	},
}

// TestMutantsOfTheRuntime: each runtimeMutant, compiled into the real runtime, is
// caught by chancheck -target native within its 60 s budget (each takes milliseconds
// here). A mutant whose text this Go's chan.go does not have is skipped, not failed.
//
//	go test -tags chanmutants ./cmd/chancheck/ -run TestMutantsOfTheRuntime -v
//
// Reference: issue 8 §2 (-target native): "the same checks run against the real Go
// runtime's channels"
func TestMutantsOfTheRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds chancheck with a mutated runtime: tens of seconds")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	goroot, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	chanGo := filepath.Join(strings.TrimSpace(string(goroot)), "src", "runtime", "chan.go")
	src, err := os.ReadFile(chanGo)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range runtimeMutants {
		t.Run(m.name, func(t *testing.T) {
			if bytes.Count(src, []byte(m.old)) != 1 {
				t.Skipf("%s does not have the text this mutant replaces (another Go version?)", chanGo)
			}
			bin := buildWithRuntime(t, goCmd, chanGo, bytes.Replace(src, []byte(m.old), []byte(m.new), 1))
			out := filepath.Join(t.TempDir(), "out")
			start := time.Now()
			stdout, err := exec.Command(bin, "-target", "native", "-out", out).Output()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitBug {
				t.Fatalf("runtime mutant %s (%s) not caught: %v\n%s", m.name, m.desc, err, stdout)
			}
			if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
				t.Errorf("no report: %v", err)
			}
			t.Logf("%s caught in %v:\n%s", m.name, time.Since(start).Round(time.Millisecond), firstLines(string(stdout), 14))
		})
	}
}

// buildWithRuntime builds chancheck with chan.go (at path chanGo) replaced by
// mutated, using go build -overlay, and returns the binary's path.
func buildWithRuntime(t *testing.T, goCmd, chanGo string, mutated []byte) string {
	t.Helper()
	dir := t.TempDir()
	mut := filepath.Join(dir, "chan.go")
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {chanGo: mut}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mut, mutated, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "chancheck")
	build := exec.Command(goCmd, "build", "-overlay", filepath.Join(dir, "overlay.json"), "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build with the mutated runtime: %v\n%s", err, out)
	}
	return bin
}
