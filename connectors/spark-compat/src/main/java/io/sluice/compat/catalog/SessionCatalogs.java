package io.sluice.compat.catalog;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.TableCatalog;

/**
 * The catalogs a Spark session has configured, as their public {@link TableCatalog} interface. Spark hands a
 * catalog plugin its options but not the session's other catalogs; a catalog that delegates to another one (the
 * Sluice lake catalog loading Delta tables through {@code spark_catalog}) finds it in the session's internal
 * catalog manager.
 */
public final class SessionCatalogs {
    /** Spark's name of the session catalog, the one {@code spark.sql.catalog.spark_catalog} replaces. */
    public static final String SESSION_CATALOG = "spark_catalog";

    private SessionCatalogs() {
    }

    /**
     * The session catalog of {@code spark} (with Delta Lake configured: Delta's {@code DeltaCatalog}, which loads
     * {@code delta.`<path>`} identifiers as Delta tables).
     *
     * @throws IllegalStateException if the configured session catalog is not a table catalog
     */
    public static TableCatalog sessionCatalog(SparkSession spark) {
        CatalogPlugin plugin = spark.sessionState().catalogManager().catalog(SESSION_CATALOG);
        if (plugin instanceof TableCatalog tables) {
            return tables;
        }
        throw new IllegalStateException("the session catalog " + SESSION_CATALOG + " is a "
                + plugin.getClass().getName() + ", not a table catalog");
    }
}
