package spec

import (
	"flag"
	"os"
	"testing"
)

// defaultChecks is the number of programs each rapid property of this
// package draws when -rapid.checks is not given. Exploring a small program
// takes tens of microseconds, so the package affords ten times rapid's
// default of 100; -short divides it by five as usual.
const defaultChecks = "1000"

func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	if _, env := os.LookupEnv("RAPID_CHECKS"); !given && !env {
		if err := flag.Set("rapid.checks", defaultChecks); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
