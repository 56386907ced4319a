package impl_test

import (
	"fmt"
	"os"

	"github.com/chanmodel/chanmodel/impl"
)

// A deterministic run: the seeded Chooser decides the interleaving, and the run's
// schedule string replays it exactly.
func ExampleRuntime_Run() {
	prog := func(order *[]int64) func(gp *impl.G) {
		return func(gp *impl.G) {
			for range 3 {
				gp.Go(func(gp *impl.G) { *order = append(*order, gp.ID()) })
			}
		}
	}
	var first []int64
	r := impl.New(impl.Config{Seed: 42}).Run(prog(&first))
	fmt.Println(r.Status, first, r.Schedule)

	rep, _ := impl.NewReplay(r.Schedule)
	var again []int64
	impl.New(impl.Config{Chooser: rep}).Run(prog(&again))
	fmt.Println(fmt.Sprint(first) == fmt.Sprint(again))
	// Output:
	// finished [2 4 3] 02110
	// true
}

// The events of a traced run, as NDJSON.
func ExampleWriteNDJSON() {
	r := impl.New(impl.Config{Chooser: impl.NewRoundRobin(), Trace: true}).Run(func(gp *impl.G) {
		gp.Go(func(gp *impl.G) {})
	})
	impl.WriteNDJSON(os.Stdout, r.Trace)
	// Output:
	// {"step":1,"g":1,"ev":"GoStart"}
	// {"step":1,"g":1,"ev":"GoCreate","args":{"new":2}}
	// {"step":2,"g":2,"ev":"GoStart"}
	// {"step":2,"g":2,"ev":"GoExit"}
	// {"step":3,"g":1,"ev":"GoExit"}
}
