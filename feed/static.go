package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// notFoundFile is the file of the server's 404 page in a static build.
const notFoundFile = "404.html"

// BuildResult says what WriteDir did.
type BuildResult struct {
	// Files is the number of files of the site, 404.html included.
	Files int
	// Rendered is the number of pages rendered from the store: those
	// whose version differs from the one the last build wrote.
	Rendered int
	// Written is the number of files written: those whose bytes differ
	// from the last build's, or that are missing.
	Written int
	// Removed is the number of files of the last build removed.
	Removed int
}

// WriteDir writes the site under dir, with the same paths as the server
// (see FilePath), plus 404.html for the server's error page, and removes
// the files an earlier build wrote that the site no longer has.
//
// It writes only what changed. The manifest of the last build gives each
// file the version it was rendered from and the hash of its bytes: a page
// whose version is unchanged, and whose file is still there, is neither
// rendered nor written; a rendered file whose bytes are unchanged is not
// written. Each file is written beside its name and renamed over it, and
// the manifest last, the same way: a crash leaves the old manifest, whose
// versions and hashes make the next build write again whatever it may
// not describe.
//
// The pages of deleted issues and articles are not written: a static
// server cannot answer 410, and a missing file is the nearest it can say.
//
// Every file written or removed goes through an os.Root of dir, so nothing
// outside dir is written or removed, whatever symbolic links dir holds: a
// link that leads outside makes the build fail with an error naming it
// when the build would write or remove through it. A file is
// renamed over its name, so a symbolic link at the name is replaced rather
// than written through. Paths whose render failed keep the file an earlier
// build wrote, and make WriteDir return an error after writing the rest.
func (site *Site) WriteDir(ctx context.Context, dir string) (BuildResult, error) {
	return site.WriteDirWith(ctx, dir, WriteOptions{})
}

// WriteOptions are the choices of WriteDirWith.
type WriteOptions struct {
	// Progress, when set, is called after each page rendered with the
	// pages rendered so far and the number to render: a build of years
	// of issues takes seconds, which a terminal should show.
	Progress func(done, total int)
	// Gzip writes beside every compressible file a copy compressed at
	// the best level, FILE.gz, for a web server that serves them as they
	// are (nginx's gzip_static, a CDN); a copy whose file is unchanged
	// is left as it is.
	Gzip bool
}

// WriteDirWith is WriteDir with options.
func (site *Site) WriteDirWith(ctx context.Context, dir string, opt WriteOptions) (BuildResult, error) {
	progress := opt.Progress
	var res BuildResult
	plan, err := site.buildPlan(ctx)
	if err != nil {
		return res, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("create %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return res, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		return res, fmt.Errorf("%s: %w", dir, err)
	}
	res.Files = len(plan.files) + 1
	b := &builder{root: root, dir: dir, old: old, next: make(manifest, len(plan.files)+1), res: &res, dirs: map[string]bool{}, gzip: opt.Gzip}

	var render []*plannedFile
	kept := keptFiles(dir, plan.files, old)
	for i, f := range plan.files {
		if f.page == nil {
			if err := b.put(f.file, "", site.resources[f.path].body); err != nil {
				return res, err
			}
			continue
		}
		if kept[i] {
			b.next[f.file] = old[f.file]
			continue
		}
		render = append(render, f)
	}
	if err := b.put(notFoundFile, "", site.notFound.body); err != nil {
		return res, err
	}
	var failed []string
	for p, err := range site.failed {
		failed = append(failed, p)
		b.keep(filepath.ToSlash(FilePath(p)), err)
	}
	err = site.renderAll(ctx, render, func(r renderedFile) error {
		res.Rendered++
		if progress != nil {
			progress(res.Rendered, len(render))
		}
		if r.err != nil {
			failed = append(failed, r.f.path)
			b.keep(r.f.file, r.err)
			return nil
		}
		return b.put(r.f.file, r.f.page.tag, r.body)
	})
	if err != nil {
		return res, err
	}
	media, err := site.putMedia(ctx, b)
	if err != nil {
		return res, err
	}
	res.Files += media
	if opt.Gzip {
		if err := b.gzipCopies(); err != nil {
			return res, err
		}
	}
	if res.Removed, err = removeStale(root, old, b.next); err != nil {
		return res, fmt.Errorf("%s: %w", dir, err)
	}
	if err := writeFileIn(root, manifestName, b.next.encode(), nil); err != nil {
		return res, fmt.Errorf("write %s: %w", filepath.Join(dir, manifestName), err)
	}
	if len(failed) > 0 {
		sort.Strings(failed)
		return res, fmt.Errorf("%d of %d paths failed to render and kept their earlier files: %s", len(failed), res.Files, strings.Join(failed, ", "))
	}
	return res, nil
}

// keptFiles reports, for each planned page, whether the last build wrote
// it from the same version and its file is still there: it need not be
// rendered. There is a look at the file system for each, made in
// parallel.
func keptFiles(dir string, files []*plannedFile, old manifest) []bool {
	kept := make([]bool, len(files))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += workers {
				f := files[i]
				if f.page == nil {
					continue
				}
				if e, ok := old[f.file]; ok && e.key == f.page.tag {
					kept[i] = e.unchanged(dir, f.file)
				}
			}
		}()
	}
	wg.Wait()
	return kept
}

// builder writes the files of one build and makes its manifest.
type builder struct {
	root      *os.Root
	dir       string
	old, next manifest
	res       *BuildResult
	// dirs are the folders this build made or found.
	dirs map[string]bool
	// gzip writes a compressed copy beside each text file (WriteOptions).
	gzip bool
}

// put records the file rel with its version key and writes body there
// unless the file already holds it.
func (b *builder) put(rel, key string, body []byte) error {
	sum := sha256.Sum256(body)
	e := manifestEntry{key: key, hash: hex.EncodeToString(sum[:]), size: int64(len(body))}
	if o := b.old[rel]; !(o.hash == e.hash && o.unchanged(b.dir, rel)) {
		if err := writeFileIn(b.root, filepath.FromSlash(rel), body, b.dirs); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(b.dir, filepath.FromSlash(rel)), err)
		}
		b.res.Written++
	}
	b.next[rel] = e
	if b.gzip && wantsGzip(rel, e) {
		return b.putGzip(rel, e, func() ([]byte, error) { return body, nil })
	}
	return nil
}

// keep leaves the file of a path whose render failed as the last build
// wrote it, listed without a version key so that the next build renders
// it again.
func (b *builder) keep(rel string, _ error) {
	if e, ok := b.old[rel]; ok {
		e.key = ""
		b.next[rel] = e
	}
}

// renderAll renders the planned pages, jobs in parallel, and hands each
// outcome to put, one at a time, in the calling goroutine.
func (site *Site) renderAll(ctx context.Context, files []*plannedFile, put func(renderedFile) error) error {
	jobs := renderJobs(files)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan []*plannedFile)
	done := make(chan []renderedFile)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range work {
				select {
				case done <- site.renderJob(ctx, job):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(work)
		for _, job := range jobs {
			select {
			case work <- job:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	var first error
	for rs := range done {
		for _, r := range rs {
			if first != nil {
				break
			}
			if r.err != nil && ctx.Err() != nil {
				first = ctx.Err()
				break
			}
			if err := put(r); err != nil {
				first = err
				cancel()
			}
		}
	}
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// Shrink compares the site with the build an earlier WriteDir left in dir:
// previous is the number of files its manifest lists, removed how many of
// them writing this site there would remove. A command can refuse a build
// that would remove much of a site, the sign of a wrong store or
// publication rather than of deleted issues. A dir without a manifest
// gives 0, 0.
func (site *Site) Shrink(ctx context.Context, dir string) (previous, removed int, err error) {
	// Read as WriteDir reads it: through a root, so a manifest linked
	// from elsewhere is refused rather than followed.
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", dir, err)
	}
	if len(old) == 0 {
		return 0, 0, nil
	}
	plan, err := site.buildPlan(ctx)
	if err != nil {
		return 0, 0, err
	}
	keep := map[string]bool{notFoundFile: true}
	for _, f := range plan.files {
		keep[f.file] = true
	}
	for p := range site.failed {
		keep[filepath.ToSlash(FilePath(p))] = true
	}
	for rel := range old {
		// A gzip copy goes and comes with its file (build --gzip): it
		// says nothing of how much of the site a build would lose.
		if _, isCopy := old[strings.TrimSuffix(rel, gzipSuffix)]; isCopy && strings.HasSuffix(rel, gzipSuffix) {
			continue
		}
		previous++
		// removeStale leaves a name outside dir alone, so it is not
		// counted as removed.
		if !keep[rel] && filepath.IsLocal(filepath.Clean(filepath.FromSlash(rel))) {
			removed++
		}
	}
	return previous, removed, nil
}
