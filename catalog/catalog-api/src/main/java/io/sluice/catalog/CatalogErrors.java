package io.sluice.catalog;

import java.util.List;

/**
 * Builds every catalog exception, so that messages stay consistent: where, what, why and the fix. Stores use it
 * too; messages are API and tests assert them.
 */
public final class CatalogErrors {
    private CatalogErrors() {
    }

    public static CatalogException unknownZone(String id, String known) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_NAME,
                "unknown zone '" + id + "' (expected one of: " + known + ")");
    }

    public static CatalogException badAssetName(String name, String why) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_NAME,
                "bad asset name '" + name + "': " + why + " (expected <zone>.<source>.<dataset>, e.g. valid.dealer_dw.sales)");
    }

    public static CatalogException duplicateColumn(AssetName name, String column) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ASSET,
                name + ": column '" + column + "' appears twice in the schema; column names must be unique");
    }

    public static CatalogException duplicateTag(AssetName name, List<String> tags) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ASSET,
                name + ": tags " + tags + " repeat a tag; tags must be unique");
    }

    public static CatalogException selfLineage(AssetName name) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_LINEAGE,
                "lineage edge from " + name + " to itself; an edge joins two different assets");
    }

    public static CatalogException secretRefused(String what, String redacted, String kind) {
        return new CatalogException(CatalogErrorCode.CATALOG_SECRET_REFUSED,
                what + ": '" + redacted + "' contains credentials (" + kind + "); the catalog never stores secrets: "
                        + "register it without credentials and pass them through ${env:…} or ${secret:…} instead");
    }

    public static NoSuchAssetException noSuchAsset(AssetName name) {
        return new NoSuchAssetException("no asset " + name + " in the catalog; search for it with 'sluice catalog search "
                + name.dataset() + "'");
    }

    public static NoSuchAssetException noSuchDataset(String source, String dataset) {
        return new NoSuchAssetException("no dataset " + source + "." + dataset
                + " in the catalog: it has neither assets nor runs; search for it with 'sluice catalog search " + dataset + "'");
    }

    public static NoSuchRunException noSuchRun(RunKey key) {
        return new NoSuchRunException("cannot finish " + key + ": it was never started; call startRun first");
    }

    public static RunConflictException runAlreadyStarted(RunKey key, RunStatus status) {
        return new RunConflictException("cannot start " + key + ": it was already started (status " + status
                + "); runs are history and never overwritten, give each attempt its own run id");
    }

    public static RunConflictException runAlreadyFinished(RunKey key, RunStatus status) {
        return new RunConflictException("cannot finish " + key + ": it already finished as " + status
                + "; runs are history and never overwritten");
    }

    public static CatalogException unsupportedUrl(String redactedUrl, List<String> known) {
        return new CatalogException(CatalogErrorCode.CATALOG_UNSUPPORTED_URL,
                "no catalog store for '" + redactedUrl + "' (known: " + String.join(", ", known.stream()
                        .map(scheme -> "jdbc:" + scheme + ":…").toList())
                        + "); is sluice-catalog-store on the class path?");
    }

    public static CatalogException duplicateFactory(String scheme, List<String> classes) {
        return new CatalogException(CatalogErrorCode.CATALOG_DUPLICATE_STORE,
                "several catalog stores claim 'jdbc:" + scheme + ":': " + classes + "; keep one of them on the class path");
    }

    public static CatalogException badLimit(int limit) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ARGUMENT,
                "limit must be between 1 and 10000, not " + limit);
    }

    public static CatalogException storeFailed(String operation, String redactedUrl, Exception cause) {
        return new CatalogException(CatalogErrorCode.CATALOG_STORE_FAILED,
                "catalog " + redactedUrl + ": " + operation + " failed: " + Secrets.redact(String.valueOf(cause.getMessage()))
                        + "; check that the database is reachable and writable", cause);
    }

    public static CatalogException schemaTooNew(String redactedUrl, int found, int supported) {
        return new CatalogException(CatalogErrorCode.CATALOG_SCHEMA_TOO_NEW,
                "catalog " + redactedUrl + " has schema version " + found + " but this Sluice knows versions up to "
                        + supported + "; upgrade Sluice to use this catalog");
    }

    public static CatalogException migrationChanged(String redactedUrl, int version, String script) {
        return new CatalogException(CatalogErrorCode.CATALOG_MIGRATION_CHANGED,
                "catalog " + redactedUrl + ": migration " + version + " (" + script + ") differs from the one applied "
                        + "to this database; applied migrations must never be edited, add a new version instead");
    }

    public static CatalogException badSample(AssetName name, String why) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_SAMPLE,
                "cannot record a sample of " + name + ": " + why + "; a sample is at most " + Sample.MAX_ROWS
                        + " rows with one value per named column");
    }

    public static NoSuchAssetException noSample(AssetName name) {
        return new NoSuchAssetException("no sample of " + name + " in the catalog; 'sluice run' records one for each"
                + " valid dataset it writes");
    }

    public static CatalogException badSink(String sink) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ARGUMENT,
                "export sink id '" + sink + "' must be 1 to 64 letters, digits, '_', '-', '.' or ':'");
    }

    public static CatalogException blankNamespace() {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ARGUMENT,
                "the OpenLineage namespace must not be blank; give --namespace a name, e.g. sluice");
    }

    public static CatalogException exportSecretNotReference(String option) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ARGUMENT, option
                + " must be a reference such as ${env:NAME} or ${secret:name}, never the secret itself (a value on the"
                + " command line stays in the shell history and the process list)");
    }

    public static CatalogException badExportOption(String option, String why) {
        return new CatalogException(CatalogErrorCode.CATALOG_BAD_ARGUMENT, option + ": " + why);
    }

    public static CatalogException notConfigured(String option) {
        return new CatalogException(CatalogErrorCode.CATALOG_NOT_CONFIGURED, option
                + " is not set: give the JDBC URL of the Sluice catalog, e.g. jdbc:sqlite:/data/lake/_catalog/catalog.db");
    }

    public static CatalogException serveFailed(String address, Exception cause) {
        return new CatalogException(CatalogErrorCode.CATALOG_SERVE_FAILED, "cannot serve the catalog on " + address
                + ": " + cause.getMessage() + "; choose a free port (--port) or stop the process that holds it", cause);
    }
}
