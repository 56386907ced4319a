---------------------------- MODULE MCHChanBugs -----------------------------
(***************************************************************************)
(* HChan with a bug planted, one per model: each must fail its check, and  *)
(* manifest.json records how.  They are impl's mutants (impl/mutant.go),   *)
(* and the bugs the checks of HChan.tla are there to catch:                *)
(*                                                                         *)
(*  CloseSendersFirst  closechan makes the parked senders panic before it  *)
(*                     releases the receivers.  SelectClose: the           *)
(*                     refinement fails (RefinementInv): the select parked *)
(*                     on both sides of c panics, where Channels' Close    *)
(*                     resolves it as the receive (item 18).               *)
(*  LifoWaitq          impl mutant lifo-waitq: a receiver's sudog goes to  *)
(*                     the head of recvq.  TwoReceivers: the refinement    *)
(*                     fails: the sender hands its value to the receiver   *)
(*                     that parked last, not to the head of RecvQ(c).      *)
(*  SelectKeepsLosers  impl mutant select-keeps-losers: pass 3 leaves the  *)
(*                     losing sudogs queued.  SelectTwo: SudogParkedInv    *)
(*                     fails: once selectDone is reset, the loser on d is  *)
(*                     live again, but its goroutine runs on.              *)
(*  ParkLate           gopark releases the locks before it marks the       *)
(*                     goroutine waiting (item 25 reversed).  SelectTwo:   *)
(*                     DeadlockFreedomInv fails: a sender claims the       *)
(*                     select in between and readies it while it still     *)
(*                     runs; then it marks itself waiting, and nobody will *)
(*                     ready it again: a lost wake-up.                     *)
(***************************************************************************)
EXTENDS MCHChanRefine

\* Every model runs with the mapped state (MCHChanRefine.tla), so that each can
\* be checked against the refinement too.

(***************************************************************************)
(* CloseSendersFirst: Close with the two releases swapped.                 *)
(***************************************************************************)
SendersFirstGs(c) == LiveGs(sendq[c], {})
CloseSendersFirst(g) ==
    /\ AtBody(g)
    /\ Op(g).kind = "close"
    /\ Op(g).ch \in Chans
    /\ ~closed[Op(g).ch]
    /\ CloseRelease(g, Op(g).ch, LiveGs(recvq[Op(g).ch], SeqSet(SendersFirstGs(Op(g).ch))),
                    SendersFirstGs(Op(g).ch))
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, lock>>

\* Every step but Close (the only one that sets closed), or the mutant.
CloseSendersFirstNext == (Next /\ UNCHANGED closed) \/ (\E g \in Goroutines : CloseSendersFirst(g))

CloseSendersFirstRefNext == CloseSendersFirstNext /\ MapNext
CloseSendersFirstSpec == RefInit /\ [][CloseSendersFirstRefNext]_refVars

(***************************************************************************)
(* LifoWaitq: EnqueueRecv puts the sudog at the head of recvq.             *)
(***************************************************************************)
LifoEnqueueRecv(g) ==
    /\ AtBody(g)
    /\ Lowered(Op(g))
    /\ ~Op(g).default
    /\ LoweredCase(g).dir = "recv"
    /\ LoweredCase(g).ch \in Chans
    /\ ~RecvCaseReady(LoweredCase(g).ch)
    /\ recvq' = [recvq EXCEPT ![LoweredCase(g).ch] = <<Sudog(g, 0, FALSE, LoweredCase(g).ch, 1)>> \o @]
    /\ sendq' = [sendq EXCEPT ![LoweredCase(g).ch] = <<>>]
    /\ at' = [at EXCEPT ![g] = "park"]
    /\ waitOrder' = Append(waitOrder, g)
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, todo, wake, lockorder, selectDone,
                   param, pc, results, panicMsg>>

\* A plain receive that parks: an EnqueueRecv step of g.
EnqueuesRecv(g) == at[g] # "park" /\ at'[g] = "park" /\ Lowered(Op(g)) /\ LoweredCase(g).dir = "recv"

LifoWaitqNext ==
    \/ Next /\ ~\E g \in Goroutines : EnqueuesRecv(g)
    \/ \E g \in Goroutines : LifoEnqueueRecv(g)

LifoWaitqRefNext == LifoWaitqNext /\ MapNext
LifoWaitqSpec == RefInit /\ [][LifoWaitqRefNext]_refVars

(***************************************************************************)
(* SelectKeepsLosers: pass 3 removes nothing.                              *)
(***************************************************************************)
SelectWakeKeeps(g) ==
    /\ Runs(g)
    /\ at[g] = "relock"
    /\ todo[g] = <<>>
    /\ selectDone' = [selectDone EXCEPT ![g] = 0]
    /\ param' = [param EXCEPT ![g] = NoSudog]
    /\ at' = [at EXCEPT ![g] = "unlock"]
    /\ todo' = [todo EXCEPT ![g] = Reverse(lockorder[g])]
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, wake, lockorder, pc,
                   results, panicMsg, waitOrder>>

SelectKeepsLosersNext ==
    \/ Next /\ ~\E g \in Goroutines : at[g] = "relock" /\ at'[g] = "unlock"
    \/ \E g \in Goroutines : SelectWakeKeeps(g)

SelectKeepsLosersRefNext == SelectKeepsLosersNext /\ MapNext
SelectKeepsLosersSpec == RefInit /\ [][SelectKeepsLosersRefNext]_refVars

(***************************************************************************)
(* ParkLate: unlock, then mark the goroutine waiting.                      *)
(***************************************************************************)
ParkLateUnlock(g) ==
    /\ Runs(g)
    /\ at[g] = "park"
    /\ lock' = [c \in Chans |-> IF lock[c] = g THEN NoG ELSE lock[c]]
    /\ at' = [at EXCEPT ![g] = "parkunlock"]
    /\ todo' = [todo EXCEPT ![g] = <<>>]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, gstatus, wake, lockorder,
                   selectDone, param, pc, results, panicMsg, waitOrder>>

ParkLatePark(g) ==
    /\ at[g] = "parkunlock"
    /\ todo[g] = <<>>
    /\ gstatus' = [gstatus EXCEPT ![g] = "waiting"]
    /\ at' = [at EXCEPT ![g] = "parked"]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, todo, wake, lockorder,
                   selectDone, param, pc, results, panicMsg, waitOrder>>

ParkLateNext ==
    \/ Next /\ ~\E g \in Goroutines : at[g] = "park" /\ at'[g] # "park"
    \/ \E g \in Goroutines : ParkLateUnlock(g) \/ ParkLatePark(g)

ParkLateRefNext == (ParkLateNext \/ ProgramAsleep) /\ MapNext
ParkLateSpec == RefInit /\ [][ParkLateRefNext]_refVars

=============================================================================
