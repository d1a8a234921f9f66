// Package servetest is test support for what answers HTTP requests: Do
// sends one over the network, Serve hands one to a handler without a
// network, Discard is a response writer for counting a handler's
// allocations, and Metrics shows collectors as /metrics would. The tests
// of feed and of server share it.
//
// It imports nothing of ours; only tests import it.
package servetest
