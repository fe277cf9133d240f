package io.sluice.catalog;


/** A run was finished that was never started. Code {@code CATALOG_NO_SUCH_RUN}, category INTERNAL (a caller bug). */
public class NoSuchRunException extends CatalogException {
    private static final long serialVersionUID = 1L;

    public NoSuchRunException(String message) {
        super(CatalogErrorCode.CATALOG_NO_SUCH_RUN, message);
    }
}
