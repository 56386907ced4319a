--------------------------- MODULE MCHChanRefine ----------------------------
(***************************************************************************)
(* The refinement HChan => Channels (Runtime), step by step, in a form     *)
(* tla-checker can check.  TLC checks THEOREM Spec => C!Spec of HChan.tla  *)
(* as PROPERTY C!Spec (safety and liveness); tla-checker can neither       *)
(* instantiate C (its substitutions are expressions, and it cannot prime   *)
(* an expression) nor check an action property.  So this module carries    *)
(* the mapped state alongside HChan, in variables, and a history:          *)
(*                                                                         *)
(*   absBuf, absStatus   Channels' buf and status: the refinement mapping  *)
(*                       (AbsBufOf, AbsStatusOf of HChan.tla) of the       *)
(*                       current state, recomputed at every step from the  *)
(*                       primed HChan variables;                           *)
(*   refines             every step so far was a Channels step of the      *)
(*                       mapped states, or left them unchanged.            *)
(*                                                                         *)
(* A is Channels instantiated on those variables (and on HChan's closed,   *)
(* pc, results, panicMsg and waitOrder, which map to themselves), so A!Next *)
(* is Channels' own next-state relation, not a copy.  RefinementInv says   *)
(* refines: with A!Init checked in the initial state, this is exactly the  *)
(* safety part of Spec => C!Spec on the model's program.  MappedInv checks *)
(* Channels' invariants in the mapped state.                               *)
(***************************************************************************)
EXTENDS MCHChan

VARIABLES
    absBuf,     \* = AbsBuf: Channels' buf
    absStatus,  \* = AbsStatus: Channels' status
    refines     \* history: every step so far mapped to a Channels step or a stutter

A == INSTANCE Channels WITH Strength <- "Runtime", buf <- absBuf, status <- absStatus,
                            waiting <- waitOrder

refVars == <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, gstatus, at, todo, wake,
             lockorder, selectDone, param, pc, results, panicMsg, waitOrder, absBuf, absStatus, refines>>

RefInit ==
    /\ Init
    /\ absBuf = AbsBuf
    /\ absStatus = AbsStatus
    /\ refines = A!Init

\* The mapped state and the history, after any HChan step.
MapNext ==
    /\ absBuf' = AbsBufOf(buf', recvx', qcount')
    /\ absStatus' = AbsStatusOf(pc', panicMsg', at', selectDone')
    /\ refines' = (refines /\ (UNCHANGED A!vars \/ A!Next))

RefNext == Next /\ MapNext

RefSpec == RefInit /\ [][RefNext]_refVars

RefinementInv == refines

MappedInv == A!Inv

=============================================================================
