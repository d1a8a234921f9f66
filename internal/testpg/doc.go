// Package testpg gives a test a PostgreSQL schema of its own, for the
// tests of every package that runs on both store backends: one copy of
// what store, feed, websub and cmd each used to carry.
//
// It imports nothing of ours; only tests import it.
package testpg
