/** Catalog stores: embedded SQLite and shared PostgreSQL behind one JDBC implementation. */
package io.sluice.catalog.store;
