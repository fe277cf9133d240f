-- Catalog schema version 2 (SQLite): sample rows of assets, and the outbox of run events for exporters.
-- Never edit: add V3__….sql instead.
-- Sample values of PII columns are masked by the store before they are written here.
CREATE TABLE asset_sample (
    qualified_name TEXT    NOT NULL PRIMARY KEY REFERENCES asset (qualified_name) ON DELETE CASCADE,
    recorded_at    INTEGER  NOT NULL
);
CREATE TABLE asset_sample_column (
    qualified_name TEXT    NOT NULL REFERENCES asset_sample (qualified_name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    PRIMARY KEY (qualified_name, position)
);
CREATE TABLE asset_sample_value (
    qualified_name TEXT    NOT NULL REFERENCES asset_sample (qualified_name) ON DELETE CASCADE,
    row_no         INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    value          TEXT,
    PRIMARY KEY (qualified_name, row_no, position)
);
-- One row per run event, written in the transaction that starts or finishes the run.
CREATE TABLE outbox_event (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type     TEXT    NOT NULL,
    run_id         TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    dataset        TEXT    NOT NULL,
    event_time     INTEGER  NOT NULL,
    enqueued_at    INTEGER  NOT NULL,
    UNIQUE (run_id, source, dataset, event_type),
    FOREIGN KEY (run_id, source, dataset) REFERENCES run (run_id, source, dataset) ON DELETE CASCADE
);
-- The event's input and output assets as they were when it was enqueued.
CREATE TABLE outbox_dataset (
    event_id       INTEGER  NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    direction      TEXT    NOT NULL,
    qualified_name TEXT    NOT NULL,
    location       TEXT,
    format         TEXT,
    PRIMARY KEY (event_id, position)
);
CREATE TABLE outbox_column (
    event_id       INTEGER  NOT NULL,
    dataset_pos    INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    nullable       INTEGER NOT NULL,
    description    TEXT,
    pii            INTEGER NOT NULL,
    PRIMARY KEY (event_id, dataset_pos, position),
    FOREIGN KEY (event_id, dataset_pos) REFERENCES outbox_dataset (event_id, position) ON DELETE CASCADE
);
-- Delivery state per event and sink: leased while an exporter sends it, sent once, retried after failures.
CREATE TABLE outbox_delivery (
    event_id        INTEGER  NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    sink            TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    sent_at         INTEGER,
    leased_until    INTEGER,
    next_attempt_at INTEGER,
    last_error      TEXT,
    PRIMARY KEY (event_id, sink)
);
CREATE INDEX outbox_delivery_by_sink ON outbox_delivery (sink, sent_at);
