------------------------------ MODULE Capture ------------------------------
(* Fixture (valid TLA+): Rendezvous(h, j, g, i) passes j to the parameter  *)
(* named i and i to the one named j.  tla-checker 0.9.0 resolves a          *)
(* parameter to a binding of the same name in its caller and evaluates      *)
(* this as <<h, i, g, i>>.  The syntax gate used to reject it; check.mjs    *)
(* now renames every bound name (uniqueBinders) and Scoping.tla checks     *)
(* that the renaming gets such calls right.                                 *)
EXTENDS Naturals

VARIABLES x

Rendezvous(s, i, r, j) == x' = <<s, i, r, j>>

Next == \E g \in {1}, h \in {2}, i \in {3}, j \in {4} : Rendezvous(h, j, g, i)
=============================================================================
