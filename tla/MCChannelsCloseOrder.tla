------------------------- MODULE MCChannelsCloseOrder -------------------------
(***************************************************************************)
(* SEMANTICS.md item 18, Runtime strength: a goroutine blocked in          *)
(*     select { case c <- v: ; case <-c: }                                 *)
(* when c is closed always resolves as the receive case with (0, FALSE),   *)
(* because closechan releases the blocked receivers before it makes the    *)
(* blocked senders panic.                                                  *)
(*                                                                         *)
(* A state invariant cannot see "was blocked when c was closed", so a      *)
(* history variable records whether any step closed c and made such a      *)
(* blocked goroutine panic; BlockedSelectCloseRecvInv says it never        *)
(* happened.  (TLC could check the action property directly:               *)
(* [][\A g : ... ]_vars; tla-checker does not check action properties.)    *)
(*                                                                         *)
(*  - MCChannelsCloseOrder.CloseOrder.cfg: Spec with the history; holds.   *)
(*  - MCChannelsCloseOrder.CloseOrderBug.cfg: a mutant close that releases *)
(*    the senders first.  Fails on purpose: the counterexample is          *)
(*    sel blocks on its select, closer closes c, sel panics                *)
(*    "send on closed channel" instead of receiving (0, FALSE).            *)
(*                                                                         *)
(* Program (c unbuffered; a running select after close may still pick      *)
(* either ready case, item 31, so only a blocked one is constrained):      *)
(*   sel:     select { c <- 1 ; v, ok := <-c }                             *)
(*   closer:  close(c)                                                     *)
(***************************************************************************)
EXTENDS Channels

CloseOrderCap  == [c |-> 0]
CloseOrderProg == [sel    |-> <<SelectOp(<<SendCase("c", 1), RecvCase("c")>>, FALSE)>>,
                   closer |-> <<CloseOp("c")>>]

VARIABLE blockedSelectPanicked   \* history: see PanickedAtClose

closeOrderVars == <<vars, blockedSelectPanicked>>

\* g is blocked in a select with both a send and a receive case on c.
BlockedOnBoth(g, c) ==
    /\ status[g] = "blocked"
    /\ SendCasesOn(g, c) # {}
    /\ RecvCasesOn(g, c) # {}

\* This step closes c and makes a goroutine blocked on both directions of c panic.
PanickedAtClose ==
    \E g \in Goroutines, c \in Chans :
        /\ BlockedOnBoth(g, c)
        /\ ~closed[c]
        /\ closed'[c]
        /\ status'[g] = "panicked"

History == blockedSelectPanicked' = (blockedSelectPanicked \/ PanickedAtClose)

BlockedSelectCloseRecvInv == ~blockedSelectPanicked

CloseOrderInit == Init /\ blockedSelectPanicked = FALSE

CloseOrderNext == Next /\ History

CloseOrderSpec == CloseOrderInit /\ [][CloseOrderNext]_closeOrderVars

(***************************************************************************)
(* The mutant: Close with the two releases swapped.  Every blocked sender  *)
(* on c panics first; only the receivers left are released.  Runtime only. *)
(***************************************************************************)
CloseSendersFirst(g) ==
    LET c == Op(g).ch IN
    /\ Strength = "Runtime"
    /\ status[g] = "running"
    /\ Op(g).kind = "close"
    /\ c \in Chans
    /\ ~closed[c]
    /\ closed' = [closed EXCEPT ![c] = TRUE]
    /\ LET S == SendWaiters(c)            \* panic first (the bug)
           R == RecvWaiters(c) \ S        \* then released
       IN  \E pick \in Picks(R, c) :
              Settle([r \in R |-> Res(pick[r], 0, FALSE)] @@ (g :> Res(0, 0, TRUE)),
                     [s \in S |-> PanicSendClosed])
    /\ UNCHANGED buf

BugStep(g) == CaseStep(g) \/ CloseSendersFirst(g) \/ ClosePanic(g) \/ OtherStep(g)

CloseOrderBugNext == ((\E g \in Goroutines : BugStep(g)) \/ Terminated) /\ History

CloseOrderBugSpec == CloseOrderInit /\ [][CloseOrderBugNext]_closeOrderVars

=============================================================================
