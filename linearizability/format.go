package linearizability

// The on-disk form of a History: JSON lines.
//
// Line 1 is a header naming the format, its version, the channels and the number of
// operations that follow; then one line per operation, in History.Ops order:
//
//	{"format":"chanmodel-history","version":1,"chans":[{"cap":0},{"cap":4},{"nil":true}],"ops":4}
//	{"client":0,"op":"send","chan":0,"v":7,"call":1,"ret":4}
//	{"client":1,"op":"recv","chan":0,"call":2,"ret":3,"got":7,"ok":true}
//	{"client":2,"op":"select","cases":[{"dir":"send","chan":1,"v":8},{"dir":"recv","chan":0}],"default":true,"call":5,"ret":6,"case":-1}
//	{"client":3,"op":"close","chan":1,"call":7}
//
// Fields of an operation line:
//
//	client   the client (goroutine) id, >= 0
//	op       send, recv, close, len, cap or select
//	chan     the channel index (every op but select)
//	v        the value a send sends (send; a select's send case)
//	cases    a select's cases: {"dir":"send"|"recv","chan":c,"v":value}
//	default  a select has a default case
//	call     the call's timestamp
//	ret      the return's timestamp; absent when the operation is pending (blocked at
//	         the end of the history), and then so are the outcome fields below
//	case     the case a select took, -1 for default (present on every returned select
//	         that did not panic)
//	got, ok  what a receive got (a recv; a select that took a receive case); got is
//	         also what len and cap returned
//	panic    the panic message, when the operation panicked
//
// Unknown fields are errors. Load reports the first problem as "line N: ...": a line
// that is not JSON (a corrupt or truncated line), a missing or wrong header, an
// operation that breaks the History invariants, or fewer or more operation lines than
// the header announced (a file truncated at a line boundary).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/chanmodel/chanmodel/spec"
)

const (
	formatName    = "chanmodel-history"
	formatVersion = 1
)

type headerJSON struct {
	Format  string     `json:"format"`
	Version int        `json:"version"`
	Chans   []chanJSON `json:"chans"`
	Ops     int        `json:"ops"`
}

type chanJSON struct {
	Cap int64 `json:"cap,omitempty"`
	Nil bool  `json:"nil,omitempty"`
}

type opJSON struct {
	Client  int        `json:"client"`
	Op      string     `json:"op"`
	Chan    *int       `json:"chan,omitempty"`
	V       *int64     `json:"v,omitempty"`
	Cases   []caseJSON `json:"cases,omitempty"`
	Default bool       `json:"default,omitempty"`
	Call    int64      `json:"call"`
	Ret     *int64     `json:"ret,omitempty"`
	Case    *int       `json:"case,omitempty"`
	Got     *int64     `json:"got,omitempty"`
	OK      bool       `json:"ok,omitempty"`
	Panic   string     `json:"panic,omitempty"`
}

type caseJSON struct {
	Dir  string `json:"dir"`
	Chan int    `json:"chan"`
	V    *int64 `json:"v,omitempty"`
}

var opNames = map[spec.OpKind]string{
	spec.OpSend: "send", spec.OpRecv: "recv", spec.OpClose: "close",
	spec.OpLen: "len", spec.OpCap: "cap", spec.OpSelect: "select",
}

// Save writes h to w in the JSON-lines form.
func Save(w io.Writer, h *History) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	hdr := headerJSON{Format: formatName, Version: formatVersion, Ops: len(h.Ops)}
	for _, d := range h.Chans {
		hdr.Chans = append(hdr.Chans, chanJSON(d))
	}
	if err := enc.Encode(&hdr); err != nil {
		return err
	}
	for i := range h.Ops {
		if err := enc.Encode(toJSON(&h.Ops[i])); err != nil {
			return fmt.Errorf("op %d: %w", i, err)
		}
	}
	return bw.Flush()
}

func toJSON(op *Op) *opJSON {
	j := &opJSON{Client: op.Client, Op: opNames[op.Kind], Default: op.Default, Call: op.Call}
	if op.Kind == spec.OpSelect {
		for _, cs := range op.Cases {
			cj := caseJSON{Dir: "recv", Chan: cs.Chan}
			if cs.Dir == spec.DirSend {
				cj.Dir, cj.V = "send", ptr(cs.Value)
			}
			j.Cases = append(j.Cases, cj)
		}
	} else {
		j.Chan = ptr(op.Chan)
	}
	if op.Kind == spec.OpSend {
		j.V = ptr(op.Value)
	}
	if op.Pending {
		return j
	}
	r := op.Result
	j.Ret, j.Panic = ptr(op.Return), r.Panic
	if r.Panic != "" {
		return j
	}
	switch op.Kind {
	case spec.OpRecv:
		j.Got, j.OK = ptr(r.Value), r.OK
	case spec.OpLen, spec.OpCap:
		j.Got = ptr(r.Value)
	case spec.OpSelect:
		j.Case = ptr(r.Case)
		if r.Case >= 0 && op.Cases[r.Case].Dir == spec.DirRecv {
			j.Got, j.OK = ptr(r.Value), r.OK
		}
	}
	return j
}

func ptr[T any](v T) *T { return &v }

// SaveFile writes h to the named file.
func SaveFile(name string, h *History) error {
	var buf bytes.Buffer
	if err := Save(&buf, h); err != nil {
		return err
	}
	return os.WriteFile(name, buf.Bytes(), 0o644)
}

// LoadFile reads a history from the named file; errors name the file and the line.
func LoadFile(name string) (*History, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	return h, nil
}

// LineError is a problem Load found at one line of its input (lines count from 1).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Load reads a history in the JSON-lines form and validates it. Every error is a
// *LineError naming the first bad line; Load never panics on bad input.
func Load(r io.Reader) (*History, error) {
	lr := &lineReader{r: bufio.NewReader(r)}
	h, hdr, err := lr.header()
	if err != nil {
		return nil, err
	}
	v := newValidator(h)
	if err := v.chans(); err != nil {
		return nil, lr.fail("header: %v", err)
	}
	for {
		b, err := lr.next()
		switch {
		case err == io.EOF && len(h.Ops) != hdr.Ops:
			return nil, &LineError{Line: lr.line + 1, Err: fmt.Errorf(
				"truncated: the header announced %d operations, the file ends after %d", hdr.Ops, len(h.Ops))}
		case err == io.EOF:
			return h, nil
		case err != nil:
			return nil, &LineError{Line: lr.line + 1, Err: err}
		case len(b) == 0:
			return nil, lr.fail("empty line")
		case len(h.Ops) == hdr.Ops:
			return nil, lr.fail("more operations than the %d the header announced", hdr.Ops)
		}
		op, err := fromJSON(b)
		if err != nil {
			return nil, lr.fail("%v", err)
		}
		h.Ops = append(h.Ops, op)
		if err := v.op(len(h.Ops) - 1); err != nil {
			return nil, lr.fail("%v", err)
		}
	}
}

// lineReader reads lines, counting them.
type lineReader struct {
	r    *bufio.Reader
	line int // lines read so far
}

// next returns the next line, trimmed; io.EOF at the end.
func (lr *lineReader) next() ([]byte, error) {
	b, err := lr.r.ReadBytes('\n')
	if err == io.EOF && len(b) > 0 {
		err = nil // a last line without its newline
	}
	if err == nil {
		lr.line++
	}
	return bytes.TrimSpace(b), err
}

// fail returns a LineError at the line read last.
func (lr *lineReader) fail(format string, args ...any) error {
	return &LineError{Line: lr.line, Err: fmt.Errorf(format, args...)}
}

// header reads the header line and returns the history it declares.
func (lr *lineReader) header() (*History, *headerJSON, error) {
	b, err := lr.next()
	switch {
	case err == io.EOF:
		return nil, nil, &LineError{Line: 1, Err: errors.New("empty input: no header")}
	case err != nil:
		return nil, nil, &LineError{Line: lr.line + 1, Err: err}
	}
	var hdr headerJSON
	if err := strictUnmarshal(b, &hdr); err != nil {
		return nil, nil, lr.fail("header: %v", err)
	}
	if hdr.Format != formatName || hdr.Version != formatVersion {
		return nil, nil, lr.fail("header: format %q version %d, want %q version %d",
			hdr.Format, hdr.Version, formatName, formatVersion)
	}
	if hdr.Ops < 0 {
		return nil, nil, lr.fail("header: negative operation count %d", hdr.Ops)
	}
	h := &History{Ops: make([]Op, 0, min(hdr.Ops, 1<<12))}
	for _, c := range hdr.Chans {
		h.Chans = append(h.Chans, ChanDecl(c))
	}
	return h, &hdr, nil
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

func fromJSON(b []byte) (Op, error) {
	var j opJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return Op{}, err
	}
	op := Op{Client: j.Client, Call: j.Call}
	op.Kind = kindByName(j.Op)
	if op.Kind == 0 {
		return Op{}, fmt.Errorf("unknown op %q", j.Op)
	}
	if err := j.inputs(&op); err != nil {
		return Op{}, err
	}
	if j.Ret == nil {
		if j.Case != nil || j.Got != nil || j.OK || j.Panic != "" {
			return Op{}, errors.New("a pending operation (no ret) has an outcome")
		}
		op.Pending = true
		return op, nil
	}
	op.Return = *j.Ret
	return op, j.outcome(&op)
}

func kindByName(name string) spec.OpKind {
	for k, n := range opNames {
		if n == name {
			return k
		}
	}
	return 0
}

// inputs fills in what op was called with.
func (j *opJSON) inputs(op *Op) error {
	if op.Kind == spec.OpSelect {
		if j.Chan != nil || j.V != nil {
			return errors.New("a select has cases, not chan or v")
		}
		op.Default = j.Default
		for k, cj := range j.Cases {
			cs := spec.Case{Chan: cj.Chan, OK: true}
			switch {
			case cj.Dir == "send" && cj.V != nil:
				cs.Dir, cs.Value, cs.OK = spec.DirSend, *cj.V, false
			case cj.Dir == "recv" && cj.V == nil:
				cs.Dir = spec.DirRecv
			default:
				return fmt.Errorf("case %d: want {\"dir\":\"send\",\"chan\":c,\"v\":value} or {\"dir\":\"recv\",\"chan\":c}", k)
			}
			op.Cases = append(op.Cases, cs)
		}
		return nil
	}
	if j.Chan == nil || len(j.Cases) > 0 || j.Default {
		return fmt.Errorf("%s needs chan and no cases", j.Op)
	}
	op.Chan = *j.Chan
	if (op.Kind == spec.OpSend) != (j.V != nil) {
		return errors.New("v is the value of a send, and only of a send")
	}
	if j.V != nil {
		op.Value = *j.V
	}
	op.OK = op.Kind == spec.OpRecv
	return nil
}

// outcome fills in what op returned.
func (j *opJSON) outcome(op *Op) error {
	op.Result.Panic = j.Panic
	if j.Panic != "" {
		if j.Case != nil || j.Got != nil || j.OK {
			return errors.New("an operation that panicked has no other outcome")
		}
		return nil
	}
	wantGot := op.Kind == spec.OpRecv || op.Kind == spec.OpLen || op.Kind == spec.OpCap
	if op.Kind == spec.OpSelect {
		if j.Case == nil {
			return errors.New("a select that returned needs case")
		}
		op.Result.Case = *j.Case
		wantGot = *j.Case >= 0 && *j.Case < len(op.Cases) && op.Cases[*j.Case].Dir == spec.DirRecv
	} else if j.Case != nil {
		return fmt.Errorf("%s has no case", j.Op)
	}
	if wantGot != (j.Got != nil) {
		return errors.New("got is what a receive, len or cap returned, and nothing else")
	}
	if j.OK && op.Kind != spec.OpRecv && op.Kind != spec.OpSelect {
		return fmt.Errorf("%s has no ok", j.Op)
	}
	if j.Got != nil {
		op.Result.Value = *j.Got
	}
	op.Result.OK = j.OK
	return nil
}
