// Package websub is a WebSub hub (W3C Recommendation, 23 January 2018),
// the part of it that subscribers talk to, for the feeds of this server
// only: it takes subscription requests at the hub's URL, verifies each
// subscriber's intent with a GET to its callback, keeps what it verified
// in the store, and when a feed changes POSTs the new feed to every
// subscriber of it, signed with the subscriber's secret. It also pings
// outside hubs (hub.mode=publish) for each changed feed.
//
// A request names a topic, a callback and optionally a lease and a
// secret:
//
//	POST /websub
//	Content-Type: application/x-www-form-urlencoded
//
//	hub.mode=subscribe&hub.topic=https://news.example.org/feeds/all.atom
//	&hub.callback=https://reader.example.net/push/123&hub.secret=…
//
// The hub answers 202 Accepted, then GETs the callback with hub.mode,
// hub.topic, hub.challenge and hub.lease_seconds; the subscription is
// active once the callback answers 2xx with the challenge as its whole
// body.
//
// Deliveries go through the store's outbox, so that replicas sharing a
// PostgreSQL database make each once (see store.DB.AnnounceFeed), and
// they survive a restart; when the hub starts, it compares each
// subscribed feed with what it last announced of it, so that a change
// made while no hub ran is delivered too. Callbacks are checked against the addresses
// they resolve to both when a request comes and when each connection is
// dialled, so that a name that later resolves to a private address
// (DNS rebinding) reaches nothing inside.
//
// It imports the domain only, and keeps subscriptions through the Store
// interface it declares; never store, feed or worker.
package websub
