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
