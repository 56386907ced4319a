package main

// The summary table printed at the end of a campaign: one row per check.

import (
	"fmt"
	"io"
	"time"

	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/proptest"
)

// checkDocs says in a few words what each row of the summary checks.
var checkDocs = map[string]string{
	string(proptest.PropRun):                 "impl runs: invariants at every step, no lock deadlock or livelock",
	string(proptest.PropSteps):               "step refinement of the spec (Runtime), deadlock freedom",
	string(proptest.PropAbstraction):         "impl channels = spec channels at every step",
	string(proptest.PropOutcome):             "outcome in the spec's outcome set",
	"history run":                            "workloads in Parallel mode, histories recorded",
	string(linearizability.CheckerPorcupine): "history linearizable (Porcupine)",
	string(linearizability.CheckerFast):      "history linearizable (channel checker)",
}

// summaryRow is one row of the table.
type summaryRow struct {
	name           string
	runs, failures int
	time           time.Duration
	note           string
}

func writeSummary(w io.Writer, f findings, elapsed time.Duration) {
	var rows []summaryRow
	for _, ps := range f.sched.Props {
		if ps.Runs == 0 && ps.Property != proptest.PropOutcome {
			continue // not selected
		}
		r := summaryRow{name: string(ps.Property), runs: ps.Runs, failures: ps.Failures, time: ps.Time}
		if ps.Property == proptest.PropOutcome {
			if ps.Runs == 0 && ps.Time == 0 {
				continue
			}
			if f.sched.TooLarge > 0 {
				r.note = fmt.Sprintf(" (%d of %d programs too large for the spec)", f.sched.TooLarge, f.sched.Programs)
			}
		}
		rows = append(rows, r)
	}
	for _, cs := range f.hist.Checks {
		r := summaryRow{name: cs.Name, runs: cs.Runs, failures: cs.Failures, time: cs.Time}
		if cs.Name == "run" {
			r.name = "history run"
		}
		if cs.Unknown > 0 {
			r.note = fmt.Sprintf(" (%d undecided)", cs.Unknown)
		}
		rows = append(rows, r)
	}
	fmt.Fprintf(w, "\n%-12s %9s %9s %9s  %s\n", "check", "runs", "failures", "time", "what")
	for _, r := range rows {
		fmt.Fprintf(w, "%-12s %9d %9d %9s  %s%s\n", r.name, r.runs, r.failures, round(r.time), checkDocs[r.name], r.note)
	}
	fmt.Fprintf(w, "%-12s %9s %9s %9s  %d programs, %d schedules, %d histories\n",
		"total", "", "", round(elapsed), f.sched.Programs, f.sched.Schedules, f.hist.Histories)
}
