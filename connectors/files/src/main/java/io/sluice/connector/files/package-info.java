/** The {@code files} connector: CSV/TSV, JSON lines, Parquet and Avro files from a landing folder. */
package io.sluice.connector.files;
