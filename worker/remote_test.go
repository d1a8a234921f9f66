package worker_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// remoteStore is a real SQLite store for the issues, with what the
// remote sources remember kept in a map: the store methods for it are
// being written beside this branch.
type remoteStore struct {
	db *store.DB

	mu      sync.Mutex
	files   map[[3]string]bulletinfeed.RemoteFile // by publication, source and entry
	ingests int
}

var _ worker.RemoteStore = (*remoteStore)(nil)

func newRemoteStore(t *testing.T) *remoteStore {
	return &remoteStore{db: openStore(t), files: map[[3]string]bulletinfeed.RemoteFile{}}
}

func (s *remoteStore) IngestWith(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error) {
	s.mu.Lock()
	s.ingests++
	s.mu.Unlock()
	return s.db.IngestWith(ctx, pubID, iss, opt)
}

func (s *remoteStore) RemoteFile(_ context.Context, pubID, sourceID, entry string) (bulletinfeed.RemoteFile, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[[3]string{pubID, sourceID, entry}]
	return f, ok, nil
}

func (s *remoteStore) SaveRemoteFile(_ context.Context, pubID, sourceID string, f bulletinfeed.RemoteFile) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[[3]string{pubID, sourceID, f.Entry}] = f
	return nil
}

// remembered returns what a source remembers of an entry.
func (s *remoteStore) remembered(sourceID, entry string) (bulletinfeed.RemoteFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[[3]string{"parish", sourceID, entry}]
	return f, ok
}

func (s *remoteStore) ingested() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ingests
}

// issue returns a stored issue of the "parish" publication.
func (s *remoteStore) issue(t *testing.T, key string) *bulletinfeed.Issue {
	t.Helper()
	iss, err := s.db.Issue(context.Background(), "parish", key)
	if err != nil {
		t.Fatal(err)
	}
	return iss
}

// upstream is a web server of files, each with an ETag made from its
// bytes (unless it has none), answering If-None-Match with 304. It
// records the requests it gets.
type upstream struct {
	*httptest.Server

	mu       sync.Mutex
	files    map[string]upstreamFile
	requests []*http.Request
}

type upstreamFile struct {
	body   []byte
	ctype  string
	noETag bool
}

func newUpstream(t *testing.T) *upstream {
	u := &upstream{files: map[string]upstreamFile{}}
	u.Server = httptest.NewServer(u)
	t.Cleanup(u.Close)
	return u
}

func (u *upstream) put(path, ctype string, body []byte) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.files[path] = upstreamFile{body: body, ctype: ctype}
}

// putNoETag serves a file without validators: it is fetched whole every
// time.
func (u *upstream) putNoETag(path, ctype string, body []byte) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.files[path] = upstreamFile{body: body, ctype: ctype, noETag: true}
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u.mu.Lock()
	u.requests = append(u.requests, r.Clone(context.Background()))
	f, ok := u.files[r.URL.Path]
	u.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if !f.noETag {
		sum := sha256.Sum256(f.body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Write(f.body)
}

// take returns the requests since the last call.
func (u *upstream) take() []*http.Request {
	u.mu.Lock()
	defer u.mu.Unlock()
	r := u.requests
	u.requests = nil
	return r
}

// paths lists the paths of requests.
func paths(reqs []*http.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.URL.Path)
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// records keeps the messages logged at Warn and above.
type records struct {
	mu   sync.Mutex
	msgs []string
}

func (r *records) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, rec.Message)
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

// count returns how many times msg was logged.
func (r *records) count(msg string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, m := range r.msgs {
		if m == msg {
			n++
		}
	}
	return n
}

func remotePass(t *testing.T, src interface {
	Pass(context.Context) (worker.PassResult, error)
}) worker.PassResult {
	t.Helper()
	res, err := src.Pass(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// articleIDs lists an issue's article ids in order.
func articleIDs(iss *bulletinfeed.Issue) string {
	var ids []string
	for _, a := range iss.Articles {
		ids = append(ids, a.ID)
	}
	return strings.Join(ids, " ")
}

// articleText joins the text of an issue's articles.
func articleText(iss *bulletinfeed.Issue) string {
	var b strings.Builder
	for _, a := range iss.Articles {
		b.WriteString(a.Text())
	}
	return b.String()
}

const (
	hexiPath    = "../../shared/testdata/hexi-2023-04.txt"
	beichenPath = "../source/testdata/beichen-2024-09.txt"
	jinnanPath  = "../source/testdata/jinnan-2024-03.txt"
	// hexiParagraph begins a paragraph of the reference issue that the
	// tests edit.
	hexiParagraph = "水清、岸绿、河畅、景美。"
)
