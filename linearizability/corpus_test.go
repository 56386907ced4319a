package linearizability

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkers are the checkers every corpus history and property runs through.
var checkers = []struct {
	name  string
	check func(*History, Options) (Result, error)
}{
	{"porcupine", CheckPorcupine},
	{"fast", CheckFast},
}

// TestCorpusVerdicts: every hand-written history under testdata/ gets the verdict its
// name announces — *-ok.jsonl linearizable, *-bad.jsonl illegal, each bad one named
// for the violation it shows — from every checker; an illegal one comes with its
// violations and an annotated visualization naming the offending operations.
// Reference: issue 5 §5; porcupine test_data/*-ok, *-bad
func TestCorpusVerdicts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var nok, nbad int
	patterns := make(map[string]bool) // the channel checker's patterns seen
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		want := Ok
		switch {
		case strings.HasSuffix(name, "-ok"):
			nok++
		case strings.HasSuffix(name, "-bad"):
			want = Illegal
			nbad++
		default:
			t.Errorf("%s: name ends in neither -ok nor -bad", file)
			continue
		}
		h, err := LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range checkers {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				res, err := c.check(h, Options{VisualizeDir: t.TempDir(), Name: name})
				if err != nil {
					t.Fatal(err)
				}
				if res.Verdict != want {
					t.Fatalf("got %v, want %v", res, want)
				}
				if want == Illegal {
					checkIllegal(t, c.name, res, patterns)
				}
			})
		}
	}
	for _, p := range fastPatterns {
		if !patterns[p] {
			t.Errorf("no bad history shows the channel checker's pattern %q", p)
		}
	}
	if nok < 10 || nbad < 20 {
		t.Errorf("corpus has %d ok and %d bad histories; want at least 10 and 20", nok, nbad)
	}
}

// checkIllegal checks that an illegal verdict names operations and, from Porcupine,
// comes with its visualization; it notes the channel checker's patterns it shows.
func checkIllegal(t *testing.T, checker string, res Result, patterns map[string]bool) {
	for _, v := range res.Violations {
		for _, p := range fastPatterns {
			if strings.Contains(v.Reason, " "+p+": ") {
				patterns[p] = true
			}
		}
	}
	if len(res.Violations) == 0 || len(res.Violations[0].Ops) == 0 {
		t.Errorf("illegal without naming an operation: %v", res)
	}
	if res.Visualization != "" {
		if _, err := os.Stat(res.Visualization); err != nil {
			t.Errorf("visualization: %v", err)
		}
	} else if checker == "porcupine" {
		t.Errorf("no visualization written: %v", res)
	}
	t.Logf("%v", res)
}

// fastPatterns are the violation patterns of the channel checker (fast.go).
var fastPatterns = []string{"fresh", "repeat", "early", "order", "overflow", "leftover", "close", "probe", "end"}
