package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.connector.jdbc.PostgresExtension;
import io.sluice.connector.jdbc.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice init --tables} on a PostgreSQL database: one draft per table from information_schema, which
 * validates, and whose run publishes every row with 0 errors.
 */
@ExtendWith(PostgresExtension.class)
class InitTablesIT {

    @Test
    void draftsOfTheTablesValidateAndPublishEveryRow(PostgresServer pg, @TempDir Path dir) throws IOException {
        // the role's password is the failsafe environment's SLUICE_SECRET_INIT_PG (framework/cli/pom.xml)
        pg.execute("DROP SCHEMA IF EXISTS sales CASCADE; DROP ROLE IF EXISTS sluice_init;"
                + " CREATE ROLE sluice_init LOGIN SUPERUSER PASSWORD 'init-test-only'; CREATE SCHEMA sales;"
                + " CREATE TABLE sales.vehicle_sales (sale_id bigint PRIMARY KEY, vin varchar(17) NOT NULL,"
                + " price numeric(12,2), sold_on date, paid boolean, rating real, note text,"
                + " updated_at timestamp NOT NULL);"
                + " INSERT INTO sales.vehicle_sales SELECT g, 'VIN' || g, g * 10.5, date '2026-01-01' + g,"
                + " g % 2 = 0, g / 4.0, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END,"
                + " timestamp '2026-01-01 00:00:00' + g * interval '1 hour' FROM generate_series(1, 40) g;"
                + " CREATE TABLE sales.stores (store_id integer PRIMARY KEY, name text NOT NULL, region char(5));"
                + " INSERT INTO sales.stores VALUES (1, 'North', 'n'), (2, 'South', NULL), (3, 'East', 'e');"
                + " CREATE TABLE sales.codes (code text, label text, span interval);"
                + " INSERT INTO sales.codes VALUES ('A', 'alpha', interval '1 day'), ('B', NULL, NULL);"
                + " CREATE TABLE public.elsewhere (id integer PRIMARY KEY)");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("sluice.yaml"), "spark:\n  master: \"local[2]\"\n", StandardCharsets.UTF_8);
        Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(project.resolve("descriptors/shop.yaml"), "kind: source\nname: shop\nconnector: jdbc\n"
                + "connection: { url: \"" + pg.url() + "\", user: sluice_init, password: \"${secret:init_pg}\" }\n"
                + "parallelism: 1\n", StandardCharsets.UTF_8);

        InitCommandTest.Result init = InitCommandTest.sluice("init", "--project", project.toString(), "--source",
                "shop", "--tables", "SALES.*");

        assertThat(init.exitCode()).as(init.out() + init.err()).isZero();
        assertThat(init.out()).contains("wrote descriptors/shop/vehicle_sales.yaml", "wrote descriptors/shop/stores.yaml",
                "wrote descriptors/shop/codes.yaml").doesNotContain("elsewhere");
        String sales = Files.readString(project.resolve("descriptors/shop/vehicle_sales.yaml"));
        assertThat(sales).contains("extract: { table: sales.vehicle_sales, split: { column: sale_id, partitions: 8 },"
                        + " incremental: { column: updated_at, type: timestamp } }",
                "- { name: sale_id, type: long, key: true }", "- { name: vin, type: string, nullable: false }",
                "- { name: price, type: \"decimal(12,2)\" }", "- { name: sold_on, type: date }",
                "- { name: paid, type: boolean }", "- { name: rating, type: double }",
                "- { name: updated_at, type: timestamp, nullable: false }", "valid: { mode: merge }");
        assertThat(Files.readString(project.resolve("descriptors/shop/stores.yaml")))
                .contains("incremental: { column: store_id, type: number }");
        assertThat(Files.readString(project.resolve("descriptors/shop/codes.yaml")))
                .contains("extract: { table: sales.codes }", "snapshot: no timestamp or whole-number key",
                        "- { name: span, type: string }");

        InitCommandTest.Result validate = InitCommandTest.sluice("validate", "--project", project.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        InitCommandTest.Result run = InitCommandTest.sluice("run", "--project", project.toString(), "--source",
                "shop", "--run-date", "2026-12-01", "--report", "-");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Map<String, Long> published = new HashMap<>();
        for (JsonNode d : new ObjectMapper().readTree(run.out()).get("datasets")) {
            assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("PUBLISHED");
            assertThat(d.get("error").asLong()).as(d.toString()).isZero();
            assertThat(d.get("valid").asLong()).as(d.toString()).isEqualTo(d.get("raw").asLong());
            published.put(d.get("dataset").asText(), d.get("valid").asLong());
        }
        assertThat(published).containsExactlyInAnyOrderEntriesOf(Map.of("shop.vehicle_sales", 40L,
                "shop.stores", 3L, "shop.codes", 2L));

        InitCommandTest.Result again = InitCommandTest.sluice("init", "--project", project.toString(), "--source",
                "shop", "--tables", "sales.stores");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("dataset shop.stores is already declared: nothing written");
    }
}
