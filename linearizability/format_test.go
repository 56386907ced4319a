package linearizability

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/chanmodel/chanmodel/impl"
	"pgregory.net/rapid"
)

// TestHistorySaveLoadRoundTrip: Load(Save(h)) is h, for histories recorded from
// workloads with every kind of operation and outcome — pending operations, panics,
// selects that took a case or default.
// Reference: issue 5 §1 (a documented on-disk format with load and save)
func TestHistorySaveLoadRoundTrip(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := Workload(SmallShape).Draw(rt, "workload")
		h, res, err := RunImpl(p, impl.Config{Chooser: rapidChooser{rt}})
		if err != nil {
			rt.Fatal(err)
		}
		var b bytes.Buffer
		if err := Save(&b, h); err != nil {
			rt.Fatal(err)
		}
		got, err := Load(&b)
		if err != nil {
			rt.Fatalf("%v\nschedule %q", err, res.Schedule)
		}
		if !reflect.DeepEqual(normalized(got), normalized(h)) {
			rt.Fatalf("round trip changed the history:\n%+v\n%+v", h, got)
		}
	})
}

// normalized returns h with empty slices as nil, which JSON does not distinguish.
func normalized(h *History) *History {
	h = h.Clone()
	for i := range h.Ops {
		if len(h.Ops[i].Cases) == 0 {
			h.Ops[i].Cases = nil
		}
	}
	return h
}

const header = `{"format":"chanmodel-history","version":1,"chans":[{"cap":1}],"ops":2}`

// TestLoadNamesTheBadLine: a corrupt or truncated file is an error naming the line,
// never a panic or a silently shorter history.
// Reference: issue 5 §1 ("an error naming the line, never a panic")
func TestLoadNamesTheBadLine(t *testing.T) {
	send := `{"client":0,"op":"send","chan":0,"v":1,"call":1,"ret":2}`
	recv := `{"client":1,"op":"recv","chan":0,"call":3,"ret":4,"got":1,"ok":true}`
	tests := []struct {
		name, input string
		line        int
		msg         string
	}{
		{"empty", "", 1, "no header"},
		{"header not JSON", "{format", 1, "header"},
		{"wrong format", `{"format":"other","version":1,"chans":[],"ops":0}`, 1, "format"},
		{"unknown header field", `{"format":"chanmodel-history","version":1,"chans":[],"ops":0,"x":1}`, 1, "unknown field"},
		{"negative cap", `{"format":"chanmodel-history","version":1,"chans":[{"cap":-1}],"ops":0}`, 1, "bad declaration"},
		{"truncated mid-line", header + "\n" + send + "\n" + recv[:20], 3, "unexpected EOF"},
		{"truncated at a line end", header + "\n" + send + "\n", 3, "truncated"},
		{"one line too many", header + "\n" + send + "\n" + recv + "\n" + recv, 4, "more operations"},
		{"empty line", header + "\n\n" + send, 2, "empty line"},
		{"unknown op", header + "\n" + `{"client":0,"op":"poke","chan":0,"call":1,"ret":2}`, 2, "unknown op"},
		{"unknown field", header + "\n" + `{"client":0,"op":"len","chan":0,"call":1,"ret":2,"got":0,"x":1}`, 2, "unknown field"},
		{"undeclared chan", header + "\n" + `{"client":0,"op":"len","chan":3,"call":1,"ret":2,"got":0}`, 2, "not declared"},
		{"return before call", header + "\n" + `{"client":0,"op":"len","chan":0,"call":5,"ret":2,"got":0}`, 2, "before its call"},
		{"send without value", header + "\n" + `{"client":0,"op":"send","chan":0,"call":1,"ret":2}`, 2, "value of a send"},
		{"pending with outcome", header + "\n" + `{"client":0,"op":"recv","chan":0,"call":1,"got":1,"ok":true}`, 2, "pending"},
		{"select without case", header + "\n" + `{"client":0,"op":"select","cases":[{"dir":"recv","chan":0}],"call":1,"ret":2}`, 2, "needs case"},
		{"select case out of range", header + "\n" + `{"client":0,"op":"select","cases":[{"dir":"recv","chan":0}],"call":1,"ret":2,"case":3}`, 2, "does not have"},
		{"duplicate value", header + "\n" + send + "\n" + `{"client":1,"op":"send","chan":0,"v":1,"call":1,"ret":2}`, 3, "unique"},
		{"zero value", header + "\n" + `{"client":1,"op":"send","chan":0,"v":0,"call":1,"ret":2}`, 2, "zero value"},
		{"client overlaps itself", header + "\n" + `{"client":0,"op":"len","chan":0,"call":1,"ret":5,"got":0}` + "\n" +
			`{"client":0,"op":"len","chan":0,"call":3,"ret":6,"got":0}`, 3, "before its op 0 returned"},
		{"trailing garbage", header + "\n" + send + " x", 2, "after the JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.input))
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LineError", err)
			}
			if le.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %q, want line %d mentioning %q", err, tc.line, tc.msg)
			}
		})
	}
}

// TestLoadTruncatedAnywhereFails: every proper prefix of a saved history fails to load
// with a *LineError — the operation count in the header catches a cut at a line end —
// except the one that drops only the final newline.
// Reference: issue 5 §1
func TestLoadTruncatedAnywhereFails(t *testing.T) {
	h, err := LoadFile("testdata/blocked-at-end-ok.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Save(&b, h); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	for n := range len(data) - 1 {
		_, err := Load(bytes.NewReader(data[:n]))
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("prefix of %d bytes: got %v, want a *LineError", n, err)
		}
	}
	if _, err := Load(bytes.NewReader(data[:len(data)-1])); err != nil {
		t.Errorf("without its final newline: %v", err)
	}
}

// FuzzLoad: Load never panics, and what it accepts saves and loads back unchanged.
// Reference: issue 5 §1 ("never a panic")
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"blocked-at-end-ok", "nonblock-select-race-ok", "send-on-closed-panics-ok"} {
		h, err := LoadFile("testdata/" + name + ".jsonl")
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		_ = Save(&b, h)
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := Load(bytes.NewReader(data))
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("not a *LineError: %v", err)
			}
			return
		}
		var b bytes.Buffer
		if err := Save(&b, h); err != nil {
			t.Fatal(err)
		}
		h2, err := Load(&b)
		if err != nil || !reflect.DeepEqual(normalized(h), normalized(h2)) {
			t.Fatalf("accepted history does not round-trip: %v", err)
		}
	})
}
