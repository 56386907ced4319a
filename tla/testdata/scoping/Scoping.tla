------------------------------ MODULE Scoping -------------------------------
(* Fixture: what tla-checker 0.9.0 gets wrong about bound names, and       *)
(* check.mjs's renaming (uniqueBinders) puts right.  ScopingInv holds in    *)
(* TLA+ (and under TLC); tla-checker run on this module as written breaks   *)
(* it, run on the renamed module it holds.  check.mjs --selftest checks     *)
(* both.                                                                    *)
(*  - Id("z") inside [g \in {"a"} |-> ..]: tla-checker gives Id's           *)
(*    parameter g the caller's g ("a").                                     *)
(*  - Inner(k) inside [k \in 1..2 |-> ..]: the argument k is evaluated      *)
(*    inside Inner's own {k \in ..}, so both calls give one set.            *)
(*  - Swap(b, a) of Swap(a, b) == <<b, a>> inside \E a, b: one of the two   *)
(*    values twice (Capture.tla, the first symptom found).                  *)
EXTENDS Naturals

VARIABLE x

Id(g)      == g
Inner(q)   == {k \in 1 .. 3 : q > 1}
Swap(a, b) == <<b, a>>

Init == x = <<[g \in {"a"} |-> Id("z")],
              [k \in 1 .. 2 |-> Inner(k)],
              {Swap(b, a) : a \in {1}, b \in {2}}>>

Next == UNCHANGED x

ScopingInv ==
    /\ x[1]["a"] = "z"
    /\ x[2][1] = {}
    /\ x[2][2] = {1, 2, 3}
    /\ x[3] = {<<1, 2>>}
=============================================================================
