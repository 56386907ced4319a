----------------------------- MODULE MCChannels -----------------------------
(***************************************************************************)
(* Small programs for model checking Channels.  Each .cfg named            *)
(* MCChannels.<Model><Strength>.cfg picks one program with                 *)
(*     Cap <- <Model>Cap    Prog <- <Model>Prog    Strength = "..."        *)
(* and one check (INVARIANT Inv, PROPERTY ..., or an expected deadlock).   *)
(* manifest.json lists every check with its expected result and the        *)
(* number of distinct states.  Channel and goroutine names are strings.    *)
(***************************************************************************)
EXTENDS Channels

(***************************************************************************)
(* PingPong: two unbuffered channels, one round trip.                      *)
(*   ping:  c <- 1;  v := <-d                                              *)
(*   pong:  v := <-c;  d <- 2                                              *)
(* No deadlock; with fairness both goroutines finish (Termination).        *)
(* Without fairness a goroutine may stop for ever: UnfairSpec fails        *)
(* Termination on purpose (the counterexample stutters after a prefix).    *)
(***************************************************************************)
PingPongCap  == [c |-> 0, d |-> 0]
PingPongProg == [ping |-> <<SendOp("c", 1), RecvOp("d")>>,
                 pong |-> <<RecvOp("c"), SendOp("d", 2)>>]

UnfairSpec == Init /\ [][Next]_vars

\* Next in the short form, (\E g : Step(g)) \/ Terminated, as Fairness uses it: it must
\* reach the same states as Next (Channels.tla, before Next).
ByStepSpec == Init /\ [][NextByStep]_vars

(***************************************************************************)
(* CloseWaiters: close while senders and receivers may be blocked on an    *)
(* unbuffered channel (SEMANTICS.md items 13, 16, 17).                     *)
(*   s1: c <- 1         s2: c <- 2                                         *)
(*   r1: v, ok := <-c   r2: v, ok := <-c                                   *)
(*   closer: close(c)                                                      *)
(* Runtime: close releases the blocked receivers with (0, FALSE) and makes *)
(* the blocked senders panic in one step.  Language: they complete on      *)
(* their own.  Never deadlocks: after close every operation is ready.      *)
(***************************************************************************)
CloseWaitersCap  == [c |-> 0]
CloseWaitersProg == [s1 |-> <<SendOp("c", 1)>>,
                     s2 |-> <<SendOp("c", 2)>>,
                     r1 |-> <<RecvOkOp("c")>>,
                     r2 |-> <<RecvOkOp("c")>>,
                     closer |-> <<CloseOp("c")>>]

(***************************************************************************)
(* ClosePanics: the panics of close and send, and nil (items 8, 13, 17).   *)
(*   nilcloser:  close(nil)                                                *)
(*   twice:      close(c);  close(c)                                       *)
(*   sender:     c <- 1                                                    *)
(*   nilops:     len(nil);  cap(nil)                                       *)
(* c is unbuffered and nobody receives, so the send can only panic, either *)
(* running after the close or blocked before it (Runtime: woken by close;  *)
(* Language: on its own).                                                  *)
(***************************************************************************)
ClosePanicsCap  == [c |-> 0]
ClosePanicsProg == [nilcloser |-> <<CloseOp(Nil)>>,
                    twice     |-> <<CloseOp("c"), CloseOp("c")>>,
                    sender    |-> <<SendOp("c", 1)>>,
                    nilops    |-> <<LenOp(Nil), CapOp(Nil)>>]

ClosePanicsInv ==
    /\ status["nilcloser"] # "done"
    /\ status["nilcloser"] = "panicked" => panicMsg["nilcloser"] = PanicCloseNil
    /\ status["twice"] # "done"
    /\ status["twice"] = "panicked" => (panicMsg["twice"] = PanicCloseClosed /\ pc["twice"] = 2)
    /\ status["sender"] # "done"
    /\ status["sender"] = "panicked" => panicMsg["sender"] = PanicSendClosed
    /\ \A k \in 1 .. Len(results["nilops"]) : results["nilops"][k].val = 0

(***************************************************************************)
(* Buffered: FIFO through a buffer of capacity 1 (items 11, 14, 15, 19).   *)
(*   s1:  c <- 1;  c <- 2        s2:  c <- 3;  len(c)                      *)
(*   r:   v := <-c;  v := <-c;  v := <-c                                   *)
(* Runtime: a receiver blocked on the empty buffer is handed the value     *)
(* directly; a receiver that finds the buffer full with a sender blocked   *)
(* takes the head and rotates that sender's value in (RecvRotate).         *)
(* FifoInv: r receives 1 before 2.                                         *)
(***************************************************************************)
BufferedCap  == [c |-> 1]
BufferedProg == [s1 |-> <<SendOp("c", 1), SendOp("c", 2)>>,
                 s2 |-> <<SendOp("c", 3), LenOp("c")>>,
                 r  |-> <<RecvOp("c"), RecvOp("c"), RecvOp("c")>>]

FifoInv ==
    \A k, m \in 1 .. Len(results["r"]) :
        (results["r"][k].val = 1 /\ results["r"][m].val = 2) => k < m

(***************************************************************************)
(* SelectReady: a select with two ready cases may take either (item 29),   *)
(* a nil case is never ready (item 9), and a non-blocking select takes     *)
(* default only when no case is ready (item 32).                           *)
(*   a:  c <- 1;  d <- 2;  select { v := <-c ; v := <-d }                  *)
(*   b:  select { v := <-nil ; v := <-d ; default };  len(c);  cap(d)      *)
(* c and d have capacity 1.                                                *)
(***************************************************************************)
SelectReadyCap  == [c |-> 1, d |-> 1]
SelectReadyProg == [a |-> <<SendOp("c", 1), SendOp("d", 2),
                            SelectOp(<<RecvCase("c"), RecvCase("d")>>, FALSE)>>,
                    b |-> <<SelectOp(<<RecvCase(Nil), RecvCase("d")>>, TRUE),
                            LenOp("c"), CapOp("d")>>]

(***************************************************************************)
(* SelfSelect (runtime/chan_test.go TestSelfSelect, unbuffered): two       *)
(* goroutines each run select { c <- id ; v := <-c } twice.  Each select   *)
(* pairs with the other goroutine's, never with itself, so a goroutine     *)
(* never receives its own id (NoSelfReceiveInv).                           *)
(***************************************************************************)
SelfSelectCap  == [c |-> 0]
SelfSelectOp(id) == SelectOp(<<SendCase("c", id), RecvCase("c")>>, FALSE)
SelfSelectProg == [p1 |-> <<SelfSelectOp(1), SelfSelectOp(1)>>,
                   p2 |-> <<SelfSelectOp(2), SelfSelectOp(2)>>]

\* The id a SelfSelect goroutine sends.
SelfSelectId(g) == Prog[g][1].cases[1].val

NoSelfReceiveInv ==
    \A g \in Goroutines : \A k \in 1 .. Len(results[g]) :
        results[g][k].case = 2 => results[g][k].val # SelfSelectId(g)

(***************************************************************************)
(* Deadlock: each goroutine waits for the other before it sends (item 10). *)
(*   a:  v := <-c;  d <- 1          b:  v := <-d;  c <- 1                  *)
(*   alone:  select { e <- 3 ; v := <-e }   (never meets itself)           *)
(* Both a and b block, alone's select has no partner: every goroutine is   *)
(* blocked and no step is enabled.  The check is expected to report a      *)
(* deadlock ("all goroutines are asleep").                                 *)
(***************************************************************************)
DeadlockCap  == [c |-> 0, d |-> 0, e |-> 0]
DeadlockProg == [a |-> <<RecvOp("c"), SendOp("d", 1)>>,
                 b |-> <<RecvOp("d"), SendOp("c", 1)>>,
                 alone |-> <<SelectOp(<<SendCase("e", 3), RecvCase("e")>>, FALSE)>>]

=============================================================================
