----------------------------- MODULE ImpliesAnd -----------------------------
(* Pitfall fixture (valid TLA+): in TLA+ /\ binds tighter than =>, so Inv  *)
(* is x = 1 => (x = 2 /\ x = 3) and holds; tla-checker 0.9.0 reads it as   *)
(* (x = 1 => x = 2) /\ x = 3 and reports it violated.  check.mjs           *)
(* --selftest asserts that the gate rejects this file.                     *)
EXTENDS Naturals

VARIABLES x

Init == x = 0
Next == x' = x
Inv == x = 1 => x = 2 /\ x = 3
=============================================================================
