package proptest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
)

// TestReplayCorpus re-runs every saved counterexample and regression case under its
// schedule: each must now pass every property, use its whole schedule, and give the
// same trace twice, byte for byte.
// Reference: issue 4 §4
func TestReplayCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/replay/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no replay files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, sched, err := ParseReplay(string(data))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			first, err := Replay(p, sched)
			if err != nil {
				t.Fatal(err)
			}
			if first.Result.Schedule != sched {
				t.Errorf("the run used schedule %q, not all of %q", first.Result.Schedule, sched)
			}
			second, err := Replay(p, sched)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := ndjson(t, first.Result.Trace), ndjson(t, second.Result.Trace); !bytes.Equal(a, b) {
				t.Errorf("replaying gave a different trace:\n%s\nthen\n%s", a, b)
			}
		})
	}
}

func ndjson(t *testing.T, events []impl.Event) []byte {
	var b bytes.Buffer
	if err := impl.WriteNDJSON(&b, events); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestParseReplayRejectsMalformed: a replay file without its schedule section, or with
// a program that does not parse, is an error naming the problem.
func TestParseReplayRejectsMalformed(t *testing.T) {
	for _, text := range []string{"chan c 0\ngo g\n\tc <- 1\n", "chan c 0\ngo g\n\tb <- 1\n---- schedule\n0\n"} {
		if _, _, err := ParseReplay(text); err == nil {
			t.Errorf("ParseReplay(%q) succeeded", text)
		}
	}
}
