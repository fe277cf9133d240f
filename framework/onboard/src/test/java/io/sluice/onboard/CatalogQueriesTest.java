package io.sluice.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalogue SQL, as text (no Teradata system here), and the mapping of what it returns. */
class CatalogQueriesTest {

    @Test
    void teradataColumnsComeFromDbcColumnsVUnderAnAccessLock() {
        assertThat(CatalogQueries.TERADATA.columns()).isEqualTo("LOCKING ROW FOR ACCESS"
                + " SELECT TRIM(DatabaseName), TRIM(TableName), TRIM(ColumnName), TRIM(ColumnType), Nullable,"
                + " DecimalTotalDigits, DecimalFractionalDigits"
                + " FROM DBC.ColumnsV"
                + " WHERE UPPER(TRIM(DatabaseName)) LIKE UPPER(?) AND UPPER(TRIM(TableName)) LIKE UPPER(?)"
                + " ORDER BY 1, 2, ColumnId");
    }

    @Test
    void teradataKeysAreThePrimaryKeyElseAUniquePrimaryIndexFromDbcIndicesV() {
        assertThat(CatalogQueries.TERADATA.primaryKeys()).isEqualTo("LOCKING ROW FOR ACCESS"
                + " SELECT TRIM(DatabaseName), TRIM(TableName), TRIM(ColumnName), IndexType"
                + " FROM DBC.IndicesV"
                + " WHERE UPPER(TRIM(DatabaseName)) LIKE UPPER(?) AND UPPER(TRIM(TableName)) LIKE UPPER(?)"
                + " AND (IndexType = 'K' OR IndexType IN ('P', 'Q') AND UniqueFlag = 'Y')"
                + " ORDER BY 1, 2, CASE IndexType WHEN 'K' THEN 0 ELSE 1 END, ColumnPosition");
    }

    @Test
    void aTablesPatternBecomesLikePatternsAndIsMatchedExactlyIgnoringCase() {
        assertThat(CatalogQueries.likePatterns("SALES.*")).containsExactly("SALES", "%");
        assertThat(CatalogQueries.likePatterns("VEHICLE_?")).containsExactly("%", "VEHICLE__");
        assertThat(CatalogQueries.matches("SALES.*", "sales", "orders")).isTrue();
        assertThat(CatalogQueries.matches("SALES.ORDER_?", "SALES", "ORDERSX")).as("_ is itself, not LIKE's any")
                .isFalse();
        assertThat(CatalogQueries.matches("SALES.ORDER_?", "SALES", "ORDER_1")).isTrue();
        assertThat(CatalogQueries.matches("SALES.*", "SALESX", "ORDERS")).isFalse();
    }

    @Test
    void teradataTypeCodesMapAsTheJdbcDocumentationSays() {
        assertThat(teradata("I", null, null)).contains("int");
        assertThat(teradata("I1", null, null)).contains("int");
        assertThat(teradata("I2", null, null)).contains("int");
        assertThat(teradata("I8", null, null)).contains("long");
        assertThat(teradata("D", 12, 2)).contains("decimal(12,2)");
        assertThat(teradata("N", -128, -128)).contains("decimal(38,18)");
        assertThat(teradata("F", null, null)).contains("double");
        assertThat(teradata("CV", null, null)).contains("string");
        assertThat(teradata("CF", null, null)).contains("string");
        assertThat(teradata("DA", null, null)).contains("date");
        assertThat(teradata("TS", null, null)).contains("timestamp");
        assertThat(teradata("SZ", null, null)).contains("timestamp");
        assertThat(teradata("PD", null, null)).as("PERIOD(DATE), cast to text on the server").contains("string");
        assertThat(teradata("DS", null, null)).as("INTERVAL, cast to text on the server").contains("string");
        assertThat(teradata("BV", null, null)).as("VARBYTE: no declared type").isEmpty();
        assertThat(teradata("AT", null, null)).as("TIME: not mapped (docs/jdbc.md)").isEmpty();
    }

    @Test
    void aTeradataTableWithAPrimaryIndexGetsAHashSplitAndATimestampIncrement() {
        List<DatabaseOnboarding.CatalogColumn> table = List.of(
                column("SALE_ID", "I8", false), column("AMOUNT", "D", true), column("LAST_CHANGE_TS", "TS", false));

        DatasetDraft draft = TableDrafts.draft("dw", "vehicle_sales", table, List.of("SALE_ID"), true);

        assertThat(DraftWriter.dataset(draft)).contains(
                "extract: { table: SALES.VEHICLE_SALES, split: { hash: sale_id, partitions: 8 },"
                        + " incremental: { column: last_change_ts, type: timestamp } }",
                "- { name: sale_id, type: long, key: true }", "- { name: amount, type: \"decimal(12,2)\" }",
                "- { name: last_change_ts, type: timestamp, nullable: false }", "valid: { mode: merge }");
    }

    @Test
    void aTableWithoutKeyOrTimestampIsASnapshot() {
        DatasetDraft draft = TableDrafts.draft("dw", "codes", List.of(column("CODE", "CV", true)), List.of(), true);

        assertThat(draft.extract()).containsOnlyKeys("table");
        assertThat(draft.validMode()).isNull();
        assertThat(draft.notes()).anyMatch(n -> n.startsWith("snapshot: "));
    }

    private static DatabaseOnboarding.CatalogColumn column(String name, String type, boolean nullable) {
        return new DatabaseOnboarding.CatalogColumn("SALES", "VEHICLE_SALES", name, type, nullable,
                type.equals("D") ? 12 : null, type.equals("D") ? 2 : null);
    }

    private static Optional<String> teradata(String code, Integer precision, Integer scale) {
        return TableDrafts.teradataType(new DatabaseOnboarding.CatalogColumn("S", "T", "C", code, true, precision,
                scale));
    }
}
