package io.sluice.cli;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.nio.file.Path;

/**
 * Opens the project's catalog: {@code catalog.url} from sluice.yaml; else the embedded SQLite file in a local lake
 * ({@code <lake>/_catalog/catalog.db}); else, for a remote lake ({@code abfss://…}), where SQLite cannot live, the
 * embedded file in the project folder ({@code <project>/.sluice/catalog.db}).
 */
final class CatalogAccess {
    /** Where the embedded catalog of a remote lake lives, relative to the project folder. */
    static final String REMOTE_LAKE_CATALOG = ".sluice/catalog.db";

    private CatalogAccess() {
    }

    static Catalog open(ProjectConfig config) {
        return Catalogs.open(url(config));
    }

    static String url(ProjectConfig config) {
        if (config.catalogUrl().isPresent()) {
            return config.catalogUrl().get();
        }
        if (config.lakeIsUri() && !config.lake().startsWith("file:")) {
            // SQLite needs a local file with working locks; an object store has neither. The file is this
            // machine's: runs elsewhere against the same lake need a shared catalog.url (docs/adls.md).
            return "jdbc:sqlite:" + config.projectDir().resolve(REMOTE_LAKE_CATALOG);
        }
        Path lake = config.lakeIsUri() ? Path.of(java.net.URI.create(config.lake())) : Path.of(config.lake());
        return Catalogs.embeddedUrl(lake);
    }

    static SluiceException notFound(AssetName name) {
        return new SluiceException(StandardErrorCode.ASSET_UNKNOWN, "no asset named " + name.qualified()
                + " in the catalog (try: sluice catalog search " + name.dataset() + ")");
    }
}
