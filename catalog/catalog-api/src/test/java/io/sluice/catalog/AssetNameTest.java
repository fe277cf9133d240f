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
    void refusesMalformedNamesSayingWhy() {
        assertThatThrownBy(() -> AssetName.parse("dealer_dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("bad asset name 'dealer_dw.sales': it has 2 dot-separated part(s), not 3"
                        + " (expected <zone>.<source>.<dataset>, e.g. valid.dealer_dw.sales)");
        assertThatThrownBy(() -> AssetName.parse("gold.dealer_dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("unknown zone 'gold' (expected one of: source, raw, valid, error, refined)");
        assertThatThrownBy(() -> AssetName.parse("valid.dealer dw.sales"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("bad asset name 'dealer dw': the source must be letters, digits, '_' or '-' (no dots,"
                        + " not empty) (expected <zone>.<source>.<dataset>, e.g. valid.dealer_dw.sales)");
    }
}
