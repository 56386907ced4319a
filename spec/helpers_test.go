package spec

import (
	"slices"
	"strings"
	"testing"
)

// mustParse parses a program written in the text form, failing the test on
// error. Leading indentation common to a raw string literal is allowed.
func mustParse(t testing.TB, text string) *Program {
	t.Helper()
	p, err := Parse(text)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, text)
	}
	return p
}

// outcomeStrings returns the formatted outcome set of p under s.
func outcomeStrings(t testing.TB, p *Program, s Strength) []string {
	t.Helper()
	set, err := Outcomes(p, s)
	if err != nil {
		t.Fatalf("outcomes under %s: %v", s, err)
	}
	return set.Strings()
}

// outcomeCase is one program with its exact outcome set under each strength.
// A nil Language set means "the same as Runtime".
type outcomeCase struct {
	name     string
	prog     string
	runtime  []string
	language []string
}

// checkOutcomeCases asserts each case's outcome sets exactly, and that the
// Runtime set is included in the Language set.
func checkOutcomeCases(t *testing.T, cases []outcomeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.prog)
			lang := tc.language
			if lang == nil {
				lang = tc.runtime
			}
			assertSet(t, "Runtime", outcomeStrings(t, p, Runtime), tc.runtime)
			assertSet(t, "Language", outcomeStrings(t, p, Language), lang)
		})
	}
}

func assertSet(t *testing.T, label string, got, want []string) {
	t.Helper()
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("%s outcomes:\n got  %s\n want %s", label,
			strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}
