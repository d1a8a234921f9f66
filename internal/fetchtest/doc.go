// Package fetchtest is test support for what fetches over HTTP: a fetcher
// that records the waits it asks for instead of waiting, an upstream that
// answers a list of handlers in turn, and a handler that answers a status.
// The tests of fetch and of worker's remote sources share it.
//
// It imports fetch only; only tests import it.
package fetchtest
