package io.sluice.catalog;


/**
 * A run was started twice, or finished twice: runs are history and are never overwritten. Code
 * {@code CATALOG_RUN_CONFLICT}, category INTERNAL (a caller bug: each attempt needs its own run id).
 */
public class RunConflictException extends CatalogException {
    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(CatalogErrorCode.CATALOG_RUN_CONFLICT, message);
    }
}
