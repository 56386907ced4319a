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
	"native run":                             "programs on the Go runtime's channels, real threads",
	"native hist":                            "workloads on the Go runtime's channels, histories recorded",
	string(linearizability.CheckerPorcupine): "history linearizable (Porcupine)",
	string(linearizability.CheckerFast):      "history linearizable (channel checker)",
}

// summaryRow is one row of the table, and of summary.json's "rows" (merge.go): merged
// shards add up their rows by name.
type summaryRow struct {
	Name      string   `json:"name"`                // the check: run, steps, ..., history run, porcupine, fast
	Runs      int      `json:"runs"`                // runs checked
	Failures  int      `json:"failures"`            // of them, failed
	Time      duration `json:"time"`                // spent checking them ("326ms")
	TooLarge  int      `json:"too_large,omitempty"` // outcome: programs too large for the spec's outcome set
	Undecided int      `json:"undecided,omitempty"` // history checkers: histories neither legal nor illegal in time
}

// summaryTotals is the table's total line.
type summaryTotals struct {
	programs, schedules, histories int
	elapsed                        time.Duration
	native                         bool // the schedules are runs on the real runtime
}

// runsWord is what the total line calls the programs' runs.
func (t summaryTotals) runsWord() string {
	if t.native {
		return "runs"
	}
	return "schedules"
}

// writeSummary prints the table of a campaign's findings, which took elapsed.
func writeSummary(w io.Writer, f findings, elapsed time.Duration) {
	printSummary(w, summaryRows(f), summaryTotals{f.sched.Programs, f.sched.Schedules, f.hist.Histories, elapsed, f.native})
}

// summaryRows returns the table's rows: one per check that ran.
func summaryRows(f findings) []summaryRow {
	var rows []summaryRow
	for _, ps := range f.sched.Props {
		if ps.Runs == 0 && ps.Property != proptest.PropOutcome {
			continue // not selected
		}
		r := summaryRow{Name: string(ps.Property), Runs: ps.Runs, Failures: ps.Failures, Time: duration(ps.Time)}
		if ps.Property == proptest.PropRun && f.native {
			r.Name = "native run"
		}
		if ps.Property == proptest.PropOutcome {
			if ps.Runs == 0 && ps.Time == 0 {
				continue
			}
			r.TooLarge = f.sched.TooLarge
		}
		rows = append(rows, r)
	}
	for _, cs := range f.hist.Checks {
		r := summaryRow{Name: cs.Name, Runs: cs.Runs, Failures: cs.Failures, Time: duration(cs.Time), Undecided: cs.Unknown}
		if cs.Name == "run" {
			r.Name = "history run"
			if f.native {
				r.Name = "native hist"
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// printSummary prints the table: a header, rows, and the total line.
func printSummary(w io.Writer, rows []summaryRow, t summaryTotals) {
	fmt.Fprintf(w, "\n%-12s %9s %9s %9s  %s\n", "check", "runs", "failures", "time", "what")
	for _, r := range rows {
		note := ""
		if r.TooLarge > 0 {
			note = fmt.Sprintf(" (%d of %d programs too large for the spec)", r.TooLarge, t.programs)
		}
		if r.Undecided > 0 {
			note += fmt.Sprintf(" (%d undecided)", r.Undecided)
		}
		fmt.Fprintf(w, "%-12s %9d %9d %9s  %s%s\n", r.Name, r.Runs, r.Failures, round(time.Duration(r.Time)), checkDocs[r.Name], note)
	}
	fmt.Fprintf(w, "%-12s %9s %9s %9s  %d programs, %d %s, %d histories\n",
		"total", "", "", round(t.elapsed), t.programs, t.schedules, t.runsWord(), t.histories)
}
