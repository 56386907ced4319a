package impl

// Element types: what the runtime's *_type gives chan.go (size, typedmemmove,
// typedmemclr), built once per type from the type parameter of the typed API.

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// elemType describes the element type of a channel. Its functions take pointers to
// values of that type.
type elemType struct {
	size     uintptr
	shape    elemShape                     // lets copy and clear skip copyf and clearf
	copyf    func(dst, src unsafe.Pointer) // typedmemmove
	clearf   func(p unsafe.Pointer)        // typedmemclr
	newArray func(n int) unsafe.Pointer    // a zeroed array of n elements
	format   func(p unsafe.Pointer) any    // the value, for traces
	isZero   func(p unsafe.Pointer) bool   // the value is T's zero value (invariant checks)
}

// elemTypes maps each reflect.Type to its elemType: one elemType per type, so that a
// goroutine's value slot for a type serves every channel of that type (valueSlot).
var elemTypes sync.Map

// elemOf returns the elemType of T.
func elemOf[T any]() *elemType {
	key := reflect.TypeFor[T]()
	if t, ok := elemTypes.Load(key); ok {
		return t.(*elemType)
	}
	t, _ := elemTypes.LoadOrStore(key, newElemType[T]())
	return t.(*elemType)
}

// newElemType builds the elemType of T.
func newElemType[T any]() *elemType {
	var zero T
	return &elemType{
		size:   unsafe.Sizeof(zero),
		shape:  shapeOf(reflect.TypeFor[T]()),
		copyf:  func(dst, src unsafe.Pointer) { *(*T)(dst) = *(*T)(src) },
		clearf: func(p unsafe.Pointer) { *(*T)(p) = zero },
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

// elemShape classifies the element types whose copy and clear need no call through
// the type's functions (which, called indirectly, cost a call and cannot be inlined).
type elemShape uint8

const (
	shapeOther elemShape = iota // anything else: copyf, clearf
	shapeEmpty                  // size 0: nothing to copy
	shapeWord                   // one machine word holding no pointer (int, uint64, ...)
	shapePtr                    // one pointer (pointer, map, chan, func, unsafe.Pointer)
)

// shapeOf returns the shape of t.
func shapeOf(t reflect.Type) elemShape {
	switch {
	case t.Size() == 0:
		return shapeEmpty
	case t.Size() != unsafe.Sizeof(uintptr(0)):
		return shapeOther
	case !hasPointers(t):
		return shapeWord
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return shapePtr
	}
	return shapeOther
}

// hasPointers reports whether a value of t may hold a pointer the garbage collector
// must see.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	}
	return true
}

// copy is typedmemmove: *dst = *src, both values of t. A word or a pointer is copied
// here (a pointer through unsafe.Pointer, so with the write barrier); anything else,
// even nothing, by copyf (small enough to be inlined).
func (t *elemType) copy(dst, src unsafe.Pointer) {
	switch t.shape {
	case shapeWord:
		*(*uintptr)(dst) = *(*uintptr)(src)
	case shapePtr:
		*(*unsafe.Pointer)(dst) = *(*unsafe.Pointer)(src)
	default:
		t.copyf(dst, src)
	}
}

// clear is typedmemclr: *p = the zero value of t.
func (t *elemType) clear(p unsafe.Pointer) {
	switch t.shape {
	case shapeWord:
		*(*uintptr)(p) = 0
	case shapePtr:
		*(*unsafe.Pointer)(p) = nil
	case shapeEmpty:
	default:
		t.clearf(p)
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
