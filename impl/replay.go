package impl

// Schedule strings: the choices of a Deterministic run, compact and pasteable.
//
// A run records every choice it asked its Chooser for (both kinds, in order; forced
// moves with a single alternative are not choices) as Result.Schedule. Replaying that
// string with NewReplay reproduces the run exactly, events and all, whatever the Seed.
//
// Format: one token per choice, in order.
//
//	0-9, a-z      the choice 0..35 as one base-36 digit
//	(n)           the choice n in decimal, for n >= 36
//	x{k}          the token x repeated k times in all (k >= 1, decimal)
//
// Whitespace is ignored. So "0{12}10a(40)" is twelve 0s, then 1, 0, 10, 40. The encoder
// writes runs longer than 4 with {k}. The empty string is the schedule with no choices.

import (
	"fmt"
	"strconv"
	"strings"
)

// EncodeSchedule writes choices (each >= 0) as a schedule string.
func EncodeSchedule(choices []int) string {
	var b strings.Builder
	for i := 0; i < len(choices); {
		c, k := choices[i], 1
		for i+k < len(choices) && choices[i+k] == c {
			k++
		}
		tok := "(" + strconv.Itoa(c) + ")"
		if c < 36 {
			tok = strconv.FormatInt(int64(c), 36)
		}
		if k > 4 {
			b.WriteString(tok + "{" + strconv.Itoa(k) + "}")
		} else {
			b.WriteString(strings.Repeat(tok, k))
		}
		i += k
	}
	return b.String()
}

// DecodeSchedule parses a schedule string into its choices.
func DecodeSchedule(s string) ([]int, error) {
	var out []int
	last := -1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case '0' <= c && c <= '9', 'a' <= c && c <= 'z':
			last = int(digit36(c))
			out = append(out, last)
			i++
		case c == '(' || c == '{':
			n, next, err := decimal(s, i)
			if err != nil {
				return nil, err
			}
			if c == '(' {
				last = n
				out = append(out, n)
			} else {
				if last < 0 || n < 1 {
					return nil, fmt.Errorf("schedule: repeat {%d} at offset %d needs a choice before it and k >= 1", n, i)
				}
				for range n - 1 {
					out = append(out, last)
				}
				last = -1 // "0{3}{2}" is not a schedule
			}
			i = next
		default:
			return nil, fmt.Errorf("schedule: invalid character %q at offset %d", c, i)
		}
	}
	return out, nil
}

func digit36(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

// decimal parses "(n)" or "{n}" starting at s[i]; it returns n and the offset after it.
func decimal(s string, i int) (n, next int, err error) {
	closer := byte(')')
	if s[i] == '{' {
		closer = '}'
	}
	j := strings.IndexByte(s[i:], closer)
	if j < 0 {
		return 0, 0, fmt.Errorf("schedule: unterminated %q at offset %d", s[i], i)
	}
	n, err = strconv.Atoi(s[i+1 : i+j])
	if err != nil || n < 0 || n > 1<<30 {
		return 0, 0, fmt.Errorf("schedule: bad number %q at offset %d", s[i+1:i+j], i+1)
	}
	return n, i + j + 1, nil
}

// Replay is a Chooser that makes the choices of a schedule string, in order. A choice
// out of range for the run, or running out of choices, ends the run with StatusChooser
// and an error saying where.
type Replay struct {
	choices []int
	pos     int
}

// NewReplay returns a Chooser replaying schedule, or an error if it does not parse.
func NewReplay(schedule string) (*Replay, error) {
	c, err := DecodeSchedule(schedule)
	if err != nil {
		return nil, err
	}
	return &Replay{choices: c}, nil
}

// Choose implements Chooser.
func (r *Replay) Choose(ctx ChoiceContext) (int, error) {
	if r.pos >= len(r.choices) {
		return 0, fmt.Errorf("replay: schedule too short: the run needs choice #%d (step %d, %d alternatives), the schedule has %d",
			r.pos+1, ctx.Step, ctx.N, len(r.choices))
	}
	c := r.choices[r.pos]
	if c >= ctx.N {
		return 0, fmt.Errorf("replay: choice #%d is %d, out of range at step %d: %d alternatives",
			r.pos+1, c, ctx.Step, ctx.N)
	}
	r.pos++
	return c, nil
}

// Unused returns the number of choices the run has not consumed (yet): a replay that
// reproduces its run exactly ends with 0.
func (r *Replay) Unused() int { return len(r.choices) - r.pos }
