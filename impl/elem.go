package impl

// Element types: what the runtime's *_type gives chan.go (size, typedmemmove,
// typedmemclr), built once per channel from the type parameter of the typed API.

import (
	"fmt"
	"reflect"
	"unsafe"
)

// elemType describes the element type of a channel. Its functions take pointers to
// values of that type.
type elemType struct {
	size     uintptr
	copy     func(dst, src unsafe.Pointer) // typedmemmove
	clear    func(p unsafe.Pointer)        // typedmemclr
	newArray func(n int) unsafe.Pointer    // a zeroed array of n elements
	format   func(p unsafe.Pointer) any    // the value, for traces
	isZero   func(p unsafe.Pointer) bool   // the value is T's zero value (invariant checks)
}

// elemOf returns the elemType of T.
func elemOf[T any]() *elemType {
	var zero T
	return &elemType{
		size:  unsafe.Sizeof(zero),
		copy:  func(dst, src unsafe.Pointer) { *(*T)(dst) = *(*T)(src) },
		clear: func(p unsafe.Pointer) { *(*T)(p) = zero },
		newArray: func(n int) unsafe.Pointer {
			return unsafe.Pointer(unsafe.SliceData(make([]T, n)))
		},
		format: func(p unsafe.Pointer) any { return *(*T)(p) },
		isZero: func(p unsafe.Pointer) bool {
			// All-zero bytes are the zero value; otherwise ask reflect, which also
			// looks past padding bytes a typed copy may have left behind.
			for _, b := range unsafe.Slice((*byte)(p), unsafe.Sizeof(zero)) {
				if b != 0 {
					return reflect.ValueOf((*T)(p)).Elem().IsZero()
				}
			}
			return true
		},
	}
}

// show returns the value at p for a trace event: numbers, strings and bools as they
// are, anything else as fmt prints it.
func (t *elemType) show(p unsafe.Pointer) any {
	if p == nil {
		return nil
	}
	switch v := t.format(p).(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, string, bool:
		return v
	case struct{}:
		return "{}"
	default:
		return fmt.Sprint(v)
	}
}
