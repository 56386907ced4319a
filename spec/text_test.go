package spec

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestParseErrorsNameLineAndColumn checks that malformed and invalid programs
// are rejected with an error naming the line and column of the problem.
func TestParseErrorsNameLineAndColumn(t *testing.T) {
	tests := []struct{ text, want string }{
		{"chan a 0\ngo g\n\tb <- 1\n", `line 3:2: undeclared channel "b"`},
		{"chan a 0\ngo g\n\tselect { <-a; default; default }\n", "line 3:25: a select has at most one default case"},
		{"chan a 0\n\ta <- 1\n", "line 2:2: operation outside a goroutine"},
		{"chan a 0\nchan a 1\n", `line 2:6: "a" is already declared`},
		{"chan a 0\ngo a\n", `line 2:4: "a" is already declared`},
		{"chan a x\n", `line 1:8: expected an integer capacity, found "x"`},
		{"chan a 0\ngo g\n\ta <-\n", `line 3:6: expected an integer value, found end of line`},
		{"chan a 0\ngo g\n\ta <- {}\n", `line 3:7: expected an integer value, found "{"`},
		{"chan z struct{} 1\ngo g\n\tz <- 1\n", `line 3:7: expected "{", found "1"`},
		{"chan a 0\ngo g\n\tclose(a\n", `line 3:9: expected ")", found end of line`},
		{"chan a 0\ngo g\n\t<-a, yes\n", `line 3:7: expected "ok", found "yes"`},
		{"chan a 0\ngo g\n\tselect { <-a <-a }\n", `line 3:15: expected ";", found "<-"`},
		{"chan a 0\ngo g\n\t<-a @\n", `line 3:6: unexpected character '@'`},
		{"chan select 0\n", `line 1:6: channel name "select" is a keyword`},
		{"go g\nchan a 0\n", "line 2:1: channels must be declared before the first goroutine"},
		{"chan a 0\ngo g\n\tlen(a) cap(a)\n", `line 3:9: unexpected "cap"`},
	}
	for _, tc := range tests {
		_, err := Parse(tc.text)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): err = %v, want a ParseError", tc.text, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q):\n got  %v\n want %s", tc.text, err, tc.want)
		}
	}
}

// TestValidateRejectsInvalidPrograms checks the rules Validate enforces on
// programs built as structs, including more than 65,536 select cases.
// Reference: reflect.Select (at most 65536 cases); SEMANTICS item 36
func TestValidateRejectsInvalidPrograms(t *testing.T) {
	big := make([]Case, MaxSelectCases+1)
	for i := range big {
		big[i] = Case{Dir: DirRecv}
	}
	tests := []struct {
		name string
		prog Program
		want string
	}{
		{"undeclared channel", Program{Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: OpSend, Chan: 1}}}}}, "channel 1 is not declared"},
		{"too many cases", Program{Chans: []ChanDecl{{Name: "c"}}, Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: OpSelect, Cases: big}}}}}, "more than 65536"},
		{"non-zero struct{} value", Program{Chans: []ChanDecl{{Name: "c", Elem: ElemStruct}}, Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: OpSend, Value: 3}}}}}, "chan struct{}"},
		{"unknown op", Program{Chans: []ChanDecl{{Name: "c"}}, Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: 0}}}}}, "unknown operation"},
		{"duplicate goroutine", Program{Goroutines: []Goroutine{{Name: "g"}, {Name: "g"}}}, "already names"},
	}
	for _, tc := range tests {
		err := tc.prog.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	exactly := Program{Chans: []ChanDecl{{Name: "c"}}, Goroutines: []Goroutine{{Name: "g", Ops: []Op{{Kind: OpSelect, Cases: big[:MaxSelectCases]}}}}}
	if err := exactly.Validate(); err != nil {
		t.Errorf("a select of exactly %d cases was rejected: %v", MaxSelectCases, err)
	}
}

// TestParseSelectCaseLimit checks the case limit on the text form too.
// Reference: reflect.Select; SEMANTICS item 36
func TestParseSelectCaseLimit(t *testing.T) {
	text := "chan c 0\ngo g\n\tselect { " + strings.Repeat("<-c; ", MaxSelectCases) + "<-c }\n"
	_, err := Parse(text)
	if err == nil || !strings.Contains(err.Error(), "line 3:2: select has 65537 cases") {
		t.Errorf("err = %v, want the case limit at line 3:2", err)
	}
}

// TestFormatParseRoundTrip checks that the text form round-trips exactly:
// Parse(Format(p)) is p, and Format(Parse(text)) is text for canonical text.
func TestFormatParseRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProgram(t)
		text := Format(p)
		q, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(Format(p)): %v\n%s", err, text)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the program:\n%s\nbecame\n%s", text, Format(q))
		}
		if again := Format(q); again != text {
			t.Fatalf("Format is not stable:\n%s\nthen\n%s", text, again)
		}
	})
}

// TestParseAcceptsShorthands checks the non-canonical forms Parse accepts:
// comments, a missing capacity, blank lines, any indentation.
func TestParseAcceptsShorthands(t *testing.T) {
	p := mustParse(t, `
# a comment
chan a          // make(chan int)
chan z struct{} # make(chan struct{})
go g
  a <- -3
      z <- {}
`)
	want := "chan a 0\nchan z struct{} 0\n\ngo g\n\ta <- -3\n\tz <- {}\n"
	if got := Format(p); got != want {
		t.Errorf("Format:\n%s\nwant\n%s", got, want)
	}
}
