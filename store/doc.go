// Package store keeps publications, issues and their articles durably, in
// an embedded SQLite file by default or in PostgreSQL when several replicas
// share one database.
//
// Both backends hold the same logical schema, created by the versioned
// migrations in migrations/ when the store is opened with Open;
// OpenExisting, for commands that read or serve, neither creates nor
// migrates. Every write of an issue happens in one transaction, so a
// reader sees an issue either as it was before an ingest or as it is
// after, never half of it.
//
// It imports the domain (the root package) and database drivers only:
// never source, feed, worker or websub, which call it through interfaces
// of their own.
package store
