package main

// Trace events in words, with the program's names: "g0 c0: hand 1 to g1" rather than
// "8 g2 SendToReceiver ch1 v=1 to=3 case=0".

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// names maps a run's G ids and channel ids to the program's names.
type names struct {
	goName map[int64]string // G id -> "main" or the program goroutine's name
	chName map[int64]string // channel id -> the program channel's name
}

// newNames maps goIDs (ProgramRun.GoIDs) and the channels of trace's MakeChan events,
// made in program order with nil channels left out (impl.RunProgram), to p's names.
func newNames(p *spec.Program, goIDs []int64, trace []impl.Event) *names {
	n := &names{goName: map[int64]string{1: "main"}, chName: map[int64]string{}}
	for i, id := range goIDs {
		if i < len(p.Goroutines) {
			n.goName[id] = p.Goroutines[i].Name
		}
	}
	var made []string
	for _, d := range p.Chans {
		if !d.Nil {
			made = append(made, d.Name)
		}
	}
	k := 0
	for _, ev := range trace {
		if ev.Kind == impl.EvMakeChan && k < len(made) {
			n.chName[ev.Chan] = made[k]
			k++
		}
	}
	return n
}

// legend lists the goroutines' names with their G ids: "main=G1 g0=G2 g1=G3".
func (n *names) legend() string {
	ids := slices.Sorted(maps.Keys(n.goName))
	var parts []string
	for _, id := range ids {
		parts = append(parts, fmt.Sprintf("%s=G%d", n.goName[id], id))
	}
	return strings.Join(parts, " ")
}

// g names G id.
func (n *names) g(id int64) string {
	if s, ok := n.goName[id]; ok {
		return s
	}
	return "G" + strconv.FormatInt(id, 10)
}

// ch names channel id (0: the nil channel).
func (n *names) ch(id int64) string {
	if id == 0 {
		return "nil chan"
	}
	if s, ok := n.chName[id]; ok {
		return s
	}
	return "ch" + strconv.FormatInt(id, 10)
}

// arg returns the value of ev's argument key, or nil.
func arg(ev impl.Event, key string) any {
	for _, a := range ev.Args {
		if a.Key == key {
			return a.Val
		}
	}
	return nil
}

// gArg returns ev's argument key as a G id.
func gArg(ev impl.Event, key string) (int64, bool) {
	id, err := strconv.ParseInt(fmt.Sprint(arg(ev, key)), 10, 64)
	return id, err == nil
}

// describe says what ev did, naming goroutines and channels as the program does.
func (n *names) describe(ev impl.Event) string {
	c, v := n.ch(ev.Chan), arg(ev, "v")
	gname := func(key string) string {
		id, _ := gArg(ev, key)
		return n.g(id)
	}
	switch ev.Kind {
	case impl.EvGoCreate:
		return "go " + gname("new")
	case impl.EvGoStart:
		return "starts"
	case impl.EvGoExit:
		return "exits"
	case impl.EvGoPanic:
		return fmt.Sprintf("panics: %v", arg(ev, "value"))
	case impl.EvLock:
		return "lock " + c
	case impl.EvUnlock:
		return "unlock " + c
	case impl.EvPark:
		return n.describePark(ev)
	case impl.EvParkAbort:
		return "park aborted: runs on"
	case impl.EvReady:
		return "readies " + gname("target")
	case impl.EvMakeChan:
		return fmt.Sprintf("make %s (cap %v)", c, arg(ev, "cap"))
	}
	return n.describeChan(ev, c, v)
}

func (n *names) describePark(ev impl.Event) string {
	reason := fmt.Sprint(arg(ev, "reason"))
	if reason == "" && ev.G == 1 {
		return "parks: waits for the program's goroutines"
	}
	return "parks (" + reason + ")"
}

// describeChan describes the channel layer's events.
func (n *names) describeChan(ev impl.Event, c string, v any) string {
	gname := func(key string) string {
		id, _ := gArg(ev, key)
		return n.g(id)
	}
	switch ev.Kind {
	case impl.EvBufSend:
		return fmt.Sprintf("%s: %v into the buffer (slot %v)", c, v, arg(ev, "sendx"))
	case impl.EvBufRecv:
		return fmt.Sprintf("%s: %v out of the buffer (slot %v)", c, v, arg(ev, "recvx"))
	case impl.EvSendToReceiver:
		return fmt.Sprintf("%s: hands %v to parked %s", c, v, gname("to"))
	case impl.EvRecvFromSender:
		return fmt.Sprintf("%s: takes %v from parked %s", c, v, gname("from"))
	case impl.EvRecvRotate:
		return fmt.Sprintf("%s: takes %v from the buffer, %s's %v to its tail", c, v, gname("from"), arg(ev, "in"))
	case impl.EvRecvClosed:
		return c + ": closed and empty: receives (0, false)"
	case impl.EvEnqueueSend:
		return c + ": joins sendq"
	case impl.EvEnqueueRecv:
		return c + ": joins recvq"
	case impl.EvClose:
		return "close " + c
	case impl.EvCloseRelease:
		return fmt.Sprintf("%s: close releases %s (%v)", c, gname("g"), arg(ev, "dir"))
	case impl.EvSelectPass1:
		return fmt.Sprintf("select: case %v ready (pass 1)", arg(ev, "case"))
	case impl.EvSelectDefault:
		return "select: default"
	case impl.EvSelectEnqueue:
		return "select: joins every case's queue (pass 2)"
	case impl.EvSelectWake:
		return fmt.Sprintf("select: woken by case %v (pass 3)", arg(ev, "case"))
	case impl.EvFastPathOpen:
		return c + ": fast path sees it open"
	case impl.EvFastPathEmpty:
		return c + ": fast path sees it empty"
	case impl.EvFastPathNotReady:
		return c + ": fast path: not ready"
	case impl.EvNotReady:
		return c + ": not ready"
	case impl.EvSendClosed:
		return c + ": send on closed channel"
	case impl.EvClosePanic:
		return fmt.Sprintf("%s: %v", c, arg(ev, "panic"))
	case impl.EvLen:
		return fmt.Sprintf("len(%s) = %v", c, v)
	case impl.EvCap:
		return fmt.Sprintf("cap(%s) = %v", c, v)
	}
	return ev.String()
}

// eventClass sorts events for the timeline's colours: scheduler detail, channel
// operations, parks, readies, exits and panics.
func eventClass(k impl.EventKind) string {
	switch k {
	case impl.EvLock, impl.EvUnlock, impl.EvGoStart:
		return "detail"
	case impl.EvPark, impl.EvParkAbort:
		return "park"
	case impl.EvReady, impl.EvGoCreate:
		return "ready"
	case impl.EvGoExit:
		return "exit"
	case impl.EvGoPanic, impl.EvSendClosed, impl.EvClosePanic:
		return "panic"
	}
	return "chan"
}
