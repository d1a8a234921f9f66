-- A publication's base URL was stored and read but never set nor used:
-- where a site is served comes from the configuration (base_url), which
-- the server reads at start, not from the store.
ALTER TABLE publications DROP COLUMN base_url;
