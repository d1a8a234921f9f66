// Command bulletinfeed turns issues of a printed bulletin into per-section
// RSS, Atom and JSON feeds and serves them.
//
// It reads the configuration (package config), binds each command's
// flags and wires the packages together: source, store, feed, server,
// worker, websub and admin. It is imported by nothing; nothing of the
// service's behaviour should live only here.
package main
