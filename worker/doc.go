// Package worker publishes issues and runs the work that brings them in:
// it reads an issue file, parses it and stores it, and tells whoever
// serves the site that something changed (Publish); it watches the inbox
// folders and fetches the remote sources (an issue file at a URL, an
// upstream feed, a list page) through one guarded HTTP client; and its
// Scheduler runs each source on the publication's schedule, with leases
// so that one replica runs a pass at a time. The ingest command, serve's
// seed files, the inbox and the remote sources all call Publish the same
// way and only decide when. It also runs a server's background work: the
// StoreWatch that opens the store when it could not be opened at start,
// releases embargoed issues and keeps the site current, the RefreshNow
// notifier that renders at once after a publication, and the Embargo.
//
// It imports the domain, source and store; never feed, websub or the
// command, which it tells of changes through a callback.
package worker
