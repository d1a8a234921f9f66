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

// gzipCopies writes FILE.gz beside every compressible file of the build
// and lists it in the manifest, keyed by the hash of the file it was made
// from: a copy whose file did not change (and is still there as written)
// is neither compressed nor written again. The copies of files the site
// no longer has go with them (removeStale).
func (b *builder) gzipCopies() error {
	var files []string
	for rel := range b.next {
		if !strings.HasSuffix(rel, gzipSuffix) && compressible[path.Ext(rel)] && b.next[rel].size >= int64(gzipMinSize) {
			files = append(files, rel)
		}
	}
	for _, rel := range files {
		src := b.next[rel]
		gzRel := rel + gzipSuffix
		if o, ok := b.old[gzRel]; ok && src.hash != "" && o.key == src.hash && o.unchanged(b.dir, gzRel) {
			b.next[gzRel] = o
			continue
		}
		body, err := b.root.ReadFile(filepath.FromSlash(rel))
		if err != nil {
			return fmt.Errorf("read %s for its gzip copy: %w", filepath.Join(b.dir, filepath.FromSlash(rel)), err)
		}
		gz := gzipBody(body, gzip.BestCompression)
		if err := writeFileIn(b.root, filepath.FromSlash(gzRel), gz, b.dirs); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(b.dir, filepath.FromSlash(gzRel)), err)
		}
		srcSum := sha256.Sum256(body)
		gzSum := sha256.Sum256(gz)
		b.next[gzRel] = manifestEntry{key: hex.EncodeToString(srcSum[:]), hash: hex.EncodeToString(gzSum[:]), size: int64(len(gz))}
		b.res.Written++
	}
	return nil
}
