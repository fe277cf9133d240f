/**
 * The Microsoft Purview (Apache Atlas v2) exporter: {@link io.sluice.catalog.purview.PurviewEntities} maps the
 * catalog's run events to Atlas entities and lineage processes, {@link io.sluice.catalog.purview.PurviewSink}
 * sends them as entity bulk requests with a service principal's token
 * ({@link io.sluice.catalog.purview.PurviewCredentials}).
 */
package io.sluice.catalog.purview;
