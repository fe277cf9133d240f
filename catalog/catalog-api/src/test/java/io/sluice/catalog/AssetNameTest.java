package io.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssetNameTest {

    @Test
    void parsesAndPrintsQualifiedNames() {
        AssetName name = AssetName.parse("VALID.dealer_dw.sales");

        assertThat(name).isEqualTo(AssetName.of(Zone.VALID, "dealer_dw", "sales"));
        assertThat(name.qualified()).isEqualTo("valid.dealer_dw.sales");
        assertThat(name.in(Zone.ERROR).toString()).isEqualTo("error.dealer_dw.sales");
    }

    @Test
    void aRefinedTableIsNamedRefinedAndItsNameAndItsOldNameStillParses() {
        AssetName daily = AssetName.refined("daily_sales");

        assertThat(daily.qualified()).isEqualTo("refined.daily_sales");
        assertThat(AssetName.parse("refined.daily_sales")).isEqualTo(daily);
        assertThat(AssetName.parse("Refined.daily_sales")).isEqualTo(daily);
        assertThat(AssetName.parse("refined.default.daily_sales")).as("the name before catalog schema 6")
                .isEqualTo(daily);
        assertThat(AssetName.parse("refined.reports.daily").qualified()).isEqualTo("refined.reports.daily");
        assertThatThrownBy(() -> AssetName.parse("valid.sales")).isInstanceOf(CatalogException.class);
    }

    @Test
    void refusesMalformedNamesSayingWhy() {
        assertThatThrownBy(() -> AssetName.parse("dealer_dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("bad asset name 'dealer_dw.sales': it has 2 dot-separated part(s), not 3"
                        + " (expected <zone>.<source>.<dataset>, e.g. valid.dealer_dw.sales, or refined.<name>)");
        assertThatThrownBy(() -> AssetName.parse("gold.dealer_dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("unknown zone 'gold' (expected one of: source, raw, valid, error, refined)");
        assertThatThrownBy(() -> AssetName.parse("valid.dealer dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("bad asset name 'dealer dw': the source must be letters, digits, '_' or '-' (no dots,"
                        + " not empty) (expected <zone>.<source>.<dataset>, e.g. valid.dealer_dw.sales, or refined.<name>)");
    }
}
