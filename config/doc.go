// Package config holds every setting of every command and where each
// comes from, in one order: defaults, the configuration file
// (bulletinfeed.toml, checked with every mistake at its line and a
// suggestion for a mistyped key), BULLETINFEED_* environment, then the
// flags each command binds. It also makes what the settings describe:
// the parse options of a publication, the hub's settings, the logger.
// No other package reads the environment or the file.
//
// It imports the domain and the packages whose settings it fills
// (source, store, feed, server, worker, websub, media), for their defaults and
// their checks; only the command imports it.
package config
