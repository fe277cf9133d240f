package io.sluice.cli;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import java.nio.file.Path;

/** Opens the project's catalog: {@code catalog.url} from sluice.yaml, else the embedded SQLite file in the lake. */
final class CatalogAccess {
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
            throw new SluiceException(ErrorCategory.DESCRIPTOR, "CATALOG_URL_REQUIRED", "sluice.yaml: the lake "
                    + config.lake() + " is remote, so the catalog cannot be an embedded file in it: set catalog.url"
                    + " (e.g. jdbc:postgresql://host/sluice or jdbc:sqlite:/var/lib/sluice/catalog.db)");
        }
        Path lake = config.lakeIsUri() ? Path.of(java.net.URI.create(config.lake())) : Path.of(config.lake());
        return Catalogs.embeddedUrl(lake);
    }

    static SluiceException notFound(AssetName name) {
        return new SluiceException(ErrorCategory.USER, "ASSET_UNKNOWN", "no asset named " + name.qualified()
                + " in the catalog (try: sluice catalog search " + name.dataset() + ")");
    }
}
