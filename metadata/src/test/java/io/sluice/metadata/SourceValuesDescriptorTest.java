package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.metadata.internal.ColumnNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor fields that say how a real source writes its names and values (issue 19), as loaded. */
class SourceValuesDescriptorTest {

    private static Project load(Path project, String... datasetLines) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("drop.yaml"), "kind: source\nname: drop\nconnector: files\n");
        Files.writeString(descriptors.resolve("stores.yaml"), String.join("\n", "kind: dataset", "name: stores",
                "source: drop", "schema:", "  - { name: store_id, type: int }", "  - { name: model, type: string }",
                "  - { name: max_price, type: double }", ""));
        Files.writeString(descriptors.resolve("d.yaml"), String.join("\n", datasetLines) + "\n");
        return DescriptorLoader.load(project, descriptors);
    }

    @Test
    void readsSourceNamesNullTokensAndLocaleSettingsOfEachColumn(@TempDir Path project) throws IOException {
        Project loaded = load(project, "kind: dataset", "name: costs", "source: drop",
                "null_values: [NA, \"n/a\"]",
                "schema:",
                "  - { name: cost_total, from: \"Cost Total $\", type: \"decimal(12,2)\", decimal_separator: \",\","
                        + " grouping_separator: \".\" }",
                "  - { name: answer, from: \"No\", type: boolean, true_values: [Y, \"1\"], false_values: [N, 0],"
                        + " null_values: [\"-\"] }",
                "  - { name: seen_at, type: timestamp, formats: [\"dd/MM/yyyy HH:mm\", epoch_millis],"
                        + " timezone: Europe/Paris }",
                "  - { name: seen_on, type: date, format: \"dd.MM.yyyy\" }");

        DatasetSpec costs = loaded.dataset("drop.costs").orElseThrow();
        ColumnSpec cost = costs.column("cost_total").orElseThrow();
        assertThat(cost.from()).contains("Cost Total $");
        assertThat(cost.sourceName()).isEqualTo("Cost Total $");
        assertThat(cost.decimalSeparator()).contains(",");
        assertThat(cost.groupingSeparator()).contains(".");
        assertThat(cost.nullValues()).as("the dataset's tokens").containsExactly("NA", "n/a");
        ColumnSpec answer = costs.column("answer").orElseThrow();
        assertThat(answer.trueValues()).containsExactly("Y", "1");
        assertThat(answer.falseValues()).as("a YAML number is its text").containsExactly("N", "0");
        assertThat(answer.nullValues()).as("the column's own tokens replace the dataset's").containsExactly("-");
        ColumnSpec seenAt = costs.column("seen_at").orElseThrow();
        assertThat(seenAt.formats()).containsExactly("dd/MM/yyyy HH:mm", "epoch_millis");
        assertThat(seenAt.format()).isEmpty();
        assertThat(seenAt.timezone()).contains("Europe/Paris");
        assertThat(costs.column("seen_on").orElseThrow().formats()).as("format is a list of one")
                .containsExactly("dd.MM.yyyy");
        assertThat(costs.column("seen_on").orElseThrow().sourceName()).isEqualTo("seen_on");
        assertThat(costs.nullValues()).containsExactly("NA", "n/a");
    }

    @Test
    void sanitisesDeclaredNamesIntoDistinctLakeNamesAndKeepsTheTextAsFrom(@TempDir Path project) throws IOException {
        Project loaded = load(project, "kind: dataset", "name: costs", "source: drop", "column_names: sanitize",
                "schema:",
                "  - { name: \"Cost Total $\", type: \"decimal(10,2)\" }",
                "  - { name: \" cost total\", type: string }",
                "  - { name: id, type: int }",
                "  - { name: \"2024 %\", type: int }",
                "  - { name: \"Prénom\", type: string, from: \"prénom (client)\" }",
                "  - { name: \"%\", type: string }",
                "rules: [ { unique: [cost_total] } ]");

        DatasetSpec costs = loaded.dataset("drop.costs").orElseThrow();
        assertThat(costs.columnNaming()).isEqualTo(ColumnNaming.SANITIZE);
        assertThat(costs.columns()).extracting(ColumnSpec::name)
                .containsExactly("cost_total", "cost_total_2", "id", "c_2024", "prenom", "c_");
        assertThat(costs.columns()).extracting(ColumnSpec::sourceName)
                .containsExactly("Cost Total $", " cost total", "id", "2024 %", "prénom (client)", "%");
        assertThat(costs.column("id").orElseThrow().from()).as("a lake name needs no from").isEmpty();
    }

    @Test
    void readsUniqueKeepFirstForeignKeysAndLookups(@TempDir Path project) throws IOException {
        Project loaded = load(project, "kind: dataset", "name: sales", "source: drop", "schema:",
                "  - { name: sale_id, type: long }", "  - { name: store_id, type: int }",
                "  - { name: model, type: string }", "  - { name: price, type: double }",
                "  - { name: sold_at, type: timestamp }",
                "rules:",
                "  - { unique: [sale_id], keep: first, order_by: sold_at }",
                "  - { unique: [model, price] }",
                "  - { column: store_id, references: \"drop.stores( store_id )\" }",
                "  - { name: list_price, sql: \"price <= l.max_price\","
                        + " lookup: { dataset: drop.stores, as: l, on: [store_id] } }");

        DatasetSpec sales = loaded.dataset("drop.sales").orElseThrow();
        assertThat(sales.rules()).containsExactly(
                new RuleSpec.Unique("unique_sale_id", List.of("sale_id"), RuleSpec.Keep.FIRST, Optional.of("sold_at"),
                        "/rules/0"),
                new RuleSpec.Unique("unique_model_price", List.of("model", "price"), "/rules/1"),
                new RuleSpec.References("references_store_id", "store_id", "drop", "stores", "store_id", "/rules/2"),
                new RuleSpec.Sql("list_price", "price <= l.max_price",
                        Optional.of(new RuleSpec.Lookup("drop", "stores", "l", List.of("store_id"))), "/rules/3"));
        assertThat(sales.ruleInputs()).containsExactly("drop.stores");
    }

    @Test
    void readsHowOftenADatasetAndARefinedTableAreExpected(@TempDir Path project) throws IOException {
        Path descriptors = Files.createDirectories(project.resolve("descriptors"));
        Files.writeString(descriptors.resolve("r.yaml"), String.join("\n", "kind: refined", "name: totals",
                "inputs: [drop.stores]", "sql: SELECT count(*) AS n FROM stores", "freshness: P1D", ""));
        Project loaded = load(project, "kind: dataset", "name: stock", "source: drop", "freshness: PT26H",
                "schema: [ { name: id, type: int } ]");

        assertThat(loaded.dataset("drop.stock").orElseThrow().freshness()).contains(java.time.Duration.ofHours(26));
        assertThat(loaded.dataset("drop.stores").orElseThrow().freshness()).isEmpty();
        assertThat(loaded.refined().get(0).freshness()).contains(java.time.Duration.ofDays(1));
    }

    @Property
    void sanitisedNamesAreDistinctLakeNamesAndTheSameEveryTime(
            @ForAll @Size(max = 12) List<@StringLength(max = 12) String> sources,
            @ForAll @Size(max = 3) Set<@StringLength(min = 1, max = 6) String> taken) {
        Set<String> lakeTaken = new HashSet<>();
        taken.stream().filter(t -> ColumnNames.LAKE_NAME.matcher(t).matches()).forEach(lakeTaken::add);

        List<String> names = ColumnNames.sanitize(sources, lakeTaken);

        assertThat(names).hasSameSizeAs(sources);
        assertThat(names).allMatch(n -> ColumnNames.LAKE_NAME.matcher(n).matches());
        List<String> lower = new ArrayList<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        assertThat(new HashSet<>(lower)).as("distinct, ignoring case").hasSameSizeAs(lower);
        lakeTaken.forEach(t -> assertThat(lower).doesNotContain(t.toLowerCase(Locale.ROOT)));
        assertThat(ColumnNames.sanitize(sources, lakeTaken)).isEqualTo(names);
    }
}
