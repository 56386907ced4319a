package spec

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var rewrite = flag.Bool("rewrite", false, "rewrite the outcome sections of testdata/outcomes/*.txt")

// goldenSep starts each outcome section of a golden file.
const goldenSep = "\n---- "

// TestGoldenOutcomes checks the programs of testdata/outcomes/*.txt. Each file
// is a program in canonical text form (after its leading # comments) followed
// by one section per strength listing the exact outcome set:
//
//	---- Runtime
//	g: sent; h: 1
//	---- Language
//	...
//
// Run with -rewrite to regenerate the sections after a deliberate change, and
// review the diff.
func TestGoldenOutcomes(t *testing.T) {
	files, err := filepath.Glob("testdata/outcomes/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text, _, _ := strings.Cut(string(data), goldenSep)
			text = strings.TrimRight(text, "\n") + "\n"
			p := mustParse(t, text)
			if canon := stripComments(text); Format(p) != canon {
				t.Errorf("program is not in canonical form:\n%s\nwant\n%s", canon, Format(p))
			}
			want := text
			for _, s := range []Strength{Runtime, Language} {
				want += goldenSep[1:] + s.String() + "\n" + strings.Join(outcomeStrings(t, p, s), "\n") + "\n"
			}
			if *rewrite {
				if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if string(data) != want {
				t.Errorf("outcomes differ (rerun with -rewrite to accept):\n--- file\n%s\n--- computed\n%s", data, want)
			}
		})
	}
}

// stripComments drops the leading comment lines of a golden program.
func stripComments(text string) string {
	for strings.HasPrefix(text, "#") {
		_, text, _ = strings.Cut(text, "\n")
	}
	return text
}
