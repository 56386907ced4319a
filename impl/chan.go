package impl

// The typed API: channels of any element type for ordinary Go code running on the model
// runtime. Each operation takes the running goroutine, gp, which every function running
// on the runtime receives:
//
//	rt.Run(func(gp *impl.G) {
//		c := impl.Make[int](gp, 1)
//		gp.Go(func(gp *impl.G) { c.Send(gp, 42) })
//		v, ok := c.Recv2(gp)
//		...
//	})
//
// Panics are the runtime's, with its exact messages and runtime.Error values, raised
// after every lock is released: a recovered panic leaves the channel usable.

import "unsafe"

// Chan is a channel of T, the counterpart of chan T. The zero Chan is a nil channel:
// sends and receives on it block forever, close panics, len and cap are 0.
type Chan[T any] struct {
	c *hchan
}

// Make returns a new channel of T with a buffer of size elements, like make(chan T,
// size). It panics with "makechan: size out of range" for a negative size or one whose
// buffer would not fit in memory; element types of size zero take any size.
func Make[T any](gp *G, size int) Chan[T] {
	return Chan[T]{makechan(gp, elemOf[T](), size)}
}

// The values of Send and Recv go through gp's slot for T (valueSlot), not through a
// local variable: chansend and chanrecv hand ep to a parked partner through sg.elem,
// which the runtime may point into the goroutine's stack (it adjusts sudogs when it
// moves a stack) but Go code may not, so a local would escape and every operation
// would allocate. A slot holds nothing between operations.

// Send sends v on c: c <- v.
func (c Chan[T]) Send(gp *G, v T) {
	if c.c == nil { // chansend parks for ever
		chansend(gp, nil, nil, true)
		return
	}
	ep := valueSlot(gp, c.c.elemtype)
	*(*T)(ep) = v
	chansend(gp, c.c, ep, true)
	var zero T
	*(*T)(ep) = zero
}

// recv is chanrecv through gp's slot: it returns the value received, the zero value if
// nothing was (a non-blocking receive that did not happen).
func (c Chan[T]) recv(gp *G, block bool) (v T, selected, received bool) {
	if c.c == nil { // chanrecv parks for ever, or does not receive
		selected, received = chanrecv(gp, nil, nil, block)
		return v, selected, received
	}
	ep := valueSlot(gp, c.c.elemtype)
	selected, received = chanrecv(gp, c.c, ep, block)
	if selected { // chanrecv wrote *ep: the value, or zero from a closed channel
		v = *(*T)(ep)
		var zero T
		*(*T)(ep) = zero
	}
	return v, selected, received
}

// Recv receives from c: <-c.
func (c Chan[T]) Recv(gp *G) T {
	v, _, _ := c.recv(gp, true)
	return v
}

// Recv2 receives from c and reports whether the value came from a send (true) or
// because c is closed and drained (false): v, ok := <-c.
func (c Chan[T]) Recv2(gp *G) (T, bool) {
	v, _, ok := c.recv(gp, true)
	return v, ok
}

// TrySend sends v on c if that can be done without blocking and reports whether it did:
// select { case c <- v: return true; default: return false }.
func (c Chan[T]) TrySend(gp *G, v T) bool {
	if c.c == nil {
		return chansend(gp, nil, nil, false)
	}
	ep := valueSlot(gp, c.c.elemtype)
	*(*T)(ep) = v
	ok := chansend(gp, c.c, ep, false)
	var zero T
	*(*T)(ep) = zero
	return ok
}

// TryRecv receives from c if that can be done without blocking:
// select { case v, ok := <-c: ...; default: ... }. selected reports whether the receive
// happened; ok is as for Recv2.
func (c Chan[T]) TryRecv(gp *G) (v T, ok, selected bool) {
	v, selected, ok = c.recv(gp, false)
	return v, ok, selected
}

// Close closes c: close(c).
func (c Chan[T]) Close(gp *G) { closechan(gp, c.c) }

// Len returns the number of values buffered in c: len(c).
func (c Chan[T]) Len(gp *G) int { return chanlen(gp, c.c) }

// Cap returns the size of c's buffer: cap(c).
func (c Chan[T]) Cap(gp *G) int { return chancap(gp, c.c) }

// IsNil reports whether c is a nil channel.
func (c Chan[T]) IsNil() bool { return c.c == nil }

// Case is one case of a Select, made by SendCase, RecvCase or Default.
type Case struct {
	scase // only: Select passes a []Case to selectgo as a []scase
}

// SendCase is the select case c <- v.
func SendCase[T any](c Chan[T], v T) Case {
	return Case{scase: scase{c: c.c, elem: unsafe.Pointer(&v), send: true}}
}

// RecvCase is the select case v := <-c, storing the value received in *dst (dst may be
// nil to discard it).
func RecvCase[T any](c Chan[T], dst *T) Case {
	return Case{scase: scase{c: c.c, elem: unsafe.Pointer(dst)}}
}

// Default is the default case of a select: with it, Select never blocks.
func Default() Case { return Case{scase{isDefault: true}} }

// Select runs a select statement over cases and returns the index of the case taken,
// and for a receive case whether the value came from a send (true) or from a closed
// channel (false). If a Default case is given and no other case is ready, it returns
// the index of the Default case. A select with no cases (or only nil channels and no
// default) blocks forever. It panics like the runtime: a send case chosen on a closed
// channel panics "send on closed channel", and more than one default or more than
// 65,536 cases panics as reflect.Select does.
func Select(gp *G, cases ...Case) (chosen int, recvOK bool) {
	dflt := -1
	for i := range cases {
		if cases[i].isDefault {
			if dflt >= 0 {
				panic("reflect.Select: multiple default cases")
			}
			dflt = i
		}
	}
	// scases are the cases without the default, in order: cases itself (a Case is an
	// scase) when the default is absent or last, else a copy, on the stack when small.
	scases := unsafe.Slice((*scase)(unsafe.Pointer(unsafe.SliceData(cases))), len(cases))
	switch {
	case dflt < 0:
	case dflt == len(cases)-1:
		scases = scases[:dflt]
	default:
		var buf [selectSmall]scase
		s := buf[:0]
		if len(cases) > selectSmall {
			s = make([]scase, 0, len(cases)-1)
		}
		s = append(s, scases[:dflt]...)
		scases = append(s, scases[dflt+1:]...)
	}
	// index returns the position in cases of scases[i].
	index := func(i int) int {
		if dflt >= 0 && i >= dflt {
			return i + 1
		}
		return i
	}
	if len(scases) == 1 {
		return selectOne(gp, scases[0], index(0), dflt)
	}
	casi, recvOK := selectgo(gp, scases, dflt < 0)
	if casi < 0 {
		return dflt, false
	}
	return index(casi), recvOK
}

// selectOne is a select of one case, lowered as the compiler does (SEMANTICS item 28):
// without default it is the plain operation; with one it is the non-blocking operation.
func selectOne(gp *G, cas scase, i, dflt int) (int, bool) {
	block := dflt < 0
	if cas.send {
		if chansend(gp, cas.c, cas.elem, block) {
			return i, false
		}
		return dflt, false
	}
	selected, ok := chanrecv(gp, cas.c, cas.elem, block)
	if !selected {
		return dflt, false
	}
	return i, ok
}
