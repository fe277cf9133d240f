package io.sluice.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Scalars the writer emits read back as the exact text, whatever it holds. */
class DraftWriterTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Property(tries = 500)
    void anyTextReadsBackExactlyInAFlowList(@ForAll @StringLength(max = 12) String text) throws Exception {
        String yaml = "v: " + DraftWriter.list(List.of(text, "x")) + "\n";

        Map<?, ?> read = YAML.readValue(yaml, Map.class);

        assertThat(read.get("v")).isEqualTo(List.of(text, "x"));
    }

    @Property(tries = 200)
    void yamlWordsAndNumbersStayText(@ForAll("words") String word) throws Exception {
        Map<?, ?> read = YAML.readValue("v: " + DraftWriter.scalar(word) + "\n", Map.class);

        assertThat(read.get("v")).isEqualTo(word);
    }

    @net.jqwik.api.Example
    void issue19FieldsAreWrittenWhenTheDraftUsesThem() {
        ColumnDraft cost = new ColumnDraft("cost_total", "Cost Total $", "decimal(8,2)", List.of(), true, false,
                List.of(), List.of(), List.of(), List.of("plain decimals"));
        ColumnDraft paid = new ColumnDraft("paid", "paid", "boolean", List.of(), false, false, List.of(),
                List.of("Y"), List.of("N"), List.of());
        ColumnDraft day = new ColumnDraft("day", "day", "date", List.of("yyyy-MM-dd", "dd/MM/yyyy"), true, false,
                List.of(), List.of(), List.of(), List.of());
        DatasetDraft draft = new DatasetDraft("drop", "orders", "orders.csv", Map.of("path", "o/*.csv"),
                List.of("NA", "-"), List.of(cost, paid, day), null, List.of());

        assertThat(DraftWriter.dataset(draft)).contains("null_values: [NA, \"-\"]\n",
                "  # cost_total: plain decimals\n  - { name: cost_total, from: \"Cost Total $\", type: \"decimal(8,2)\" }",
                "- { name: paid, type: boolean, true_values: [\"Y\"], false_values: [\"N\"], nullable: false }",
                "- { name: day, type: date, formats: [yyyy-MM-dd, dd/MM/yyyy] }");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> words() {
        return net.jqwik.api.Arbitraries.of("No", "yes", "ON", "null", "~", "1", "1.5", "-2", "0x1F", "1e3", "NA",
                "n/a", "-", "?", "#N/A", "true", "y", ".5", "2026-01-01");
    }
}
