package io.sluice.catalog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.catalog.Asset;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Catalogs;
import io.sluice.catalog.Column;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class LakeCatalogTest {

    @Test
    void anySparkSessionQueriesLakeAssetsByCatalogName(SparkSession spark, @TempDir Path dir) {
        String location = dir.resolve("lake/valid/shop/orders").toString();
        spark.sql("SELECT id AS order_id, id * 2 AS qty FROM range(5)").write().format("delta").save(location);
        String url = Catalogs.embeddedUrl(dir.resolve("lake"));
        try (Catalog catalog = Catalogs.open(url)) {
            catalog.register(Asset.builder(AssetName.parse("valid.shop.orders"), location, "delta")
                    .column(Column.of("order_id", "long", false)).column(Column.of("qty", "long", false)).build());
        }
        spark.conf().set("spark.sql.catalog.lake_test", LakeCatalog.class.getName());
        spark.conf().set("spark.sql.catalog.lake_test.url", url);

        assertThat(spark.sql("SELECT sum(qty) FROM lake_test.valid.shop.orders").first().getLong(0)).isEqualTo(20);
        assertThatThrownBy(() -> spark.sql("SELECT * FROM lake_test.valid.shop.missing").collect())
                .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND").hasMessageContaining("`lake_test`.`valid`.`shop`.`missing`");
        assertThatThrownBy(() -> spark.sql("DROP TABLE lake_test.valid.shop.orders").collect())
                .hasMessageContaining("read-only");
    }

    @Test
    void showNamespacesAndTablesListTheLakeAndARefinedTableIsKnownByRefinedAndItsName(SparkSession spark,
                                                                                       @TempDir Path dir) {
        String url = Catalogs.embeddedUrl(dir.resolve("lake"));
        try (Catalog catalog = Catalogs.open(url)) {
            for (String name : new String[] {"valid.shop.orders", "error.shop.orders", "valid.crm.accounts",
                    "refined.default.totals"}) {
                String location = dir.resolve("lake/" + name.replace('.', '/')).toString();
                spark.sql("SELECT 1L AS n").write().format("delta").save(location);
                catalog.register(Asset.builder(AssetName.parse(name), location, "delta").build());
            }
            catalog.register(Asset.builder(AssetName.parse("raw.shop.orders"), "/lake/raw/shop/orders", "csv").build());
        }
        spark.conf().set("spark.sql.catalog.lake_ns", LakeCatalog.class.getName());
        spark.conf().set("spark.sql.catalog.lake_ns.url", url);

        assertThat(strings(spark, "SHOW NAMESPACES IN lake_ns", 0)).containsExactly("error", "refined", "valid");
        assertThat(strings(spark, "SHOW NAMESPACES IN lake_ns.valid", 0)).containsExactly("valid.crm", "valid.shop");
        assertThat(strings(spark, "SHOW TABLES IN lake_ns.valid.shop", 1)).containsExactly("orders");
        assertThat(strings(spark, "SHOW TABLES IN lake_ns.refined", 1)).containsExactly("totals");
        assertThat(spark.sql("SELECT n FROM lake_ns.refined.totals").first().getLong(0)).isEqualTo(1);
        assertThat(spark.sql("SELECT n FROM lake_ns.refined.default.totals").first().getLong(0)).isEqualTo(1);
        assertThatThrownBy(() -> spark.sql("SHOW TABLES IN lake_ns.raw.shop").collect())
                .as("raw is files, not tables").hasMessageContaining("SCHEMA_NOT_FOUND");
    }

    private static java.util.List<String> strings(SparkSession spark, String sql, int column) {
        return spark.sql(sql).collectAsList().stream().map(r -> r.getString(column)).toList();
    }

    @Test
    void aCatalogWithoutItsUrlIsRefusedWithTheSettingToGive() {
        assertThatThrownBy(() -> new LakeCatalog().initialize("lake",
                new org.apache.spark.sql.util.CaseInsensitiveStringMap(java.util.Map.of())))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("CATALOG_NOT_CONFIGURED");
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER);
                })
                .hasMessage("spark.sql.catalog.lake.url is not set: give the JDBC URL of the Sluice catalog, e.g."
                        + " jdbc:sqlite:/data/lake/_catalog/catalog.db");
    }
}
