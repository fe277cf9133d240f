/**
 * The {@code jdbc} source connector: parallel, incremental extracts of a table or query into raw Avro files.
 * {@link io.sluice.connector.jdbc.JdbcConnector} and {@link io.sluice.connector.jdbc.SqlDialect} are reused by the
 * Teradata connector. See {@code docs/jdbc.md} for the settings, the type mapping and the incremental semantics.
 */
package io.sluice.connector.jdbc;
