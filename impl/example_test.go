package impl_test

import (
	"bytes"
	"fmt"

	"github.com/chanmodel/chanmodel/impl"
	"github.com/chanmodel/chanmodel/spec"
)

// A buffered channel: sends fill the buffer without blocking, receives take the values
// out in order.
func ExampleMake() {
	impl.New(impl.Config{}).Run(func(gp *impl.G) {
		c := impl.Make[string](gp, 2) // make(chan string, 2)
		c.Send(gp, "hello")           // c <- "hello"
		c.Send(gp, "world")
		fmt.Println(c.Len(gp), c.Cap(gp)) // len(c), cap(c)
		fmt.Println(c.Recv(gp), c.Recv(gp))
	})
	// Output:
	// 2 2
	// hello world
}

// A select over channels of different element types, with a default case: it returns
// the index of the case taken, and the receive cases store their values through the
// pointers they were given.
func ExampleSelect() {
	impl.New(impl.Config{}).Run(func(gp *impl.G) {
		ints, words := impl.Make[int](gp, 1), impl.Make[string](gp, 1)
		var n int
		var w string
		poll := func() {
			switch i, _ := impl.Select(gp, impl.RecvCase(ints, &n), impl.RecvCase(words, &w), impl.Default()); i {
			case 0:
				fmt.Println("int", n)
			case 1:
				fmt.Println("word", w)
			case 2:
				fmt.Println("nothing ready")
			}
		}
		poll()
		words.Send(gp, "go")
		poll()
		ints.Send(gp, 7)
		poll()
	})
	// Output:
	// nothing ready
	// word go
	// int 7
}

// Closing a channel ends a receive loop: Recv2 reports ok = false once the channel is
// closed and drained, like v, ok := <-c (or for v := range c).
func ExampleChan_Close() {
	impl.New(impl.Config{Seed: 1}).Run(func(gp *impl.G) {
		c := impl.Make[int](gp, 0)
		gp.Go(func(gp *impl.G) {
			for i := 1; i <= 3; i++ {
				c.Send(gp, i)
			}
			c.Close(gp)
		})
		for {
			v, ok := c.Recv2(gp)
			if !ok {
				fmt.Println("closed")
				break
			}
			fmt.Println(v)
		}
	})
	// Output:
	// 1
	// 2
	// 3
	// closed
}

// A program in spec/'s text form, run on the impl: its outcome, printed in the spec's
// notation, is the same under every schedule for this program.
func ExampleRunProgram() {
	p, err := spec.Parse(`
chan c 2
go g1
	c <- 1
	c <- 2
	close(c)
go g2
	<-c, ok
	<-c, ok
	<-c, ok
`)
	if err != nil {
		panic(err)
	}
	pr, err := impl.RunProgram(p, impl.Config{Seed: 7})
	if err != nil {
		panic(err)
	}
	fmt.Println(spec.FormatOutcome(p, pr.Outcome))
	// Output:
	// g1: sent, sent, closed; g2: (1,true), (2,true), (0,false)
}

// A run in which every goroutine blocks ends with the runtime's deadlock report, which
// lists each goroutine with its wait reason and what it waits on.
func ExampleResult_deadlock() {
	r := impl.New(impl.Config{Seed: 1}).Run(func(gp *impl.G) {
		a, b := impl.Make[int](gp, 0), impl.Make[int](gp, 0)
		gp.Go(func(gp *impl.G) { impl.Select(gp, impl.RecvCase(a, nil), impl.SendCase(b, 1)) })
		gp.Go(func(gp *impl.G) { var nilc impl.Chan[int]; nilc.Recv(gp) })
		a.Send(gp, 1)
		a.Send(gp, 2)
	})
	fmt.Println(r.Status)
	fmt.Print(r.Report)
	// Output:
	// deadlock
	// fatal error: all goroutines are asleep - deadlock!
	//
	// goroutine 1 [chan send]:
	// 	waiting on chan 1
	//
	// goroutine 3 [chan receive (nil chan)]:
}

// A Deterministic run records its choices as a schedule string; replaying it with
// NewReplay reproduces the run event for event, whatever the seed.
func ExampleNewReplay() {
	race := func(got *[]string) func(gp *impl.G) {
		return func(gp *impl.G) {
			c := impl.Make[string](gp, 0)
			for _, who := range []string{"alice", "bob", "carol"} {
				gp.Go(func(gp *impl.G) { c.Send(gp, who) })
			}
			for range 3 {
				*got = append(*got, c.Recv(gp))
			}
		}
	}
	var first, again []string
	orig := impl.New(impl.Config{Seed: 42, Trace: true}).Run(race(&first))

	rep, err := impl.NewReplay(orig.Schedule)
	if err != nil {
		panic(err)
	}
	replay := impl.New(impl.Config{Seed: 1, Chooser: rep, Trace: true}).Run(race(&again))

	var x, y bytes.Buffer
	impl.WriteNDJSON(&x, orig.Trace)
	impl.WriteNDJSON(&y, replay.Trace)
	fmt.Println("same arrival order:", fmt.Sprint(first) == fmt.Sprint(again))
	fmt.Println("same trace:", bytes.Equal(x.Bytes(), y.Bytes()))
	fmt.Println("whole schedule used:", rep.Unused() == 0)
	// Output:
	// same arrival order: true
	// same trace: true
	// whole schedule used: true
}
