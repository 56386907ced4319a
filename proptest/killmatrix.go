//go:build chanmutants

package proptest

// The kill matrix: every mutant of impl (impl/mutant.go) against every checker, each
// on its own, reporting whether it kills the mutant and how fast. It is what
// `chancheck mutants` prints and what TestKillMatrix gates CI on.

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/spec"
)

// KillCheckers lists the checkers of the kill matrix, cheapest first:
//
//	invariants   a campaign checking only PropRun: impl/invariants.go at every
//	             scheduling point, lock waits, livelock, the impl's own throws
//	steps        PropSteps: step refinement at Runtime strength, then deadlock freedom
//	abstraction  PropAbstraction: the abstraction function at every scheduling point
//	outcome      PropOutcome: the outcome is one of the spec's Runtime outcomes
//	porcupine    linearizability.Campaign with Porcupine only (Parallel mode)
//	fast         linearizability.Campaign with the fast channel checker only
//	coverage     completeness: every outcome the spec allows is reached by some schedule
//	             (Exhaust at preemption bound 2) on small programs, so a mutant that only
//	             removes behaviours is seen too
//
// PropRun is always on in the proptest campaigns, so a cell names the check that
// failed first (Cell.By); a Parallel run that ends badly counts as "run".
var KillCheckers = []string{"invariants", "steps", "abstraction", "outcome", "porcupine", "fast", "coverage"}

// KillOptions configures KillMatrix.
type KillOptions struct {
	Budget    time.Duration // per mutant, checker and seed (0: 10 s)
	Seeds     int           // seeds per cell (0: 3); the time is the median over them
	Mutants   []string      // nil: all, sorted
	Checkers  []string      // nil: KillCheckers
	FirstKill bool          // stop a mutant's row at its first killing checker
	// Progress, if set, is called after each cell.
	Progress func(mutant string, c KillCell)
}

// KillCell is one mutant against one checker.
type KillCell struct {
	Checker string
	Killed  int           // seeds (of Seeds) that killed it within the budget
	Seeds   int           // seeds run (fewer than asked once the median is known to be a survival)
	Median  time.Duration // median time to kill over the seeds; a survival counts as infinite
	By      string        // the property that failed first, on the first killing seed
}

// Dead reports whether the median seed killed the mutant.
func (c KillCell) Dead() bool { return 2*c.Killed > c.Seeds }

// KillRow is one mutant's row.
type KillRow struct {
	Name string
	impl.Mutant
	Cells []KillCell
}

// Killed reports whether some checker killed the mutant.
func (r KillRow) Killed() bool { return slices.ContainsFunc(r.Cells, KillCell.Dead) }

// KillMatrix runs every mutant against every checker under opt.
func KillMatrix(ctx context.Context, opt KillOptions) []KillRow {
	if opt.Budget == 0 {
		opt.Budget = 10 * time.Second
	}
	if opt.Seeds == 0 {
		opt.Seeds = 3
	}
	names := opt.Mutants
	if names == nil {
		names = slices.Sorted(maps.Keys(impl.Mutants))
	}
	checkers := opt.Checkers
	if checkers == nil {
		checkers = KillCheckers
	}
	defer impl.SetMutant("")
	var rows []KillRow
	for _, name := range names {
		impl.SetMutant(name)
		row := KillRow{Name: name, Mutant: impl.Mutants[name]}
		for _, ch := range checkers {
			if ctx.Err() != nil {
				break
			}
			c := killCell(ctx, ch, opt)
			row.Cells = append(row.Cells, c)
			if opt.Progress != nil {
				opt.Progress(name, c)
			}
			if opt.FirstKill && c.Dead() {
				break
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// killCell runs checker ch on the mutant switched on, with seeds 1, 2, ... until the
// median is known.
func killCell(ctx context.Context, ch string, opt KillOptions) KillCell {
	c := KillCell{Checker: ch}
	var times []time.Duration
	for seed := 1; seed <= opt.Seeds && 2*(c.Seeds-c.Killed) <= opt.Seeds; seed++ {
		cctx, cancel := context.WithTimeout(ctx, opt.Budget)
		start := time.Now()
		by := killOnce(cctx, ch, uint64(seed))
		d := time.Since(start)
		cancel()
		c.Seeds++
		if by == "" {
			times = append(times, time.Duration(1<<62))
			continue
		}
		c.Killed++
		times = append(times, d)
		if c.By == "" {
			c.By = by
		}
	}
	slices.Sort(times)
	for len(times) < opt.Seeds { // seeds not run would have survived
		times = append(times, time.Duration(1<<62))
	}
	c.Seeds = opt.Seeds
	c.Median = times[len(times)/2]
	return c
}

// killOnce runs one campaign of checker ch from seed until ctx is done, and returns the
// property that failed, or "".
func killOnce(ctx context.Context, ch string, seed uint64) string {
	var props []Property
	switch ch {
	case "invariants":
		props = []Property{}
	case "steps":
		props = []Property{PropSteps}
	case "abstraction":
		props = []Property{PropAbstraction}
	case "outcome":
		props = []Property{PropOutcome}
	case "porcupine", "fast":
		c := &linearizability.Campaign{Seed: seed, Checkers: []linearizability.Checker{linearizability.Checker(ch)}}
		_, f := c.Run(ctx)
		switch {
		case f == nil:
			return ""
		case f.RunErr != nil:
			return "run"
		}
		return ch
	case "coverage":
		return coverageKill()
	default:
		panic("proptest: unknown kill-matrix checker " + ch)
	}
	c := &Campaign{Seed: seed, Props: props}
	_, f := c.Run(ctx)
	if f == nil {
		return ""
	}
	return f.Counterexample.Property
}

// WriteKillMatrix writes rows as a Markdown table: per checker, "median (by)" when
// killed, "–" when not; and a last column saying whether any checker killed it.
func WriteKillMatrix(w io.Writer, rows []KillRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.Debug)
	var cols []string
	for _, r := range rows { // the longest row has every column (FirstKill cuts rows short)
		if len(r.Cells) > len(cols) {
			cols = cols[:0]
			for _, c := range r.Cells {
				cols = append(cols, c.Checker)
			}
		}
	}
	fmt.Fprintf(tw, "| mutant\t item\t %s\t killed |\n", strings.Join(cols, "\t "))
	fmt.Fprintf(tw, "|---\t---\t%s--- |\n", strings.Repeat("---\t", len(cols)))
	for _, r := range rows {
		cells := make([]string, len(cols))
		for i := range cells {
			cells[i] = "·" // not run (FirstKill)
		}
		for i, c := range r.Cells {
			switch {
			case c.Dead():
				cells[i] = fmt.Sprintf("%v %s", c.Median.Round(time.Millisecond), shortBy(c.By))
			default:
				cells[i] = fmt.Sprintf("– (%d/%d)", c.Killed, c.Seeds)
			}
		}
		verdict := "yes"
		switch {
		case r.Killed():
		case r.Equivalent != "":
			verdict = "equivalent"
		default:
			verdict = "**SURVIVES**"
		}
		fmt.Fprintf(tw, "| %s\t %d\t %s\t %s |\n", r.Name, r.Item, strings.Join(cells, "\t "), verdict)
	}
	tw.Flush()
}

// shortBy abbreviates the property that killed a mutant, for the table.
func shortBy(by string) string {
	switch {
	case by == "impl run" || by == "run":
		return "(run)"
	case strings.HasPrefix(by, "step refinement"):
		return "(refinement)"
	case by == "porcupine" || by == "fast" || by == "outcome":
		return ""
	case strings.HasPrefix(by, "outcome"):
		return ""
	}
	return "(" + by + ")"
}

// coveragePrograms are small programs whose every spec outcome the impl reaches within
// two preemptions (TestCoverageProgramsReachEveryOutcome).
var coveragePrograms = []string{
	"chan a 1\nchan b 1\ngo g\n\ta <- 1\n\tb <- 2\n\tselect { <-a; <-b }\n",
	"chan a 0\nchan b 0\ngo g\n\tselect { a <- 1; <-b }\ngo h\n\tselect { b <- 2; <-a }\n",
	"chan c 1\ngo g\n\tc <- 1\n\tlen(c)\ngo h\n\tselect { <-c, ok; default }\n",
}

// coverageKill returns "coverage" if some spec outcome of a coverage program is not
// reached by any schedule within two preemptions, or "" if all are.
func coverageKill() string {
	for _, text := range coveragePrograms {
		p, err := spec.Parse(text)
		if err != nil {
			panic(err)
		}
		if !reachesEveryOutcome(p) {
			return "coverage"
		}
	}
	return ""
}

// reachesEveryOutcome reports whether the impl reaches every Runtime outcome of p
// under the schedules Exhaust explores at preemption bound 2.
func reachesEveryOutcome(p *spec.Program) bool {
	set, err := spec.Outcomes(p, spec.Runtime)
	if err != nil {
		panic(err)
	}
	seen := map[string]bool{}
	_, err = Exhaust(p, 2, func(pr *impl.ProgramRun) error {
		seen[spec.FormatOutcome(p, pr.Outcome)] = true
		return nil
	})
	return err == nil && len(seen) == len(set.Outcomes)
}
