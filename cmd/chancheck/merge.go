package main

// summary.json and 'chancheck merge': every campaign writes what it checked and found
// into its -out directory; merge reads the summaries of the shards of one campaign
// (-shard i/n, one -seed), checks that they belong together, and adds them up.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// summaryFile is the name of a campaign's summary in its -out directory.
const summaryFile = "summary.json"

// summaryVersion is the version of summary.json's format that this command writes and
// reads.
const summaryVersion = 1

// Results of a campaign (shardSummary.Result).
const (
	resultOK          = "ok"          // the budget was spent, no bug found
	resultBug         = "bug"         // a bug found; the report is in the out directory
	resultInterrupted = "interrupted" // stopped by Ctrl-C before its budget was spent, no bug found
)

// shardSummary is summary.json: one campaign's parameters, result and work. Durations
// are written as Go durations ("4.1s", "326ms").
type shardSummary struct {
	Version   int          `json:"version"`            // summaryVersion
	Target    string       `json:"target"`             // -target: "impl", "native" or "mutant:NAME"
	Strength  string       `json:"strength,omitempty"` // -strength of target native: "language" or "runtime"
	Runtime   string       `json:"runtime,omitempty"`  // target native: the Go runtime, e.g. "go1.26.8 linux/amd64, GOMAXPROCS 2"
	Checks    string       `json:"checks"`             // -checks, comma-separated: "steps,abstraction,outcome,porcupine,fast"
	Seed      uint64       `json:"seed"`               // -seed
	Shard     int          `json:"shard"`              // i of -shard i/n
	Shards    int          `json:"shards"`             // n of -shard i/n (1 when not sharded)
	Budget    budgetJSON   `json:"budget"`             // when the campaign was to stop
	Bounds    boundsJSON   `json:"bounds"`             // the size of its programs and runs
	Result    string       `json:"result"`             // "ok", "bug" or "interrupted"
	Elapsed   duration     `json:"elapsed"`            // the search, as the table's total line (shrinking excluded)
	Rows      []summaryRow `json:"rows"`               // the summary table's rows, one per check
	Programs  int          `json:"programs"`           // programs run under schedules
	Schedules int          `json:"schedules"`          // runs of those programs
	Histories int          `json:"histories"`          // Parallel-mode histories checked
	Report    string       `json:"report,omitempty"`   // result "bug": report.html, relative to the out directory
	Replay    string       `json:"replay,omitempty"`   // result "bug": replay.txt, relative to the out directory, if written
}

// budgetJSON is -duration and -programs.
type budgetJSON struct {
	Duration duration `json:"duration"` // most time spent searching; "0s": no time limit
	Programs int      `json:"programs"` // most programs (and workloads); 0: no limit
}

// boundsJSON is the flags that bound programs and runs.
type boundsJSON struct {
	Goroutines int `json:"goroutines"` // -goroutines: most goroutines in a program
	Chans      int `json:"chans"`      // -chans: most channels
	Ops        int `json:"ops"`        // -ops: most operations per goroutine
	Schedules  int `json:"schedules"`  // -schedules: random schedules per program, and as many PCT ones
	Procs      int `json:"procs"`      // -procs: Ps of the Parallel-mode runs
}

// duration is a time.Duration that JSON holds as its String form, which
// time.ParseDuration reads back exactly.
type duration time.Duration

func (d duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q", b)
	}
	*d = duration(v)
	return nil
}

// saveSummary writes the summary of a campaign that found f (and reported it in rep,
// nil if it found nothing) in elapsed into o.out; a failure to write it is reported
// on stderr and does not change the campaign's exit code.
func (o *campaignOpts) saveSummary(stderr io.Writer, f findings, rep *report, interrupted bool, elapsed time.Duration) {
	s := shardSummary{
		Version: summaryVersion, Target: o.target.String(), Checks: o.checks.String(), Seed: o.seed,
		Shard: o.shard.i, Shards: max(o.shard.n, 1),
		Budget: budgetJSON{Programs: o.programs},
		Bounds: boundsJSON{Goroutines: o.goroutines, Chans: o.chans, Ops: o.ops, Schedules: o.schedules, Procs: o.procs},
		Result: resultOK, Elapsed: duration(elapsed), Rows: summaryRows(f),
		Programs: f.sched.Programs, Schedules: f.sched.Schedules, Histories: f.hist.Histories,
	}
	if o.timeBound {
		s.Budget.Duration = duration(o.duration)
	}
	if o.target.native {
		s.Strength, s.Runtime = o.strength.String(), goRuntime()
	}
	switch {
	case rep != nil:
		s.Result = resultBug
		for _, path := range rep.Files {
			rel, err := filepath.Rel(o.out, path)
			switch {
			case err != nil:
			case filepath.Base(path) == "report.html":
				s.Report = rel
			case filepath.Base(path) == "replay.txt":
				s.Replay = rel
			}
		}
	case interrupted:
		s.Result = resultInterrupted
	}
	if err := writeShardSummary(o.out, &s); err != nil {
		fmt.Fprintf(stderr, "chancheck: writing the summary: %v\n", err)
	}
}

// writeShardSummary writes s as dir/summary.json, creating dir.
func writeShardSummary(dir string, s *shardSummary) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, summaryFile), append(data, '\n'), 0o644)
}

// shardRun is one shard's summary, as merge read it.
type shardRun struct {
	dir  string // the directory given (its report paths are relative to it)
	path string // the summary file read
	shardSummary
}

// readShardSummary reads DIR/summary.json, or the file arg itself if it is not a
// directory. Its errors name the file, and for malformed JSON the line and column.
func readShardSummary(arg string) (*shardRun, error) {
	sr := &shardRun{dir: arg, path: filepath.Join(arg, summaryFile)}
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		sr.dir, sr.path = filepath.Dir(arg), arg
	}
	data, err := os.ReadFile(sr.path)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &sr.shardSummary); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return nil, fmt.Errorf("%s:%s: %v", sr.path, lineCol(data, syntax.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%s:%s: %v", sr.path, lineCol(data, typ.Offset), err)
		}
		return nil, fmt.Errorf("%s: %v", sr.path, err)
	}
	s := &sr.shardSummary
	switch {
	case s.Version != summaryVersion:
		return nil, fmt.Errorf("%s: summary version %d, want %d", sr.path, s.Version, summaryVersion)
	case s.Shards < 1 || s.Shard < 0 || s.Shard >= s.Shards:
		return nil, fmt.Errorf("%s: invalid shard %d/%d", sr.path, s.Shard, s.Shards)
	case s.Result != resultOK && s.Result != resultBug && s.Result != resultInterrupted:
		return nil, fmt.Errorf("%s: invalid result %q (want %s, %s or %s)", sr.path, s.Result, resultOK, resultBug, resultInterrupted)
	}
	return sr, nil
}

// lineCol returns the 1-based "line:column" of the last byte encoding/json read before
// an error at offset (its errors' Offset counts the bytes read): for a syntax error,
// the offending byte.
func lineCol(data []byte, offset int64) string {
	pos := int(min(max(offset-1, 0), int64(len(data))))
	before := data[:pos]
	line := bytes.Count(before, []byte("\n")) + 1
	col := pos - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

func runMergeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	partial := fs.Bool("partial", false, "merge the shards present although some are missing or were interrupted (exit 0 if none found a bug)")
	fs.SetOutput(io.Discard)
	dirs, err := parseFlags(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		cmdUsage(stdout, fs)
		return exitOK
	case err == nil && len(dirs) == 0:
		err = errors.New("want the -out directories of the shards (DIR...)")
	}
	if err != nil {
		fmt.Fprintf(stderr, "chancheck: %v\n\n", err)
		cmdUsage(stderr, fs)
		return exitUsage
	}
	var shards []*shardRun
	for _, dir := range dirs {
		sr, err := readShardSummary(dir)
		if err != nil {
			return inputError(stderr, err)
		}
		shards = append(shards, sr)
	}
	if err := checkShards(shards); err != nil {
		return inputError(stderr, err)
	}
	return printMerge(stdout, stderr, shards, *partial)
}

// checkShards checks that the shards are of one campaign: the same target (and, for
// native, strength and Go runtime), checks, seed, shard count and bounds, each shard once.
func checkShards(shards []*shardRun) error {
	first := shards[0]
	seen := map[int]string{}
	for _, sr := range shards {
		for _, f := range []struct {
			name      string
			got, want any
		}{{"target", sr.Target, first.Target}, {"strength", sr.Strength, first.Strength},
			{"runtime", sr.Runtime, first.Runtime},
			{"checks", sr.Checks, first.Checks}, {"seed", sr.Seed, first.Seed},
			{"shard count", sr.Shards, first.Shards}, {"bounds", sr.Bounds, first.Bounds}} {
			if f.got != f.want {
				return fmt.Errorf("%s: %s %v, but %s has %v: not shards of one campaign", sr.path, f.name, f.got, first.path, f.want)
			}
		}
		if other, dup := seen[sr.Shard]; dup {
			return fmt.Errorf("%s: shard %d/%d again (also %s)", sr.path, sr.Shard, sr.Shards, other)
		}
		seen[sr.Shard] = sr.path
	}
	return nil
}

// printMerge prints the shards, the merged table and the verdict, and returns the
// exit code.
func printMerge(stdout, stderr io.Writer, shards []*shardRun, partial bool) int {
	n := shards[0].Shards
	fmt.Fprintf(stdout, "chancheck merge: target %s, checks %s, seed %d, %d of %d shards\n\n",
		shards[0].Target, shards[0].Checks, shards[0].Seed, len(shards), n)
	fmt.Fprintf(stdout, "%-7s %-12s %9s %9s  %s\n", "shard", "result", "programs", "elapsed", "report")
	byIndex := map[int]*shardRun{}
	for _, sr := range shards {
		byIndex[sr.Shard] = sr
	}
	var rows []summaryRow
	tot := summaryTotals{native: shards[0].Target == "native"}
	var bugs, interrupted, missing []string
	for i := range n {
		name := fmt.Sprintf("%d/%d", i, n)
		sr := byIndex[i]
		if sr == nil {
			missing = append(missing, name)
			fmt.Fprintf(stdout, "%-7s %s\n", name, "missing")
			continue
		}
		report := ""
		switch sr.Result {
		case resultBug:
			report = "(no report written)"
			if sr.Report != "" {
				report = filepath.Join(sr.dir, sr.Report)
			}
			bugs = append(bugs, fmt.Sprintf("shard %s found a bug: %s", name, report))
		case resultInterrupted:
			interrupted = append(interrupted, name)
		}
		line := fmt.Sprintf("%-7s %-12s %9d %9s  %s", name, sr.Result, sr.Programs, round(time.Duration(sr.Elapsed)), report)
		fmt.Fprintln(stdout, strings.TrimRight(line, " "))
		rows = addRows(rows, sr.Rows)
		tot.programs += sr.Programs
		tot.schedules += sr.Schedules
		tot.histories += sr.Histories
		tot.elapsed += time.Duration(sr.Elapsed)
	}
	printSummary(stdout, rows, tot)
	fmt.Fprintln(stdout)
	incomplete := ""
	if len(missing) > 0 {
		incomplete = "missing shards " + strings.Join(missing, " ")
	}
	if len(interrupted) > 0 {
		incomplete = strings.TrimPrefix(incomplete+"; interrupted shards "+strings.Join(interrupted, " "), "; ")
	}
	switch {
	case len(bugs) > 0:
		for _, b := range bugs {
			fmt.Fprintf(stdout, "FAIL %s\n", b)
		}
		if incomplete != "" {
			fmt.Fprintf(stdout, "(%s)\n", incomplete)
		}
		return exitBug
	case incomplete != "" && !partial:
		fmt.Fprintf(stderr, "chancheck merge: not a complete campaign: %s (-partial merges the shards present)\n", incomplete)
		return exitUsage
	}
	fmt.Fprintf(stdout, "ok: no bug found in %d programs (%d %s) and %d histories, %d of %d shards, %s of campaign time\n",
		tot.programs, tot.schedules, tot.runsWord(), tot.histories, len(shards), n, round(tot.elapsed))
	if incomplete != "" {
		fmt.Fprintf(stdout, "partial: %s\n", incomplete)
	}
	return exitOK
}

// addRows adds rows to sum, row by row of the same check name; checks sum lacks are
// appended in order.
func addRows(sum, rows []summaryRow) []summaryRow {
	for _, r := range rows {
		i := slices.IndexFunc(sum, func(s summaryRow) bool { return s.Name == r.Name })
		if i < 0 {
			sum = append(sum, summaryRow{Name: r.Name})
			i = len(sum) - 1
		}
		s := &sum[i]
		s.Runs += r.Runs
		s.Failures += r.Failures
		s.Time += r.Time
		s.TooLarge += r.TooLarge
		s.Undecided += r.Undecided
	}
	return sum
}
