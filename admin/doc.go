// Package admin is the editors' console: signed-in staff upload an issue
// file, see how it was parsed, publish or schedule it, and delete issues,
// from a browser, under /admin/ of the site. It publishes, schedules and
// deletes through the same functions as the commands (worker.Publish,
// the store's embargo and DeleteIssue), and writes every change to the
// store's audit log. A preview explains the parse as parse --format text
// does (source.Roles) and shows a PDF's pages drawn by pdftoppm; a
// correction (of an article's title, section, headings, credits, blocks,
// of a split or a merge, or of the key and date) is kept in the
// store and made again to every later file of the issue (worker.Prepare).
//
// Pages are rendered on the server and need no script. Every
// state-changing request is a POST that passes Go's cross-origin
// protection and carries its session's token.
//
// It imports the domain, source (and source/poppler for pictures of
// pages), store and worker (the functions the commands call); never feed or websub, and nothing imports it but the
// command.
package admin
