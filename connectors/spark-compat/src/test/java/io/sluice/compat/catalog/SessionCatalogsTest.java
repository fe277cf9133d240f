package io.sluice.compat.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what the Sluice lake catalog relies on: a session configured with Delta Lake hands out its session catalog
 * as a table catalog that loads a Delta table by its path.
 */
@ExtendWith(SparkExtension.class)
class SessionCatalogsTest {

    @Test
    void theSessionCatalogLoadsADeltaTableByItsPath(SparkSession spark, @TempDir Path dir) throws Exception {
        String location = dir.resolve("orders").toString();
        spark.sql("SELECT id AS order_id, id * 2 AS qty FROM range(3)").write().format("delta").save(location);

        TableCatalog catalog = SessionCatalogs.sessionCatalog(spark);
        Table table = catalog.loadTable(Identifier.of(new String[] {"delta"}, location));

        assertThat(catalog.name()).isEqualTo(SessionCatalogs.SESSION_CATALOG);
        assertThat(table.schema().fieldNames()).containsExactly("order_id", "qty");
        assertThat(table.properties()).containsKey("delta.minReaderVersion");
    }
}
