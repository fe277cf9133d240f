package io.sluice.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

    @Test
    void findsColumnsAndSkipsLiteralsFunctionsKeywordsAndFields() {
        assertThat(SqlIdentifiers.columns(
                "Price < 1e6 AND upper(`Store Name`) LIKE 'A%' AND sold_at > current_date() - INTERVAL 3 DAYS "
                        + "AND address.city IS NOT NULL AND cast(qty AS DECIMAL(10,2)) > 0 -- price2 ignored\n"
                        + "AND exists(items, x -> x > 0) AND note <> \"text\" /* comment */ AND X'1F' = raw"))
                .containsExactly("price", "store name", "sold_at", "address", "qty", "items", "note", "raw");
    }

    @Test
    void findsNothingInAConstantExpression() {
        assertThat(SqlIdentifiers.columns("1 = 1 AND 'it''s' <> 'x'")).isEmpty();
    }
}
