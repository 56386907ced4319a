// Package proptest checks the impl against the spec with generated programs, and the
// real Go runtime against the spec: property-based tests with rapid.
//
// Program(shape) generates small concurrent programs in the spec's program form,
// biased towards interaction. The impl runs them in Deterministic mode with every
// scheduling choice drawn from rapid (RapidChooser), so a failure shrinks the program
// and the schedule together and prints as a Counterexample: the property, the program
// in text form, the schedule string, the event trace and how to replay it.
//
// Properties, each a test in this package:
//
//   - TestImplOutcomesAreSpecOutcomes (CheckImplOutcome): the impl's outcome is one of
//     the spec's Runtime outcomes, with no lock deadlock, broken invariant or livelock
//     on the way — so a program the spec says always finishes never ends blocked.
//
//   - TestNativeOutcomesAreLanguageOutcomes (RunNative): the real runtime's outcome, on
//     native channels and reflect.Select inside a testing/synctest bubble, is one of the
//     spec's Language outcomes. A failure there is a spec bug.
//
//   - TestExhaustClassicProgramsRefineSpec (Exhaust, dfs.go; CheckRun through a
//     StepChecker): every schedule with at most two preemptions of each classic program
//     (ping-pong, self-select, a duplicate channel in one select, close with parked
//     senders and receivers, crossing selects, a sieve fragment, the G1/G2 worker)
//     refines the spec step by step and every spec outcome is reached; the number of
//     schedules explored is asserted per program. TestExhaustFindsPlantedPreemptionBug
//     is its companion: a bug only a preemption exposes is found and replays.
//
//   - TestPCTFindsDepth2Bug, TestPCTHitRateMeetsGuarantee (NewPCT, SearchPCT, pct.go):
//     PCT of depth 2 and 3 finds a planted depth-2 bug that depth 1 cannot, at least
//     as often as its guarantee 1/(n·k^(d-1)) promises.
//
//   - TestImplRefinesSpecStepByStep (CheckImplSteps, refine.go): the impl's trace, read
//     through the refinement mapping, is a run of the spec at Runtime strength step by
//     step; at the end the spec has nothing left to do (no lost wake-up) and shows the
//     impl's outcome.
//
//   - TestImplNonBlockingMatchesSpecChannels: a rapid state machine of non-blocking
//     operations on impl channels against the spec's channel level, the impl's
//     invariants checked after every step.
//
//   - TestMutantsCaught (build tag chanmutants): each of issue 4's mutants of
//     impl/mutant.go is caught within the default budget and shrinks to at most 3
//     goroutines and 6 operations — the testers are tested. TestMutantsKillMatrix
//     (KillMatrix, killmatrix.go) runs every mutant against every checker with a
//     reduced budget and fails if one not argued equivalent survives. Run them with
//     go test -tags chanmutants ./proptest/ -run TestMutants
//
// Campaign (campaign.go, shrink.go) runs the same checks outside rapid, as
// cmd/chancheck does: programs drawn from seeds (disjoint per shard), each under seeded
// random and PCT schedules; Shrink cuts a failure to a smaller program and the schedule
// with the fewest preemptions; Explore checks every schedule within a preemption bound.
//
// The default campaign is rapid's: -rapid.checks=N programs per property (100), and
// -short divides it by five.
package proptest
