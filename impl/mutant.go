//go:build chanmutants

package impl

// Mutants: deliberately broken variants of the channel code, each a bug a runtime
// engineer could plausibly write, so that tests can show the checkers catch them. They
// exist only in builds with -tags chanmutants (mutant_off.go makes mutant a constant ""
// otherwise, and the compiler drops every mutant branch).

// mutant is the name of the mutant switched on, or "".
var mutant string

// Mutants names each mutant and says what it breaks (SEMANTICS items).
var Mutants = map[string]string{
	"lifo-waitq":            "enqueue puts a sudog at the head of its wait queue: waiters are served LIFO (item 22)",
	"close-forgets-senders": "closechan releases parked receivers but leaves parked senders parked (item 17)",
	"select-keeps-losers":   "select's pass 3 leaves the losing sudogs on their queues (item 34)",
	"recv-skips-rotation":   "a receiver meeting a full buffer with a parked sender takes the sender's value and leaves the buffer alone (item 15)",
}

// SetMutant switches on the named mutant ("" for none). It must not be called while a
// run is in progress.
func SetMutant(name string) {
	if _, ok := Mutants[name]; !ok && name != "" {
		panic("impl: unknown mutant " + name)
	}
	mutant = name
}
