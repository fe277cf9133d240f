-- Catalog schema version 3 (SQLite): how often an asset is expected to get new rows, and which runs found nothing
-- new (they wrote nothing: neither a delivery nor a 0-row run). Never edit: add V4__….sql instead.
ALTER TABLE asset ADD COLUMN freshness_ms INTEGER;
ALTER TABLE run ADD COLUMN nothing_new INTEGER NOT NULL DEFAULT 0;
