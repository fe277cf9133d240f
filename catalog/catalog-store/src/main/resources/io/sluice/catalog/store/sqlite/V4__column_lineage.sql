-- Catalog schema version 4: column lineage, the columns each column of an asset is computed from (replaced as a
-- whole for an asset each time it is recorded). Never edit: add V5__….sql instead.
CREATE TABLE column_edge (
    to_name     TEXT NOT NULL,
    to_column   TEXT NOT NULL,
    from_name   TEXT NOT NULL,
    from_column TEXT NOT NULL,
    PRIMARY KEY (to_name, to_column, from_name, from_column)
);
CREATE INDEX column_edge_by_from ON column_edge (from_name);
