//go:build race

package linearizability

// raceEnabled is set when the tests run under the race detector, which reports a
// close racing a send on a native channel as a data race: native workloads then have
// no closers.
const raceEnabled = true
