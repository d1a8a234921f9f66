package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/bulletinfeed/bulletinfeed"
)

// AddUser stores a new user of the console with the publications it may
// edit. A user of that name already there is an error of kind Conflict.
func (db *DB) AddUser(ctx context.Context, u *bulletinfeed.User) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "add user %q: begin", u.Name)
	}
	defer tx.Rollback()
	now := micros(db.now())
	if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO users (name, password_hash, admin, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
		u.Name, u.PasswordHash, flag(u.Admin), now, now); err != nil {
		return db.errorf(err, "add user %q", u.Name)
	}
	for _, p := range slices.Compact(slices.Sorted(slices.Values(u.Publications))) {
		if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO user_publications (user_name, publication_id) VALUES (?, ?)`), u.Name, p); err != nil {
			return db.errorf(err, "add user %q: publication %q", u.Name, p)
		}
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "add user %q: commit", u.Name)
	}
	return nil
}

// SetPassword replaces the password hash of user name and ends every
// session of the user: whoever knew the old password is signed out. The
// error has kind NotFound when there is no such user.
func (db *DB) SetPassword(ctx context.Context, name, hash string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "set password of %q: begin", name)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, db.d.rebind(`UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?`), hash, micros(db.now()), name)
	if err != nil {
		return db.errorf(err, "set password of %q", name)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.errorf(err, "set password of %q", name)
	} else if n == 0 {
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "no user %q", name)
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE user_name = ?`), name); err != nil {
		return db.errorf(err, "set password of %q: end sessions", name)
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "set password of %q: commit", name)
	}
	return nil
}

// RemoveUser removes user name and its sessions; the audit log keeps its
// entries. The error has kind NotFound when there is no such user.
func (db *DB) RemoveUser(ctx context.Context, name string) error {
	// Sessions and publications go by their foreign keys' cascade.
	res, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM users WHERE name = ?`), name)
	if err != nil {
		return db.errorf(err, "remove user %q", name)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.errorf(err, "remove user %q", name)
	} else if n == 0 {
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "no user %q", name)
	}
	return nil
}

// User returns user name with its publications; the error has kind
// NotFound when there is none.
func (db *DB) User(ctx context.Context, name string) (*bulletinfeed.User, error) {
	users, err := db.queryUsers(ctx, `WHERE name = ?`, name)
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, db.errorf(sql.ErrNoRows, "user %q", name)
	}
	return users[0], nil
}

// Users returns every user, by name.
func (db *DB) Users(ctx context.Context) ([]*bulletinfeed.User, error) {
	return db.queryUsers(ctx, ``)
}

// HasUsers reports whether any user exists: the console is off until
// one does.
func (db *DB) HasUsers(ctx context.Context) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) u`).Scan(&n); err != nil {
		return false, db.errorf(err, "count users")
	}
	return n > 0, nil
}

// queryUsers reads the users a WHERE clause picks, with their
// publications, in one snapshot.
func (db *DB) queryUsers(ctx context.Context, where string, args ...any) ([]*bulletinfeed.User, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, db.d.rebind(`SELECT name, password_hash, admin, created_at, updated_at FROM users `+where+` ORDER BY name`), args...)
	if err != nil {
		return nil, db.errorf(err, "query users")
	}
	var (
		out    []*bulletinfeed.User
		byName = map[string]*bulletinfeed.User{}
	)
	for rows.Next() {
		var (
			admin            int
			created, updated int64
		)
		var usr bulletinfeed.User
		if err := rows.Scan(&usr.Name, &usr.PasswordHash, &admin, &created, &updated); err != nil {
			rows.Close()
			return nil, db.errorf(err, "read user")
		}
		usr.Admin, usr.Created, usr.Updated = admin != 0, fromMicros(created), fromMicros(updated)
		out = append(out, &usr)
		byName[usr.Name] = &usr
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query users")
	}
	if len(out) == 0 {
		return nil, nil
	}
	prow, err := tx.QueryContext(ctx, `SELECT user_name, publication_id FROM user_publications ORDER BY user_name, publication_id`)
	if err != nil {
		return nil, db.errorf(err, "query user publications")
	}
	defer prow.Close()
	for prow.Next() {
		var name, pub string
		if err := prow.Scan(&name, &pub); err != nil {
			return nil, db.errorf(err, "read user publication")
		}
		if u := byName[name]; u != nil {
			u.Publications = append(u.Publications, pub)
		}
	}
	if err := prow.Err(); err != nil {
		return nil, db.errorf(err, "query user publications")
	}
	return out, nil
}
