package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// The text form of a program, one declaration or operation a line:
//
//	# comments start with # or //
//	chan a 0              make(chan int)
//	chan b 2              make(chan int, 2)
//	chan z struct{} 1000  make(chan struct{}, 1000)
//	chan n nil            var n chan int
//
//	go g1                 a goroutine; its operations follow, indented
//		a <- 1            send
//		z <- {}           send on a chan struct{}
//		<-a               receive
//		<-b, ok           receive with ok
//		close(a)
//		len(b)
//		cap(b)
//		select { a <- 2; <-b, ok; default }
//		select {}
//
// The capacity may be left out (it is then 0) and may be negative (make then
// panics: an outcome, not an error). Format prints the canonical form, which
// Parse reads back to an equal program.

// ParseError is a syntax or semantic error at a position of the text.
type ParseError struct {
	Line, Col int // 1-based; Col counts bytes
	Msg       string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, e.Msg) }

// Parse reads a program in the text form.
func Parse(text string) (*Program, error) {
	ps := &parser{prog: &Program{}, chans: map[string]int{}, names: map[string]bool{}}
	for i, line := range strings.Split(text, "\n") {
		if err := ps.line(i+1, line); err != nil {
			return nil, err
		}
	}
	if err := ps.prog.Validate(); err != nil {
		return nil, err
	}
	return ps.prog, nil
}

type token struct {
	text string
	col  int
}

type parser struct {
	prog   *Program
	chans  map[string]int
	names  map[string]bool
	lineNo int
	toks   []token
	pos    int
}

func (ps *parser) line(n int, text string) error {
	toks, err := tokenize(n, text)
	if err != nil || len(toks) == 0 {
		return err
	}
	ps.lineNo, ps.toks, ps.pos = n, toks, 0
	switch toks[0].text {
	case "chan":
		err = ps.chanDecl()
	case "go":
		err = ps.goDecl()
	default:
		err = ps.opLine()
	}
	if err == nil && ps.pos < len(ps.toks) {
		err = ps.errorf("unexpected %q", ps.peek())
	}
	return err
}

// tokenize splits a line into tokens, dropping a trailing comment.
func tokenize(line int, text string) ([]token, error) {
	var toks []token
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#' || strings.HasPrefix(text[i:], "//"):
			return toks, nil
		case strings.HasPrefix(text[i:], "<-"):
			toks = append(toks, token{"<-", i + 1})
			i += 2
		case strings.IndexByte("(){},;", c) >= 0:
			toks = append(toks, token{text[i : i+1], i + 1})
			i++
		case c == '-' || isIdentByte(c):
			j := i + 1
			for j < len(text) && isIdentByte(text[j]) {
				j++
			}
			toks = append(toks, token{text[i:j], i + 1})
			i = j
		default:
			return nil, &ParseError{line, i + 1, fmt.Sprintf("unexpected character %q", c)}
		}
	}
	return toks, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

func (ps *parser) peek() string {
	if ps.pos < len(ps.toks) {
		return ps.toks[ps.pos].text
	}
	return ""
}

func (ps *parser) errorf(format string, args ...any) error {
	col := 1
	if ps.pos < len(ps.toks) {
		col = ps.toks[ps.pos].col
	} else if n := len(ps.toks); n > 0 {
		col = ps.toks[n-1].col + len(ps.toks[n-1].text)
	}
	return &ParseError{ps.lineNo, col, fmt.Sprintf(format, args...)}
}

func (ps *parser) expect(text string) error {
	if ps.peek() != text {
		return ps.errorf("expected %q, found %s", text, ps.found())
	}
	ps.pos++
	return nil
}

func (ps *parser) found() string {
	if t := ps.peek(); t != "" {
		return strconv.Quote(t)
	}
	return "end of line"
}

// newName reads a name for a channel or goroutine being declared.
func (ps *parser) newName(kind string) (string, error) {
	name := ps.peek()
	switch {
	case !isIdent(name):
		return "", ps.errorf("expected a %s name, found %s", kind, ps.found())
	case keywords[name]:
		return "", ps.errorf("%s name %q is a keyword", kind, name)
	case ps.names[name]:
		return "", ps.errorf("%q is already declared", name)
	}
	ps.names[name] = true
	ps.pos++
	return name, nil
}

// chanDecl: chan NAME [struct{}] [CAP] | chan NAME nil
func (ps *parser) chanDecl() error {
	if len(ps.prog.Goroutines) > 0 {
		return ps.errorf("channels must be declared before the first goroutine")
	}
	ps.pos++
	name, err := ps.newName("channel")
	if err != nil {
		return err
	}
	d := ChanDecl{Name: name}
	switch ps.peek() {
	case "nil":
		ps.pos++
		d.Nil = true
	case "struct":
		ps.pos++
		if err := ps.expectAll("{", "}"); err != nil {
			return err
		}
		d.Elem = ElemStruct
	}
	if !d.Nil && ps.peek() != "" {
		if d.Cap, err = ps.integer("capacity"); err != nil {
			return err
		}
	}
	ps.chans[name] = len(ps.prog.Chans)
	ps.prog.Chans = append(ps.prog.Chans, d)
	return nil
}

func (ps *parser) expectAll(texts ...string) error {
	for _, t := range texts {
		if err := ps.expect(t); err != nil {
			return err
		}
	}
	return nil
}

func (ps *parser) integer(what string) (int64, error) {
	v, err := strconv.ParseInt(ps.peek(), 10, 64)
	if err != nil {
		return 0, ps.errorf("expected an integer %s, found %s", what, ps.found())
	}
	ps.pos++
	return v, nil
}

// goDecl: go NAME
func (ps *parser) goDecl() error {
	ps.pos++
	name, err := ps.newName("goroutine")
	if err != nil {
		return err
	}
	ps.prog.Goroutines = append(ps.prog.Goroutines, Goroutine{Name: name})
	return nil
}

func (ps *parser) opLine() error {
	n := len(ps.prog.Goroutines)
	if n == 0 {
		return ps.errorf("operation outside a goroutine (start one with: go NAME)")
	}
	op, err := ps.op()
	if err != nil {
		return err
	}
	ps.prog.Goroutines[n-1].Ops = append(ps.prog.Goroutines[n-1].Ops, op)
	return nil
}

// op: close(NAME) | len(NAME) | cap(NAME) | select { ... } | a send or receive
func (ps *parser) op() (Op, error) {
	switch word := ps.peek(); word {
	case "close", "len", "cap":
		ps.pos++
		if err := ps.expect("("); err != nil {
			return Op{}, err
		}
		c, err := ps.chanRef()
		if err != nil {
			return Op{}, err
		}
		kind := map[string]OpKind{"close": OpClose, "len": OpLen, "cap": OpCap}[word]
		return Op{Kind: kind, Chan: c}, ps.expect(")")
	case "select":
		return ps.selectOp()
	}
	cs, err := ps.commCase()
	if err != nil {
		return Op{}, err
	}
	if cs.Dir == DirSend {
		return Op{Kind: OpSend, Chan: cs.Chan, Value: cs.Value}, nil
	}
	return Op{Kind: OpRecv, Chan: cs.Chan, OK: cs.OK}, nil
}

// selectOp: select { [CASE {; CASE}] } where CASE is a send, a receive or
// default.
func (ps *parser) selectOp() (Op, error) {
	op := Op{Kind: OpSelect}
	col := ps.toks[ps.pos].col
	ps.pos++
	if err := ps.expect("{"); err != nil {
		return op, err
	}
	for ps.peek() != "}" {
		if len(op.Cases) > 0 || op.Default {
			if err := ps.expect(";"); err != nil {
				return op, err
			}
		}
		if ps.peek() == "default" {
			if op.Default {
				return op, ps.errorf("a select has at most one default case")
			}
			op.Default = true
			ps.pos++
			continue
		}
		cs, err := ps.commCase()
		if err != nil {
			return op, err
		}
		op.Cases = append(op.Cases, cs)
	}
	ps.pos++
	if len(op.Cases) > MaxSelectCases {
		return op, &ParseError{ps.lineNo, col, fmt.Sprintf("select has %d cases, more than %d", len(op.Cases), MaxSelectCases)}
	}
	return op, nil
}

// commCase: NAME <- VALUE | <-NAME [, ok]
func (ps *parser) commCase() (Case, error) {
	if ps.peek() == "<-" {
		ps.pos++
		c, err := ps.chanRef()
		cs := Case{Dir: DirRecv, Chan: c}
		if err == nil && ps.peek() == "," {
			ps.pos++
			cs.OK, err = true, ps.expect("ok")
		}
		return cs, err
	}
	c, err := ps.chanRef()
	if err != nil {
		return Case{}, err
	}
	if err := ps.expect("<-"); err != nil {
		return Case{}, err
	}
	cs := Case{Dir: DirSend, Chan: c}
	if ps.prog.Chans[c].Elem == ElemStruct {
		return cs, ps.expectAll("{", "}")
	}
	cs.Value, err = ps.integer("value")
	return cs, err
}

func (ps *parser) chanRef() (int, error) {
	name := ps.peek()
	c, ok := ps.chans[name]
	if !ok {
		if isIdent(name) && !keywords[name] {
			return 0, ps.errorf("undeclared channel %q", name)
		}
		return 0, ps.errorf("expected a channel name, found %s", ps.found())
	}
	ps.pos++
	return c, nil
}

// Format prints p in the canonical text form.
func Format(p *Program) string {
	var b strings.Builder
	for _, d := range p.Chans {
		b.WriteString("chan " + d.Name)
		switch {
		case d.Nil:
			b.WriteString(" nil")
		case d.Elem == ElemStruct:
			b.WriteString(" struct{} " + strconv.FormatInt(d.Cap, 10))
		default:
			b.WriteString(" " + strconv.FormatInt(d.Cap, 10))
		}
		b.WriteString("\n")
	}
	if len(p.Chans) > 0 && len(p.Goroutines) > 0 {
		b.WriteString("\n")
	}
	for _, g := range p.Goroutines {
		b.WriteString("go " + g.Name + "\n")
		for i := range g.Ops {
			b.WriteString("\t" + p.FormatOp(&g.Ops[i]) + "\n")
		}
	}
	return b.String()
}

// FormatOp prints one operation of p in the text form.
func (p *Program) FormatOp(op *Op) string {
	switch op.Kind {
	case OpSend:
		return p.formatCase(Case{Dir: DirSend, Chan: op.Chan, Value: op.Value})
	case OpRecv:
		return p.formatCase(Case{Dir: DirRecv, Chan: op.Chan, OK: op.OK})
	case OpClose, OpLen, OpCap:
		word := map[OpKind]string{OpClose: "close", OpLen: "len", OpCap: "cap"}[op.Kind]
		return word + "(" + p.chanName(op.Chan) + ")"
	}
	parts := make([]string, 0, len(op.Cases)+1)
	for _, cs := range op.Cases {
		parts = append(parts, p.formatCase(cs))
	}
	if op.Default {
		parts = append(parts, "default")
	}
	if len(parts) == 0 {
		return "select {}"
	}
	return "select { " + strings.Join(parts, "; ") + " }"
}

func (p *Program) formatCase(cs Case) string {
	name := p.chanName(cs.Chan)
	switch {
	case cs.Dir == DirRecv && cs.OK:
		return "<-" + name + ", ok"
	case cs.Dir == DirRecv:
		return "<-" + name
	case cs.Chan >= 0 && cs.Chan < len(p.Chans) && p.Chans[cs.Chan].Elem == ElemStruct:
		return name + " <- {}"
	}
	return name + " <- " + strconv.FormatInt(cs.Value, 10)
}

func (p *Program) chanName(c int) string {
	if c >= 0 && c < len(p.Chans) {
		return p.Chans[c].Name
	}
	return "?" + strconv.Itoa(c)
}

// String is Format(p).
func (p *Program) String() string { return Format(p) }
