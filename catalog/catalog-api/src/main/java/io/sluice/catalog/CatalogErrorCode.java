package io.sluice.catalog;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;

/**
 * The error codes of the catalog (API, stores, server, exporters); each is documented in docs/operations.md
 * ("Error codes"). Build the exceptions through {@link CatalogErrors}.
 */
public enum CatalogErrorCode implements ErrorCode {
    /** An asset name or zone is malformed or unknown. */
    CATALOG_BAD_NAME(ErrorCategory.USER),
    /** An argument out of range: a search limit, an export sink id. */
    CATALOG_BAD_ARGUMENT(ErrorCategory.USER),
    /** A URL or option to be registered contains credentials; the catalog never stores secrets. */
    CATALOG_SECRET_REFUSED(ErrorCategory.USER),
    /** No catalog store on the class path handles the JDBC URL. */
    CATALOG_UNSUPPORTED_URL(ErrorCategory.USER),
    /** The catalog was configured without its JDBC URL (for example the Spark catalog plug-in). */
    CATALOG_NOT_CONFIGURED(ErrorCategory.USER),
    /** The catalog database has a newer schema than this Sluice knows. */
    CATALOG_SCHEMA_TOO_NEW(ErrorCategory.USER),
    /** The named asset (or dataset, or sample) is not in the catalog. */
    CATALOG_NO_SUCH_ASSET(ErrorCategory.USER),
    /** The catalog's web server cannot listen on the address (port in use, no permission). */
    CATALOG_SERVE_FAILED(ErrorCategory.USER),
    /** The catalog database is unreachable or refused an operation. */
    CATALOG_STORE_FAILED(ErrorCategory.SOURCE),
    /** An asset to register repeats a column or a tag (a bug of the caller). */
    CATALOG_BAD_ASSET(ErrorCategory.INTERNAL),
    /** A lineage edge joins an asset to itself (a bug of the caller). */
    CATALOG_BAD_LINEAGE(ErrorCategory.INTERNAL),
    /** A sample to record is malformed (a bug of the caller). */
    CATALOG_BAD_SAMPLE(ErrorCategory.INTERNAL),
    /** Several catalog stores claim the same JDBC scheme (a packaging problem). */
    CATALOG_DUPLICATE_STORE(ErrorCategory.INTERNAL),
    /** A migration applied to the database differs from the one shipped (an edited migration). */
    CATALOG_MIGRATION_CHANGED(ErrorCategory.INTERNAL),
    /** A run was finished that was never started (a bug of the caller). */
    CATALOG_NO_SUCH_RUN(ErrorCategory.INTERNAL),
    /** A run was started or finished twice (a bug of the caller: each attempt needs its own run id). */
    CATALOG_RUN_CONFLICT(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    CatalogErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
