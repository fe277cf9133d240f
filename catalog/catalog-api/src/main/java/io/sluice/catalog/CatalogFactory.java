package io.sluice.catalog;

/**
 * Opens catalogs of one kind of store, found by {@link java.util.ServiceLoader}. A store registers one factory per
 * JDBC sub-protocol it serves ({@code sqlite}, {@code postgresql}) in
 * {@code META-INF/services/io.sluice.catalog.CatalogFactory}.
 */
public interface CatalogFactory {

    /** The JDBC sub-protocol served: {@code sqlite} for {@code jdbc:sqlite:…}. */
    String scheme();

    /**
     * Opens (creating or migrating the schema on first use) the catalog at {@code jdbcUrl}.
     *
     * @param jdbcUrl a URL whose sub-protocol is {@link #scheme()}; it may carry connection credentials, which are
     *                used to connect and never stored or logged
     * @throws CatalogException if the store cannot be reached or its schema is newer than this code
     */
    Catalog open(String jdbcUrl);
}
