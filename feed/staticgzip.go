package feed

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// gzipSuffix names the compressed copy of a file of a build.
const gzipSuffix = ".gz"

// compressible are the extensions of the files of a build worth a gzip
// copy: text. Icons in PNG or ICO, and files under 512 bytes, are not.
var compressible = map[string]bool{
	".html": true, ".xml": true, ".atom": true, ".rss": true, ".json": true,
	".opml": true, ".txt": true, ".css": true, ".js": true, ".svg": true,
}

// gzipCopies gives every compressible file of the build its gzip copy
// (putGzip) that put did not: the pages kept from the last build, which
// were neither rendered nor read. The copies of files the site no longer
// has go with them (removeStale).
func (b *builder) gzipCopies() error {
	for rel, src := range b.next {
		if _, done := b.next[rel+gzipSuffix]; done || !wantsGzip(rel, src) {
			continue
		}
		err := b.putGzip(rel, src, func() ([]byte, error) { return b.root.ReadFile(filepath.FromSlash(rel)) })
		if err != nil {
			return err
		}
	}
	return nil
}

// wantsGzip reports whether the file rel, as the manifest describes it,
// gets a gzip copy: text, and long enough for gzip to pay.
func wantsGzip(rel string, e manifestEntry) bool {
	return !strings.HasSuffix(rel, gzipSuffix) && compressible[path.Ext(rel)] && e.size >= int64(gzipMinSize)
}

// putGzip writes FILE.gz beside the file rel of the build, whose entry is
// src and whose bytes body gives, and lists it in the manifest keyed by
// the hash of the file it was made from: a copy whose file did not change
// (and is still there as written) is neither compressed nor written again,
// and body is not called.
func (b *builder) putGzip(rel string, src manifestEntry, body func() ([]byte, error)) error {
	gzRel := rel + gzipSuffix
	if o, ok := b.old[gzRel]; ok && src.hash != "" && o.key == src.hash && o.unchanged(b.dir, gzRel) {
		b.next[gzRel] = o
		return nil
	}
	plain, err := body()
	if err != nil {
		return fmt.Errorf("read %s for its gzip copy: %w", filepath.Join(b.dir, filepath.FromSlash(rel)), err)
	}
	gz := gzipBody(plain, gzip.BestCompression)
	if err := writeFileIn(b.root, filepath.FromSlash(gzRel), gz, b.dirs); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(b.dir, filepath.FromSlash(gzRel)), err)
	}
	sum := sha256.Sum256(gz)
	b.next[gzRel] = manifestEntry{key: src.hash, hash: hex.EncodeToString(sum[:]), size: int64(len(gz))}
	b.res.Written++
	return nil
}
