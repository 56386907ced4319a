// Package linearizability checks what really happened when channels ran on real
// threads. Clients record the calls and returns of their channel operations; a checker
// asks whether one sequential order of them, consistent with real time, is allowed by
// the spec's channel level (spec.Chan: Send, Recv, Close, Len, Cap, and select's
// readiness), at the Language strength. It sits on spec/ (the oracle: every step below
// is a spec.Chan operation) and impl/ (one of the things it records), beside proptest/.
//
// # Entry points
//
//   - Recording: NewRecorder with a Clock (Logical, or NewMonotonic), Recorder.Chan,
//     Recorder.Client, Client.Call and Client.Return, Recorder.History.
//   - Histories: History, Op, Validate, and the JSON-lines form (format.go): Save,
//     Load, SaveFile, LoadFile.
//   - Workloads: Shape, Workload (a rapid generator), RandomWorkload, Flow; run them
//     with RunImpl (Deterministic or Parallel) or RunNative (real goroutines, native
//     channels, inside testing/synctest).
//   - Campaigns: Campaign runs random workloads in Parallel mode and checks each
//     history with both checkers (Checker.Check), as cmd/chancheck does.
//   - Checking: CheckPorcupine (Porcupine, github.com/anishathalye/porcupine) and
//     CheckFast (the channel checker, falling back to Porcupine); both return a Result
//     whose Verdict is Ok, Illegal (with Violations naming operations) or Unknown
//     (timeout, memory budget), never Ok when unsure.
//
// # The model
//
// An operation is an interval [call, return] of one client. The sequential object is
// the history's channels as spec.Chan values. A completed send, receive, close, len or
// cap is one step, legal when spec says so: a send needs room or panics on a closed
// channel, a receive takes the oldest value or gets (0, false) from a closed, drained
// one, and so on. A select that took a case is that case's step; one that took default
// is a step that changes nothing and needs every case not ready; one that panicked
// needs a send case on a closed channel. Two things need more (actions.go):
//
//   - Rendezvous. On an unbuffered channel a send and its receive complete together.
//     Values are unique, so the value received names its send; the two become one
//     transfer, legal on an open channel, whose interval is the intersection of
//     theirs. An empty intersection — an unbuffered send that returned before its
//     receive was called — is illegal, as is a value received twice or never sent.
//   - Pending operations. Histories are taken at quiescence: an operation that never
//     returned is blocked for ever. It took no effect, and it must be blocked in the
//     final state: none of its cases ready there, and no other pending operation
//     waiting with the opposite direction on the same unbuffered channel.
//
// # Why blocking needs no more than this (soundness and completeness)
//
// In spec's Language semantics a goroutine whose operation is not ready takes a Block
// step, and a blocked partner makes an unbuffered send or receive ready. The model
// never blocks anybody, yet accepts exactly the histories Language allows.
// Completeness: in a Language execution keep only the completions, in order. Each is
// legal in the model, whose conditions Language's imply — a default needs no case
// ready, partners included, so in particular none ready on the channels alone — and
// the end is Language's final state. Soundness: from a linearization of the model,
// build a Language execution in which nobody is blocked except a transfer's first
// party, just before the transfer, and the pending operations, at the end. At every
// other point nobody waits, so "ready" is exactly spec Chan's readiness, which is what
// the model checked; and the end is a final state, since no pending case is ready and
// no two pending operations are partners. That a partner was called before a default
// does not make the default illegal: the call precedes the moment it starts waiting,
// which may come later.
//
// # Partitions
//
// Linearizability is local (Herlihy and Wing): a history is linearizable iff each
// object's sub-history is. A select that took default reads all its channels at one
// instant (runtime TestNonblockSelectRace), so channels are grouped into the connected
// components of such selects (union-find, partition.go) and each component is one
// object; checking channels apart would accept histories that are illegal
// (TestPartitionSelectDefaultJoinsChannels).
//
// # The channel checker
//
// Porcupine searches orders and caches states; on one deep buffer with many concurrent
// senders it runs out of memory. CheckFast decides a one-channel component by itself
// in O(n log n): Illegal only on one of a few violation patterns, each a proof (a
// value received twice, or before it was sent, FIFO order against real time, more
// values surely buffered than the capacity, a close out of place, ...), and Ok only
// with a witness — a point in every interval — that is replayed through the model's
// step before it is believed. What it cannot decide, and every component of several
// channels, goes to Porcupine, and Result.Fallback says so. fast.go lists the
// patterns and how the witness is built.
//
// # What is not checked
//
// The Runtime strength — blocked receivers and senders served first come, first
// served, a direct hand-off to a waiting receiver — is invisible in call and return
// times, and is proptest's business. Timestamps must come from one clock consistent
// with real time: the Logical clock is exact (an atomic counter orders events as
// happens-before does); the Monotonic clock is the machine's, and its resolution makes
// close events concurrent, which only weakens the check.
//
// # Files
//
//	history.go    History, Op, Validate
//	format.go     the JSON-lines form: Save, Load, LineError
//	recorder.go   Clock, Logical, Monotonic, Recorder, Client
//	actions.go    a history as actions: transfers, pending operations, impossible ones
//	model.go      the sequential object: each action as spec.Chan steps
//	partition.go  union-find components and the quiesce actions
//	check.go      Verdict, Options, Result
//	porcupine.go  CheckPorcupine: the model for Porcupine, the memory guard, blame
//	              and the annotated visualization
//	fast.go       CheckFast: the channel checker, its patterns and witness, the fallback
//	patterns.go   the violation patterns
//	witness.go    the witness: the chain of earliest (or latest) points, the close and
//	              the other actions placed on it, the replay
//	fifo.go       guesses at the FIFO order: sorts, topological orders, their heaps
//	workload.go   Shape, Workload, RandomWorkload, Flow
//	run_impl.go   RunImpl: a workload on the impl, Deterministic or Parallel
//	run_native.go RunNative: a workload on native channels in a synctest bubble
//	campaign.go   Campaign: Parallel-mode histories of random workloads through both checkers
package linearizability
