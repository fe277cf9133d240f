package io.sluice.catalog.unity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.CatalogException;
import io.sluice.catalog.Column;
import io.sluice.catalog.OutboxEvent.EventDataset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UnityTablesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final UnityTables tables = new UnityTables("Lake", "sluice");

    @Test
    void tablesAreNamedByZoneSourceAndDatasetInTheConfiguredSchema() {
        assertThat(tables.fullName(AssetName.parse("valid.dealer_dw.sales"))).isEqualTo("lake.sluice.valid__dealer_dw__sales");
        assertThat(UnityTables.tableName(AssetName.parse("valid.a_b.c")))
                .isNotEqualTo(UnityTables.tableName(AssetName.parse("valid.a.b_c")));
    }

    @Test
    void onlyDeltaTablesOfTheValidErrorAndRefinedZonesAreRegistered() {
        EventDataset valid = new EventDataset(AssetName.parse("valid.s.d"), Optional.of("/l/v"), Optional.of("delta"), List.of());
        EventDataset raw = new EventDataset(AssetName.parse("raw.s.d"), Optional.of("/l/r"), Optional.of("delta"), List.of());
        EventDataset csv = new EventDataset(AssetName.parse("error.s.d"), Optional.of("/l/e"), Optional.of("csv"), List.of());
        EventDataset unregistered = new EventDataset(AssetName.parse("refined.default.d"), Optional.empty(), Optional.empty(), List.of());
        assertThat(UnityTables.isRegistered(valid)).isTrue();
        assertThat(List.of(raw, csv, unregistered)).noneMatch(UnityTables::isRegistered);
    }

    @Test
    void aNameUnityCatalogCannotHoldIsRefused() {
        assertThatThrownBy(() -> new UnityTables("lake", "my schema")).isInstanceOf(CatalogException.class)
                .hasMessage("--unity-schema: 'my schema' must be 1 or more letters, digits or '_'");
        assertThatThrownBy(() -> new UnityTables(null, "sluice"))
                .hasMessage("--unity-catalog: give the name of the Unity Catalog catalog the tables go to");
    }

    @Property
    void decimalsCarryTheirPrecisionAndScale(@ForAll @IntRange(min = 1, max = 38) int precision, @ForAll @IntRange(max = 38) int scale) {
        int s = Math.min(scale, precision);
        ObjectNode column = UnityTables.column(Column.of("amount", "decimal(" + precision + "," + s + ")", true), 0);
        assertThat(column.get("type_name").asText()).isEqualTo("DECIMAL");
        assertThat(column.get("type_text").asText()).isEqualTo("decimal(" + precision + "," + s + ")");
        assertThat(column.get("type_precision").asInt()).isEqualTo(precision);
        assertThat(column.get("type_scale").asInt()).isEqualTo(s);
    }

    @Test
    void everyTypeOfTheDescriptorsHasItsUnityCatalogName() throws Exception {
        List<String> names = List.of("string", "int", "long", "double", "boolean", "date", "timestamp",
                "map<string,int>").stream()
                .map(type -> UnityTables.column(Column.of("c", type, true), 0).get("type_name").asText()).toList();
        assertThat(names).containsExactly("STRING", "INT", "LONG", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "MAP");
        JsonNode typeJson = JSON.readTree(UnityTables.column(new Column("c", "int", false, Optional.of("a note"), false), 0)
                .get("type_json").asText());
        assertThat(typeJson.toString()).isEqualTo("{\"name\":\"c\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{\"comment\":\"a note\"}}");
    }

    @Test
    void aTypeSparkDoesNotKnowIsNamedInTheError() {
        assertThatThrownBy(() -> UnityTables.column(Column.of("c", "integr", true), 0))
                .isInstanceOf(CatalogException.class)
                .hasMessage("column c: type 'integr' is not a Spark SQL type, so Unity Catalog cannot describe it: "
                        + "[UNSUPPORTED_DATATYPE] Unsupported data type \"INTEGR\". SQLSTATE: 0A000 (line 1, pos 0)");
    }

    @Test
    void differencesAreTheLocationTheCommentAndTheColumns() throws Exception {
        EventDataset dataset = new EventDataset(AssetName.parse("valid.s.d"), Optional.of("abfss://c@a.dfs.core.windows.net/v/s/d"),
                Optional.of("delta"), List.of(Column.of("id", "long", false)));
        ObjectNode wanted = tables.createRequest(dataset, Optional.empty());
        ObjectNode stored = wanted.deepCopy().put("owner", "x").put("storage_location", "abfss://c@a.dfs.core.windows.net/v/s/d/");
        ((ObjectNode) stored.get("columns").get(0)).put("type_text", "BIGINT");
        assertThat(UnityTables.differences(stored, wanted)).isEmpty();

        ((ObjectNode) stored.get("columns").get(0)).put("nullable", true);
        stored.put("comment", "old");
        assertThat(UnityTables.differences(stored, wanted))
                .containsExactly("comment", "columns [id bigint] -> [id bigint not null]");
    }
}
