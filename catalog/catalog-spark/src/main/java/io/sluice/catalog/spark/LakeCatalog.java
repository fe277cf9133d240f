package io.sluice.catalog.spark;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.Zone;
import io.sluice.compat.catalog.SessionCatalogs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A read-only Spark catalog over a Sluice lake: {@code <catalog>.<zone>.<source>.<dataset>} resolves, through the
 * Sluice catalog, to the asset's Delta table. Configure any Spark session with
 *
 * <pre>
 * spark.sql.catalog.lake      = io.sluice.catalog.spark.LakeCatalog
 * spark.sql.catalog.lake.url  = jdbc:sqlite:/data/lake/_catalog/catalog.db   (or jdbc:postgresql://…)
 * </pre>
 *
 * and query {@code SELECT * FROM lake.valid.dealer_dw.sales}. The Delta table itself is loaded by the session's
 * Delta catalog ({@code spark_catalog} must be Delta's {@code DeltaCatalog}), from the path the catalog records.
 * Tables are never created, altered or dropped through this catalog: the lake is written by {@code sluice run}.
 *
 * <p>Namespaces are the zones and, below them, the sources ({@code SHOW NAMESPACES IN lake.valid}); {@code SHOW
 * TABLES IN lake.valid.dealer_dw} lists the datasets with a Delta table. A refined table is also known by
 * {@code <catalog>.refined.<name>} (its catalog name {@code refined.default.<name>} keeps working).
 */
public final class LakeCatalog implements TableCatalog, SupportsNamespaces {
    public static final String URL_OPTION = "url";
    /** The namespace refined datasets are registered under in the catalog ({@code refined.default.<name>}). */
    static final String REFINED_NAMESPACE = "default";

    private String name;
    private Catalog catalog;

    @Override
    public void initialize(String catalogName, CaseInsensitiveStringMap options) {
        this.name = catalogName;
        String url = options.get(URL_OPTION);
        if (url == null || url.isBlank()) {
            throw CatalogErrors.notConfigured("spark.sql.catalog." + catalogName + "." + URL_OPTION);
        }
        this.catalog = Catalogs.open(url, LakeCatalog.class.getClassLoader());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        AssetName asset = assetName(ident).orElseThrow(() -> new NoSuchTableException(ident));
        RegisteredAsset found = catalog.find(asset).orElseThrow(() -> new NoSuchTableException(ident));
        if (!"delta".equals(found.asset().format())) {
            throw new NoSuchTableException(ident);
        }
        TableCatalog delta = SessionCatalogs.sessionCatalog(SparkSession.active());
        return delta.loadTable(Identifier.of(new String[] {"delta"}, found.asset().location()));
    }

    @Override
    public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        return deltaAssets().stream()
                .filter(n -> n.zone().id().equals(namespace[0]) && (namespace.length == 1 && n.zone() == Zone.REFINED
                        || namespace.length == 2 && n.source().equals(namespace[1])))
                .map(n -> Identifier.of(namespace, n.dataset())).toArray(Identifier[]::new);
    }

    @Override
    public String[][] listNamespaces() {
        return deltaAssets().stream().map(n -> n.zone().id()).distinct().sorted()
                .map(zone -> new String[] {zone}).toArray(String[][]::new);
    }

    @Override
    public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
        if (namespace.length == 0) {
            return listNamespaces();
        }
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        if (namespace.length > 1) {
            return new String[0][];
        }
        return deltaAssets().stream().filter(n -> n.zone().id().equals(namespace[0])).map(AssetName::source)
                .distinct().sorted().map(source -> new String[] {namespace[0], source}).toArray(String[][]::new);
    }

    @Override
    public boolean namespaceExists(String[] namespace) {
        return deltaAssets().stream().anyMatch(n -> namespace.length >= 1 && namespace.length <= 2
                && n.zone().id().equals(namespace[0]) && (namespace.length == 1 || n.source().equals(namespace[1])));
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
        if (!namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
        return Map.of();
    }

    @Override
    public void createNamespace(String[] namespace, Map<String, String> metadata) {
        throw readOnly();
    }

    @Override
    public void alterNamespace(String[] namespace, NamespaceChange... changes) {
        throw readOnly();
    }

    @Override
    public boolean dropNamespace(String[] namespace, boolean cascade) {
        throw readOnly();
    }

    /** The registered assets with a Delta table: what this catalog can load. */
    private List<AssetName> deltaAssets() {
        return catalog.names().stream().filter(n -> n.zone() != Zone.SOURCE && n.zone() != Zone.RAW).toList();
    }

    @Override
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
        throw readOnly();
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) {
        throw readOnly();
    }

    @Override
    public boolean dropTable(Identifier ident) {
        throw readOnly();
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) {
        throw readOnly();
    }

    /** {@code [zone, source]} + {@code dataset}; anything else names no asset. */
    static Optional<AssetName> assetName(Identifier ident) {
        String[] ns = ident.namespace();
        if (ns.length == 1 && Zone.REFINED.id().equals(ns[0])) {
            try {
                return Optional.of(AssetName.of(Zone.REFINED, REFINED_NAMESPACE, ident.name()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        if (ns.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(AssetName.of(Zone.parse(ns[0]), ns[1], ident.name()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("catalog '" + name + "' is read-only: the lake is written by 'sluice run'");
    }
}
