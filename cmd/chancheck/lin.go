package main

// lin FILE: a saved history through both checkers.

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/chanmodel/chanmodel/linearizability"
)

func runLinCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lin", flag.ContinueOnError)
	out := fs.String("out", "", "write the report and Porcupine's visualization of an illegal history into this directory")
	timeout := fs.Duration("timeout", linearizability.DefaultTimeout, "most time each checker may take (then: unknown)")
	files, code, ok := parseCmd(fs, args, 1, stdout, stderr)
	if !ok {
		return code
	}
	h, err := linearizability.LoadFile(files[0])
	if err != nil {
		return inputError(stderr, fmt.Errorf("%s: %v", files[0], err))
	}
	f := &linearizability.Failure{History: h, Results: map[linearizability.Checker]linearizability.Result{}}
	illegal := false
	fmt.Fprintf(stdout, "%s: %d operations on %d channels\n", files[0], len(h.Ops), len(h.Chans))
	for _, c := range linearizability.Checkers {
		start := time.Now()
		res, err := c.Check(h, linearizability.Options{Timeout: *timeout})
		if err != nil {
			return inputError(stderr, fmt.Errorf("%s: %v", files[0], err))
		}
		fmt.Fprintf(stdout, "%v  [%v]\n", res, round(time.Since(start)))
		f.Results[c] = res
		illegal = illegal || res.Verdict == linearizability.Illegal
	}
	if !illegal {
		fmt.Fprintln(stdout, "ok: no checker found it illegal")
		return exitOK
	}
	if *out != "" {
		rep := newReport(targetFlag{}, *out)
		rep.addHistory(f, "file "+files[0])
		if err := rep.write(*out); err != nil {
			fmt.Fprintf(stderr, "chancheck: writing the report: %v\n", err)
		}
		rep.print(stdout)
	}
	fmt.Fprintln(stdout, "FAIL: the history is not linearizable")
	return exitBug
}
