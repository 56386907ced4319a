package main

// The timeline: a run as a goroutine × time diagram, in inline SVG. Time flows down,
// one row per trace event; each goroutine has a lane showing, row by row, whether it
// runs, waits to run or is parked; arrows show who readied (or started) whom; each row
// says in words what happened, on which channel, with which value, and what the
// channels held afterwards (from the run's observations).

import (
	"errors"
	"fmt"
	"html"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/proptest"
)

// laneState is what a goroutine is doing during one row.
type laneState uint8

const (
	stNone     laneState = iota // not started yet
	stRunnable                  // could run, waits for the scheduler
	stRunning                   // performs this row's event
	stParked                    // parked in gopark, until readied
	stDead                      // exited
)

// tlRow is one event of the timeline.
type tlRow struct {
	ev     impl.Event
	text   string
	class  string      // eventClass
	states []laneState // per lane
	actor  int         // the lane performing the event
	arrow  int         // the lane readied or started, or -1
	chans  string      // the channels after the event
	same   bool        // chans is what the row before showed
}

// timeline is a laid-out run.
type timeline struct {
	n        *names
	lanes    []int64 // G ids, in order of creation
	rows     []tlRow
	mark     int    // the check failed at rows[mark-1], on the state after it; 0: not known
	markText string // what the mark says
}

// buildTimeline lays out trace; obs, if not nil, are the run's observations.
func buildTimeline(n *names, trace []impl.Event, obs []impl.Observation) *timeline {
	t := &timeline{n: n}
	lane := map[int64]int{}
	addLane := func(id int64) {
		if _, ok := lane[id]; !ok {
			lane[id] = len(t.lanes)
			t.lanes = append(t.lanes, id)
		}
	}
	addLane(1)
	for _, ev := range trace {
		addLane(ev.G)
		if id, ok := gArg(ev, "new"); ok && ev.Kind == impl.EvGoCreate {
			addLane(id)
		}
	}
	created, parked, dead := map[int64]bool{1: true}, map[int64]bool{}, map[int64]bool{}
	next := 0 // the next observation to use
	prevChans := ""
	for i, ev := range trace {
		r := tlRow{ev: ev, text: n.describe(ev), class: eventClass(ev.Kind), actor: lane[ev.G], arrow: -1}
		for _, id := range t.lanes {
			r.states = append(r.states, stateOf(id, ev.G, created, parked, dead))
		}
		switch ev.Kind {
		case impl.EvGoCreate, impl.EvReady:
			key := map[impl.EventKind]string{impl.EvGoCreate: "new", impl.EvReady: "target"}[ev.Kind]
			if id, ok := gArg(ev, key); ok {
				r.arrow = lane[id]
				created[id], parked[id] = true, false
			}
		case impl.EvPark:
			parked[ev.G] = true
		case impl.EvParkAbort:
			parked[ev.G] = false
		case impl.EvGoExit, impl.EvGoPanic:
			dead[ev.G] = true
		}
		for next < len(obs) && obs[next].TraceLen <= i+1 {
			next++
		}
		if next > 0 {
			r.chans = n.chans(obs[next-1])
		}
		r.same = r.chans == prevChans
		prevChans = r.chans
		t.rows = append(t.rows, r)
	}
	return t
}

// markTexts are the marks of the properties whose checks say at which event they
// failed (proptest.EventError); at most markW wide.
var markTexts = map[string]string{
	"step refinement (Runtime)": "✗ the spec does not allow this step",
	"refinement mapping":        "✗ no spec step for this event",
	"abstraction function":      "✗ channels here are not the spec's",
	"deadlock freedom":          "✗ impl stopped; the spec can go on",
	"abstraction":               "✗ spec state shows another outcome",
}

// markFailure marks the row where the check of property failed with err: the event a
// proptest.EventError names, or the last for a check of how the run ended.
func (t *timeline) markFailure(property string, err error) {
	var ee *proptest.EventError
	switch {
	case err == nil:
	case property == "impl run":
		t.mark, t.markText = len(t.rows), "✗ the run stopped here"
	case errors.As(err, &ee) && ee.Event >= 0 && ee.Event < len(t.rows):
		t.mark, t.markText = ee.Event+1, cmpOr(markTexts[property], "✗ "+property)
	case property == "outcome in the spec's Runtime outcomes":
		t.mark, t.markText = len(t.rows), "✗ an outcome the spec does not allow"
	}
}

func stateOf(id, actor int64, created, parked, dead map[int64]bool) laneState {
	switch {
	case id == actor:
		return stRunning
	case !created[id]:
		return stNone
	case dead[id]:
		return stDead
	case parked[id]:
		return stParked
	}
	return stRunnable
}

// chans describes the channels of an observation: "c0 [1 2] sendq g0 g1 closed".
func (n *names) chans(o impl.Observation) string {
	var parts []string
	for _, c := range o.Chans {
		s := n.ch(c.ID) + " ["
		for i, v := range c.Buf {
			if i > 0 {
				s += " "
			}
			s += fmt.Sprint(v)
		}
		s += "]"
		s += n.queue(" sendq", c.SendQ) + n.queue(" recvq", c.RecvQ)
		if c.Closed {
			s += " closed"
		}
		if c.Locked {
			s += " 🔒"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

func (n *names) queue(label string, ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	var gs []string
	for _, id := range ids {
		gs = append(gs, n.g(id))
	}
	return label + " " + strings.Join(gs, " ")
}

// Geometry of the SVG, in pixels.
const (
	rowH   = 20
	headH  = 46
	stepW  = 46
	textW  = 330
	laneW  = 78
	chansW = 360
	markW  = 300 // the mark's label, right of the channels
)

// laneColors colour the goroutines' names and running bars.
var laneColors = []string{"#495057", "#1971c2", "#c2255c", "#2b8a3e", "#e8590c", "#6741d9", "#0c8599", "#a61e4d"}

func laneColor(i int) string { return laneColors[i%len(laneColors)] }

// classColors colour an event's marker.
var classColors = map[string]string{
	"detail": "#adb5bd", "chan": "#1971c2", "park": "#f08c00", "ready": "#6741d9",
	"exit": "#212529", "panic": "#e03131",
}

// svg renders the timeline.
func (t *timeline) svg() string {
	lanesX := stepW + textW
	chansX := lanesX + laneW*len(t.lanes) + 12
	width := chansX + chansW
	if t.mark > 0 {
		width += markW
	}
	height := headH + rowH*len(t.rows) + 24
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="%d" height="%d" viewBox="0 0 %d %d">`,
		width, height, width, height)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6741d9"/></marker></defs>`)
	t.header(&b, lanesX, chansX)
	for i := range t.rows {
		t.row(&b, i, lanesX, chansX, width)
	}
	if t.mark > 0 && t.mark <= len(t.rows) {
		y := headH + rowH*t.mark
		fmt.Fprintf(&b, `<line x1="0" x2="%d" y1="%d" y2="%d" stroke="#e03131" stroke-width="2"/>`, width, y, y)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="mark">%s</text>`, chansX+chansW+8, y-6, esc(t.markText))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// header writes the column titles and the lanes' names.
func (t *timeline) header(b *strings.Builder, lanesX, chansX int) {
	fmt.Fprintf(b, `<text x="%d" y="30" class="head" text-anchor="end">step</text>`, stepW-8)
	fmt.Fprintf(b, `<text x="%d" y="30" class="head">goroutine: what it did</text>`, stepW)
	for i, id := range t.lanes {
		cx := lanesX + laneW*i + laneW/2
		fmt.Fprintf(b, `<text x="%d" y="20" class="lane" text-anchor="middle" fill="%s">%s</text>`,
			cx, laneColor(i), esc(t.n.g(id)))
		fmt.Fprintf(b, `<text x="%d" y="36" class="gid" text-anchor="middle">G%d</text>`, cx, id)
	}
	fmt.Fprintf(b, `<text x="%d" y="30" class="head">channels: [buffer] queues (latest scheduling point)</text>`, chansX)
	fmt.Fprintf(b, `<line x1="0" x2="%d" y1="%d" y2="%d" stroke="#ced4da"/>`, chansX+chansW, headH-4, headH-4)
}

// row writes row i: its band, the lanes' states, the marker and arrow, and the text.
func (t *timeline) row(b *strings.Builder, i, lanesX, chansX, width int) {
	r := &t.rows[i]
	y := headH + rowH*i
	mid := y + rowH/2
	switch {
	case i == t.mark-1:
		fmt.Fprintf(b, `<rect class="marked" x="0" y="%d" width="%d" height="%d" fill="#ffe3e3"/>`, y, width, rowH)
	case r.ev.Step%2 == 1:
		fmt.Fprintf(b, `<rect x="0" y="%d" width="%d" height="%d" fill="#f5f7fa"/>`, y, width, rowH)
	}
	if i == 0 || t.rows[i-1].ev.Step != r.ev.Step {
		fmt.Fprintf(b, `<text x="%d" y="%d" class="step" text-anchor="end">%d</text>`, stepW-8, y+14, r.ev.Step)
	}
	for l, st := range r.states {
		st.draw(b, lanesX+laneW*l+laneW/2, y, laneColor(l))
	}
	ax := lanesX + laneW*r.actor + laneW/2
	if r.arrow >= 0 {
		tx := lanesX + laneW*r.arrow + laneW/2
		dash := ""
		if r.ev.Kind == impl.EvGoCreate {
			dash = ` stroke-dasharray="4 3"`
		}
		off := 7
		if tx < ax {
			off = -7
		}
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#6741d9" stroke-width="1.5"%s marker-end="url(#arrow)"/>`,
			ax+off, mid, tx-off, mid, dash)
	}
	fmt.Fprintf(b, `<circle cx="%d" cy="%d" r="4.5" fill="%s" stroke="#fff"><title>%s</title></circle>`,
		ax, mid, classColors[r.class], esc(r.ev.String()))
	fmt.Fprintf(b, `<text x="%d" y="%d" class="ev %s"><tspan class="who" fill="%s">%s</tspan> %s<title>%s</title></text>`,
		stepW, y+14, r.class, laneColor(r.actor), esc(t.n.g(r.ev.G)), esc(r.text), esc(r.ev.String()))
	if r.chans != "" {
		cls := "chans"
		if r.same {
			cls += " same"
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" class="%s">%s</text>`, chansX, y+14, cls, esc(r.chans))
	}
}

// draw draws one lane's state during one row, centred on x.
func (st laneState) draw(b *strings.Builder, x, y int, color string) {
	switch st {
	case stRunning:
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="10" height="%d" fill="%s"/>`, x-5, y, rowH, color)
	case stRunnable:
		fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#adb5bd" stroke-width="2" stroke-dasharray="3 3"/>`, x, x, y, y+rowH)
	case stParked:
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="6" height="%d" fill="#f08c00" fill-opacity="0.55"/>`, x-3, y, rowH)
	}
}

func esc(s string) string { return html.EscapeString(s) }

// legend is the key of the timeline's marks, as inline SVG.
const legend = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="22" class="legend">` +
	`<rect x="2" y="4" width="10" height="14" fill="#1971c2"/><text x="18" y="16">running (the row's event)</text>` +
	`<line x1="190" x2="190" y1="4" y2="18" stroke="#adb5bd" stroke-width="2" stroke-dasharray="3 3"/><text x="198" y="16">runnable</text>` +
	`<rect x="272" y="4" width="6" height="14" fill="#f08c00" fill-opacity="0.55"/><text x="284" y="16">parked</text>` +
	`<line x1="346" x2="384" y1="11" y2="11" stroke="#6741d9" stroke-width="1.5" marker-end="url(#larrow)"/><text x="392" y="16">readies</text>` +
	`<line x1="456" x2="494" y1="11" y2="11" stroke="#6741d9" stroke-width="1.5" stroke-dasharray="4 3" marker-end="url(#larrow)"/><text x="502" y="16">starts (go)</text>` +
	`<text x="596" y="16" fill="#868e96">grey rows: scheduler detail</text>` +
	`<defs><marker id="larrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#6741d9"/></marker></defs></svg>`
