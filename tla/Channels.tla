------------------------------ MODULE Channels ------------------------------
(***************************************************************************)
(* Go channels at the level of the language: the TLA+ twin of spec/.       *)
(*                                                                         *)
(* A program is a set of goroutines, each running a straight-line list of  *)
(* channel operations: send, receive (with or without ok), close, len, cap *)
(* and select over send/receive cases with an optional default.  Each      *)
(* channel is a FIFO buffer of capacity Cap[c] (0 = unbuffered) with a     *)
(* closed flag.  A channel reference that is not in DOMAIN Cap is the nil  *)
(* channel.                                                                *)
(*                                                                         *)
(* Blocking is enabledness: a running goroutine whose operation has no     *)
(* ready case and no default takes a Block step; an unbuffered send and    *)
(* receive meet in one joint Rendezvous step.                              *)
(*                                                                         *)
(* Two strengths, as in spec/:                                             *)
(*  - "Language": exactly what the Go specification promises.  A blocked   *)
(*    goroutine may later complete a case that became ready on its own     *)
(*    (buffer has data or room, channel closed); close only sets the flag. *)
(*  - "Runtime": what runtime/chan.go and select.go add.  Blocked          *)
(*    goroutines wait in FIFO order and never move by themselves: a sender *)
(*    hands its value to the head blocked receiver directly (buffered      *)
(*    too),                                                                *)
(*    a receiver on a full buffer with a blocked sender takes the head and *)
(*    appends that sender's value (the rotation), and close releases every *)
(*    blocked receiver with (0, FALSE), then makes every blocked sender    *)
(*    panic, in the same step.                                             *)
(* Every Runtime behaviour is meant to be a Language behaviour: the        *)
(* Runtime's one-step hand-off, rotation and close-release are Language    *)
(* behaviours of two or more steps, so Runtime only removes choices.       *)
(* (spec/ tests this on outcomes; the models here do not check it.)        *)
(*                                                                         *)
(* Names follow the Go specification: Send, Recv, Close, Block,            *)
(* Rendezvous, select (SelectOp, Default), ready, blocked.  The invariants *)
(* are XxxInv, composed into Inv.  Models: MCChannels.tla and              *)
(* MCChannelsCloseOrder.tla, one .cfg per check (manifest.json and         *)
(* README.md).                                                             *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Programs

CONSTANTS
    Strength,   \* "Language" or "Runtime"
    Cap,        \* [channel name -> capacity]; its domain is the set of (non-nil) channels
    Prog        \* [goroutine name -> sequence of operations], built with Programs.tla's constructors

Chans      == DOMAIN Cap
Goroutines == DOMAIN Prog

ASSUME Strength \in {"Language", "Runtime"}
ASSUME Nil \notin Chans
ASSUME \A c \in Chans : Cap[c] \in Nat

-----------------------------------------------------------------------------
VARIABLES
    buf,       \* [Chans -> Seq(value)]: the buffered values, head first
    closed,    \* [Chans -> BOOLEAN]
    pc,        \* [Goroutines -> Nat]: index of the current operation
    status,    \* [Goroutines -> {"running", "blocked", "done", "panicked"}]
    results,   \* [Goroutines -> Seq(Res)]: one record per completed operation
    panicMsg,  \* [Goroutines -> STRING]: the panic, "" if none
    waiting    \* Seq(Goroutines): the blocked goroutines in the order they blocked

vars == <<buf, closed, pc, status, results, panicMsg, waiting>>

\* The current operation of g; NoOp once g is done (keeps Op total).
Op(g)        == IF pc[g] <= Len(Prog[g]) THEN Prog[g][pc[g]] ELSE NoOp
Blocked      == {g \in Goroutines : status[g] = "blocked"}
CaseIdx(g)   == IF status[g] \in {"running", "blocked"} THEN 1 .. Len(Op(g).cases) ELSE {}
CaseOf(g, i) == Op(g).cases[i]

SendCasesOn(g, c) == {i \in CaseIdx(g) : CaseOf(g, i).dir = "send" /\ CaseOf(g, i).ch = c}
RecvCasesOn(g, c) == {i \in CaseIdx(g) : CaseOf(g, i).dir = "recv" /\ CaseOf(g, i).ch = c}

\* The blocked goroutines with a send (receive) case on c.
SendWaiters(c) == {g \in Blocked : SendCasesOn(g, c) # {}}
RecvWaiters(c) == {g \in Blocked : RecvCasesOn(g, c) # {}}

\* Runtime: c's wait queues, sendq and recvq, in the order the goroutines blocked.
SendQ(c) == SelectSeq(waiting, LAMBDA g : SendCasesOn(g, c) # {})
RecvQ(c) == SelectSeq(waiting, LAMBDA g : RecvCasesOn(g, c) # {})

(***************************************************************************)
(* Partners.  RecvPartners(g, c): the blocked receivers a running sender g *)
(* may hand its value to on c.  SendPartners(g, c): the blocked senders a  *)
(* running receiver g may take a value from.  Language: any blocked        *)
(* goroutine other than g, on unbuffered channels only.  Runtime: the head *)
(* of the wait queue, whatever the capacity (for a buffered channel the    *)
(* receiver then gets the value directly, the sender rotates the buffer).  *)
(***************************************************************************)
RecvPartners(g, c) ==
    IF Strength = "Runtime"
    THEN IF RecvQ(c) = <<>> THEN {} ELSE {Head(RecvQ(c))}
    ELSE IF Cap[c] = 0 THEN RecvWaiters(c) \ {g} ELSE {}

SendPartners(g, c) ==
    IF Strength = "Runtime"
    THEN IF SendQ(c) = <<>> THEN {} ELSE {Head(SendQ(c))}
    ELSE IF Cap[c] = 0 THEN SendWaiters(c) \ {g} ELSE {}

(***************************************************************************)
(* Readiness of case i of a running goroutine g (Go spec "Select           *)
(* statements": a case is ready when its communication can proceed).  A    *)
(* nil channel is never ready; a send on a closed channel is ready and     *)
(* panics; a receive on a closed, empty channel is ready with (0, FALSE).  *)
(* Exactly the cases for which one of the completion actions below is      *)
(* enabled.                                                                *)
(***************************************************************************)
SendReady(g, c) ==
    /\ c \in Chans
    /\ \/ closed[c]
       \/ RecvPartners(g, c) # {}
       \/ Len(buf[c]) < Cap[c]

RecvReady(g, c) ==
    /\ c \in Chans
    /\ \/ buf[c] # <<>>
       \/ closed[c]
       \/ SendPartners(g, c) # {}

CaseReady(g, i) ==
    IF CaseOf(g, i).dir = "send" THEN SendReady(g, CaseOf(g, i).ch)
                                 ELSE RecvReady(g, CaseOf(g, i).ch)

\* Ready without a partner: what a blocked goroutine could do on its own.
SelfReady(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ c \in Chans
    /\ \/ closed[c]
       \/ CaseOf(g, i).dir = "send" /\ Len(buf[c]) < Cap[c]
       \/ CaseOf(g, i).dir = "recv" /\ buf[c] # <<>>

\* May g complete a case on its own?  A running goroutine always; a blocked
\* one only under Language (Runtime: blocked goroutines are woken by partners).
Active(g) == status[g] = "running" \/ (Strength = "Language" /\ status[g] = "blocked")

-----------------------------------------------------------------------------
(***************************************************************************)
(* Settle(fin, pan): the goroutines in DOMAIN fin complete their current   *)
(* operation with result fin[g]; those in DOMAIN pan panic with pan[g].    *)
(* All of them leave the wait order.  Everyone else keeps its state.       *)
(* Maintains WaitingInv and ProgressInv.                                   *)
(***************************************************************************)
NoPanic == [g \in {} |-> ""]

Settle(fin, pan) ==
    LET moved == DOMAIN fin \cup DOMAIN pan IN
    /\ pc'       = [g \in Goroutines |-> IF g \in DOMAIN fin THEN pc[g] + 1 ELSE pc[g]]
    /\ results'  = [g \in Goroutines |->
                       IF g \in DOMAIN fin THEN Append(results[g], fin[g]) ELSE results[g]]
    /\ status'   = [g \in Goroutines |->
                       IF g \in DOMAIN fin
                       THEN IF pc[g] = Len(Prog[g]) THEN "done" ELSE "running"
                       ELSE IF g \in DOMAIN pan THEN "panicked" ELSE status[g]]
    /\ panicMsg' = [g \in Goroutines |-> IF g \in DOMAIN pan THEN pan[g] ELSE panicMsg[g]]
    /\ waiting'  = SelectSeq(waiting, LAMBDA g : g \notin moved)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Completion steps of one case i of goroutine g.                          *)
(***************************************************************************)

\* Send into the buffer (Go spec "Send statements": a buffered channel with
\* room).  Runtime: only when no receiver waits (chan.go chansend: a waiting
\* receiver gets the value directly, see Rendezvous).  Maintains BufBoundInv
\* (room) and RuntimeNoSelfReadyBlockedInv (no receiver waits).
Send(g, i) ==
    LET c == CaseOf(g, i).ch
        v == CaseOf(g, i).val
    IN  /\ Active(g)
        /\ CaseOf(g, i).dir = "send"
        /\ c \in Chans
        /\ ~closed[c]
        /\ Len(buf[c]) < Cap[c]
        /\ Strength = "Runtime" => RecvQ(c) = <<>>
        /\ buf' = [buf EXCEPT ![c] = Append(buf[c], v)]
        /\ Settle(g :> Res(i, v, TRUE), NoPanic)
        /\ UNCHANGED closed

\* A send on a closed channel proceeds by panicking (Go spec "Send statements").
SendClosed(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ Active(g)
    /\ CaseOf(g, i).dir = "send"
    /\ c \in Chans
    /\ closed[c]
    /\ Settle(NoPanic, g :> PanicSendClosed)
    /\ UNCHANGED <<buf, closed>>

\* Receive the head of the buffer.  Runtime: only when no sender waits (then
\* the buffer is full and the receive is a RecvRotate).
Recv(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ Active(g)
    /\ CaseOf(g, i).dir = "recv"
    /\ c \in Chans
    /\ buf[c] # <<>>
    /\ Strength = "Runtime" => SendQ(c) = <<>>
    /\ buf' = [buf EXCEPT ![c] = Tail(buf[c])]
    /\ Settle(g :> Res(i, Head(buf[c]), TRUE), NoPanic)
    /\ UNCHANGED closed

\* A receive from a closed, empty channel yields the zero value and FALSE
\* (Go spec "Receive operator").
RecvClosed(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ Active(g)
    /\ CaseOf(g, i).dir = "recv"
    /\ c \in Chans
    /\ closed[c]
    /\ buf[c] = <<>>
    /\ Settle(g :> Res(i, 0, FALSE), NoPanic)
    /\ UNCHANGED <<buf, closed>>

\* Runtime only: a running receiver meets the head blocked sender on a
\* buffered channel, which is then full (RuntimeNoSelfReadyBlockedInv).  It
\* takes the head of the buffer and the sender's value goes to the tail, in
\* one step (chan.go recv, buffered case).  Keeps the buffer full, so
\* RuntimeNoSelfReadyBlockedInv holds for the senders still waiting.
RecvRotate(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ Strength = "Runtime"
    /\ status[g] = "running"
    /\ CaseOf(g, i).dir = "recv"
    /\ c \in Chans
    /\ Cap[c] > 0
    /\ SendQ(c) # <<>>
    /\ Len(buf[c]) = Cap[c]            \* by RuntimeNoSelfReadyBlockedInv; stated so Head is defined
    /\ LET s == Head(SendQ(c)) IN
       \E j \in SendCasesOn(s, c) :
          LET v == CaseOf(s, j).val IN
          /\ buf' = [buf EXCEPT ![c] = Append(Tail(buf[c]), v)]
          /\ Settle((g :> Res(i, Head(buf[c]), TRUE)) @@ (s :> Res(j, v, TRUE)), NoPanic)
    /\ UNCHANGED closed

\* Rendezvous: sender s (case si) and receiver r (case ri) complete together,
\* the value passing from one to the other without the buffer.  Guarded by
\* SendRendezvous and RecvRendezvous: one of the two is running, the other
\* blocked and a partner of it.  Maintains NoBlockedPairInv: the partner
\* leaves the blocked set.
Rendezvous(s, si, r, ri) ==
    LET v == CaseOf(s, si).val IN
    /\ s # r                                   \* never with itself (select.go pass 2)
    /\ Settle((s :> Res(si, v, TRUE)) @@ (r :> Res(ri, v, TRUE)), NoPanic)
    /\ UNCHANGED <<buf, closed>>

\* A running sender meets a blocked receiver on an open channel.  Language:
\* unbuffered only, any blocked receiver, any of its receive cases on c.
\* Runtime: the head of recvq, whatever the capacity (chan.go send: direct
\* hand-off; the buffer is empty then by RuntimeNoSelfReadyBlockedInv).
SendRendezvous(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ status[g] = "running"
    /\ CaseOf(g, i).dir = "send"
    /\ c \in Chans
    /\ ~closed[c]
    /\ \E r \in RecvPartners(g, c) : \E ri \in RecvCasesOn(r, c) : Rendezvous(g, i, r, ri)

\* A running receiver meets a blocked sender on an open unbuffered channel
\* (Runtime: the head of sendq, chan.go recv; buffered: RecvRotate).
RecvRendezvous(g, i) ==
    LET c == CaseOf(g, i).ch IN
    /\ status[g] = "running"
    /\ CaseOf(g, i).dir = "recv"
    /\ c \in Chans
    /\ ~closed[c]
    /\ Cap[c] = 0
    /\ \E s \in SendPartners(g, c) : \E si \in SendCasesOn(s, c) : Rendezvous(s, si, g, i)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Whole-operation steps of a running goroutine g.                         *)
(***************************************************************************)

\* select with default and no ready case takes the default (Go spec "Select
\* statements"; select.go: not ready, non-blocking).
Default(g) ==
    /\ status[g] = "running"
    /\ IsComm(Op(g))
    /\ Op(g).default
    /\ \A i \in CaseIdx(g) : ~CaseReady(g, i)
    /\ Settle(g :> Res(0, 0, FALSE), NoPanic)
    /\ UNCHANGED <<buf, closed>>

\* No case ready and no default: g blocks and joins the wait order (chan.go
\* gopark; select.go pass 2).  Maintains NoBlockedPairInv (no partner was
\* blocked, else a case would be ready) and RuntimeNoSelfReadyBlockedInv.
Block(g) ==
    /\ status[g] = "running"
    /\ IsComm(Op(g))
    /\ ~Op(g).default
    /\ \A i \in CaseIdx(g) : ~CaseReady(g, i)
    /\ status'  = [status EXCEPT ![g] = "blocked"]
    /\ waiting' = Append(waiting, g)
    /\ UNCHANGED <<buf, closed, pc, results, panicMsg>>

\* The picks of one receive case on c for each goroutine in R.
Picks(R, c) ==
    {f \in [R -> UNION {RecvCasesOn(r, c) : r \in R}] : \A r \in R : f[r] \in RecvCasesOn(r, c)}

\* close(c) on an open channel (Go spec "Close").  Language: only the flag;
\* blocked goroutines then complete by themselves (RecvClosed, SendClosed).
\* Runtime (chan.go closechan): in the same step every blocked receiver on c
\* completes one of its receive cases on c with (0, FALSE), first; then every
\* blocked sender on c that is left panics.  A blocked select with both a send
\* and a receive case on c therefore resolves as the receive
\* (SEMANTICS.md item 18).  Maintains ClosedNoSenderInv and
\* ClosedNoReceiverInv.
Close(g) ==
    LET c == Op(g).ch IN
    /\ status[g] = "running"
    /\ Op(g).kind = "close"
    /\ c \in Chans
    /\ ~closed[c]
    /\ closed' = [closed EXCEPT ![c] = TRUE]
    /\ IF Strength = "Language"
       THEN Settle(g :> Res(0, 0, TRUE), NoPanic)
       ELSE LET R == RecvWaiters(c)          \* released first
                S == SendWaiters(c) \ R      \* then panic
            IN  \E pick \in Picks(R, c) :
                   Settle([r \in R |-> Res(pick[r], 0, FALSE)] @@ (g :> Res(0, 0, TRUE)),
                          [s \in S |-> PanicSendClosed])
    /\ UNCHANGED buf

\* close of a nil or closed channel panics.
ClosePanic(g) ==
    LET c == Op(g).ch IN
    /\ status[g] = "running"
    /\ Op(g).kind = "close"
    /\ c \notin Chans \/ closed[c]
    /\ Settle(NoPanic, g :> IF c \notin Chans THEN PanicCloseNil ELSE PanicCloseClosed)
    /\ UNCHANGED <<buf, closed>>

\* len(c) and cap(c); both 0 on nil (Go spec "Length and capacity").
Length(g) ==
    LET c == Op(g).ch IN
    /\ status[g] = "running"
    /\ Op(g).kind = "len"
    /\ Settle(g :> Res(0, IF c \in Chans THEN Len(buf[c]) ELSE 0, TRUE), NoPanic)
    /\ UNCHANGED <<buf, closed>>

Capacity(g) ==
    LET c == Op(g).ch IN
    /\ status[g] = "running"
    /\ Op(g).kind = "cap"
    /\ Settle(g :> Res(0, IF c \in Chans THEN Cap[c] ELSE 0, TRUE), NoPanic)
    /\ UNCHANGED <<buf, closed>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The specification.                                                      *)
(***************************************************************************)
Init ==
    /\ buf      = [c \in Chans |-> <<>>]
    /\ closed   = [c \in Chans |-> FALSE]
    /\ pc       = [g \in Goroutines |-> 1]
    /\ status   = [g \in Goroutines |-> IF Prog[g] = <<>> THEN "done" ELSE "running"]
    /\ results  = [g \in Goroutines |-> <<>>]
    /\ panicMsg = [g \in Goroutines |-> ""]
    /\ waiting  = <<>>

\* One communication case i of g completes; g is the goroutine that acts (the
\* running one of a rendezvous or rotation).
CaseStep(g) ==
    \E i \in CaseIdx(g) :
        \/ Send(g, i)
        \/ SendClosed(g, i)
        \/ SendRendezvous(g, i)
        \/ Recv(g, i)
        \/ RecvClosed(g, i)
        \/ RecvRendezvous(g, i)
        \/ RecvRotate(g, i)

CloseStep(g) == Close(g) \/ ClosePanic(g)

OtherStep(g) == Default(g) \/ Block(g) \/ Length(g) \/ Capacity(g)

Step(g) == CaseStep(g) \/ CloseStep(g) \/ OtherStep(g)

\* Every goroutine has finished (done or panicked): stutter, so that the model
\* checker reports a deadlock only when some goroutine is blocked forever
\* ("all goroutines are asleep").
Terminated ==
    /\ \A g \in Goroutines : status[g] \in {"done", "panicked"}
    /\ UNCHANGED vars

\* Next is (\E g \in Goroutines : Step(g)) \/ Terminated, written out by the kind of
\* g's operation: tla-checker expands the whole definition of an operator with
\* parameters, transitively, at every call, so that Step(g) costs as much as
\* every action of g (README.md "tla-checker notes").  NextByStep is the short
\* form; MCChannels.ByStepCloseWaitersRuntime.cfg checks that it reaches the same
\* states.
Next ==
    \/ \E g \in Goroutines :
          \/ IsComm(Op(g)) /\ \E i \in CaseIdx(g) :
                \/ CaseOf(g, i).dir = "send" /\ (Send(g, i) \/ SendClosed(g, i) \/ SendRendezvous(g, i))
                \/ CaseOf(g, i).dir = "recv" /\ (Recv(g, i) \/ RecvClosed(g, i) \/ RecvRendezvous(g, i)
                                                \/ RecvRotate(g, i))
          \/ IsComm(Op(g)) /\ (Default(g) \/ Block(g))
          \/ Op(g).kind = "close" /\ (Close(g) \/ ClosePanic(g))
          \/ Op(g).kind = "len" /\ Length(g)
          \/ Op(g).kind = "cap" /\ Capacity(g)
    \/ Terminated

NextByStep == (\E g \in Goroutines : Step(g)) \/ Terminated

\* Weak fairness per goroutine: a goroutine that can keep moving does.
Fairness == \A g \in Goroutines : WF_vars(Step(g))

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)
Status == {"running", "blocked", "done", "panicked"}

TypeInv ==
    /\ buf \in [Chans -> Seq(Int)]
    /\ closed \in [Chans -> BOOLEAN]
    /\ pc \in [Goroutines -> Nat]
    /\ status \in [Goroutines -> Status]
    /\ \A g \in Goroutines : results[g] \in Seq([case : Nat, val : Int, ok : BOOLEAN])
    /\ panicMsg \in [Goroutines -> {"", PanicSendClosed, PanicCloseNil, PanicCloseClosed}]
    /\ waiting \in Seq(Goroutines)

\* len(buf) never exceeds cap; an unbuffered channel never holds a value.
BufBoundInv == \A c \in Chans : Len(buf[c]) <= Cap[c]

\* pc, status and results agree: one result per completed operation; done
\* exactly past the end; a panic stops at the panicking operation.
ProgressInv ==
    \A g \in Goroutines :
        /\ Len(results[g]) = pc[g] - 1
        /\ (status[g] = "done") <=> (pc[g] = Len(Prog[g]) + 1)
        /\ (status[g] = "panicked") <=> (panicMsg[g] # "")

\* waiting lists every blocked goroutine exactly once (a sudog is on a queue
\* iff its goroutine is parked on that operation).
WaitingInv ==
    /\ {waiting[k] : k \in 1 .. Len(waiting)} = Blocked
    /\ Len(waiting) = Cardinality(Blocked)

\* No two blocked goroutines could rendezvous with each other: whoever blocked
\* second would have found the first one ready.  A select that both sends and
\* receives on c does not pair with itself.
NoBlockedPairInv ==
    \A c \in Chans : Cap[c] = 0 =>
        \A s \in SendWaiters(c), r \in RecvWaiters(c) : s = r

\* Runtime: no goroutine stays blocked sending on a closed channel; closechan
\* made every blocked sender panic.
ClosedNoSenderInv ==
    Strength = "Runtime" => \A c \in Chans : closed[c] => SendWaiters(c) = {}

\* Runtime: no goroutine stays blocked receiving from a closed channel;
\* closechan released every blocked receiver with (0, FALSE).
ClosedNoReceiverInv ==
    Strength = "Runtime" => \A c \in Chans : closed[c] => RecvWaiters(c) = {}

\* Runtime: no blocked goroutine has a case it could complete on its own (no
\* lost wake-up).  In hchan terms: qcount > 0 => recvq empty;
\* qcount < dataqsiz => sendq empty; closed => both empty.
RuntimeNoSelfReadyBlockedInv ==
    Strength = "Runtime" =>
        \A g \in Blocked : \A i \in CaseIdx(g) : ~SelfReady(g, i)

\* Runtime (chan.go, hchan invariants): at least one of sendq and recvq is
\* empty, except for one goroutine whose select sends and receives on c.
RuntimeOneSidedQueuesInv ==
    Strength = "Runtime" =>
        \A c \in Chans :
            \/ SendWaiters(c) = {}
            \/ RecvWaiters(c) = {}
            \/ \E g \in Goroutines : SendWaiters(c) = {g} /\ RecvWaiters(c) = {g}

Inv ==
    /\ TypeInv
    /\ BufBoundInv
    /\ ProgressInv
    /\ WaitingInv
    /\ NoBlockedPairInv
    /\ ClosedNoSenderInv
    /\ ClosedNoReceiverInv
    /\ RuntimeNoSelfReadyBlockedInv
    /\ RuntimeOneSidedQueuesInv

-----------------------------------------------------------------------------
(***************************************************************************)
(* Properties.                                                             *)
(***************************************************************************)

\* Every goroutine eventually finishes: done or panicked, none blocked forever.
\* Holds for programs that cannot deadlock, under Fairness.
Termination == <>(\A g \in Goroutines : status[g] \in {"done", "panicked"})

\* Eventually no goroutine is running: every goroutine finishes, panics or
\* blocks for good (every program here is finite).
Quiescence == <>[](\A g \in Goroutines : status[g] # "running")

=============================================================================
