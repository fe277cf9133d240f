-- Catalog schema version 3 (PostgreSQL): how often an asset is expected to get new rows, and which runs found
-- nothing new (they wrote nothing: neither a delivery nor a 0-row run). Never edit: add V4__….sql instead.
ALTER TABLE asset ADD COLUMN freshness_ms BIGINT;
ALTER TABLE run ADD COLUMN nothing_new BOOLEAN NOT NULL DEFAULT FALSE;
