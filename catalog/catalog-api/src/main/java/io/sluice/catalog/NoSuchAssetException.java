package io.sluice.catalog;


/** The named asset (or dataset) is not in the catalog. Code {@code CATALOG_NO_SUCH_ASSET}, category USER. */
public class NoSuchAssetException extends CatalogException {
    private static final long serialVersionUID = 1L;

    public NoSuchAssetException(String message) {
        super(CatalogErrorCode.CATALOG_NO_SUCH_ASSET, message);
    }
}
