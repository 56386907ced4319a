package quiesce

import (
	"sync"
	"testing/synctest"
)

// Runner runs a group of goroutines and waits for it to be quiescent: Group on real
// threads, Bubble inside a testing/synctest bubble. A member runs each channel
// operation that may block through Op.
type Runner interface {
	Go(f func())  // start f as a member
	Op(op func()) // run op, a member's channel operation
	Wait()        // until every member has returned or is durably blocked in Op
	Join()        // until every member has returned
}

// Bubble is the Runner of goroutines inside a testing/synctest bubble: its Wait is
// synctest.Wait, which needs no announcement of operations.
type Bubble struct{ wg sync.WaitGroup }

func (b *Bubble) Go(f func())  { b.wg.Go(f) }
func (b *Bubble) Op(op func()) { op() }
func (b *Bubble) Wait()        { synctest.Wait() }
func (b *Bubble) Join()        { b.wg.Wait() }

// Threads returns a Group whose members announce their operations (Announced), the
// Runner for goroutines on real threads.
func Threads() *Group { return &Group{Announced: true} }
