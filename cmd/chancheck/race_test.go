//go:build race

package main

// raceEnabled is set when the tests run under the race detector, which reports a
// close racing a send on a native channel as a data race: generated programs race
// them on purpose, so the native property does not run under -race.
const raceEnabled = true
