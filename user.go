package bulletinfeed

import (
	"slices"
	"time"
)

// User is someone who may sign in to the editors' console. An admin sees
// and changes every publication and the users; an editor only the
// publications listed.
type User struct {
	Name string
	// PasswordHash is the encoded argon2id hash of the password, with its
	// salt and parameters; never the password.
	PasswordHash string
	Admin        bool
	// Publications are the ids of the publications an editor may see and
	// change, sorted.
	Publications []string
	Created      time.Time
	Updated      time.Time
}

// MayEdit reports whether u may see and change publication pubID.
func (u *User) MayEdit(pubID string) bool {
	return u.Admin || slices.Contains(u.Publications, pubID)
}

// Session is a user's signed-in session of the console, found by the hash
// of the token its cookie holds.
type Session struct {
	TokenHash string
	User      string
	// CSRF is the token every form of the session carries.
	CSRF     string
	Created  time.Time
	LastSeen time.Time
}

// Upload is an issue file given to the console and not yet published:
// what its preview is parsed from, and what publishing stores.
type Upload struct {
	ID          string
	Publication string
	Name        string
	Body        []byte
	By          string
	At          time.Time
}

// AuditEntry is one change made through the console or to its users:
// who made it, what it was, when, and which issue it touched.
type AuditEntry struct {
	ID          string
	At          time.Time
	User        string
	Action      string
	Publication string
	Issue       string
	Detail      string
}

// Audit actions.
const (
	AuditLogin        = "login"
	AuditLoginFailed  = "login-failed"
	AuditLogout       = "logout"
	AuditUpload       = "upload"
	AuditPublish      = "publish"
	AuditSchedule     = "schedule"
	AuditDelete       = "delete"
	AuditCorrect      = "correct"
	AuditForget       = "forget-correction"
	AuditDiscard      = "discard-upload"
	AuditUserAdd      = "user-add"
	AuditUserPassword = "user-password"
	AuditUserRemove   = "user-remove"
)
