package source_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// blockingPDF is an extractor that works until its context ends, as a
// slow pdftohtml does.
type blockingPDF struct{}

func (blockingPDF) XMLLayout(ctx context.Context, pdf []byte) ([]byte, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// The caller's context ends the extraction of a PDF: a server shutting
// down does not wait for a PDF's timeout.
func TestParseStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := source.Parse(ctx, strings.NewReader("%PDF-1.4\n%%EOF\n"), "slow.pdf", source.Options{PDF: blockingPDF{}})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want the context's", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Parse took %v after its context ended", took)
	}
}
