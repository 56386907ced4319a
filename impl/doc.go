// Package impl re-implements Go channels the way the runtime does (runtime/chan.go,
// select.go, proc.go), in ordinary Go, so that the algorithm can be run, checked against
// spec/, modified and studied. It uses no native channel or select: goroutines of the
// model park and wake through a model scheduler built from sync, sync/atomic and
// iter.Pull coroutines.
//
// This layer so far is the scheduler; it knows nothing of channels. A program runs on a
// Runtime: New(Config), then Run(main), which returns a Result saying whether main
// finished, every goroutine got stuck (with the runtime's deadlock report), a goroutine
// panicked, or the run was cut short. Goroutines of the model are *G values; user code
// runs as func(gp *G) and spawns with gp.Go. Two modes:
//
//   - Deterministic: one goroutine runs at a time and every scheduling point (lock,
//     unlock, park, ready, spawn, exit, yield) asks a Chooser which one runs next:
//     NewRandom(seed), NewRoundRobin(), or NewReplay(schedule) replaying a run's
//     Result.Schedule. Same seed or schedule, same trace bit for bit. The scheduler's
//     invariants are checked at every point.
//   - Parallel: real concurrency on Config.Procs Ps, race-detector clean.
//
// The channel layer uses the unexported hooks: lock/unlock on a mutex, gopark (the G is
// marked waiting before its unlockf runs, so no wakeup is lost), goready (into the
// waker's runnext), yield (a scheduling point before a lock-free load), fastrandn (a
// recorded choice in Deterministic mode) and traceEvent; and the per-G fields param,
// selectDone and waiting (gchan.go).
//
// Files, and the runtime code each mirrors:
//
//	sched.go       G and its statuses, wait reasons, Config, Run, newproc (G.Go), gopark,
//	               goready, yield, fastrandn, goexit (proc.go, runtime2.go)
//	detsched.go    Deterministic mode: the driver loop, the scheduling decision (pick),
//	               park, ready and exit in one-at-a-time form (proc.go schedule, park_m)
//	parsched.go    Parallel mode: Ms, findRunnable, stealing, idle Ms, wakep, park_m
//	               (proc.go schedule, findRunnable, stopm, wakep, park_m)
//	runq.go        P: run queue plus runnext (proc.go runqput, runqget, runqsteal)
//	lock.go        the model's mutex (lock_futex.go lock2, unlock2)
//	result.go      Result and the deadlock report (proc.go checkdead)
//	chooser.go     Chooser, random and round-robin choosers
//	replay.go      schedule strings and the Replay chooser
//	trace.go       events and their NDJSON form (names: the TLA+ actions)
//	invariants.go  the scheduler's invariants (invXxx), checked at every point
//	gchan.go       per-G fields of the channel layer (runtime g.param, selectDone, waiting)
package impl
