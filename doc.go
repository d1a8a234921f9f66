// Package bulletinfeed holds the domain of bulletinfeed: a publication, its
// issues, the articles parsed from them, their sections, bylines and blocks.
//
// It imports only the standard library. Subpackages adapt it to what they
// talk to: source reads issue text, store keeps issues durably, feed renders
// and serves feeds and pages, and cmd/bulletinfeed wires them together.
package bulletinfeed
