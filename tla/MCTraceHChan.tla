---------------------------- MODULE MCTraceHChan ----------------------------
(***************************************************************************)
(* The programs of impl/tracesample_test.go, named as their traces name    *)
(* them (goroutine G<n> is "g<n>", channel <n> is "c<n>"), and one .cfg    *)
(* per committed trace:                                                    *)
(*   MCTraceHChan.Sample.cfg    sample.ndjson: accepted                    *)
(*   MCTraceHChan.Fifo.cfg      fifo.ndjson: accepted                      *)
(*   MCTraceHChan.MutantCloseForgetsSenders.cfg                            *)
(*                              impl -tags chanmutants, mutant             *)
(*                              close-forgets-senders: rejected at Close   *)
(*   MCTraceHChan.MutantLifoWaitq.cfg                                      *)
(*                              mutant lifo-waitq: rejected at the first   *)
(*                              SendToReceiver                             *)
(***************************************************************************)
EXTENDS TraceHChan, TraceLogs

(***************************************************************************)
(* impl/tracesample_test.go sampleProgram.                                 *)
(*   g2 (a):  c1 <- 1;  c1 <- 2;  c2 <- 3                                  *)
(*   g3 (b):  <-c1;  select { <-c2 ; c1 <- 4 };  len(c1);  cap(c2)         *)
(*   g4 (e):  <-c1, ok;  <-c1, ok;  close(c2)                              *)
(* c1 has capacity 1, c2 none.                                             *)
(***************************************************************************)
SampleCap   == [c1 |-> 1, c2 |-> 0]
SampleOrder == <<"c1", "c2">>
SampleProg  == [g2 |-> <<SendOp("c1", 1), SendOp("c1", 2), SendOp("c2", 3)>>,
                g3 |-> <<RecvOp("c1"), SelectOp(<<RecvCase("c2"), SendCase("c1", 4)>>, FALSE),
                         LenOp("c1"), CapOp("c2")>>,
                g4 |-> <<RecvOkOp("c1"), RecvOkOp("c1"), CloseOp("c2")>>]

(***************************************************************************)
(* impl/tracesample_test.go fifoProgram.                                   *)
(*   g2 (r1):  <-c1      g3 (r2):  <-c1      g4 (s):  c1 <- 1;  c1 <- 2    *)
(***************************************************************************)
FifoCap   == [c1 |-> 0]
FifoOrder == <<"c1">>
FifoProg  == [g2 |-> <<RecvOp("c1")>>, g3 |-> <<RecvOp("c1")>>,
              g4 |-> <<SendOp("c1", 1), SendOp("c1", 2)>>]

=============================================================================
