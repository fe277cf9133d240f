package io.sluice.it;

import io.sluice.testing.ProjectCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the bundled example project (examples/retail), and the later deliveries the tests add to it. */
final class ExampleLake {
    static final String SOURCE = "dealer_files";
    static final String[] DATASETS = {"stores", "inventory", "web_events"};
    static final String REFINED = "stock_by_region";

    /**
     * The example's settings, tuned for two cores and a few dozen rows: every run of a test pays Spark's
     * per-job overhead many times, never its throughput.
     */
    private static final String SLUICE_YAML = """
            lake: lake
            descriptors: descriptors
            spark:
              master: "local[2]"
              conf: { spark.sql.shuffle.partitions: "1", spark.databricks.delta.snapshotPartitions: "1" }
            """;

    private ExampleLake() {
    }

    static Path example() {
        return Path.of(System.getProperty("sluice.example", "../../examples/retail")).toAbsolutePath().normalize();
    }

    /** The example project (descriptors and landing area, no lake) copied to {@code dir/name}. */
    static Path copy(Path dir, String name) {
        try {
            Path project = ProjectCopies.withoutLake(example(), dir.resolve(name));
            Files.writeString(project.resolve("sluice.yaml"), SLUICE_YAML, StandardCharsets.UTF_8);
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the example's source publish its datasets one after another ({@code parallelism: 1}): the order of
     * the fault points a run passes is then the same every time, which a planned kill schedule needs.
     */
    static Path oneDatasetAtATime(Path project) {
        Path descriptor = project.resolve("descriptors/" + SOURCE + ".yaml");
        try {
            String text = Files.readString(descriptor, StandardCharsets.UTF_8);
            String sequential = text.replaceFirst("(?m)^connector: files$", "connector: files\nparallelism: 1");
            if (sequential.equals(text)) {
                throw new IllegalStateException("no 'connector: files' line in " + descriptor);
            }
            Files.writeString(descriptor, sequential, StandardCharsets.UTF_8);
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next day's drop: new vehicles, a changed and a new store (merged on the key), more web events. */
    static void deliverNextDay(Path project) {
        write(project, "landing/inventory/inventory_2026-11-23.csv", """
                vin,store_id,make,model,model_year,price,mileage_km,stocked_at
                WVWZZZ1JZXW000101,1,Volkswagen,Passat,2021,24900.00,61000,2026-11-23 08:00:00
                VF1RFB00X61234601,2,Renault,Megane,2020,13900.00,70500,2026-11-23 08:30:00
                ZFA31200000123601,3,Fiat,Panda,2023,12900.00,5000,2026-11-23 09:00:00
                WBA8E9C50GK123601,4,BMW,320d,2019,21500.00,98000,2026-11-23 09:30:00
                WBA8E9C50GK123602,4,BMW,X1,2022,-5.00,15000,2026-11-23 10:00:00
                """);
        write(project, "landing/stores/stores_2026-11-23.csv", """
                store_id,name,region,opened_on,manager_email
                2,Southside Cars & Vans,south,2012-11-15,li.wei@example.com
                7,Lakeside Motors,west,2026-11-20,eva.lund@example.com
                8,Nowhere Cars,nowhere,2026-11-20,x@example.com
                """);
        write(project, "landing/web/events_2026-11-23.jsonl", """
                {"event_id":"e-0101","event_time":"2026-11-23T08:00:00Z","event_type":"page_view","store_id":7,"vin":null,"visitor_email":null}
                {"event_id":"e-0102","event_time":"2026-11-23T08:02:00Z","event_type":"lead","store_id":1,"vin":"WVWZZZ1JZXW000101","visitor_email":"a.buyer@example.org"}
                {"event_id":"e-0103","event_time":"2026-11-23T08:03:00Z","event_type":"click","store_id":1,"vin":null,"visitor_email":null}
                """);
    }

    static void write(Path project, String relative, String content) {
        try {
            Path file = project.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
