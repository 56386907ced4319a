----------------------------- MODULE MCHChanTLC -----------------------------
(***************************************************************************)
(* The checks of HChan that only TLC can run (tla-checker has no ENABLED,  *)
(* cannot instantiate C, whose substitutions are expressions, and checks   *)
(* liveness only on cycles).  manifest.json lists their models with        *)
(* "tlcOnly": true; `node check.mjs --tlc` runs them, CI does not (it has  *)
(* no TLC).                                                                *)
(*                                                                         *)
(*   RefinesChannels     THEOREM Spec => C!Spec as a property: safety      *)
(*                       (what MCHChanRefine checks step by step) and      *)
(*                       Channels' fairness, under the mapping.            *)
(*   ChannelsEnabledInv  AbsCanStepOf(AbsStatus), the predicate the        *)
(*                       deadlock-freedom checks use, is exactly Channels' *)
(*                       enabledness in the mapped state.                  *)
(*   NoLostWakeupInv     deadlock freedom as the issue states it: whenever *)
(*                       a Channels step is enabled in the mapped state,   *)
(*                       an HChan step is enabled.                         *)
(*   HChanEnabledInv     HCanStep, HChan's enabledness written out, is     *)
(*                       ENABLED Next.                                     *)
(***************************************************************************)
EXTENDS MCHChan

RefinesChannels == C!Spec

ChannelsEnabledInv == (ENABLED C!Next) <=> AbsCanStepOf(AbsStatus)

NoLostWakeupInv == (ENABLED C!Next) => (ENABLED Next)

HChanEnabledInv == (ENABLED Next) <=> HCanStep

=============================================================================
