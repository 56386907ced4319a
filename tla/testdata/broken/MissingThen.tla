---------------------------- MODULE MissingThen ----------------------------
(* Syntax gate fixture: IF without THEN.                                     *)
EXTENDS Naturals

VARIABLES x

Next == x' = IF x < 3 x + 1 ELSE 0
=============================================================================
