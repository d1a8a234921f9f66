// Package server is the process's HTTP side: one handler composes every
// part that answers requests, and it owns what belongs to the process
// rather than to any one of them.
//
// A request is routed, after the base URL's path is stripped from it (so
// that the server answers with or without it, behind a proxy that strips
// the prefix and one that does not):
//
//	/admin, /admin/…   the editors' console (package admin), unless it has an address of its own
//	/websub            the WebSub hub's endpoint (package websub), when it runs
//	/healthz           200 "ok" or 503 with a line per fault; details to private networks only
//	/metrics           the process's Prometheus metrics, to private networks only,
//	                   unless they have an address of their own
//	anything else      the site's resources (feed.Handler: feeds, pages, pictures, errors)
//
// The server owns the listeners and their timeouts (Open binds the
// site's address, then the metrics' and the console's when they have
// their own; Close shuts them down gracefully), the access log, and the
// process's Prometheus registry: feed's collectors and the Go runtime's
// are in it, and the worker and the hub register theirs through
// Registerer.
//
// It imports the domain and feed, whose handler it serves and reads
// health and metrics from; never store, source, worker, websub or admin,
// which it receives as plain http.Handlers and functions. Only the command
// imports it.
package server
