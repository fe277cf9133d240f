package io.sluice.connector.files;

import static io.sluice.connector.files.Fixtures.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.FixedWidthLayout;
import io.sluice.metadata.DescriptorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding {@code skip_lines}, {@code footer_lines}, {@code skip_records} and the fixed-width {@code layout}. */
class FileExtractRecordsTest {
    private static final List<Map<String, Object>> LAYOUT = List.of(Map.of("name", "type", "width", 1),
            Map.of("name", "id", "start", 2, "length", 4, "implied_decimals", 1));

    private static FileExtract bind(Map<String, Object> extract) {
        return FileExtract.bind(dataset(extract).extract());
    }

    @Test
    void skipsAreBoundForCsvAndFixedWidth() {
        FileExtract csv = bind(Map.of("path", "*.csv", "skip_lines", 2, "footer_lines", 1, "skip_records",
                List.of(Map.of("name", "trl", "pattern", "^TRL", "field", 3), Map.of("name", "x", "pattern", "x"))));
        assertThat(csv.skips().skipLines()).isEqualTo(2);
        assertThat(csv.skips().footerLines()).isEqualTo(1);
        assertThat(csv.skips().rules()).extracting(RecordSkips.Rule::name, r -> r.pattern().pattern(),
                RecordSkips.Rule::field).containsExactly(org.assertj.core.groups.Tuple.tuple("trl", "^TRL", 2),
                org.assertj.core.groups.Tuple.tuple("x", "x", -1));

        FileExtract fixed = bind(Map.of("path", "*.dat", "format", "fixed_width", "trim", false, "layout", LAYOUT,
                "skip_records", List.of(Map.of("name", "trailer", "pattern", "T", "field", "type"))));
        assertThat(fixed.fixedWidth()).contains(new FixedWidthLayout(List.of(
                new FixedWidthLayout.Column("type", 0, 1, 0), new FixedWidthLayout.Column("id", 1, 4, 1)), false));
        assertThat(fixed.skips().rules()).singleElement().extracting(RecordSkips.Rule::field).isEqualTo(0);
        assertThat(fixed.format().isText()).isTrue();
        assertThat(bind(Map.of("path", "*.csv")).skips()).isEqualTo(RecordSkips.none());
    }

    @Test
    void wrongSkipSettingsAreReportedAtOnceWithTheirLines() {
        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("path", "*.csv");
        extract.put("skip_lines", -1);
        extract.put("footer_lines", "two");
        extract.put("skip_records", List.of(Map.of("name", "trl", "pattern", "[TRL", "field", 0)));
        extract.put("trim", true);
        extract.put("layout", LAYOUT);
        assertThatThrownBy(() -> bind(extract))
                .isInstanceOf(DescriptorException.class)
                .hasMessage(String.join("\n",
                        "descriptors/inventory.yaml:18: /extract/layout: 'layout' applies to json and fixed_width"
                                + " files only (this dataset reads csv); remove it",
                        "descriptors/inventory.yaml:21: /extract/trim: 'trim' applies to fixed_width files only (this"
                                + " dataset reads csv); remove it",
                        "descriptors/inventory.yaml:12: /extract/skip_lines: must be 0 or more, found -1",
                        "descriptors/inventory.yaml:13: /extract/footer_lines: expected a whole number, found 'two'",
                        "descriptors/inventory.yaml:16: /extract/skip_records/0/pattern: '[TRL' is not a Java regular"
                                + " expression (Unclosed character class at index 3)"));
        assertThatThrownBy(() -> bind(Map.of("path", "*.csv", "skip_records", List.of(Map.of("name", "a",
                "pattern", "a", "field", 0)))))
                .hasMessage("descriptors/inventory.yaml:17: /extract/skip_records/0/field: a field of a csv record is"
                        + " its 1-based position, found 0");
        assertThatThrownBy(() -> bind(Map.of("path", "*.csv", "skip_records", "^TRL")))
                .hasMessage("descriptors/inventory.yaml:14: /extract/skip_records: expected a list of {name, pattern,"
                        + " field}");
        assertThatThrownBy(() -> bind(Map.of("path", "*.csv", "skip_records", List.of(Map.of("name", "a",
                "pattern", "a"), Map.of("name", "a", "pattern", "b", "column", 2)))))
                .hasMessage("descriptors/inventory.yaml:14: /extract/skip_records/1/column: unknown field 'column'"
                        + " (expected one of: field, name, pattern)");
        assertThatThrownBy(() -> bind(Map.of("path", "*.csv", "skip_records", List.of(Map.of("name", "a",
                "pattern", "a"), Map.of("name", "a", "pattern", "b")))))
                .hasMessage("descriptors/inventory.yaml:14: /extract/skip_records/1/name: skip_records 'a' is declared"
                        + " twice");
        assertThatThrownBy(() -> bind(Map.of("path", "*.parquet", "skip_lines", 1)))
                .hasMessage("descriptors/inventory.yaml:12: /extract/skip_lines: 'skip_lines' applies to csv, tsv,"
                        + " fixed_width and xlsx files only (this dataset reads parquet); remove it");
    }

    @Test
    void fixedWidthNeedsALayoutAndNamesItsFields() {
        assertThatThrownBy(() -> bind(Map.of("path", "*.dat", "format", "fixed_width")))
                .hasMessage("descriptors/inventory.yaml:4: /extract: missing required field 'layout' (the fixed-width"
                        + " columns: name with start and length, or width)");
        assertThatThrownBy(() -> bind(Map.of("path", "*.dat", "format", "fixed_width", "layout", List.of(
                Map.of("name", "a", "start", 0, "length", 2)))))
                .hasMessage("descriptors/inventory.yaml:19: /extract/layout/0/start: start is 1-based: the first"
                        + " character is 1, found 0");
        assertThatThrownBy(() -> bind(Map.of("path", "*.dat", "format", "fixed_width", "layout", LAYOUT,
                "skip_records", List.of(Map.of("name", "t", "pattern", "T", "field", "kind")))))
                .hasMessage("descriptors/inventory.yaml:17: /extract/skip_records/0/field: 'kind' is not a column of"
                        + " the layout (expected one of: type, id)");
        assertThatThrownBy(() -> bind(Map.of("path", "*.dat", "format", "fixed_width", "layout", LAYOUT,
                "header", true)))
                .hasMessage("descriptors/inventory.yaml:10: /extract/header: 'header' applies to csv, tsv and xlsx"
                        + " files only (this dataset reads fixed_width); remove it");
    }
}
