----------------------------- MODULE ForwardRef ------------------------------
(* Fixture: valid syntax, but Next uses Step before its definition.  SANY  *)
(* rejects that and tla-checker does not; the gate must reject it.         *)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Next == Step(1)

Step(n) == x' = x + n
=============================================================================
