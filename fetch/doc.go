// Package fetch is the one guarded HTTP client of the service: every
// request made on someone else's word goes through it. The remote sources
// fetch what an upstream feed or list page names with its Fetcher
// (conditional requests, retries that honour Retry-After, a size and a
// time limit, redirects checked again); the WebSub hub calls subscribers'
// callbacks through GuardedDial. The guard resolves a name itself and
// dials only public addresses (PublicAddr), or the host and port of a
// source the operator configured, so that a name resolving to a private
// address, or changing to one, reaches nothing inside.
//
// It imports the domain only; worker and websub import it.
package fetch
