package store

import (
	"context"
	"database/sql"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutUpload keeps an issue file given to the console until it is
// published or discarded.
func (db *DB) PutUpload(ctx context.Context, u *bulletinfeed.Upload) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO uploads (id, publication_id, name, body, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)`),
		u.ID, u.Publication, u.Name, nonNil(u.Body), u.By, micros(u.At)); err != nil {
		return db.errorf(err, "store upload %q", u.Name)
	}
	return nil
}

// Upload returns the upload id with its file; the error has kind NotFound
// when there is none.
func (db *DB) Upload(ctx context.Context, id string) (*bulletinfeed.Upload, error) {
	var (
		u  bulletinfeed.Upload
		at int64
	)
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT id, publication_id, name, body, uploaded_by, uploaded_at FROM uploads WHERE id = ?`), id).
		Scan(&u.ID, &u.Publication, &u.Name, &u.Body, &u.By, &at)
	if err != nil {
		return nil, db.errorf(err, "upload %q", id)
	}
	u.At = fromMicros(at)
	return &u, nil
}

// Uploads returns the uploads of publication pubID waiting to be
// published, newest first, without their files.
func (db *DB) Uploads(ctx context.Context, pubID string) ([]*bulletinfeed.Upload, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT id, publication_id, name, uploaded_by, uploaded_at FROM uploads
		WHERE publication_id = ? ORDER BY uploaded_at DESC, id`), pubID)
	if err != nil {
		return nil, db.errorf(err, "uploads of %q", pubID)
	}
	defer rows.Close()
	var out []*bulletinfeed.Upload
	for rows.Next() {
		var (
			u  bulletinfeed.Upload
			at int64
		)
		if err := rows.Scan(&u.ID, &u.Publication, &u.Name, &u.By, &at); err != nil {
			return nil, db.errorf(err, "read upload")
		}
		u.At = fromMicros(at)
		out = append(out, &u)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "uploads of %q", pubID)
	}
	return out, nil
}

// DeleteUpload removes an upload once published or discarded; the error
// has kind NotFound when there is none.
func (db *DB) DeleteUpload(ctx context.Context, id string) error {
	res, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM uploads WHERE id = ?`), id)
	if err != nil {
		return db.errorf(err, "delete upload %q", id)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.errorf(err, "delete upload %q", id)
	} else if n == 0 {
		return db.errorf(sql.ErrNoRows, "upload %q", id)
	}
	return nil
}
