package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// campaignShards runs the n shards of a small real campaign (seed 7), each with -out
// its own directory, and returns the directories.
func campaignShards(t *testing.T, n int) []string {
	t.Helper()
	root := t.TempDir()
	var dirs []string
	for i := range n {
		dir := filepath.Join(root, fmt.Sprintf("shard-%d", i))
		code, stdout, stderr := chancheck(t, "-seed", "7", "-shard", fmt.Sprintf("%d/%d", i, n),
			"-programs", "3", "-schedules", "2", "-out", dir)
		if code != exitOK {
			t.Fatalf("shard %d/%d: exit %d\n%s%s", i, n, code, stdout, stderr)
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

// readShard reads dir/summary.json.
func readShard(t *testing.T, dir string) *shardSummary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, summaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var s shardSummary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return &s
}

// rewriteShard writes dir/summary.json with edit applied.
func rewriteShard(t *testing.T, dir string, edit func(*shardSummary)) {
	t.Helper()
	s := readShard(t, dir)
	edit(s)
	if err := writeShardSummary(dir, s); err != nil {
		t.Fatal(err)
	}
}

// mergedRow returns the runs and failures that merge's table prints for check name.
func mergedRow(t *testing.T, stdout, name string) (runs, failures int) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` +(\d+) +(\d+) `).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no row %q in:\n%s", name, stdout)
	}
	runs, _ = strconv.Atoi(m[1])
	failures, _ = strconv.Atoi(m[2])
	return runs, failures
}

// TestMergeTwoShards: every campaign writes summary.json with its parameters and
// table; merging the two shards of a real campaign exits 0 and prints one line per
// shard, and a table whose rows and totals are the sums of the shards'.
// Reference: issue 8 (-shard i/n: "how the per-shard reports are merged")
func TestMergeTwoShards(t *testing.T) {
	dirs := campaignShards(t, 2)
	var programs, schedules, histories int
	runs, failures := map[string]int{}, map[string]int{}
	for i, dir := range dirs {
		s := readShard(t, dir)
		if s.Shard != i || s.Shards != 2 || s.Seed != 7 || s.Result != resultOK || s.Target != "impl" ||
			s.Budget.Programs != 3 || s.Bounds.Schedules != 2 || s.Programs != 3 || s.Report != "" || len(s.Rows) != 7 {
			t.Errorf("%s: summary %+v", dir, s)
		}
		programs, schedules, histories = programs+s.Programs, schedules+s.Schedules, histories+s.Histories
		for _, r := range s.Rows {
			runs[r.Name] += r.Runs
			failures[r.Name] += r.Failures
		}
	}
	code, stdout, stderr := chancheck(t, "merge", dirs[0], dirs[1])
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for name, want := range runs {
		if r, f := mergedRow(t, stdout, name); r != want || f != failures[name] || want == 0 {
			t.Errorf("row %s: %d runs, %d failures; the shards sum to %d and %d", name, r, f, want, failures[name])
		}
	}
	for _, want := range []string{
		"seed 7, 2 of 2 shards",
		"\n0/2     ok                   3 ", "\n1/2     ok                   3 ",
		fmt.Sprintf("%d programs, %d schedules, %d histories\n", programs, schedules, histories),
		fmt.Sprintf("ok: no bug found in %d programs (%d schedules) and %d histories, 2 of 2 shards", programs, schedules, histories),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("merge output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestMergeBugShard: a shard whose result is "bug" makes merge exit 1 and print the
// path of its report.
func TestMergeBugShard(t *testing.T) {
	dirs := campaignShards(t, 2)
	rewriteShard(t, dirs[1], func(s *shardSummary) {
		s.Result, s.Report, s.Replay = resultBug, "report.html", "replay.txt"
	})
	code, stdout, stderr := chancheck(t, "merge", dirs[0], dirs[1])
	report := filepath.Join(dirs[1], "report.html")
	if code != exitBug || !strings.Contains(stdout, "FAIL shard 1/2 found a bug: "+report) ||
		!strings.Contains(stdout, "\n1/2     bug ") || strings.Contains(stdout, "ok: ") {
		t.Errorf("exit %d, want %d and the report %s\n%s%s", code, exitBug, report, stdout, stderr)
	}
}

// TestMergeRejects: shards of different campaigns, the same shard twice, a missing
// shard and a corrupt summary are errors (exit 2) that name the file; -partial merges
// the shards present and names the missing one.
func TestMergeRejects(t *testing.T) {
	dirs := campaignShards(t, 3)
	check := func(name string, wantCode int, wantOut, wantErr string, args ...string) {
		t.Helper()
		code, stdout, stderr := chancheck(t, append([]string{"merge"}, args...)...)
		if code != wantCode || !strings.Contains(stdout, wantOut) || !strings.Contains(stderr, wantErr) {
			t.Errorf("%s: exit %d (want %d), stdout lacks %q or stderr lacks %q:\n%s%s",
				name, code, wantCode, wantOut, wantErr, stdout, stderr)
		}
	}

	check("missing shard", exitUsage, "\n2/3     missing\n", "not a complete campaign: missing shards 2/3", dirs[0], dirs[1])
	check("missing shard, -partial", exitOK, "partial: missing shards 2/3\n", "", "-partial", dirs[0], dirs[1])

	dup := filepath.Join(t.TempDir(), "copy")
	if err := writeShardSummary(dup, readShard(t, dirs[1])); err != nil {
		t.Fatal(err)
	}
	check("duplicate shard", exitUsage, "", filepath.Join(dup, summaryFile)+": shard 1/3 again", dirs[0], dirs[1], dup, dirs[2])

	rewriteShard(t, dirs[2], func(s *shardSummary) { s.Seed = 8 })
	check("mismatched seeds", exitUsage, "", filepath.Join(dirs[2], summaryFile)+": seed 8, but", dirs[0], dirs[1], dirs[2])
	rewriteShard(t, dirs[2], func(s *shardSummary) { s.Seed = 7; s.Bounds.Goroutines++ })
	check("mismatched bounds", exitUsage, "", filepath.Join(dirs[2], summaryFile)+": bounds", dirs[0], dirs[1], dirs[2])
	rewriteShard(t, dirs[2], func(s *shardSummary) { s.Bounds.Goroutines--; s.Runtime = "go1.99 linux/amd64, GOMAXPROCS 2" })
	check("mismatched runtimes", exitUsage, "", filepath.Join(dirs[2], summaryFile)+": runtime go1.99", dirs[0], dirs[1], dirs[2])
	rewriteShard(t, dirs[2], func(s *shardSummary) { s.Runtime = "" })
	check("seeds, bounds and runtimes match again", exitOK, "3 of 3 shards", "", dirs[0], dirs[1], dirs[2])

	summary := filepath.Join(dirs[2], summaryFile)
	data, _ := os.ReadFile(summary)
	corrupt := strings.Replace(string(data), `"seed": 7,`, `"seed": 7,,`, 1)
	if corrupt == string(data) {
		t.Fatalf("no seed line in %s:\n%s", summary, data)
	}
	os.WriteFile(summary, []byte(corrupt), 0o644)
	check("corrupt JSON", exitUsage, "", summary+":5:13: invalid character ','", dirs[0], dirs[1], dirs[2])
	os.WriteFile(summary, []byte(strings.Replace(string(data), `"seed": 7,`, `"seed": "7",`, 1)), 0o644)
	check("wrong type", exitUsage, "", summary+":5:13: json: cannot unmarshal string", dirs[0], dirs[1], dirs[2])

	check("no operand", exitUsage, "", "want the -out directories of the shards", "-partial")
	empty := t.TempDir()
	check("no summary", exitUsage, "", filepath.Join(empty, summaryFile), empty)
}

// TestSummaryOfBugAndInterrupted: a campaign that found a bug records its report and
// replay file relative to -out; an interrupted one says so, and merge does not call a
// campaign with an interrupted shard ok unless -partial.
func TestSummaryOfBugAndInterrupted(t *testing.T) {
	dirs := campaignShards(t, 2)
	o := campaignOpts{programs: 3, goroutines: 4, chans: 3, ops: 6, schedules: 2, procs: 2, seed: 7,
		shard: shardFlag{1, 2}, checks: allChecks(), out: dirs[1], duration: time.Minute, timeBound: true}
	var f findings
	f.sched.Programs = 2
	rep := &report{Files: []string{filepath.Join(o.out, "replay.txt"), filepath.Join(o.out, "report.html")}}
	var stderr strings.Builder
	o.saveSummary(&stderr, f, rep, false, time.Second)
	if s := readShard(t, o.out); s.Result != resultBug || s.Report != "report.html" || s.Replay != "replay.txt" ||
		s.Programs != 2 || time.Duration(s.Budget.Duration) != time.Minute || time.Duration(s.Elapsed) != time.Second || stderr.Len() > 0 {
		t.Errorf("summary of a bug: %+v %s", s, stderr.String())
	}

	o.saveSummary(&stderr, f, nil, true, time.Second)
	if s := readShard(t, o.out); s.Result != resultInterrupted || s.Report != "" {
		t.Errorf("summary of an interrupted campaign: %+v", s)
	}
	code, stdout, stderr2 := chancheck(t, "merge", dirs[0], dirs[1])
	if code != exitUsage || !strings.Contains(stdout, "\n1/2     interrupted ") ||
		!strings.Contains(stderr2, "not a complete campaign: interrupted shards 1/2") {
		t.Errorf("merge with an interrupted shard: exit %d\n%s%s", code, stdout, stderr2)
	}
	if code, stdout, _ := chancheck(t, "merge", "-partial", dirs[0], dirs[1]); code != exitOK ||
		!strings.Contains(stdout, "partial: interrupted shards 1/2") {
		t.Errorf("merge -partial with an interrupted shard: exit %d\n%s", code, stdout)
	}
}
