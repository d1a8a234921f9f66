package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Status says what an ingest did with an issue.
type Status string

// Statuses of an ingest.
const (
	// New is an issue the store did not have.
	New Status = "new"
	// Revised is a changed file with the key of a stored issue.
	Revised Status = "revised"
	// Unchanged is an issue whose content hash the store already has,
	// published or scheduled.
	Unchanged Status = "unchanged"
	// Scheduled is an issue whose PublishAt is still to come: it is kept
	// aside, shown nowhere, until ReleaseDue publishes it.
	Scheduled Status = "scheduled"
)

// IngestResult reports one ingest.
type IngestResult struct {
	Status Status
	// Issue is the issue as stored, with article ids, slugs and times.
	// For a Scheduled issue it is the issue as publishing it now would
	// store it, with its PublishAt; an Unchanged scheduled issue comes as
	// it was parsed, without ids.
	Issue *bulletinfeed.Issue
	// Added, Changed and Removed count articles: new ones, ones whose
	// content changed, and ones a revision dropped (for a Scheduled issue,
	// what its publication would do now).
	Added, Changed, Removed int
}

// IngestOptions change how IngestWith treats an issue the store has.
type IngestOptions struct {
	// Force stores the issue again even when its bytes and its articles
	// are unchanged: it is written as a revision. (The same bytes parsed
	// into other articles, after the section list changed, are a
	// revision without it.)
	Force bool
	// Revise replaces the stored issue with iss's key on purpose,
	// whatever its source path and date; the issue must exist (NotFound
	// otherwise).
	Revise bool
	// Duplicate stores an issue whose bytes or articles a stored issue of
	// another key has already (a copy given its own key on purpose with
	// ingest --key); without it that is a Conflict with a
	// *DuplicateError.
	Duplicate bool
	// Undated, when set, is returned for an issue without a date that
	// the store does not have under its key, instead of dating it on
	// arrival: the caller says why it has none. It comes after the check
	// for copies, so that an undated copy of a stored issue is known as
	// one. An issue stored already keeps the date it was given.
	Undated error
	// Inbox says the file was dropped into an inbox, where no flag can
	// be given: a file whose key and date match a stored issue revises
	// it whatever folder either came from, and a key collision says what
	// to rename rather than which flag to give.
	Inbox bool
}

// Ingest stores iss as an issue of publication pubID, in one transaction:
// after a failure the store is as it was. It is IngestWith without
// options.
func (db *DB) Ingest(ctx context.Context, pubID string, iss *bulletinfeed.Issue) (*IngestResult, error) {
	return db.IngestWith(ctx, pubID, iss, IngestOptions{})
}

// IngestWith stores iss as an issue of publication pubID, in one
// transaction: after a failure the store is as it was.
//
// An issue with a key the store does not have is added. One with a known
// key, the same content hash and the same articles changes nothing, unless
// opt.Force; the same bytes parsed into other articles (after the section
// list changed) are a revision. One with
// a known key and another hash is a revision: each stored article that the
// revision still has (matched by headings, then by text) keeps its id, and
// gets a new Updated time only if its content changed; articles the
// revision lacks are removed; new ones are added with Updated equal to
// Published.
//
// An issue with the bytes or the articles of a stored issue of another key
// is the same issue under another file name: a Conflict with a
// *DuplicateError, unless opt.Duplicate or opt.Revise.
//
// A key made from a file name (iss.KeyFromName) may be shared by accident:
// bulletin.txt of July and bulletin.txt of August. Such an issue does not
// revise a stored one that came from another path or has another date;
// that is a Conflict, unless opt.Revise says it is meant.
//
// An issue whose PublishAt is after the store's Now is not published: it
// is checked as an ingest now would check it (so that its errors come
// now, not at its release), kept as it is, and published by ReleaseDue
// once its time has come (see schedule). The same bytes scheduled again
// are Unchanged; a changed file replaces the scheduled one. An issue
// published at once drops what was scheduled under its key.
//
// Published is the issue's date, or the ingest time for an issue without
// one. iss itself is not changed. A deleted issue key or article id that
// the ingest brings back is no longer listed by Deleted.
func (db *DB) IngestWith(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt IngestOptions) (*IngestResult, error) {
	// The parser checks these too; the store is the last gate before a
	// key becomes a URL and a date a feed's timestamp, whoever calls it.
	if err := bulletinfeed.CheckKey(iss.Key); err != nil {
		return nil, err
	}
	for _, t := range []time.Time{iss.Date, iss.PublishAt} {
		if t.IsZero() {
			continue
		}
		if err := bulletinfeed.CheckDate(t); err != nil {
			return nil, &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Message: fmt.Sprintf("issue %q", iss.Key), Err: err}
		}
	}
	hash := iss.ContentHash
	if hash == "" {
		hash = issueHash(iss)
	}
	tx, err := db.writeTx(ctx, pubID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	pub, err := db.publication(ctx, tx, pubID)
	if err != nil {
		return nil, err
	}
	if !opt.Duplicate && !opt.Revise {
		if err := db.duplicateOf(ctx, tx, pub, iss, hash, articlesHash(iss.Articles)); err != nil {
			return nil, err
		}
	}
	if iss.Date.IsZero() && opt.Undated != nil {
		if _, err := db.issueRow(ctx, tx, pubID, iss.Key); bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
			return nil, opt.Undated
		} else if err != nil {
			return nil, err
		}
	}
	// The images go first, whether the issue is published now or
	// scheduled: its articles name them by hash.
	if err := db.putMedia(ctx, tx, iss); err != nil {
		return nil, err
	}
	var (
		res     *IngestResult
		written int
		changed bool
	)
	if iss.PublishAt.After(db.now()) {
		res, changed, err = db.schedule(ctx, tx, pub, iss, hash, opt)
	} else {
		// A file published now supersedes one scheduled for later under
		// its key, which would otherwise overwrite it at its release.
		changed, err = db.unschedule(ctx, tx, pubID, iss.Key)
		if err == nil {
			res, written, err = db.ingestTx(ctx, tx, pub, iss, hash, opt)
		}
	}
	if err != nil {
		return nil, err
	}
	if res.Status == Unchanged && !changed {
		return res, nil
	}
	if err := db.bumpVersion(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, db.errorf(err, "ingest issue %q: commit", iss.Key)
	}
	if res.Status == Scheduled {
		db.log.Info("scheduled issue", "publication", pubID, "issue", iss.Key, "publish_at", iss.PublishAt)
	} else {
		db.log.Debug("ingested issue", "publication", pubID, "issue", iss.Key, "status", res.Status,
			"added", res.Added, "changed", res.Changed, "removed", res.Removed)
	}
	db.wrote(ctx, written)
	return res, nil
}

// ingestTx does the work of an ingest that publishes at once inside tx,
// without bumping the version, and returns what it did and how many
// article rows it wrote. An Unchanged issue writes nothing.
func (db *DB) ingestTx(ctx context.Context, tx *sql.Tx, pub *bulletinfeed.Publication, iss *bulletinfeed.Issue, hash string, opt IngestOptions) (*IngestResult, int, error) {
	pubID := pub.ID
	old, err := db.issueRow(ctx, tx, pubID, iss.Key)
	if err != nil && bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		return nil, 0, err
	}
	switch {
	case old == nil && opt.Revise:
		return nil, 0, bulletinfeed.Errorf(bulletinfeed.NotFound, "no issue %q to revise", iss.Key)
	case old != nil && old.ContentHash == hash && !opt.Force:
		stored, err := db.issue(ctx, tx, pubID, iss.Key)
		if err != nil {
			return nil, 0, err
		}
		// The same bytes parsed into other articles (the section list
		// changed, or the parser did) are stored again, as Force would.
		if articlesHash(stored.Articles) == articlesHash(iss.Articles) {
			return &IngestResult{Status: Unchanged, Issue: stored}, 0, nil
		}
	case old != nil && old.ContentHash != hash && iss.KeyFromName && !opt.Revise:
		if err := keyCollision(pub, old, iss, opt.Inbox); err != nil {
			return nil, 0, err
		}
	}

	now := db.now()
	row := &bulletinfeed.Issue{
		PublicationID: pubID,
		Key:           iss.Key,
		Title:         iss.Title,
		Date:          iss.Date.UTC().Truncate(time.Microsecond),
		SourceName:    iss.SourceName,
		SourcePath:    iss.SourcePath,
		ContentHash:   hash,
		IngestedAt:    now,
		UpdatedAt:     now,
	}
	if iss.Date.IsZero() {
		// An undated issue is dated when first seen, and keeps that date.
		row.Date = now
		if old != nil {
			row.Date = old.Date
		}
	}
	slugs, err := db.ensureSections(ctx, tx, pub, iss.Sections())
	if err != nil {
		return nil, 0, err
	}

	res := &IngestResult{Status: New, Issue: row}
	w, err := db.articleWriter(ctx, tx, pubID)
	if err != nil {
		return nil, 0, err
	}
	defer w.close()
	if old == nil {
		err = db.addIssue(ctx, w, row, iss.Articles, slugs, res)
	} else {
		res.Status = Revised
		row.IngestedAt = old.IngestedAt
		err = db.reviseIssue(ctx, w, row, iss.Articles, slugs, res)
	}
	if err != nil {
		return nil, 0, err
	}
	if err := db.saveOrdinals(ctx, tx, w.ords); err != nil {
		return nil, 0, err
	}
	if err := db.clearGone(ctx, tx, pubID, iss.Key); err != nil {
		return nil, 0, err
	}
	return res, w.written, nil
}

// addIssue writes an issue the store did not have, appending the articles
// as stored to row.
func (db *DB) addIssue(ctx context.Context, w *articleWriter, row *bulletinfeed.Issue, arts []*bulletinfeed.Article, slugs map[string]string, res *IngestResult) error {
	if err := db.insertIssue(ctx, w.tx, row, articlesHash(arts), w.ords.next(issuesChannel)); err != nil {
		return err
	}
	w.ingested = micros(row.IngestedAt)
	for i, in := range arts {
		a := storedArticle(in, row, i, slugs)
		a.Updated = a.Published
		if err := db.hook(i); err != nil {
			return err
		}
		if err := w.insertNew(ctx, row.PublicationID, row.Key, a); err != nil {
			return err
		}
		row.Articles = append(row.Articles, a)
		res.Added++
	}
	return nil
}

// reviseIssue rewrites a stored issue from a changed file, keeping the ids
// of the articles that are still there, and appends the articles as
// stored to row.
func (db *DB) reviseIssue(ctx context.Context, w *articleWriter, row *bulletinfeed.Issue, arts []*bulletinfeed.Article, slugs map[string]string, res *IngestResult) error {
	if err := db.updateIssue(ctx, w.tx, row, articlesHash(arts)); err != nil {
		return err
	}
	w.ingested = micros(row.IngestedAt)
	olds, err := db.articlesOfIssue(ctx, w.tx, row.PublicationID, row.Key, true)
	if err != nil {
		return err
	}
	pair := match(olds, arts)
	kept := make([]bool, len(olds))
	for _, j := range pair {
		if j >= 0 {
			kept[j] = true
		}
	}
	for j, o := range olds {
		if kept[j] {
			continue
		}
		if err := w.delete(ctx, o.ID); err != nil {
			return err
		}
		res.Removed++
	}
	for i, in := range arts {
		a := storedArticle(in, row, i, slugs)
		if err := db.hook(i); err != nil {
			return err
		}
		if j := pair[i]; j >= 0 {
			o := olds[j]
			a.ID, a.Updated = o.ID, o.Updated
			if contentHash(a) != contentHash(o) {
				a.Updated = row.UpdatedAt
				res.Changed++
			} else if !a.Published.Equal(o.Published) {
				// The text is the same but the issue's date moved: feeds
				// date the article differently, and whoever compares the
				// store's states (by Updated) must see that it changed. (A
				// position that moves because an article before it was
				// removed is no change of the article.)
				a.Updated = row.UpdatedAt
			}
			// Updated never comes before Published, even when a revision
			// moves the issue's date later.
			if a.Updated.Before(a.Published) {
				a.Updated = a.Published
			}
			if err := w.update(ctx, a, o.SectionSlug); err != nil {
				return err
			}
			row.Articles = append(row.Articles, a)
			continue
		}
		a.Updated = a.Published
		if err := w.insertNew(ctx, row.PublicationID, row.Key, a); err != nil {
			return err
		}
		row.Articles = append(row.Articles, a)
		res.Added++
	}
	return nil
}

// storedArticle copies in with what the store sets: issue, section slug,
// position and publication date. Its lists are copied too, and empty ones
// are nil, as a read from the store gives them.
func storedArticle(in *bulletinfeed.Article, row *bulletinfeed.Issue, i int, slugs map[string]string) *bulletinfeed.Article {
	a := *in
	a.Headings = nilIfEmpty(slices.Clone(in.Headings))
	a.Bylines = nilIfEmpty(slices.Clone(in.Bylines))
	a.Blocks = nilIfEmpty(slices.Clone(in.Blocks))
	a.IssueKey = row.Key
	a.SectionSlug = slugs[a.Section]
	a.Position = i
	// An issue dated ahead (printed before its date) is published when
	// first ingested: a feed item is never dated in the future, and this
	// date stays put across revisions and re-renders.
	a.Published = row.Date
	if a.Published.After(row.IngestedAt) {
		a.Published = row.IngestedAt
	}
	return &a
}

func (db *DB) hook(i int) error {
	if db.articleHook == nil {
		return nil
	}
	if err := db.articleHook(i); err != nil {
		return fmt.Errorf("article %d: %w", i, err)
	}
	return nil
}
