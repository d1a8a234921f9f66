// Package media prepares the pictures of an issue for the web, once, at
// ingest: each image is decoded (after its header has said it is not too
// large to decode), scaled to a web size and a thumbnail and encoded as
// JPEG, and named by the SHA-256 of the web image's bytes. The standard
// library's image/jpeg and image/png decode and encode, and
// golang.org/x/image/draw scales (Catmull-Rom for the web size, bilinear
// for thumbnails): pure Go, no cgo, nothing
// to install, and the encoder is deterministic, so the same picture gives
// the same bytes and keeps its URL in every revision.
//
// It imports the domain only (its Picture); worker calls it at ingest.
package media
