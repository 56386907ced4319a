// Package impl re-implements Go channels the way the runtime does (runtime/chan.go,
// select.go, proc.go), in ordinary Go, so that the algorithm can be run, checked against
// spec/, modified and studied. It uses no native channel or select: goroutines of the
// model park and wake through a model scheduler built from sync, sync/atomic and
// iter.Pull coroutines.
//
// Two layers. The scheduler knows nothing of channels. A program runs on a Runtime:
// New(Config), then Run(main), which returns a Result saying whether main finished,
// every goroutine got stuck (with the runtime's deadlock report), a goroutine panicked,
// or the run was cut short. Goroutines of the model are *G values; user code runs as
// func(gp *G) and spawns with gp.Go. Two modes:
//
//   - Deterministic: one goroutine runs at a time and every scheduling point (lock,
//     unlock, park, ready, spawn, exit, yield) asks a Chooser which one runs next:
//     NewRandom(seed), NewRoundRobin(), or NewReplay(schedule) replaying a run's
//     Result.Schedule. Same seed or schedule, same trace bit for bit. Every invariant
//     of invariants.go — the scheduler's and the channels' — is checked at every point.
//   - Parallel: real concurrency on Config.Procs Ps, race-detector clean.
//
// The channel layer sits on it: hchan with its ring buffer, lock and wait queues of
// sudogs, the direct hand-off to a parked partner, the buffer rotation, closechan and
// selectgo, with the runtime's names and order of checks. It uses the scheduler's
// unexported hooks: lock/unlock on a mutex, gopark (the G is marked waiting before its
// unlockf runs, so no wakeup is lost), goready (into the waker's runnext), yield (a
// scheduling point before a lock-free load), fastrandn (a recorded choice in
// Deterministic mode) and traceEvent; and the per-G fields param, selectDone and
// waiting (gchan.go).
//
// Entry points for users: Make, Chan (Send, Recv, Recv2, TrySend, TryRecv, Close, Len,
// Cap), Select with SendCase, RecvCase and Default; RunProgram runs a spec.Program.
// Panics carry the runtime's messages and are raised after every lock is released.
//
// Files, and the runtime code each mirrors:
//
//	sched.go       G and its statuses, wait reasons, Config, Run, newproc (G.Go), gopark,
//	               goready, yield, fastrandn, goexit, the free lists of dead Gs
//	               (proc.go gfput, gfget; runtime2.go)
//	detsched.go    Deterministic mode: the driver loop, the scheduling decision (pick),
//	               park, ready and exit in one-at-a-time form (proc.go schedule, park_m)
//	parsched.go    Parallel mode: Ms, findRunnable, stealing, idle Ms, wakep, park_m
//	               (proc.go schedule, findRunnable, stopm, wakep, park_m)
//	runq.go        P: run queue plus runnext (proc.go runqput, runqget, runqsteal)
//	lock.go        the model's mutex (lock_spinbit.go lock2, unlock2)
//	result.go      Result and the deadlock report (proc.go checkdead)
//	chooser.go     Chooser, random and round-robin choosers
//	replay.go      schedule strings and the Replay chooser
//	trace.go       events and their NDJSON form (names: the TLA+ actions)
//	invariants.go  the invariants (invXxx) of the scheduler, hchan and sudogs, checked at
//	               every point (chan.go:9-18, SEMANTICS item 3)
//	gchan.go       per-G and per-run fields of the channel layer (runtime g.param,
//	               selectDone, waiting), the typed API's value slots
//	hchan.go       hchan, makechan, chansend, send, chanrecv, recv, closechan, chanlen,
//	               chancap, the non-blocking fast paths (chan.go)
//	waitq.go       sudog, waitq: enqueue, dequeue with the selectDone CAS, dequeueSudoG;
//	               the sudog caches (chan.go, runtime2.go, proc.go acquireSudog,
//	               releaseSudog)
//	select.go      selectgo in phases: orders, pass 1, default, pass 2, selparkcommit,
//	               pass 3 (select.go)
//	elem.go        element types: size, typedmemmove, typedmemclr (type.go, mbarrier.go)
//	chan.go        the typed API: Chan[T], Make, Select (reflect.Select's shape)
//	program.go     RunProgram: spec's program form on the impl
package impl
