-- An issue file whose fetch fails (a dead link in an upstream feed) is
-- remembered with the failures in a row and when it may be asked again,
-- so that it is not fetched at every pass (RemoteFile.Failures and
-- NotBefore). Times are microseconds since the epoch, 0 for none, as
-- fetched_at.
ALTER TABLE remote_files ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;

ALTER TABLE remote_files ADD COLUMN not_before BIGINT NOT NULL DEFAULT 0;
