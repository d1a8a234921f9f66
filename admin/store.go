package admin

import (
	"context"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// Store is what the console reads and writes; *store.DB satisfies it.
type Store interface {
	// IngestWith is how worker.Publish stores an issue.
	worker.Store

	HasUsers(ctx context.Context) (bool, error)
	User(ctx context.Context, name string) (*bulletinfeed.User, error)

	CreateSession(ctx context.Context, s *bulletinfeed.Session) error
	Session(ctx context.Context, tokenHash string) (*bulletinfeed.Session, error)
	TouchSession(ctx context.Context, tokenHash string, t time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int, error)

	PutUpload(ctx context.Context, u *bulletinfeed.Upload) error
	Upload(ctx context.Context, id string) (*bulletinfeed.Upload, error)
	Uploads(ctx context.Context, pubID string) ([]*bulletinfeed.Upload, error)
	DeleteUpload(ctx context.Context, id string) error

	AddAudit(ctx context.Context, e *bulletinfeed.AuditEntry) error
	Audit(ctx context.Context, q store.AuditQuery) ([]*bulletinfeed.AuditEntry, error)

	Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error)
	Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error)
	Corrections(ctx context.Context, pubID, key string) ([]bulletinfeed.Correction, error)
	PutCorrection(ctx context.Context, c *bulletinfeed.Correction) error
	DeleteCorrection(ctx context.Context, pubID, key, articleID string) error
	IssueCorrectionOf(ctx context.Context, pubID, key string) (*bulletinfeed.IssueCorrection, error)
	PutIssueCorrection(ctx context.Context, c *bulletinfeed.IssueCorrection) error
	RenameIssue(ctx context.Context, pubID, old, key string) error

	IssuePage(ctx context.Context, pubID, search string, offset, limit int) ([]store.IssueSummary, int, error)
	SourceState(ctx context.Context, pubID, sourceID string) (bulletinfeed.SourceState, error)
	ScheduledIssues(ctx context.Context, pubID string) ([]store.ScheduledIssue, error)
	DeleteIssue(ctx context.Context, pubID, key string) (int, error)
}

var _ Store = (*store.DB)(nil)
