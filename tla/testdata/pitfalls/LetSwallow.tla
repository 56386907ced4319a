----------------------------- MODULE LetSwallow -----------------------------
(* Pitfall fixture (valid TLA+): the LET in the first \/ item is not at the *)
(* item's start; tla-checker 0.9.0 lets its body swallow the second item,   *)
(* so x = 1 has no successor.  check.mjs --selftest asserts that the gate   *)
(* rejects it.                                                              *)
EXTENDS Naturals

VARIABLES x

Next == \/ /\ x = 0
           /\ LET c == 1 IN x' = c
        \/ x = 1 /\ x' = 1
=============================================================================
