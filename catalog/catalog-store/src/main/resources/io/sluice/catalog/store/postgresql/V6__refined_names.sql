-- Catalog schema version 6: a refined table is named refined.<name> (it was refined.default.<name>). Each row that
-- holds the old name moves to the new one: the asset is copied under its new name, its rows move to it, then the
-- old asset goes. Never edit: add V7__….sql instead.
INSERT INTO asset (qualified_name, zone, source, dataset, location, format, owner, description, descriptor_file,
    descriptor_hash, created_at, updated_at, freshness_ms, search)
    SELECT 'refined.' || dataset, zone, source, dataset, location, format, owner, description, descriptor_file,
        descriptor_hash, created_at, updated_at, freshness_ms, search
    FROM asset WHERE qualified_name LIKE 'refined.default.%';
UPDATE asset_column SET qualified_name = 'refined.' || substr(qualified_name, 17)
    WHERE qualified_name LIKE 'refined.default.%';
UPDATE asset_tag SET qualified_name = 'refined.' || substr(qualified_name, 17)
    WHERE qualified_name LIKE 'refined.default.%';
INSERT INTO asset_sample (qualified_name, recorded_at)
    SELECT 'refined.' || substr(qualified_name, 17), recorded_at FROM asset_sample
    WHERE qualified_name LIKE 'refined.default.%';
UPDATE asset_sample_column SET qualified_name = 'refined.' || substr(qualified_name, 17)
    WHERE qualified_name LIKE 'refined.default.%';
UPDATE asset_sample_value SET qualified_name = 'refined.' || substr(qualified_name, 17)
    WHERE qualified_name LIKE 'refined.default.%';
DELETE FROM asset_sample WHERE qualified_name LIKE 'refined.default.%';
UPDATE lineage_edge SET from_name = 'refined.' || substr(from_name, 17) WHERE from_name LIKE 'refined.default.%';
UPDATE lineage_edge SET to_name = 'refined.' || substr(to_name, 17) WHERE to_name LIKE 'refined.default.%';
UPDATE column_edge SET from_name = 'refined.' || substr(from_name, 17) WHERE from_name LIKE 'refined.default.%';
UPDATE column_edge SET to_name = 'refined.' || substr(to_name, 17) WHERE to_name LIKE 'refined.default.%';
UPDATE outbox_dataset SET qualified_name = 'refined.' || substr(qualified_name, 17)
    WHERE qualified_name LIKE 'refined.default.%';
DELETE FROM asset WHERE qualified_name LIKE 'refined.default.%';
