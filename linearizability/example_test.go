package linearizability_test

import (
	"fmt"

	"github.com/chanmodel/chanmodel/linearizability"
	"github.com/chanmodel/chanmodel/spec"
)

// Record a few operations on a channel of capacity 2 and check them. The receive
// claims the value sent second although the first is still buffered: a FIFO
// violation, which both checkers reject.
func Example() {
	rec := linearizability.NewRecorder(&linearizability.Logical{})
	c := rec.Chan(linearizability.ChanDecl{Cap: 2})
	sender, receiver := rec.Client(), rec.Client()
	for _, v := range []spec.Value{1, 2} {
		sender.Call(spec.Op{Kind: spec.OpSend, Chan: c, Value: v})
		sender.Return(spec.Result{})
	}
	receiver.Call(spec.Op{Kind: spec.OpRecv, Chan: c, OK: true})
	receiver.Return(spec.Result{Value: 2, OK: true}) // a buggy channel would say so
	h := rec.History()

	for _, check := range []func(*linearizability.History, linearizability.Options) (linearizability.Result, error){
		linearizability.CheckPorcupine, linearizability.CheckFast,
	} {
		res, err := check(h, linearizability.Options{})
		fmt.Println(res.Checker, res.Verdict, err)
	}
	// Output:
	// porcupine illegal <nil>
	// fast illegal <nil>
}
