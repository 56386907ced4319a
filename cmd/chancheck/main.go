// Command chancheck checks the impl's channels against the spec: the command a
// runtime engineer runs after changing hchan.
//
// With no arguments it runs a campaign of about a minute: generated programs run on
// the impl under seeded random and PCT schedules, each run checked by step refinement,
// the abstraction function and the spec's outcome set (proptest.Campaign), while
// workloads run on real threads in Parallel mode and their histories go through
// Porcupine and the channel checker (linearizability.Campaign). On a failure it shrinks
// the program and writes a report — replay file, trace, and an HTML page with the
// program, the schedule and a goroutine × time timeline — under -out. Every campaign
// also writes its parameters, result and summary table to -out/summary.json, which
// 'chancheck merge' adds up over the shards of a campaign.
//
//	chancheck [flags]                run a campaign
//	chancheck replay [flags] FILE    re-run a saved replay file and print its trace
//	chancheck explore [flags] FILE   run one program under every schedule up to -bound preemptions
//	chancheck lin [flags] FILE       check a saved history with both checkers
//	chancheck mutants [flags]        print the kill matrix (binary built with -tags chanmutants)
//	chancheck merge [flags] DIR...   add up the summaries of a campaign's shards (-shard i/n)
//
// Exit status: 0 when nothing was found, 1 when a bug was found, 2 on a usage error.
// The campaign logic lives in proptest and linearizability; this command parses flags,
// drives them, shows progress and writes reports.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0 // nothing found
	exitBug   = 1 // a bug was found
	exitUsage = 2 // unknown flag, command or target; bad value; unreadable input
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is a subcommand: its flags and what it does once they are parsed.
type command struct {
	name    string
	args    string // what follows the flags in the usage line
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	commands = []command{
		{"", "", "run a campaign (about 60 s) against -target", runCampaignCmd},
		{"replay", "FILE", "re-run a saved replay file, print its trace and check it", runReplayCmd},
		{"explore", "FILE", "run one program (or a replay file's) under every schedule up to -bound preemptions", runExploreCmd},
		{"lin", "FILE", "check a saved history (JSON lines) with Porcupine and the channel checker", runLinCmd},
		{"mutants", "", "print the kill matrix: every mutant of impl against every checker (needs -tags chanmutants)", runMutantsCmd},
		{"merge", "DIR...", "merge the summary.json of each shard's -out DIR: one table, exit 1 if a shard found a bug", runMergeCmd},
	}
}

// run is the whole command: it returns the exit code instead of exiting, so that tests
// can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if args[0] == "help" {
			usage(stdout)
			return exitOK
		}
		for _, c := range commands {
			if c.name != "" && c.name == args[0] {
				return c.run(args[1:], stdout, stderr)
			}
		}
		return usageError(stderr, fmt.Errorf("unknown command %q", args[0]))
	}
	return runCampaignCmd(args, stdout, stderr)
}

// usage prints the commands and the exit codes.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-34s %s\n", c.line(), c.summary)
	}
	fmt.Fprintln(w, "\nExit status: 0 nothing found, 1 a bug found, 2 usage error.")
	fmt.Fprintln(w, "Run 'chancheck -h' or 'chancheck CMD -h' for the flags.")
}

// line is c's usage line.
func (c command) line() string {
	return strings.Join(strings.Fields("chancheck "+c.name+" [flags] "+c.args), " ")
}

// usageError prints err and the usage to w and returns exitUsage.
func usageError(w io.Writer, err error) int {
	fmt.Fprintf(w, "chancheck: %v\n\n", err)
	usage(w)
	return exitUsage
}
