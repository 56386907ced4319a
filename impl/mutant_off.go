//go:build !chanmutants

package impl

// mutant is always "" in normal builds: no mutant branch is compiled in (mutant.go).
const mutant = ""
