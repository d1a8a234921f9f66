package source_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// TestParseNamed: bytes parsed with a file's name give the issue the key
// and date that the file on disk gets, whether they come from the name or
// from the header.
func TestParseNamed(t *testing.T) {
	for _, path := range []string{"../../shared/testdata/hexi-2023-04.txt", "testdata/beichen-2024-09.txt", "testdata/stmarys-2024-spring.txt"} {
		t.Run(path, func(t *testing.T) {
			want, err := source.ParseFile(context.Background(), path, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := source.ParseNamed(context.Background(), bytes.NewReader(b), "https://example.org/files/"+want.SourceName, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Key != want.Key || !got.Date.Equal(want.Date) || got.KeyFromName != want.KeyFromName || got.ContentHash != want.ContentHash || len(got.Articles) != len(want.Articles) {
				t.Errorf("got key %q date %v from name %v, %d articles; want %q %v %v, %d", got.Key, got.Date, got.KeyFromName, len(got.Articles), want.Key, want.Date, want.KeyFromName, len(want.Articles))
			}
		})
	}
}
