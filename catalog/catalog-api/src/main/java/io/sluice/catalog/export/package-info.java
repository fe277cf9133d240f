/**
 * Exporting the catalog's run events to enterprise catalogs: the {@link io.sluice.catalog.export.ExportSink} SPI
 * (OpenLineage today; room for Purview/Atlas and Unity Catalog) and the {@link io.sluice.catalog.export.Exporter}
 * that drains the catalog's outbox into a sink.
 */
package io.sluice.catalog.export;
