// Package cork sends a response's header and its long prepared body in one
// write to the connection, as nginx does with writev: the server that
// listens installs it (Listener, ConnContext), the handler that writes a
// prepared body uses it (WriteBody). It imports nothing of ours.
package cork
