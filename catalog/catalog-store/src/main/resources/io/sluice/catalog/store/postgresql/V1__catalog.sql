-- Catalog schema version 1 (PostgreSQL). Times are epoch milliseconds (UTC). Never edit: add V2__….sql instead.
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
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    -- Weighted words (A name, B tags, C columns, D description), maintained by the store with the row.
    search          TSVECTOR
);
CREATE INDEX asset_dataset ON asset (source, dataset);
CREATE INDEX asset_search ON asset USING GIN (search);
CREATE TABLE asset_column (
    qualified_name TEXT    NOT NULL REFERENCES asset (qualified_name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    nullable       BOOLEAN NOT NULL,
    description    TEXT,
    pii            BOOLEAN NOT NULL,
    PRIMARY KEY (qualified_name, position)
);
CREATE TABLE asset_tag (
    qualified_name TEXT    NOT NULL REFERENCES asset (qualified_name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    tag            TEXT    NOT NULL,
    PRIMARY KEY (qualified_name, position)
);
CREATE TABLE run (
    run_id        TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    dataset       TEXT    NOT NULL,
    run_date      TEXT    NOT NULL,
    started_at    BIGINT  NOT NULL,
    ended_at      BIGINT,
    status        TEXT    NOT NULL,
    rows_raw      BIGINT  NOT NULL,
    rows_valid    BIGINT  NOT NULL,
    rows_error    BIGINT  NOT NULL,
    rows_refined  BIGINT  NOT NULL,
    watermark     TEXT,
    delta_version BIGINT,
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
    count    BIGINT  NOT NULL,
    PRIMARY KEY (run_id, source, dataset, position),
    FOREIGN KEY (run_id, source, dataset) REFERENCES run (run_id, source, dataset) ON DELETE CASCADE
);
CREATE TABLE lineage_edge (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_name   TEXT    NOT NULL,
    to_name     TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    sql_text    TEXT,
    recorded_at BIGINT  NOT NULL,
    UNIQUE (from_name, to_name, run_id)
);
CREATE INDEX lineage_by_to ON lineage_edge (to_name, from_name);
