/**
 * The OpenLineage exporter: {@link io.sluice.catalog.openlineage.OpenLineageEvents} maps the catalog's outbox
 * events to OpenLineage run events; {@link io.sluice.catalog.openlineage.OpenLineageFileSink} and
 * {@link io.sluice.catalog.openlineage.OpenLineageHttpSink} are the
 * {@link io.sluice.catalog.export.ExportSink}s an {@link io.sluice.catalog.export.Exporter} drains into.
 */
package io.sluice.catalog.openlineage;
