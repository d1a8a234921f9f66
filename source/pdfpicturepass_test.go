package source_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// slowImages gives the text at once and the pictures only when asked
// with time to spare: its picture pass waits for the context, as a
// pdftohtml stuck re-encoding images does, or fails.
type slowImages struct {
	text []byte
	fail error
}

func (s slowImages) XMLLayout(context.Context, []byte) ([]byte, error) { return s.text, nil }

func (s slowImages) XMLLayoutImages(ctx context.Context, _ []byte) ([]byte, map[string][]byte, error) {
	if s.fail != nil {
		return nil, nil, s.fail
	}
	<-ctx.Done()
	return nil, nil, ctx.Err()
}

// TestPDFPicturePassNeverFailsTheIssue: the pictures come out after the
// text, within their own time; when that pass is slow or fails, the issue
// has its text and a warning says what was left out.
func TestPDFPicturePassNeverFailsTheIssue(t *testing.T) {
	page := xmlPage(
		"1|60|50|Village hall reopens",
		"0|90|50|The village hall reopened on Saturday after six months of repairs",
		"0|103|50|to its roof and floor, paid for by the lottery grant.",
	)
	for _, tc := range []struct {
		name string
		ex   slowImages
		want string
	}{
		{"slow", slowImages{text: page}, "took longer than 50ms"},
		{"failing", slowImages{text: page, fail: errors.New("pdftohtml: cannot write images")}, "cannot write images"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "hall-2024-05-01.pdf",
				source.Options{PDF: tc.ex, Pictures: true, PictureTimeout: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if titlesOf(iss) != "Village hall reopens" {
				t.Errorf("titles %q", titlesOf(iss))
			}
			if len(iss.Warnings) != 1 || !strings.Contains(iss.Warnings[0], tc.want) {
				t.Errorf("warnings %q, want one saying %q", iss.Warnings, tc.want)
			}
		})
	}
}
