package store

// SetArticleHook sets a function run before each article an ingest
// writes; its error aborts the ingest.
func (db *DB) SetArticleHook(f func(i int) error) { db.articleHook = f }
