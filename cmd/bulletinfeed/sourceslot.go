package main

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// The slot serves the scheduled sources too: a source whose pass comes
// while the store is down fails that pass, is recorded as failing, and
// is tried again at a later tick.
var (
	_ worker.RemoteStore  = (*storeSlot)(nil)
	_ worker.SourceStates = (*storeSlot)(nil)
)

func (s *storeSlot) RemoteFile(ctx context.Context, pubID, sourceID, entry string) (bulletinfeed.RemoteFile, bool, error) {
	db, err := s.get()
	if err != nil {
		return bulletinfeed.RemoteFile{}, false, err
	}
	return db.RemoteFile(ctx, pubID, sourceID, entry)
}

func (s *storeSlot) SaveRemoteFile(ctx context.Context, pubID, sourceID string, f bulletinfeed.RemoteFile) error {
	db, err := s.get()
	if err != nil {
		return err
	}
	return db.SaveRemoteFile(ctx, pubID, sourceID, f)
}

func (s *storeSlot) SourceState(ctx context.Context, pubID, sourceID string) (bulletinfeed.SourceState, error) {
	db, err := s.get()
	if err != nil {
		return bulletinfeed.SourceState{}, err
	}
	return db.SourceState(ctx, pubID, sourceID)
}

func (s *storeSlot) SaveSourceState(ctx context.Context, pubID, sourceID string, st bulletinfeed.SourceState) error {
	db, err := s.get()
	if err != nil {
		return err
	}
	return db.SaveSourceState(ctx, pubID, sourceID, st)
}

func (s *storeSlot) TryExclusive(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error) {
	db, err := s.get()
	if err != nil {
		return false, err
	}
	return db.TryExclusive(ctx, name, fn)
}
