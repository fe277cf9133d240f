package io.sluice.catalog;

import io.sluice.metadata.SluiceException;

/**
 * A catalog operation failed. Subclasses exist where callers react differently; the code says which failure it
 * is (codes start with {@code CATALOG_}). Build instances through {@link CatalogErrors}.
 */
public class CatalogException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public CatalogException(CatalogErrorCode code, String message) {
        super(code, message);
    }

    public CatalogException(CatalogErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
