package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// A text issue dropped beside a PDF is published before it, whatever
// their names: a PDF takes seconds to extract (a hostile one, its whole
// timeout), and the text file must not wait behind it.
func TestInboxTextBeforePDF(t *testing.T) {
	pdf, err := os.ReadFile("../../shared/testdata/hexi-2023-04.pdf")
	if err != nil {
		t.Skip(err)
	}
	var mu sync.Mutex
	var order []string
	st := &fakeStore{ingest: func(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error) {
		mu.Lock()
		order = append(order, iss.SourceName)
		mu.Unlock()
		return &store.IngestResult{Status: store.New, Issue: iss}, nil
	}}
	in, c, _ := newInbox(t, st)
	writeB(t, filepath.Join(in.Dir, "a-hexi-2023-04.pdf"), pdf)
	write(t, filepath.Join(in.Dir, "z-summer.txt"), goodIssue)
	pass(t, in)
	c.advance(2 * time.Second)
	pass(t, in)
	if want := []string{"z-summer.txt", "a-hexi-2023-04.pdf"}; !slices.Equal(order, want) {
		t.Errorf("published in the order %v, want %v", order, want)
	}
}
