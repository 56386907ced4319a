package spec

import (
	"fmt"
	"testing"
)

func TestSemProbe(t *testing.T) {
	p := mustParse(t, `
chan c 0
chan d 1
go g1
	<-c
go g2
	<-d
go g3
	d <- 1
`)
	m, _ := NewModel(p, Runtime)
	s := m.Initial()
	step := func(s State, g int) State {
		for _, st := range m.Enabled(s) {
			if st.G == g {
				n, err := m.Apply(s, st)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
		}
		t.Fatalf("no step for %d", g)
		return s
	}
	a := step(s, 0)
	fmt.Println("after g1 blocks: order", a.order(0))
	a = step(a, 2)
	a = step(a, 1)
	b := step(s, 0)
	b = step(b, 1)
	b = step(b, 2)
	fmt.Println(a.String(), a.order(0))
	fmt.Println(b.String(), b.order(0))
	fmt.Println(a.Key() == b.Key())
}
