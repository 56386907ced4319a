--------------------------- MODULE UnclosedExcept ---------------------------
(* Syntax gate fixture: a closing bracket is missing in Send.  check.mjs     *)
(* --selftest asserts that the gate rejects this file.                       *)
EXTENDS Naturals, Sequences

VARIABLES buf

Send(c, v) == buf' = [buf EXCEPT ![c] = Append(buf[c], v)

Recv(c) == /\ buf[c] # <<>>
           /\ buf' = [buf EXCEPT ![c] = Tail(buf[c])]
=============================================================================
