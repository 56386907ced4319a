------------------------------ MODULE Programs ------------------------------
(***************************************************************************)
(* The program form shared by Channels.tla and HChan.tla: the TLA+ twin of *)
(* spec/program.go.  A program is [goroutine name -> sequence of           *)
(* operations]; channels are named by strings, and a reference that names  *)
(* no channel (Nil) is the nil channel.  No constants, no variables: both  *)
(* levels EXTEND it, so a program written once runs on either level, and   *)
(* the refinement HChan => Channels compares the same results.             *)
(***************************************************************************)
EXTENDS Naturals, Sequences

\* The nil channel: any channel reference that is not a channel.
Nil == "nil"

(***************************************************************************)
(* Program form.  Every operation is a record with the same fields so that *)
(* a program is a plain sequence: kind, ch (close/len/cap), cases (the     *)
(* communication cases; a plain send or receive is a one-case list),       *)
(* default (select only) and commaOk (receive only: v, ok := <-c).         *)
(***************************************************************************)
SendCase(c, v) == [dir |-> "send", ch |-> c, val |-> v]
RecvCase(c)    == [dir |-> "recv", ch |-> c, val |-> 0]

MkOp(kind, c, cases, dflt, commaOk) ==
    [kind |-> kind, ch |-> c, cases |-> cases, default |-> dflt, commaOk |-> commaOk]

SendOp(c, v)   == MkOp("send", c, <<SendCase(c, v)>>, FALSE, FALSE)   \* c <- v
RecvOp(c)      == MkOp("recv", c, <<RecvCase(c)>>, FALSE, FALSE)      \* v := <-c
RecvOkOp(c)    == MkOp("recv", c, <<RecvCase(c)>>, FALSE, TRUE)       \* v, ok := <-c
CloseOp(c)     == MkOp("close", c, <<>>, FALSE, FALSE)                \* close(c)
LenOp(c)       == MkOp("len", c, <<>>, FALSE, FALSE)                  \* len(c)
CapOp(c)       == MkOp("cap", c, <<>>, FALSE, FALSE)                  \* cap(c)
SelectOp(cases, dflt) == MkOp("select", Nil, cases, dflt, FALSE)      \* select { cases; [default] }

IsComm(op) == op.kind \in {"send", "recv", "select"}

\* The operation of a goroutine past its last one (keeps Op total).
NoOp == MkOp("none", Nil, <<>>, FALSE, FALSE)

(***************************************************************************)
(* Results.  Every completed operation appends one record to its           *)
(* goroutine's results: case (1-based index into cases; 0 for default,     *)
(* close, len and cap), val (value sent or received, or the len/cap) and   *)
(* ok (receive: FALSE iff woken by close; default: FALSE).  A plain        *)
(* receive ignores ok.                                                     *)
(***************************************************************************)
Res(i, v, ok) == [case |-> i, val |-> v, ok |-> ok]

PanicSendClosed   == "send on closed channel"
PanicCloseNil     == "close of nil channel"
PanicCloseClosed  == "close of closed channel"

=============================================================================
