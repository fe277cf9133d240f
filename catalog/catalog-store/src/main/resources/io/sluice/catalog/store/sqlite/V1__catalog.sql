-- Catalog schema version 1 (SQLite). Times are epoch milliseconds (UTC). Never edit: add V2__….sql instead.
CREATE TABLE asset (
    qualified_name  TEXT    NOT NULL PRIMARY KEY,
    zone            TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    dataset         TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    owner           TEXT,
    description     TEXT,
    descriptor_file TEXT,
    descriptor_hash TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX asset_dataset ON asset (source, dataset);
CREATE TABLE asset_column (
    qualified_name TEXT    NOT NULL REFERENCES asset (qualified_name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    nullable       INTEGER NOT NULL,
    description    TEXT,
    pii            INTEGER NOT NULL,
    PRIMARY KEY (qualified_name, position)
);
CREATE TABLE asset_tag (
    qualified_name TEXT    NOT NULL REFERENCES asset (qualified_name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    tag            TEXT    NOT NULL,
    PRIMARY KEY (qualified_name, position)
);
-- Maintained by the store in the same transaction as asset; words are pre-normalised by the store.
CREATE VIRTUAL TABLE asset_search USING fts5 (
    qualified_name UNINDEXED, name, tags, columns, description, tokenize = 'porter unicode61'
);
CREATE TABLE run (
    run_id        TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    dataset       TEXT    NOT NULL,
    run_date      TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    ended_at      INTEGER,
    status        TEXT    NOT NULL,
    rows_raw      INTEGER NOT NULL,
    rows_valid    INTEGER NOT NULL,
    rows_error    INTEGER NOT NULL,
    rows_refined  INTEGER NOT NULL,
    watermark     TEXT,
    delta_version INTEGER,
    error_message TEXT,
    PRIMARY KEY (run_id, source, dataset)
);
CREATE INDEX run_by_dataset ON run (source, dataset, started_at);
CREATE INDEX run_by_start ON run (started_at);
CREATE TABLE run_error_reason (
    run_id   TEXT    NOT NULL,
    source   TEXT    NOT NULL,
    dataset  TEXT    NOT NULL,
    position INTEGER NOT NULL,
    reason   TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (run_id, source, dataset, position),
    FOREIGN KEY (run_id, source, dataset) REFERENCES run (run_id, source, dataset) ON DELETE CASCADE
);
CREATE TABLE lineage_edge (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    from_name   TEXT    NOT NULL,
    to_name     TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    sql_text    TEXT,
    recorded_at INTEGER NOT NULL,
    UNIQUE (from_name, to_name, run_id)
);
CREATE INDEX lineage_by_to ON lineage_edge (to_name, from_name);
