------------------------------ MODULE MCHChan -------------------------------
(***************************************************************************)
(* Small programs for model checking HChan.  Each .cfg named               *)
(* MCHChan.<Model>.cfg picks one program with                              *)
(*   Cap <- <Model>Cap   Prog <- <Model>Prog   ChanOrder <- <Model>Order   *)
(* and one check.  manifest.json lists every check with its expected       *)
(* result and the number of distinct states; README.md explains them.      *)
(***************************************************************************)
EXTENDS HChan

(***************************************************************************)
(* PingPong: two unbuffered channels, one round trip.                      *)
(*   ping:  c <- 1;  v := <-d          pong:  v := <-c;  d <- 2            *)
(***************************************************************************)
PingPongCap   == [c |-> 0, d |-> 0]
PingPongOrder == <<"c", "d">>
PingPongProg  == [ping |-> <<SendOp("c", 1), RecvOp("d")>>,
                  pong |-> <<RecvOp("c"), SendOp("d", 2)>>]

(***************************************************************************)
(* Buffered: a buffer of capacity 1 (items 11, 14, 15).                    *)
(*   s:  c <- 1;  c <- 2               r:  v := <-c;  v := <-c;  len(c)    *)
(* r blocked on the empty buffer is handed a value directly                *)
(* (SendToReceiver); s blocked on the full buffer has its value rotated in *)
(* by r's receive (RecvRotate).                                            *)
(***************************************************************************)
BufferedCap   == [c |-> 1]
BufferedOrder == <<"c">>
BufferedProg  == [s |-> <<SendOp("c", 1), SendOp("c", 2)>>,
                  r |-> <<RecvOp("c"), RecvOp("c"), LenOp("c")>>]

(***************************************************************************)
(* CloseWaiters: close while a sender and a receiver may be parked on an   *)
(* unbuffered channel (items 13, 16, 17).                                  *)
(*   s: c <- 1        r: v, ok := <-c        closer: close(c)              *)
(***************************************************************************)
CloseWaitersCap   == [c |-> 0]
CloseWaitersOrder == <<"c">>
CloseWaitersProg  == [s |-> <<SendOp("c", 1)>>,
                      r |-> <<RecvOkOp("c")>>,
                      closer |-> <<CloseOp("c")>>]

(***************************************************************************)
(* TwoReceivers: receivers parked on one unbuffered channel are served in  *)
(* the order they parked (item 22).                                        *)
(*   r1:  v := <-c        r2:  v := <-c        s:  c <- 1;  c <- 2         *)
(***************************************************************************)
TwoReceiversCap   == [c |-> 0]
TwoReceiversOrder == <<"c">>
TwoReceiversProg  == [r1 |-> <<RecvOp("c")>>, r2 |-> <<RecvOp("c")>>,
                      s  |-> <<SendOp("c", 1), SendOp("c", 2)>>]

(***************************************************************************)
(* SelectClose (item 18): a select on both sides of unbuffered c, parked   *)
(* on both queues when c is closed, resolves as the receive.               *)
(*   sel:  select { c <- 1 ; v, ok := <-c }        closer:  close(c)       *)
(***************************************************************************)
SelectCloseCap   == [c |-> 0]
SelectCloseOrder == <<"c">>
SelectCloseProg  == [sel    |-> <<SelectOp(<<SendCase("c", 1), RecvCase("c")>>, FALSE)>>,
                     closer |-> <<CloseOp("c")>>]

(***************************************************************************)
(* SelectTwo: a select over two channels, twice, against two senders       *)
(* (items 23, 30, 33, 34): lock order, pass 2 on both queues, a waker      *)
(* winning selectDone, pass 3 removing the losing sudog.                   *)
(*   sel:  select { v := <-c ; v := <-d };  select { v := <-c ; v := <-d } *)
(*   a:    c <- 1                  b:  d <- 2                              *)
(***************************************************************************)
SelectTwoCap   == [c |-> 0, d |-> 0]
SelectTwoOrder == <<"c", "d">>
SelectTwoOp    == SelectOp(<<RecvCase("c"), RecvCase("d")>>, FALSE)
SelectTwoProg  == [sel |-> <<SelectTwoOp, SelectTwoOp>>,
                   a   |-> <<SendOp("c", 1)>>,
                   b   |-> <<SendOp("d", 2)>>]

(***************************************************************************)
(* SelfSelect (runtime/chan_test.go TestSelfSelect): two goroutines each   *)
(* run select { c <- id ; v := <-c } on unbuffered c; a select never meets *)
(* itself (item 33): NoSelfReceiveInv.                                     *)
(***************************************************************************)
SelfSelectCap   == [c |-> 0]
SelfSelectOrder == <<"c">>
SelfSelectOp(id) == SelectOp(<<SendCase("c", id), RecvCase("c")>>, FALSE)
SelfSelectProg  == [p1 |-> <<SelfSelectOp(1)>>, p2 |-> <<SelfSelectOp(2)>>]

NoSelfReceiveInv ==
    \A g \in Goroutines : \A k \in 1 .. Len(results[g]) :
        results[g][k].case = 2 => results[g][k].val # Prog[g][1].cases[1].val

(***************************************************************************)
(* NilDefault: nil channels, defaults, len and cap (items 7-9, 19, 28, 32).*)
(*   a:  select { v := <-nil ; v := <-c ; default };  len(c);  cap(c)      *)
(*   b:  c <- 1;  select { c <- 2 ; default };  close(nil)                 *)
(* c has capacity 1: b's second send finds room only if a took the 1.      *)
(***************************************************************************)
NilDefaultCap   == [c |-> 1]
NilDefaultOrder == <<"c">>
NilDefaultProg  == [a |-> <<SelectOp(<<RecvCase(Nil), RecvCase("c")>>, TRUE), LenOp("c"), CapOp("c")>>,
                    b |-> <<SendOp("c", 1), SelectOp(<<SendCase("c", 2)>>, TRUE), CloseOp(Nil)>>]

(***************************************************************************)
(* Deadlock: every goroutine ends parked (items 9, 10).                    *)
(*   a:  v := <-c       b:  select { d <- 1 ; v := <-d }      n:  nil <- 1 *)
(***************************************************************************)
DeadlockCap   == [c |-> 0, d |-> 0]
DeadlockOrder == <<"c", "d">>
DeadlockProg  == [a |-> <<RecvOp("c")>>,
                  b |-> <<SelectOp(<<SendCase("d", 1), RecvCase("d")>>, FALSE)>>,
                  n |-> <<SendOp(Nil, 1)>>]

(***************************************************************************)
(* Deadlock freedom with the checker's own deadlock detection: HChan may   *)
(* stop only where Channels cannot move either.  The stutter step is       *)
(* allowed exactly in the states whose mapped Channels state has no step   *)
(* (everyone finished or blocked, someone blocked), so a deadlock the      *)
(* checker reports is a state where Channels can move and HChan cannot: a  *)
(* lost wake-up.                                                           *)
(***************************************************************************)
ProgramAsleep == ~AbsCanStepOf(AbsStatus) /\ UNCHANGED vars

DeadlockFreeSpec == Init /\ [][Next \/ ProgramAsleep]_vars

\* The same with fairness, for liveness: a program that can deadlock ends in
\* the ProgramAsleep stutter, a cycle on which Termination fails.
AsleepSpec == Init /\ [][Next \/ ProgramAsleep]_vars /\ Fairness

(***************************************************************************)
(* Next written with Step(g), as the fairness condition uses it: the same  *)
(* relation (HChan.tla, before Next), so the same states.                  *)
(***************************************************************************)
ByStepSpec == Init /\ [][NextByStep]_vars

=============================================================================
