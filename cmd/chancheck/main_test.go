package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// chancheck runs the command with args and returns its exit code and output.
func chancheck(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(args, &out, &errw)
	return code, out.String(), errw.String()
}

// TestRunUsageErrors: a bad flag, value, command, target or operand exits 2 with a
// message naming the problem, and the usage, on stderr; -h and help exit 0 with the
// usage on stdout.
// Reference: issue 8 §1 ("2 on a usage error ... a clear message and the usage")
func TestRunUsageErrors(t *testing.T) {
	mutantMsg := "-tags chanmutants" // the message of a build without mutants
	if len(mutantNames()) > 0 {
		mutantMsg = `unknown mutant "nope"`
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"-duration", "soon"}, `invalid value "soon" for flag -duration`},
		{[]string{"-duration", "-1s"}, "cannot be negative"},
		{[]string{"-programs", "-3"}, "invalid value -3 for flag -programs"},
		{[]string{"-goroutines", "0"}, "invalid value 0 for flag -goroutines"},
		{[]string{"-shard", "3/2"}, `invalid value "3/2" for flag -shard: want i/n with 0 <= i < n`},
		{[]string{"-shard", "x"}, `invalid value "x" for flag -shard`},
		{[]string{"-target", "nativ"}, `invalid value "nativ" for flag -target: want impl, native or mutant:NAME`},
		{[]string{"-target", "native", "-checks", "steps"}, `check "steps" does not apply to -target native`},
		{[]string{"-strength", "runtime"}, "-strength applies to -target native only"},
		{[]string{"-target", "native", "-strength", "lang"}, `invalid value "lang" for flag -strength: want language or runtime`},
		{[]string{"replay", "-target", "native", "x.txt"}, "a native run has no schedule to replay"},
		{[]string{"explore", "-target", "native", "-runs", "0", "x.txt"}, "for -runs"},
		{[]string{"-target", "mutant:nope"}, mutantMsg},
		{[]string{"-checks", "steps,bogus"}, `unknown check "bogus"`},
		{[]string{"frob"}, `unknown command "frob"`},
		{[]string{"-programs", "1", "extra"}, `unexpected operand "extra"`},
		{[]string{"replay"}, "want 1 operand(s), got 0"},
		{[]string{"replay", "a", "b"}, "want 1 operand(s), got 2"},
		{[]string{"replay", filepath.Join(t.TempDir(), "missing.txt")}, "no such file"},
		{[]string{"explore", "-bound", "-1", "x"}, "invalid value -1 for flag -bound"},
		{[]string{"lin", "-timeout", "x", "h.jsonl"}, `invalid value "x" for flag -timeout`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := chancheck(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr does not say %q:\n%s", tc.msg, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty on a usage error:\n%s", stdout)
			}
		})
	}
	for _, args := range [][]string{{"-h"}, {"help"}, {"replay", "-h"}} {
		code, stdout, _ := chancheck(t, args...)
		if code != exitOK || !strings.Contains(stdout, "usage:") {
			t.Errorf("%q: exit %d, stdout:\n%s", args, code, stdout)
		}
	}
}

// TestUsageErrorShowsUsage: after the message comes the usage, with the flags.
func TestUsageErrorShowsUsage(t *testing.T) {
	_, _, stderr := chancheck(t, "-bogus")
	for _, want := range []string{"usage:", "chancheck replay [flags] FILE", "-duration", "-shard i/n", "Exit status"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("usage lacks %q:\n%s", want, stderr)
		}
	}
}

// TestCampaignCleanExitsZero: a short campaign on the impl finds nothing, prints the
// progress as plain lines (the output is not a terminal), the summary table with a
// row per check, and writes its summary.json but no report.
// Reference: issue 8 §1
func TestCampaignCleanExitsZero(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := chancheck(t, "-programs", "20", "-schedules", "4", "-seed", "5", "-shard", "1/3", "-out", out)
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"programs 20", "histories 20", "check", "steps", "abstraction", "outcome",
		"history run", "porcupine", "fast", "ok: no bug found in 20 programs (160 schedules) and 20 histories"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\r") {
		t.Errorf("progress redrawn with \\r on a non-terminal:\n%q", stdout)
	}
	if entries, err := os.ReadDir(out); err != nil || len(entries) != 1 || entries[0].Name() != summaryFile {
		t.Errorf("a clean campaign wrote %v in %s (%v), want only %s", entries, out, err, summaryFile)
	}
}

// TestCampaignLeavesNoGoroutines: when run returns, the campaigns, the progress line
// and the Parallel-mode runtimes have stopped every goroutine they started.
func TestCampaignLeavesNoGoroutines(t *testing.T) {
	chancheck(t, "-programs", "1", "-out", t.TempDir()) // starts os/signal's loop, which lives as long as the process
	before := runtime.NumGoroutine()
	chancheck(t, "-programs", "10", "-schedules", "2", "-out", t.TempDir())
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before the campaign, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestCampaignChecksSelectsCampaigns: -checks with only history checkers runs no
// schedules, and only schedule properties runs no histories.
func TestCampaignChecksSelectsCampaigns(t *testing.T) {
	_, stdout, _ := chancheck(t, "-programs", "5", "-checks", "fast", "-out", t.TempDir())
	if !strings.Contains(stdout, "0 programs (0 schedules) and 5 histories") || strings.Contains(stdout, "porcupine ") {
		t.Errorf("-checks fast:\n%s", stdout)
	}
	_, stdout, _ = chancheck(t, "-programs", "5", "-schedules", "2", "-checks", "steps", "-out", t.TempDir())
	if !strings.Contains(stdout, "5 programs (20 schedules) and 0 histories") || strings.Contains(stdout, "abstraction ") {
		t.Errorf("-checks steps:\n%s", stdout)
	}
}

// corpusReplay is a replay file of proptest's corpus.
const corpusReplay = "../../proptest/testdata/replay/select_sends_twice_recv_once.txt"

// TestReplayIsIdentical: replaying a saved replay file passes every check and prints
// the same trace, byte for byte, each time.
// Reference: issue 8 §2 ("replay FILE (re-runs a saved counterexample, identical trace)")
func TestReplayIsIdentical(t *testing.T) {
	code, first, stderr := chancheck(t, "replay", corpusReplay)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, first, stderr)
	}
	for _, want := range []string{"schedule:   010{11}", "select: joins every case's queue", "ok: every check passed"} {
		if !strings.Contains(first, want) {
			t.Errorf("replay output lacks %q:\n%s", want, first)
		}
	}
	if _, second, _ := chancheck(t, "replay", corpusReplay); second != first {
		t.Errorf("two replays differ:\n%s\nthen\n%s", first, second)
	}
}

// truncatedReplay writes a replay file whose schedule stops before the run does: the
// run ends with a chooser error, a failure of the "impl run" property that any build
// can plant.
func truncatedReplay(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(corpusReplay)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "010{11}", "010", 1)
	path := filepath.Join(t.TempDir(), "truncated.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReplayFailureWritesReport: a replay whose run fails exits 1, and with -out
// writes the replay file, the trace and the HTML report with the program, the
// schedule, the replay command and the timeline.
// Reference: issue 8 §3
func TestReplayFailureWritesReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	code, stdout, stderr := chancheck(t, "replay", truncatedReplay(t), "-out", out)
	if code != exitBug {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitBug, stdout, stderr)
	}
	if !strings.Contains(stdout, "FAIL impl run") || !strings.Contains(stdout, "schedule too short") {
		t.Errorf("stdout does not name the failure:\n%s", stdout)
	}
	checkReport(t, out, "select { c0 &lt;- 2; &lt;-c0; c0 &lt;- 3 }", "impl run", "010")
}

// checkReport checks the files of a schedule report in dir.
func checkReport(t *testing.T, dir string, wants ...string) {
	t.Helper()
	for _, name := range []string{"replay.txt", "trace.txt", "trace.ndjson", "report.html"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	wants = append(wants, `<svg xmlns="http://www.w3.org/2000/svg" class="timeline"`, "chancheck replay",
		"readies", "goroutines × time")
	for _, want := range wants {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	own := bytes.ReplaceAll(page, []byte(`http://www.w3.org/2000/svg`), nil) // SVG's namespace: a name, not an asset
	for _, external := range []string{"<script src", "<link ", "http://", "https://", "url(http"} {
		if bytes.Contains(own, []byte(external)) {
			t.Errorf("report.html refers to an external asset (%q)", external)
		}
	}
}

// TestExploreCleanAndFailing: explore runs a program under every schedule within the
// bound and passes; a program file that does not parse is a usage error.
// Reference: issue 8 §2 (explore FILE)
func TestExploreCleanAndFailing(t *testing.T) {
	code, stdout, stderr := chancheck(t, "explore", "-bound", "1", corpusReplay)
	if code != exitOK || !strings.Contains(stdout, "schedules with at most 1 preemptions, every check passed") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("chan c 0\ngo g\n\tb <- 1\n"), 0o644)
	if code, _, stderr := chancheck(t, "explore", bad); code != exitUsage || !strings.Contains(stderr, "bad.txt") {
		t.Errorf("explore of a bad program: exit %d, stderr %s", code, stderr)
	}
}

// TestLinVerdicts: lin exits 0 on a linearizable history and 1 on one that is not,
// and with -out writes Porcupine's visualization and the report that embeds it.
// Reference: issue 8 §2 (lin FILE)
func TestLinVerdicts(t *testing.T) {
	dir := "../../linearizability/testdata/"
	if code, stdout, _ := chancheck(t, "lin", dir+"buffered-fifo-ok.jsonl"); code != exitOK ||
		!strings.Contains(stdout, "porcupine: ok") || !strings.Contains(stdout, "fast: ok") {
		t.Errorf("ok history: exit %d\n%s", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "lin")
	code, stdout, _ := chancheck(t, "lin", "-out", out, dir+"buffer-overflow-bad.jsonl")
	if code != exitBug || !strings.Contains(stdout, "illegal") {
		t.Errorf("bad history: exit %d\n%s", code, stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "history-porcupine.html")); err != nil ||
		!bytes.Contains(page, []byte(`<iframe title="Porcupine visualization" srcdoc="`)) {
		t.Errorf("no Porcupine visualization in the report (%v)", err)
	}
}

// TestReportRendersInChromium: the HTML report opens in a real headless browser,
// which renders the timeline (its SVG is in the DOM after layout). Skipped when
// chromium is not installed (apt-get install chromium).
// Reference: issue 8 §3 ("check ... that the HTML opens and renders in a real headless browser")
func TestReportRendersInChromium(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil || testing.Short() {
		t.Skip("chromium not installed, or -short")
	}
	out := filepath.Join(t.TempDir(), "report")
	chancheck(t, "replay", truncatedReplay(t), "-out", out)
	page, _ := filepath.Abs(filepath.Join(out, "report.html"))
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--dump-dom", "file://"+page)
	cmd.WaitDelay = 5 * time.Second
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	for _, want := range []string{"<svg", "class=\"timeline\"", "property violated: impl run", "</html>"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the rendered DOM lacks %q", want)
		}
	}
}
