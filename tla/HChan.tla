------------------------------- MODULE HChan -------------------------------
(***************************************************************************)
(* Go channels at the level of the runtime: the TLA+ twin of impl/         *)
(* (impl/hchan.go, waitq.go, select.go, and the parts of the scheduler     *)
(* they use: gopark, goready).  It runs the same programs as Channels.tla  *)
(* (Programs.tla) and refines Channels at Runtime strength; the refinement *)
(* mapping and THEOREM Spec => C!Spec are at the bottom.                   *)
(*                                                                         *)
(* Per channel c (an hchan): a lock, the ring buffer buf[c] with sendx,    *)
(* recvx and qcount (dataqsiz is Cap[c]), closed, and the wait queues      *)
(* sendq[c] and recvq[c], sequences of sudogs.  Per goroutine g: its       *)
(* status (runnable, running, waiting, dead) moved by gopark (Park) and    *)
(* goready (Ready), selectDone, param (the sudog that woke a select), and  *)
(* where it is in the runtime's code (at, todo, wake, lockorder): taking   *)
(* its locks, in the critical section, releasing them, readying the        *)
(* goroutines it woke, parking.                                            *)
(*                                                                         *)
(* Granularity.  One action is one step of impl's Deterministic scheduler: *)
(* Lock, Unlock, Park and Ready are scheduling points, and everything a    *)
(* goroutine does in a critical section between them is one action (the   *)
(* trace event that names it: BufSend, SendToReceiver, Close with its      *)
(* CloseRelease events, SelectPass1 with the completion it announces...).  *)
(* So action names are impl's trace event names (except ChanLen and        *)
(* ChanCap for the events Len and Cap: Len is Sequences' and Cap the       *)
(* constant), and TraceHChan.tla replays impl's traces action by action.   *)
(*                                                                         *)
(* Not modelled (README.md): the lock-free fast paths of non-blocking      *)
(* send and receive (impl Config.NoFastPath); pollorder as a permutation   *)
(* (pass 1 may take any ready case, which is what a uniformly random       *)
(* pollorder allows); the dead sudogs dropped by the dequeues of the cases *)
(* pass 1 tried before the one it took; the run queue.                     *)
(*                                                                         *)
(* Outcome bookkeeping.  pc, results and panicMsg are impl's               *)
(* ProgramRun.Outcome, in Channels' form.  They are written at each        *)
(* operation's linearization point (SEMANTICS.md item 37), by whichever    *)
(* goroutine performs it: a parked goroutine's operation completes in its  *)
(* partner's critical section, not when it resumes.  This is how           *)
(* proptest/refine.go reads impl's traces, and it makes the refinement     *)
(* mapping the identity on these variables.                                *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Programs

CONSTANTS
    Cap,        \* [channel name -> capacity] (hchan.dataqsiz), as in Channels
    Prog,       \* [goroutine name -> sequence of operations], as in Channels
    ChanOrder   \* the channels in the order makechan made them: hchan.id, the lock order key

Chans      == DOMAIN Cap
Goroutines == DOMAIN Prog

\* No goroutine: a free lock's owner, the g of NoSudog.
NoG == "none"

ASSUME Nil \notin Chans /\ NoG \notin Goroutines
ASSUME \A c \in Chans : Cap[c] \in Nat
ASSUME {ChanOrder[k] : k \in 1 .. Len(ChanOrder)} = Chans /\ Len(ChanOrder) = Cardinality(Chans)

(***************************************************************************)
(* sudog (impl/waitq.go): goroutine g waiting on channel c for case casi   *)
(* of its operation (1-based here; impl's casi is 0-based), with elem the  *)
(* value to send (a receive's elem is where the value goes: 0 until a      *)
(* sender fills it in), isSelect, and success (the communication happened; *)
(* FALSE: woken by close).                                                 *)
(***************************************************************************)
Sudog(g, elem, isSelect, c, casi) ==
    [g |-> g, elem |-> elem, isSelect |-> isSelect, success |-> FALSE, c |-> c, casi |-> casi]

NoSudog == Sudog(NoG, 0, FALSE, Nil, 0)

-----------------------------------------------------------------------------
VARIABLES
    \* hchan, one per channel.  lock[c] guards the others and the sudogs on c's queues.
    buf,         \* [Chans -> [0 .. Cap[c]-1 -> value]]: the ring; 0 is the zero value
    sendx,       \* [Chans -> Nat]: the slot the next buffered send fills
    recvx,       \* [Chans -> Nat]: the slot the next buffered receive empties
    qcount,      \* [Chans -> Nat]: values in the buffer
    closed,      \* [Chans -> BOOLEAN]
    sendq,       \* [Chans -> Seq(Sudog)]: waiting senders, head first
    recvq,       \* [Chans -> Seq(Sudog)]: waiting receivers, head first
    lock,        \* [Chans -> Goroutines \cup {NoG}]: the owner of c's lock
    \* g, one per goroutine
    gstatus,     \* [Goroutines -> {"runnable", "running", "waiting", "dead"}] (_Grunnable ...)
    at,          \* [Goroutines -> label]: where g is in the runtime's code (below)
    todo,        \* [Goroutines -> Seq(Chans)]: the locks g still has to take, or to release
    wake,        \* [Goroutines -> Seq(Goroutines)]: whom g readies once its locks are released
    lockorder,   \* [Goroutines -> Seq(Chans)]: the channels of g's operation, sorted by id
    selectDone,  \* [Goroutines -> {0, 1}]: a waker won g's select (the CAS of waitq.dequeue)
    param,       \* [Goroutines -> Sudog]: the sudog that woke g's select; NoSudog if none
    \* the outcome (impl ProgramRun.Outcome), written at linearization points
    pc,          \* [Goroutines -> Nat]: operations completed + 1
    results,     \* [Goroutines -> Seq(Res)]
    panicMsg,    \* [Goroutines -> STRING]: the panic, "" if none
    \* history, read only by the refinement mapping (Channels' waiting)
    waitOrder    \* Seq(Goroutines): the goroutines whose operation is parked, in the order they parked

chanVars == <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock>>
gVars    == <<gstatus, at, todo, wake, lockorder, selectDone, param>>
outVars  == <<pc, results, panicMsg>>
vars     == <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, gstatus, at, todo, wake,
             lockorder, selectDone, param, pc, results, panicMsg, waitOrder>>

(***************************************************************************)
(* at[g], where g is:                                                      *)
(*   "new"         created, not yet run (GoStart next)                     *)
(*   "start"       between operations: begins Op(g), or exits             *)
(*   "lock"        taking the locks of its operation in lock order (todo: *)
(*                 those left); with todo empty it is in the critical      *)
(*                 section of chansend, chanrecv, closechan or selectgo    *)
(*   "unlock"      releasing its locks in reverse lock order (todo)        *)
(*   "ready"       readying the goroutines it woke (wake), after unlocking *)
(*   "park"        its sudogs are queued; gopark next (Park)               *)
(*   "parkunlock"  parked, running gopark's unlock function: releasing     *)
(*                 its locks in lock order (chanparkcommit, selparkcommit) *)
(*   "parked"      parked; a woken select relocks for pass 3 from here     *)
(*   "relock"      a woken select taking its locks again (todo); with todo *)
(*                 empty, pass 3 (SelectWake) is next                      *)
(* A goroutine whose plain send or receive is completed by a partner goes  *)
(* straight back to "start" (it only reads success, which the partner      *)
(* turned into its result), and runs once readied.                         *)
(***************************************************************************)
Labels == {"new", "start", "lock", "unlock", "ready", "park", "parkunlock", "parked", "relock"}
Parked == {"park", "parkunlock", "parked"}

Op(g)     == IF pc[g] <= Len(Prog[g]) THEN Prog[g][pc[g]] ELSE NoOp
HasOp(g)  == pc[g] <= Len(Prog[g]) /\ panicMsg[g] = ""
Runs(g)   == gstatus[g] \in {"runnable", "running"}
Reverse(s) == [k \in 1 .. Len(s) |-> s[Len(s) + 1 - k]]
SeqSet(s)  == {s[k] : k \in 1 .. Len(s)}

\* The channels op locks, sorted by id, each once (select.go lockorder; nil channels are not locked).
OpLocks(op) ==
    IF op.kind = "select"
    THEN SelectSeq(ChanOrder, LAMBDA ch : \E k \in 1 .. Len(op.cases) : op.cases[k].ch = ch)
    ELSE IF op.kind \in {"send", "recv", "close"} /\ op.ch \in Chans THEN <<op.ch>> ELSE <<>>

\* A select of exactly one case is lowered as the compiler lowers it (impl/chan.go selectOne):
\* the plain operation, non-blocking if it has a default.  The rest run selectgo.
Lowered(op)  == op.kind \in {"send", "recv"} \/ (op.kind = "select" /\ Len(op.cases) = 1)
SelectGo(op) == op.kind = "select" /\ Len(op.cases) # 1

\* Parks for ever at once, with no lock: a blocking send or receive on nil, an empty select.
ParksForever(op) ==
    /\ IsComm(op)
    /\ ~op.default
    /\ OpLocks(op) = <<>>
    /\ Lowered(op) \/ op.cases = <<>>

(***************************************************************************)
(* Wait queues (impl/waitq.go).  A sudog of a select is live while its     *)
(* goroutine's selectDone is 0; once another channel won the select, its   *)
(* other sudogs are dead and stay queued until its pass 3 removes them.    *)
(* dequeue returns the first live sudog and drops the dead ones before it  *)
(* (the selectDone CAS that fails).                                        *)
(***************************************************************************)
Live(s)      == ~s.isSelect \/ selectDone[s.g] = 0
HasLive(q)   == \E k \in 1 .. Len(q) : Live(q[k])
First(q)     == CHOOSE k \in 1 .. Len(q) : Live(q[k]) /\ \A j \in 1 .. (k - 1) : ~Live(q[j])
AfterFirst(q) == SubSeq(q, First(q) + 1, Len(q))

\* The goroutines with a live sudog in q, in queue order, each once; not those in skip.
IsFirstOf(q, s) ==
    \A m \in 1 .. Len(q) : (q[m].g = s.g /\ Live(q[m])) => (q[m] = s \/ \E j \in 1 .. (m - 1) : q[j] = s)
FirstsOf(q, skip) == SelectSeq(q, LAMBDA s : Live(s) /\ s.g \notin skip /\ IsFirstOf(q, s))
LiveGs(q, skip) == [n \in 1 .. Len(FirstsOf(q, skip)) |-> FirstsOf(q, skip)[n].g]

\* The case of g's first live sudog in q.
FirstCaseOf(q, g) ==
    q[CHOOSE k \in 1 .. Len(q) : q[k].g = g /\ Live(q[k]) /\
                                 \A j \in 1 .. (k - 1) : q[j].g # g \/ ~Live(q[j])].casi

-----------------------------------------------------------------------------
(***************************************************************************)
(* Common parts of the actions.                                            *)
(***************************************************************************)

\* g takes a step: a runnable goroutine that runs is running.
Run(g) == gstatus' = [gstatus EXCEPT ![g] = "running"]

\* g completes its operation with result r.
Complete(g, r) ==
    /\ pc' = [pc EXCEPT ![g] = @ + 1]
    /\ results' = [results EXCEPT ![g] = Append(@, r)]
    /\ UNCHANGED panicMsg

\* g completes its operation with result rg, and the operation of the parked
\* goroutine w with rw (SEMANTICS.md item 37).
Complete2(g, rg, w, rw) ==
    /\ pc' = [pc EXCEPT ![g] = @ + 1, ![w] = @ + 1]
    /\ results' = [results EXCEPT ![g] = Append(@, rg), ![w] = Append(@, rw)]
    /\ UNCHANGED panicMsg

\* g leaves its critical section: it releases its locks in reverse lock order
\* (selunlock), then readies nobody.  A lockless operation is over at once.
\* Maintains LocksHeldInv.
Leave(g) ==
    /\ at' = [at EXCEPT ![g] = IF lockorder[g] = <<>> THEN "start" ELSE "unlock"]
    /\ todo' = [todo EXCEPT ![g] = Reverse(lockorder[g])]
    /\ UNCHANGED <<wake, lockorder, selectDone, param>>

\* g leaves its critical section having dequeued sudog s and completed s.g's
\* operation with success, delivering v: it releases its locks, then readies
\* s.g (SEMANTICS.md items 12, 27).  A select's waker wins its selectDone and
\* leaves the sudog in param for pass 3; a plain operation's goroutine has
\* nothing left to do but return.  s.g leaves the wait order.  Maintains
\* SudogParkedInv and ParkedHasSudogInv (s is off its queue, s.g is claimed)
\* and WakeListInv.
LeaveWaking(g, s, v) ==
    LET w == s.g IN
    /\ at' = [at EXCEPT ![g] = "unlock", ![w] = IF s.isSelect THEN @ ELSE "start"]
    /\ todo' = [todo EXCEPT ![g] = Reverse(lockorder[g])]
    /\ wake' = [wake EXCEPT ![g] = <<w>>]
    /\ lockorder' = [lockorder EXCEPT ![w] = IF s.isSelect THEN @ ELSE <<>>]
    /\ selectDone' = [selectDone EXCEPT ![w] = IF s.isSelect THEN 1 ELSE @]
    /\ param' = [param EXCEPT ![w] = IF s.isSelect THEN [s EXCEPT !.success = TRUE, !.elem = v] ELSE @]
    /\ waitOrder' = SelectSeq(waitOrder, LAMBDA x : x # w)

\* g is in the critical section of its operation: every lock taken, or none needed.
AtBody(g) ==
    /\ Runs(g)
    /\ \/ at[g] = "lock" /\ todo[g] = <<>>
       \/ at[g] = "start" /\ HasOp(g) /\ OpLocks(Op(g)) = <<>>

\* The cases a completion action may take: case 1 of a lowered operation; any
\* case of a select on a non-nil channel (select.go pass 1 takes the first
\* ready case in a uniformly random pollorder: any ready case).
CaseIdx(g) ==
    IF AtBody(g) /\ IsComm(Op(g))
    THEN {i \in 1 .. Len(Op(g).cases) : Op(g).cases[i].ch \in Chans}
    ELSE {}

CaseDir(g, i) == Op(g).cases[i].dir
CaseCh(g, i)  == Op(g).cases[i].ch
CaseVal(g, i) == Op(g).cases[i].val

\* Readiness of a case, as chansend, chanrecv and pass 1 test it under the lock.
SendCaseReady(c) == closed[c] \/ HasLive(recvq[c]) \/ qcount[c] < Cap[c]
RecvCaseReady(c) == closed[c] \/ HasLive(sendq[c]) \/ qcount[c] > 0

CaseReadyOn(dir, c) == IF dir = "send" THEN SendCaseReady(c) ELSE RecvCaseReady(c)

NoCaseReady(g) ==
    \A i \in 1 .. Len(Op(g).cases) :
        CaseCh(g, i) \in Chans => ~CaseReadyOn(CaseDir(g, i), CaseCh(g, i))

-----------------------------------------------------------------------------
(***************************************************************************)
(* Scheduler steps (impl/sched.go, detsched.go, lock.go).                  *)
(***************************************************************************)

\* g runs for the first time.  Changes nothing but g's status and place:
\* maintains every invariant (LocksHeldInv: a new goroutine holds no lock).
GoStart(g) ==
    /\ at[g] = "new"
    /\ gstatus[g] = "runnable"
    /\ Run(g)
    /\ at' = [at EXCEPT ![g] = "start"]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, todo, wake, lockorder, selectDone, param, pc, results, panicMsg, waitOrder>>

\* g's function returns: its operations are done, or one panicked (runOps
\* recovers it).  A dead goroutine holds no lock (LocksHeldInv).
GoExit(g) ==
    /\ Runs(g)
    /\ at[g] = "start"
    /\ ~HasOp(g)
    /\ gstatus' = [gstatus EXCEPT ![g] = "dead"]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, at, todo, wake, lockorder, selectDone, param, pc, results, panicMsg, waitOrder>>

\* The locks g takes next: its operation's, in lock order, when it begins one;
\* a woken select's again, for pass 3; or those left.
LockSeq(g) ==
    IF at[g] = "start" THEN OpLocks(Op(g))
    ELSE IF at[g] = "parked" THEN lockorder[g]
    ELSE todo[g]

\* g takes the first of the locks ls, the rest are left to take.
LockNext(g, ls) ==
    /\ lock' = [lock EXCEPT ![Head(ls)] = g]
    /\ todo' = [todo EXCEPT ![g] = Tail(ls)]
    /\ lockorder' = IF at[g] = "start" THEN [lockorder EXCEPT ![g] = ls] ELSE lockorder
    /\ at' = [at EXCEPT ![g] = IF at[g] \in {"start", "lock"} THEN "lock" ELSE "relock"]
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, wake, selectDone, param,
                   pc, results, panicMsg, waitOrder>>

\* g has a lock to take next.
WantsLock(g) ==
    \/ at[g] = "start" /\ HasOp(g) /\ OpLocks(Op(g)) # <<>>
    \/ at[g] \in {"lock", "relock"} /\ todo[g] # <<>>
    \/ at[g] = "parked"              \* a woken select (runnable): sellock for pass 3

\* lock(c): g takes the next lock of its lock order once it is free (runtime
\* sellock: each distinct channel once, in lockorder, item 30).  Maintains
\* LocksHeldInv: g holds a prefix of lockorder[g].
Lock(g) ==
    /\ Runs(g)
    /\ WantsLock(g)
    /\ lock[Head(LockSeq(g))] = NoG
    /\ LockNext(g, LockSeq(g))

\* g releases c; last: it was the last lock g held.
UnlockNext(g, c, last) ==
    /\ lock' = [lock EXCEPT ![c] = NoG]
    /\ todo' = [todo EXCEPT ![g] = Tail(@)]
    /\ at' = [at EXCEPT ![g] = IF ~last THEN @
                               ELSE IF @ = "parkunlock" THEN "parked"
                               ELSE IF wake[g] # <<>> THEN "ready" ELSE "start"]
    /\ lockorder' = [lockorder EXCEPT ![g] = IF last /\ at[g] = "unlock" THEN <<>> ELSE @]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, gstatus, wake, selectDone,
                   param, pc, results, panicMsg, waitOrder>>

\* unlock(c): g releases the next lock of todo: in reverse lock order after a
\* critical section (selunlock), in lock order from gopark's unlock function
\* (chanparkcommit, selparkcommit: the goroutine is already waiting, and from
\* the first unlock on a partner may claim it and ready it, item 25).  After
\* the last one: g readies whom it woke, or goes on; a parking goroutine is
\* parked.  The hchan invariants must hold again as c's lock is released.
\* Maintains LocksHeldInv.
Unlock(g) ==
    /\ at[g] \in {"unlock", "parkunlock"}
    /\ todo[g] # <<>>
    /\ UnlockNext(g, Head(todo[g]), Tail(todo[g]) = <<>>)

\* gopark: g is marked waiting before its unlock function runs, so that no
\* wake-up is lost (item 25): after EnqueueSend, EnqueueRecv or SelectEnqueue;
\* or, with no lock and no sudog, for ever (nil channel, empty select; then it
\* is the abstract Block step and g joins the wait order).  Maintains
\* ParkingInv and SudogParkedInv.
Park(g) ==
    /\ Runs(g)
    /\ \/ at[g] = "park"
       \/ at[g] = "start" /\ HasOp(g) /\ ParksForever(Op(g))
    /\ gstatus' = [gstatus EXCEPT ![g] = "waiting"]
    /\ at' = [at EXCEPT ![g] = IF at[g] = "park" /\ lockorder[g] # <<>> THEN "parkunlock" ELSE "parked"]
    /\ todo' = [todo EXCEPT ![g] = lockorder[g]]
    /\ waitOrder' = IF at[g] = "start" THEN Append(waitOrder, g) ELSE waitOrder
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, wake, lockorder, selectDone, param, pc, results, panicMsg>>

\* goready: g, its locks released, makes the next goroutine it woke runnable
\* (item 27: never while holding a channel lock).  WakeListInv: that goroutine
\* is waiting.
Ready(g) ==
    /\ at[g] = "ready"
    /\ gstatus' = [gstatus EXCEPT ![Head(wake[g])] = "runnable"]
    /\ wake' = [wake EXCEPT ![g] = Tail(@)]
    /\ at' = [at EXCEPT ![g] = IF Tail(wake[g]) = <<>> THEN "start" ELSE @]
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, todo, lockorder, selectDone, param, pc, results, panicMsg, waitOrder>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Completions of case i of g's operation, in its critical section: the    *)
(* plain operation (i = 1), or the case select pass 1 takes (the trace     *)
(* announces it with a SelectPass1 event).  Their guards are chansend's    *)
(* and chanrecv's order of tests.                                          *)
(***************************************************************************)

\* chansend: c is closed: unlock, then panic (item 11).  Changes no channel:
\* the hchan invariants are kept; g will hold no lock once it has unlocked
\* (LocksHeldInv).
SendClosed(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "send"
    /\ LET c == CaseCh(g, i) IN
       /\ closed[c]
       /\ panicMsg' = [panicMsg EXCEPT ![g] = PanicSendClosed]
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, pc, results, waitOrder>>

\* send: a receiver waits: dequeue it and hand the value over directly, bypassing
\* the buffer, which is empty (ChanBufferedQueuesInv); ready it after unlocking
\* (items 11, 12).  Maintains ChanQueuesOneSidedInv (a receiver leaves).
SendToReceiver(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "send"
    /\ LET c == CaseCh(g, i)
           v == CaseVal(g, i)
       IN
       /\ ~closed[c]
       /\ HasLive(recvq[c])
       /\ LET s == recvq[c][First(recvq[c])] IN
          /\ recvq' = [recvq EXCEPT ![c] = AfterFirst(@)]
          /\ Complete2(g, Res(i, v, TRUE), s.g, Res(s.casi, v, TRUE))
          /\ LeaveWaking(g, s, v)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, lock>>

\* bufsend: no receiver waits and the buffer has room: copy into buf[sendx] and
\* advance sendx with wrap-around (item 11).  dequeue found no live receiver,
\* so recvq is left empty.  Maintains ChanBufCountInv (sendx = recvx + qcount)
\* and ChanBufferedQueuesInv (no receiver waits).
BufSend(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "send"
    /\ LET c == CaseCh(g, i)
           v == CaseVal(g, i)
       IN
       /\ ~closed[c]
       /\ ~HasLive(recvq[c])
       /\ qcount[c] < Cap[c]
       /\ buf' = [buf EXCEPT ![c] = [@ EXCEPT ![sendx[c]] = v]]
       /\ sendx' = [sendx EXCEPT ![c] = (@ + 1) % Cap[c]]
       /\ qcount' = [qcount EXCEPT ![c] = @ + 1]
       /\ recvq' = [recvq EXCEPT ![c] = <<>>]
       /\ Complete(g, Res(i, v, TRUE))
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<recvx, closed, sendq, lock, waitOrder>>

\* chanrecv: closed and drained: the zero value and ok = FALSE (items 14, 16).
\* Changes no channel (a closed channel has no waiter to keep track of:
\* ChanClosedNoWaitersInv).
RecvClosed(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "recv"
    /\ LET c == CaseCh(g, i) IN
       /\ closed[c]
       /\ qcount[c] = 0
       /\ Complete(g, Res(i, 0, FALSE))
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, waitOrder>>

\* recv, unbuffered: a sender waits: dequeue it and take its value directly
\* (item 15).  Maintains ChanQueuesOneSidedInv (a sender leaves).
RecvFromSender(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "recv"
    /\ LET c == CaseCh(g, i) IN
       /\ ~closed[c]
       /\ Cap[c] = 0
       /\ HasLive(sendq[c])
       /\ LET s == sendq[c][First(sendq[c])] IN
          /\ sendq' = [sendq EXCEPT ![c] = AfterFirst(@)]
          /\ Complete2(g, Res(i, s.elem, TRUE), s.g, Res(s.casi, s.elem, TRUE))
          /\ LeaveWaking(g, s, s.elem)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, recvq, lock>>

\* recv, buffered: a sender waits, so the buffer is full (ChanBufferedQueuesInv):
\* take the head buf[recvx], put the sender's value in that same slot, now the
\* tail, advance recvx and set sendx = recvx (item 15: FIFO holds).  Maintains
\* ChanBufCountInv (the buffer stays full, sendx = recvx).
RecvRotate(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "recv"
    /\ LET c == CaseCh(g, i) IN
       /\ ~closed[c]
       /\ Cap[c] > 0
       /\ HasLive(sendq[c])
       /\ LET s  == sendq[c][First(sendq[c])]
              rx == (recvx[c] + 1) % Cap[c]
          IN
          /\ sendq' = [sendq EXCEPT ![c] = AfterFirst(@)]
          /\ buf' = [buf EXCEPT ![c] = [@ EXCEPT ![recvx[c]] = s.elem]]
          /\ recvx' = [recvx EXCEPT ![c] = rx]
          /\ sendx' = [sendx EXCEPT ![c] = rx]
          /\ Complete2(g, Res(i, buf[c][recvx[c]], TRUE), s.g, Res(s.casi, s.elem, TRUE))
          /\ LeaveWaking(g, s, s.elem)
       /\ Run(g)
       /\ UNCHANGED <<qcount, closed, recvq, lock>>

\* bufrecv: take buf[recvx], clear the slot, advance recvx (item 14; closed:
\* drain first, item 16).  dequeue found no live sender, so sendq is left
\* empty.  Maintains ChanSlotsZeroInv (the slot is cleared) and
\* ChanBufferedQueuesInv (no sender waits).
BufRecv(g, i) ==
    /\ i \in CaseIdx(g)
    /\ CaseDir(g, i) = "recv"
    /\ LET c == CaseCh(g, i) IN
       /\ ~HasLive(sendq[c])
       /\ qcount[c] > 0
       /\ buf' = [buf EXCEPT ![c] = [@ EXCEPT ![recvx[c]] = 0]]
       /\ recvx' = [recvx EXCEPT ![c] = (@ + 1) % Cap[c]]
       /\ qcount' = [qcount EXCEPT ![c] = @ - 1]
       /\ sendq' = [sendq EXCEPT ![c] = <<>>]
       /\ Complete(g, Res(i, buf[c][recvx[c]], TRUE))
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<sendx, closed, recvq, lock, waitOrder>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Whole-operation steps.                                                  *)
(***************************************************************************)

\* The lowered operation of g: its only case.
LoweredCase(g) == Op(g).cases[1]

\* chansend: nothing ready and blocking: queue a sudog on sendq, then park
\* (item 11).  The abstract Block step: g joins the wait order.  Maintains
\* ChanBufferedQueuesInv (the buffer is full), ChanQueuesOneSidedInv (no live
\* receiver) and ChanClosedNoWaitersInv (c is open).
EnqueueSend(g) ==
    /\ AtBody(g)
    /\ Lowered(Op(g))
    /\ LET c == LoweredCase(g).ch IN
       /\ ~Op(g).default
       /\ LoweredCase(g).dir = "send"
       /\ c \in Chans
       /\ ~SendCaseReady(c)
       /\ sendq' = [sendq EXCEPT ![c] = Append(@, Sudog(g, LoweredCase(g).val, FALSE, c, 1))]
       /\ recvq' = [recvq EXCEPT ![c] = <<>>]
       /\ at' = [at EXCEPT ![g] = "park"]
       /\ waitOrder' = Append(waitOrder, g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, todo, wake, lockorder, selectDone,
                      param, pc, results, panicMsg>>

\* chanrecv: nothing ready and blocking: queue a sudog on recvq, then park (item 14).
EnqueueRecv(g) ==
    /\ AtBody(g)
    /\ Lowered(Op(g))
    /\ LET c == LoweredCase(g).ch IN
       /\ ~Op(g).default
       /\ LoweredCase(g).dir = "recv"
       /\ c \in Chans
       /\ ~RecvCaseReady(c)
       /\ recvq' = [recvq EXCEPT ![c] = Append(@, Sudog(g, 0, FALSE, c, 1))]
       /\ sendq' = [sendq EXCEPT ![c] = <<>>]
       /\ at' = [at EXCEPT ![g] = "park"]
       /\ waitOrder' = Append(waitOrder, g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, todo, wake, lockorder, selectDone,
                      param, pc, results, panicMsg>>

\* A non-blocking send or receive (a select of one case and a default) that is
\* not ready: on a nil channel without locking, else under the lock (items 7,
\* 20, 21; the lock-free fast paths are not modelled).  The select's default.
\* Empties the queue it scanned of dead sudogs only: maintains the hchan
\* invariants (no live sudog was there, ChanQueuesOneSidedInv).
NotReady(g) ==
    /\ AtBody(g)
    /\ Lowered(Op(g))
    /\ LET c == LoweredCase(g).ch IN
       /\ Op(g).default
       /\ c \in Chans => ~CaseReadyOn(LoweredCase(g).dir, c)
       /\ recvq' = IF c \in Chans /\ LoweredCase(g).dir = "send" THEN [recvq EXCEPT ![c] = <<>>] ELSE recvq
       /\ sendq' = IF c \in Chans /\ LoweredCase(g).dir = "recv" THEN [sendq EXCEPT ![c] = <<>>] ELSE sendq
       /\ Complete(g, Res(0, 0, FALSE))
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, waitOrder>>

\* The queues pass 1 scanned in vain: the receivers of c for a send case on c,
\* the senders for a receive case; with no live sudog, dequeue emptied them.
ScannedRecvq(g, c) == \E k \in 1 .. Len(Op(g).cases) : Op(g).cases[k].ch = c /\ Op(g).cases[k].dir = "send"
ScannedSendq(g, c) == \E k \in 1 .. Len(Op(g).cases) : Op(g).cases[k].ch = c /\ Op(g).cases[k].dir = "recv"

\* select: no case ready and a default: take it (item 32).  Like NotReady, it
\* only drops dead sudogs from the queues pass 1 scanned.
SelectDefault(g) ==
    /\ AtBody(g)
    /\ SelectGo(Op(g))
    /\ Op(g).default
    /\ NoCaseReady(g)
    /\ recvq' = [c \in Chans |-> IF ScannedRecvq(g, c) THEN <<>> ELSE recvq[c]]
    /\ sendq' = [c \in Chans |-> IF ScannedSendq(g, c) THEN <<>> ELSE sendq[c]]
    /\ Complete(g, Res(0, 0, FALSE))
    /\ Leave(g)
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, waitOrder>>

\* g's sudogs for its select's cases on c in direction dir, in case order (impl:
\* duplicates of one channel in pollorder).
SelectSudogs(g, c, dir) ==
    SelectSeq([n \in 1 .. Len(Op(g).cases) |-> Sudog(g, Op(g).cases[n].val, TRUE, Op(g).cases[n].ch, n)],
              LAMBDA s : s.c = c /\ Op(g).cases[s.casi].dir = dir)

\* select pass 2: no case ready, no default: queue one sudog per case (isSelect)
\* on its channel, in lock order, then park (item 33).  The abstract Block
\* step.  With only nil cases nothing is queued and g parks for ever.
\* Maintains ChanQueuesOneSidedInv (the exception: a select that sends and
\* receives on c) and ChanBufferedQueuesInv (no case was ready).
SelectEnqueue(g) ==
    /\ AtBody(g)
    /\ SelectGo(Op(g))
    /\ ~Op(g).default
    /\ Op(g).cases # <<>>          \* select {} parks at once (Park; select.go block)
    /\ NoCaseReady(g)
    /\ sendq' = [c \in Chans |-> (IF ScannedSendq(g, c) THEN <<>> ELSE sendq[c]) \o SelectSudogs(g, c, "send")]
    /\ recvq' = [c \in Chans |-> (IF ScannedRecvq(g, c) THEN <<>> ELSE recvq[c]) \o SelectSudogs(g, c, "recv")]
    /\ param' = [param EXCEPT ![g] = NoSudog]
    /\ at' = [at EXCEPT ![g] = "park"]
    /\ waitOrder' = Append(waitOrder, g)
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, todo, wake, lockorder, selectDone, pc, results, panicMsg>>

\* select pass 3, woken and relocked: reset selectDone, take the winner from
\* param, and remove every losing sudog from its queue (dequeueSudoG, item 34);
\* then unlock.  Maintains SudogParkedInv (no dead sudog of g is left).
SelectWake(g) ==
    /\ Runs(g)
    /\ at[g] = "relock"
    /\ todo[g] = <<>>
    /\ selectDone' = [selectDone EXCEPT ![g] = 0]
    /\ param' = [param EXCEPT ![g] = NoSudog]
    /\ sendq' = [c \in Chans |-> SelectSeq(sendq[c], LAMBDA s : s.g # g)]
    /\ recvq' = [c \in Chans |-> SelectSeq(recvq[c], LAMBDA s : s.g # g)]
    /\ at' = [at EXCEPT ![g] = "unlock"]
    /\ todo' = [todo EXCEPT ![g] = Reverse(lockorder[g])]
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, lock, wake, lockorder, pc, results, panicMsg, waitOrder>>

\* The goroutines close(c) releases: every parked receiver first, then every
\* parked sender left (a select on both sides of c is a receiver: item 18).
CloseRecvGs(c) == LiveGs(recvq[c], {})
CloseSendGs(c) == LiveGs(sendq[c], SeqSet(CloseRecvGs(c)))

\* The effects of close(c) by g, releasing the receivers rs and then the senders
\* ss (sequences of goroutines, in dequeue order): receivers get (0, FALSE) for
\* the case of their first sudog on c; senders panic; a released select's
\* waker won its selectDone and left its sudog (success = FALSE) in param; a
\* plain operation's goroutine has only to return.  (Operators, not LET:
\* tla-checker expands a LET's definitions before it evaluates its body.)
CloseRelease(g, c, rs, ss) ==
    /\ closed' = [closed EXCEPT ![c] = TRUE]
    /\ recvq' = [recvq EXCEPT ![c] = <<>>]
    /\ sendq' = [sendq EXCEPT ![c] = <<>>]
    /\ pc' = [x \in Goroutines |-> IF x = g \/ x \in SeqSet(rs) THEN pc[x] + 1 ELSE pc[x]]
    /\ results' = [x \in Goroutines |->
                     IF x = g THEN Append(results[x], Res(0, 0, TRUE))
                     ELSE IF x \in SeqSet(rs)
                          THEN Append(results[x], Res(FirstCaseOf(recvq[c], x), 0, FALSE))
                     ELSE results[x]]
    /\ panicMsg' = [x \in Goroutines |-> IF x \in SeqSet(ss) THEN PanicSendClosed ELSE panicMsg[x]]
    /\ at' = [x \in Goroutines |->
                IF x = g THEN "unlock"
                ELSE IF x \in (SeqSet(rs) \cup SeqSet(ss)) /\ ~SelectGo(Op(x)) THEN "start"
                ELSE at[x]]
    /\ lockorder' = [x \in Goroutines |-> IF x \in (SeqSet(rs) \cup SeqSet(ss)) /\ ~SelectGo(Op(x)) THEN <<>> ELSE lockorder[x]]
    /\ selectDone' = [x \in Goroutines |-> IF x \in (SeqSet(rs) \cup SeqSet(ss)) /\ SelectGo(Op(x)) THEN 1 ELSE selectDone[x]]
    /\ param' = [x \in Goroutines |->
                   IF x \in (SeqSet(rs) \cup SeqSet(ss)) /\ SelectGo(Op(x))
                   THEN IF x \in SeqSet(rs)
                        THEN Sudog(x, 0, TRUE, c, FirstCaseOf(recvq[c], x))
                        ELSE Sudog(x, 0, TRUE, c, FirstCaseOf(sendq[c], x))
                   ELSE param[x]]
    /\ todo' = [todo EXCEPT ![g] = Reverse(lockorder[g])]
    /\ wake' = [wake EXCEPT ![g] = rs \o ss]
    /\ waitOrder' = SelectSeq(waitOrder, LAMBDA x : x \notin (SeqSet(rs) \cup SeqSet(ss)))

\* closechan: set closed, dequeue every receiver (zero value, success = FALSE),
\* then every sender (success = FALSE: they panic), and ready them all only
\* after unlocking (item 17).  In impl the trace shows Close, then one
\* CloseRelease per dequeued sudog, with no scheduling point between them: one
\* step.  The abstract Close step.  Maintains ChanClosedNoWaitersInv.
Close(g) ==
    /\ AtBody(g)
    /\ Op(g).kind = "close"
    /\ Op(g).ch \in Chans
    /\ ~closed[Op(g).ch]
    /\ CloseRelease(g, Op(g).ch, CloseRecvGs(Op(g).ch), CloseSendGs(Op(g).ch))
    /\ Run(g)
    /\ UNCHANGED <<buf, sendx, recvx, qcount, lock>>

\* closechan of nil (no lock) or of a closed channel (under the lock): panic
\* (item 17).  Changes no channel: closed stays set once (ChanClosedNoWaitersInv).
ClosePanic(g) ==
    /\ AtBody(g)
    /\ Op(g).kind = "close"
    /\ LET c == Op(g).ch IN
       /\ c \notin Chans \/ closed[c]
       /\ panicMsg' = [panicMsg EXCEPT ![g] = IF c \in Chans THEN PanicCloseClosed ELSE PanicCloseNil]
       /\ Leave(g)
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, pc, results, waitOrder>>

\* chanlen: qcount, read without the lock (item 19); 0 on nil.  Reads only:
\* every invariant is kept (the qcount it reads is whole, ChanBufCountInv,
\* because every critical section is one step here).
ChanLen(g) ==
    /\ AtBody(g)
    /\ Op(g).kind = "len"
    /\ LET c == Op(g).ch IN
       /\ Complete(g, Res(0, IF c \in Chans THEN qcount[c] ELSE 0, TRUE))
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, at, todo, wake, lockorder, selectDone, param, waitOrder>>

\* chancap: dataqsiz, immutable; 0 on nil.  Reads only.
ChanCap(g) ==
    /\ AtBody(g)
    /\ Op(g).kind = "cap"
    /\ LET c == Op(g).ch IN
       /\ Complete(g, Res(0, IF c \in Chans THEN Cap[c] ELSE 0, TRUE))
       /\ Run(g)
       /\ UNCHANGED <<buf, sendx, recvx, qcount, closed, sendq, recvq, lock, at, todo, wake, lockorder, selectDone, param, waitOrder>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The specification.                                                      *)
(***************************************************************************)
Init ==
    /\ buf        = [c \in Chans |-> [k \in 0 .. (Cap[c] - 1) |-> 0]]
    /\ sendx      = [c \in Chans |-> 0]
    /\ recvx      = [c \in Chans |-> 0]
    /\ qcount     = [c \in Chans |-> 0]
    /\ closed     = [c \in Chans |-> FALSE]
    /\ sendq      = [c \in Chans |-> <<>>]
    /\ recvq      = [c \in Chans |-> <<>>]
    /\ lock       = [c \in Chans |-> NoG]
    /\ gstatus    = [g \in Goroutines |-> "runnable"]
    /\ at         = [g \in Goroutines |-> "new"]
    /\ todo       = [g \in Goroutines |-> <<>>]
    /\ wake       = [g \in Goroutines |-> <<>>]
    /\ lockorder  = [g \in Goroutines |-> <<>>]
    /\ selectDone = [g \in Goroutines |-> 0]
    /\ param      = [g \in Goroutines |-> NoSudog]
    /\ pc         = [g \in Goroutines |-> 1]
    /\ results    = [g \in Goroutines |-> <<>>]
    /\ panicMsg   = [g \in Goroutines |-> ""]
    /\ waitOrder  = <<>>

CaseStep(g) ==
    \E i \in CaseIdx(g) :
        \/ SendClosed(g, i)
        \/ SendToReceiver(g, i)
        \/ BufSend(g, i)
        \/ RecvClosed(g, i)
        \/ RecvFromSender(g, i)
        \/ RecvRotate(g, i)
        \/ BufRecv(g, i)

\* The steps of goroutine g, by where it is (at[g]) and, in its critical
\* section, by its operation.  Every action states its own guard too; the
\* table only spares the checker the actions that cannot apply.
Step(g) ==
    \/ at[g] = "new" /\ GoStart(g)
    \/ at[g] = "start" /\ (GoExit(g) \/ Lock(g) \/ Park(g))
    \/ at[g] = "lock" /\ Lock(g)
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ IsComm(Op(g)) /\ CaseStep(g)
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Lowered(Op(g)) /\ (EnqueueSend(g) \/ EnqueueRecv(g) \/ NotReady(g))
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ SelectGo(Op(g)) /\ (SelectDefault(g) \/ SelectEnqueue(g))
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "close" /\ (Close(g) \/ ClosePanic(g))
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "len" /\ ChanLen(g)
    \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "cap" /\ ChanCap(g)
    \/ at[g] \in {"unlock", "parkunlock"} /\ Unlock(g)
    \/ at[g] = "ready" /\ Ready(g)
    \/ at[g] = "park" /\ Park(g)
    \/ at[g] = "parked" /\ Lock(g)
    \/ at[g] = "relock" /\ (Lock(g) \/ SelectWake(g))

\* Every goroutine has exited: stutter (a deadlock report then means someone
\* waits for ever, as impl's "all goroutines are asleep").
Terminated ==
    /\ \A g \in Goroutines : gstatus[g] = "dead"
    /\ UNCHANGED vars

\* Next is (\E g \in Goroutines : Step(g)) \/ Terminated with Step's table written
\* out: tla-checker expands the whole definition of an operator with parameters,
\* transitively, at every call, so Step(g) costs as much as every action of g
\* and made the models five times slower.  NextByStep is the same relation in
\* the short form; MCHChan.PingPongByStep.cfg checks that it reaches the same
\* states.
Next ==
    \/ \E g \in Goroutines :
          \/ at[g] = "new" /\ GoStart(g)
          \/ at[g] = "start" /\ (GoExit(g) \/ Lock(g) \/ Park(g))
          \/ at[g] = "lock" /\ Lock(g)
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ IsComm(Op(g)) /\ CaseStep(g)
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Lowered(Op(g)) /\ (EnqueueSend(g) \/ EnqueueRecv(g) \/ NotReady(g))
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ SelectGo(Op(g)) /\ (SelectDefault(g) \/ SelectEnqueue(g))
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "close" /\ (Close(g) \/ ClosePanic(g))
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "len" /\ ChanLen(g)
          \/ at[g] \in {"start", "lock"} /\ AtBody(g) /\ Op(g).kind = "cap" /\ ChanCap(g)
          \/ at[g] \in {"unlock", "parkunlock"} /\ Unlock(g)
          \/ at[g] = "ready" /\ Ready(g)
          \/ at[g] = "park" /\ Park(g)
          \/ at[g] = "parked" /\ Lock(g)
          \/ at[g] = "relock" /\ (Lock(g) \/ SelectWake(g))
    \/ Terminated

NextByStep == (\E g \in Goroutines : Step(g)) \/ Terminated

\* Weak fairness per goroutine: a goroutine that can keep moving does (impl's
\* scheduler runs every runnable goroutine eventually).
Fairness == \A g \in Goroutines : WF_vars(Step(g))

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.  The hchan ones have impl/invariants.go's names (invXxx is  *)
(* XxxInv here) and, as there, hold on every channel whose lock is free.   *)
(***************************************************************************)
FreeChans == {c \in Chans : lock[c] = NoG}
LiveIn(q)  == {q[k] : k \in {n \in 1 .. Len(q) : Live(q[n])}}
LiveGsIn(q) == {q[k].g : k \in {n \in 1 .. Len(q) : Live(q[n])}}

TypeInv ==
    /\ \A c \in Chans : DOMAIN buf[c] = 0 .. (Cap[c] - 1)
    /\ sendx \in [Chans -> Nat] /\ recvx \in [Chans -> Nat] /\ qcount \in [Chans -> Nat]
    /\ closed \in [Chans -> BOOLEAN]
    /\ lock \in [Chans -> Goroutines \cup {NoG}]
    /\ gstatus \in [Goroutines -> {"runnable", "running", "waiting", "dead"}]
    /\ at \in [Goroutines -> Labels]
    /\ selectDone \in [Goroutines -> {0, 1}]
    /\ \A g \in Goroutines : wake[g] \in Seq(Goroutines) /\ todo[g] \in Seq(Chans)
    /\ waitOrder \in Seq(Goroutines)

\* impl invChanBufCount: 0 <= qcount <= dataqsiz; buffered, sendx = (recvx +
\* qcount) mod dataqsiz; unbuffered, qcount = sendx = recvx = 0.
ChanBufCountInv ==
    \A c \in FreeChans :
        /\ qcount[c] <= Cap[c]
        /\ Cap[c] = 0 => (sendx[c] = 0 /\ recvx[c] = 0)
        /\ Cap[c] > 0 => (sendx[c] = (recvx[c] + qcount[c]) % Cap[c] /\ recvx[c] < Cap[c])

\* impl invChanQueuesOneSided: sendq or recvq has no live sudog, except when all
\* of them are one goroutine's, whose select sends and receives on c.
ChanQueuesOneSidedInv ==
    \A c \in FreeChans :
        \/ ~HasLive(sendq[c])
        \/ ~HasLive(recvq[c])
        \/ \E g \in Goroutines : LiveGsIn(sendq[c]) = {g} /\ LiveGsIn(recvq[c]) = {g}

\* impl invChanBufferedQueues: buffered, qcount > 0 => no receiver waits;
\* qcount < dataqsiz => no sender waits (no lost wake-up).
ChanBufferedQueuesInv ==
    \A c \in FreeChans : Cap[c] > 0 =>
        /\ qcount[c] > 0 => ~HasLive(recvq[c])
        /\ qcount[c] < Cap[c] => ~HasLive(sendq[c])

\* impl invChanSlotsZero: the slots outside [recvx, recvx + qcount) hold the zero value.
ChanSlotsZeroInv ==
    \A c \in FreeChans : \A k \in qcount[c] .. (Cap[c] - 1) :
        buf[c][(recvx[c] + k) % Cap[c]] = 0

\* impl invChanClosedNoWaiters: a closed channel has no waiter; here, not even a
\* dead sudog (close dequeued them all, and nobody queues on a closed channel).
ChanClosedNoWaitersInv ==
    \A c \in FreeChans : closed[c] => (sendq[c] = <<>> /\ recvq[c] = <<>>)

\* impl invSudogParked: a live sudog on a queue belongs to a goroutine that is
\* waiting (parked, or in gopark's unlock function) on that case of its operation.
SudogParkedInv ==
    \A c \in FreeChans : \A s \in LiveIn(sendq[c]) \cup LiveIn(recvq[c]) :
        /\ gstatus[s.g] = "waiting"
        /\ at[s.g] \in {"parkunlock", "parked"}
        /\ s.c = c
        /\ Op(s.g).cases[s.casi].ch = c
        /\ (s \in LiveIn(sendq[c])) = (Op(s.g).cases[s.casi].dir = "send")

\* impl invParkedHasSudog: a goroutine parked on channels and not claimed has a
\* live sudog for each of its cases on a non-nil channel, on that channel's queue
\* (checked once g's unlock function is done); a claimed select has its winner in param.
ParkedHasSudogInv ==
    \A g \in Goroutines :
        /\ (at[g] = "parked" /\ selectDone[g] = 0) =>
               \A i \in 1 .. Len(Op(g).cases) : LET c == Op(g).cases[i].ch IN
                   c \in Chans =>
                       \E s \in LiveIn(IF Op(g).cases[i].dir = "send" THEN sendq[c] ELSE recvq[c]) :
                           s.g = g /\ s.casi = i
        /\ selectDone[g] = 1 => (param[g].g = g /\ at[g] \in Parked \cup {"relock"})

\* impl invParking: a goroutine in gopark's unlock function is waiting, or
\* runnable if a partner readied it in the meantime.
ParkingInv ==
    \A g \in Goroutines : at[g] = "parkunlock" => gstatus[g] \in {"waiting", "runnable"}

\* impl invLocksHeld: a goroutine holds a prefix of its lock order while taking
\* its locks, all of them in its critical section, a suffix while releasing
\* them; a parked, exiting or dead goroutine holds none.
Held(g) == {c \in Chans : lock[c] = g}
LocksHeldInv ==
    \A g \in Goroutines :
        /\ at[g] \in {"lock", "relock"} => Held(g) = SeqSet(lockorder[g]) \ SeqSet(todo[g])
        /\ at[g] \in {"unlock", "parkunlock"} => Held(g) = SeqSet(todo[g])
        /\ at[g] = "park" => Held(g) = SeqSet(lockorder[g])
        /\ at[g] \in {"new", "start", "ready", "parked"} => Held(g) = {}

\* goready's check (impl: "goready: bad g status"): whom a goroutine is about to
\* ready is waiting, claimed (its operation is complete), and on no other list.
WakeListInv ==
    \A g \in Goroutines : \A k \in 1 .. Len(wake[g]) :
        LET w == wake[g][k] IN
        /\ gstatus[w] = "waiting"
        /\ at[w] \in {"start", "parkunlock", "parked"}
        /\ w \notin SeqSet(waitOrder)
        /\ \A h \in Goroutines \ {g} : w \notin SeqSet(wake[h])

\* The history is what Channels' waiting is: each goroutine whose operation is
\* parked and not yet claimed, once (Channels WaitingInv).
WaitOrderInv ==
    /\ SeqSet(waitOrder) = {g \in Goroutines : at[g] \in Parked /\ selectDone[g] = 0}
    /\ Len(waitOrder) = Cardinality(SeqSet(waitOrder))

Inv ==
    /\ TypeInv
    /\ ChanBufCountInv
    /\ ChanQueuesOneSidedInv
    /\ ChanBufferedQueuesInv
    /\ ChanSlotsZeroInv
    /\ ChanClosedNoWaitersInv
    /\ SudogParkedInv
    /\ ParkedHasSudogInv
    /\ ParkingInv
    /\ LocksHeldInv
    /\ WakeListInv
    /\ WaitOrderInv

-----------------------------------------------------------------------------
(***************************************************************************)
(* The refinement mapping to Channels (Runtime strength).                  *)
(*   buf      the live region of the ring, head first                      *)
(*   status   panicked / done from the outcome; blocked while the          *)
(*            operation is parked and no partner has claimed it; else      *)
(*            running (also while a goroutine finishes a completed         *)
(*            operation: unlocking, readying, waiting to be run again)     *)
(*   waiting  the history waitOrder                                        *)
(*   closed, pc, results, panicMsg, Cap, Prog: the same                    *)
(* The mapping operators take the variables as arguments so that a model   *)
(* can also apply them to primed variables (MCHChanRefine.tla).            *)
(***************************************************************************)
AbsBufOf(b, rx, q) ==
    [c \in Chans |-> [k \in 1 .. q[c] |-> b[c][(rx[c] + k - 1) % Cap[c]]]]

AbsStatusOf(pcv, pm, atv, sd) ==
    [g \in Goroutines |->
        IF pm[g] # "" THEN "panicked"
        ELSE IF pcv[g] > Len(Prog[g]) THEN "done"
        ELSE IF atv[g] \in Parked /\ sd[g] = 0 THEN "blocked"
        ELSE "running"]

AbsBuf    == AbsBufOf(buf, recvx, qcount)
AbsStatus == AbsStatusOf(pc, panicMsg, at, selectDone)

(***************************************************************************)
(* Deadlock freedom (no lost wake-up): whenever Channels can take a step   *)
(* in the mapped state, HChan can.  Channels can step iff some goroutine   *)
(* runs (a running goroutine always has a step: a ready case, Default, or  *)
(* Block) or all have finished (Terminated); under Runtime strength a      *)
(* blocked goroutine never moves by itself.  CanStep(g) is when some       *)
(* action of g is enabled: a critical section always has a step (the tests *)
(* of chansend, chanrecv, closechan and selectgo are exhaustive), a lock   *)
(* waits only for its owner.  TLC can check AbsCanStep => ENABLED Next     *)
(* directly; MCHChan.tla's DeadlockFree models check the same with the     *)
(* checker's own deadlock detection.                                       *)
(***************************************************************************)
AbsCanStepOf(st) ==
    \/ \E g \in Goroutines : st[g] = "running"
    \/ \A g \in Goroutines : st[g] \in {"done", "panicked"}

LockFree(s) == s = <<>> \/ lock[Head(s)] = NoG

CanStep(g) ==
    \/ at[g] = "parkunlock"
    \/ /\ Runs(g)
       /\ \/ at[g] \in {"new", "unlock", "ready", "park"}
          \/ at[g] = "start" /\ (~HasOp(g) \/ LockFree(OpLocks(Op(g))))
          \/ at[g] \in {"lock", "relock"} /\ LockFree(todo[g])
          \/ at[g] = "parked" /\ LockFree(lockorder[g])

HCanStep == (\E g \in Goroutines : CanStep(g)) \/ (\A g \in Goroutines : gstatus[g] = "dead")

DeadlockFreedomInv == AbsCanStepOf(AbsStatus) => HCanStep

(***************************************************************************)
(* Liveness, under Fairness: every goroutine exits (for programs that      *)
(* cannot deadlock), and a goroutine readied runs again.                   *)
(***************************************************************************)
Termination  == <>(\A g \in Goroutines : gstatus[g] = "dead")
ReadiedRuns  == \A g \in Goroutines : (gstatus[g] = "runnable") ~> (gstatus[g] # "runnable")

-----------------------------------------------------------------------------
(***************************************************************************)
(* Refinement: HChan implements Channels at Runtime strength.  Checked by  *)
(* TLC as a property (PROPERTY C!Spec), and step by step by the CI models  *)
(* in MCHChanRefine.tla, which carry the mapped state alongside and check  *)
(* that every step is a Channels step or leaves the mapped state alone.    *)
(***************************************************************************)
C == INSTANCE Channels WITH Strength <- "Runtime", buf <- AbsBuf, status <- AbsStatus,
                            waiting <- waitOrder

THEOREM Spec => C!Spec

=============================================================================
