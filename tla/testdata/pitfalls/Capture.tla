------------------------------ MODULE Capture ------------------------------
(* Pitfall fixture (valid TLA+): Rendezvous(h, j, g, i) passes j to the     *)
(* parameter named i and i to the one named j.  tla-checker 0.9.0           *)
(* substitutes parameters one after the other and evaluates this as         *)
(* <<h, i, g, i>>.  check.mjs --selftest asserts that the gate rejects it.  *)
EXTENDS Naturals

VARIABLES x

Rendezvous(s, i, r, j) == x' = <<s, i, r, j>>

Next == \E g \in {1}, h \in {2}, i \in {3}, j \in {4} : Rendezvous(h, j, g, i)
=============================================================================
