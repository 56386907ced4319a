package linearizability

// Partitioning: the actions split into independent sub-histories, one per connected
// component of channels, where an action that reads several channels at one instant
// (a select that took default, or panicked) connects them.
//
// Why this is sound and complete. Linearizability is local (Herlihy and Wing 1990,
// Theorem 1): a history over several objects is linearizable iff its restriction to
// each object is, provided each operation belongs to one object. Take as the objects
// the components: the channels of a component form one composite object, and every
// action reads or writes channels of one component only — by construction, since the
// channels of each action are joined. Per-channel partitioning would be wrong: a
// select that took default claims that all its cases were not ready at the same
// instant, and checking each channel alone lets each channel pick its own instant
// (TestPartitionSelectDefaultJoinsChannels shows a history that it wrongly accepts).
// A select that took a case, or a plain operation, depends on one channel only.
//
// The quiesce actions: at the end every pending operation is blocked at the same
// instant, after all else; the final state is the product of the components' final
// states and "no case of a pending op is ready" is a conjunction over its cases, so
// each component checks the cases on its own channels, after all its other actions.

// unionFind is a disjoint-set forest over channels, with path halving.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(x, y int) { u[u.find(x)] = u.find(y) }

// partition assigns every action its component, adds one quiesce action per component
// with pending operations, and fills in r.compOf and r.parts.
func (r *reduction) partition() {
	u := newUnionFind(len(r.h.Chans))
	for i := range r.actions {
		for _, c := range r.actions[i].chans[min(1, len(r.actions[i].chans)):] {
			u.union(r.actions[i].chans[0], c)
		}
	}
	r.compOf = make([]int, len(r.h.Chans))
	ids := make(map[int]int) // root -> component
	for c := range r.h.Chans {
		root := u.find(c)
		if _, ok := ids[root]; !ok {
			ids[root] = len(ids)
		}
		r.compOf[c] = ids[root]
	}
	r.ncomp = len(ids)
	kept := r.actions[:0]
	for _, a := range r.actions {
		switch {
		case len(a.chans) > 0:
			a.comp = r.compOf[a.chans[0]]
		case a.kind == actImpossible: // e.g. a panic in a select without send cases
			a.comp = r.ncomp
			r.ncomp++
		default:
			continue // a select of no cases that took default: always possible
		}
		kept = append(kept, a)
	}
	r.actions = kept
	r.quiesce()
	r.parts = make([][]int, r.ncomp)
	for i := range r.actions {
		r.parts[r.actions[i].comp] = append(r.parts[r.actions[i].comp], i)
	}
}

// quiesce adds, for each component that some pending op has a case on, the action that
// checks those cases at the end.
func (r *reduction) quiesce() {
	byComp := make(map[int][]int)
	var order []int
	for _, i := range r.pending {
		seen := make(map[int]bool)
		for _, cs := range opCases(&r.h.Ops[i]) {
			k := r.compOf[cs.Chan]
			if seen[k] {
				continue
			}
			seen[k] = true
			if _, ok := byComp[k]; !ok {
				order = append(order, k)
			}
			byComp[k] = append(byComp[k], i)
		}
	}
	for _, k := range order {
		var cs []int
		for c, kc := range r.compOf {
			if kc == k {
				cs = append(cs, c)
			}
		}
		r.add(action{kind: actQuiesce, op: -1, peer: -1, call: r.end, ret: r.end + 1,
			chans: cs, comp: k, pending: byComp[k]})
	}
}
