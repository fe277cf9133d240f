/**
 * The {@code teradata} source connector: the JDBC connector with Teradata's session options as typed fields,
 * {@code HASHBUCKET(HASHROW(col))} splits and {@code LOCKING ROW FOR ACCESS} reads. See {@code docs/jdbc.md}.
 */
package io.sluice.connector.teradata;
