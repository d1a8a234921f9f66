package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestCorrectionEdited: a correction's edited structure, the fingerprint
// of the body it was made to and the articles split off it are kept and
// read back as they were given; putting it again replaces them, and a
// title correction has none.
func TestCorrectionEdited(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, nil)
		at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		c := bulletinfeed.Correction{Publication: "p", Issue: "k", Article: "a1", OrigTitle: "A", OrigSum: "sum", By: "clerk", At: at,
			Edited: &bulletinfeed.ArticleEdit{Headings: []string{"Kicker", "A"}, Title: "A",
				Bylines: []bulletinfeed.Byline{{Role: "记者", Name: "张三"}},
				Blocks:  []bulletinfeed.Block{{Kind: bulletinfeed.Caption, Text: "图为会议现场"}}},
			After: []bulletinfeed.ArticleEdit{{Headings: []string{"B"}, Title: "B", Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "b1"}}}}}
		plain := bulletinfeed.Correction{Publication: "p", Issue: "k", Article: "a2", OrigTitle: "C", Title: "C2", By: "clerk", At: at.Add(time.Second)}
		for _, x := range []*bulletinfeed.Correction{&c, &plain} {
			if err := db.PutCorrection(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Corrections(ctx, "p", "k")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !reflect.DeepEqual(got[0], c) || !reflect.DeepEqual(got[1], plain) {
			t.Fatalf("corrections read back:\n%+v\nwant\n%+v\n%+v", got, c, plain)
		}
		c.Edited, c.After, c.Title = nil, nil, "A2"
		if err := db.PutCorrection(ctx, &c); err != nil {
			t.Fatal(err)
		}
		got, err = db.Corrections(ctx, "p", "k")
		if err != nil || len(got) != 2 || got[0].Edited != nil || got[0].After != nil || got[0].Title != "A2" {
			t.Fatalf("after replacing: %+v, %v", got, err)
		}
	})
}
