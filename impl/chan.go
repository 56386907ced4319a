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

// Send sends v on c: c <- v.
func (c Chan[T]) Send(gp *G, v T) {
	chansend(gp, c.c, unsafe.Pointer(&v), true)
}

// Recv receives from c: <-c.
func (c Chan[T]) Recv(gp *G) T {
	var v T
	chanrecv(gp, c.c, unsafe.Pointer(&v), true)
	return v
}

// Recv2 receives from c and reports whether the value came from a send (true) or
// because c is closed and drained (false): v, ok := <-c.
func (c Chan[T]) Recv2(gp *G) (T, bool) {
	var v T
	_, ok := chanrecv(gp, c.c, unsafe.Pointer(&v), true)
	return v, ok
}

// TrySend sends v on c if that can be done without blocking and reports whether it did:
// select { case c <- v: return true; default: return false }.
func (c Chan[T]) TrySend(gp *G, v T) bool {
	return chansend(gp, c.c, unsafe.Pointer(&v), false)
}

// TryRecv receives from c if that can be done without blocking:
// select { case v, ok := <-c: ...; default: ... }. selected reports whether the receive
// happened; ok is as for Recv2.
func (c Chan[T]) TryRecv(gp *G) (v T, ok, selected bool) {
	selected, ok = chanrecv(gp, c.c, unsafe.Pointer(&v), false)
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
	scase
	isDefault bool
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
func Default() Case { return Case{isDefault: true} }

// Select runs a select statement over cases and returns the index of the case taken,
// and for a receive case whether the value came from a send (true) or from a closed
// channel (false). If a Default case is given and no other case is ready, it returns
// the index of the Default case. A select with no cases (or only nil channels and no
// default) blocks forever. It panics like the runtime: a send case chosen on a closed
// channel panics "send on closed channel", and more than one default or more than
// 65,536 cases panics as reflect.Select does.
func Select(gp *G, cases ...Case) (chosen int, recvOK bool) {
	dflt := -1
	scases := make([]scase, 0, len(cases))
	index := make([]int, 0, len(cases)) // index[i]: the position of scases[i] in cases
	for i, cs := range cases {
		if cs.isDefault {
			if dflt >= 0 {
				panic("reflect.Select: multiple default cases")
			}
			dflt = i
			continue
		}
		scases = append(scases, cs.scase)
		index = append(index, i)
	}
	if len(scases) == 1 {
		return selectOne(gp, scases[0], index[0], dflt)
	}
	casi, recvOK := selectgo(gp, scases, dflt < 0)
	if casi < 0 {
		return dflt, false
	}
	return index[casi], recvOK
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
