package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// A store of Later fails every method with kind Unavailable, naming the
// reason recorded, until Take hands it an opened store of the same dsn;
// then it reads what that store holds.
func TestLaterUnavailableUntilTaken(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		seeded := mustOpen(t, dsn, nil)
		want, err := seeded.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}

		db, err := store.Later(dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.IsOpen() {
			t.Fatal("IsOpen before Take")
		}
		if _, err := db.Version(ctx); bulletinfeed.KindOf(err) != bulletinfeed.Unavailable {
			t.Fatalf("Version before Take: %v, want kind Unavailable", err)
		}
		why := errors.New("connection refused by the test")
		db.Fail(why)
		if _, err := db.Publication(ctx, pubID); bulletinfeed.KindOf(err) != bulletinfeed.Unavailable || !errors.Is(err, why) {
			t.Fatalf("Publication after Fail: %v, want kind Unavailable wrapping %v", err, why)
		}
		// The reason as it is, for /healthz and the console: not the
		// query that found the store shut.
		down := bulletinfeed.Errorf(bulletinfeed.Unavailable, "open store postgres://db.example/news: database unavailable")
		db.Fail(down)
		if _, err := db.Version(ctx); err == nil || err.Error() != down.Error() {
			t.Fatalf("Version after Fail: %v, want %q", err, down)
		}
		if _, err := db.IngestWith(ctx, pubID, &bulletinfeed.Issue{Key: "2024-01"}, store.IngestOptions{}); bulletinfeed.KindOf(err) != bulletinfeed.Unavailable {
			t.Fatalf("IngestWith before Take: %v, want kind Unavailable", err)
		}

		opened, err := store.OpenExisting(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Take(opened); err != nil {
			t.Fatal(err)
		}
		if !db.IsOpen() {
			t.Fatal("not IsOpen after Take")
		}
		got, err := db.Version(ctx)
		if err != nil || got != want {
			t.Fatalf("Version after Take = %d, %v; want %d", got, err, want)
		}
		if _, err := db.Publication(ctx, pubID); err != nil {
			t.Fatalf("Publication after Take: %v", err)
		}
		// opened was closed by Take: its work was only to open.
		if _, err := opened.Version(ctx); err == nil {
			t.Fatal("the store handed to Take is still open")
		}
	})
}
