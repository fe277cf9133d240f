-- Catalog schema version 5: the column profiles of each run's valid rows, one row per run and column, the profile
-- as JSON (values of PII columns are never stored). Never edit: add V6__….sql instead.
CREATE TABLE column_profile (
    run_id      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    dataset     TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    column_name TEXT    NOT NULL,
    profile     TEXT    NOT NULL,
    PRIMARY KEY (run_id, source, dataset, position),
    FOREIGN KEY (run_id, source, dataset) REFERENCES run (run_id, source, dataset) ON DELETE CASCADE
);
