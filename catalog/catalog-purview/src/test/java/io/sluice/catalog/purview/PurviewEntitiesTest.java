package io.sluice.catalog.purview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.CatalogException;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PurviewEntitiesTest {
    static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");
    final PurviewEntities entities = new PurviewEntities("lake", name -> Optional.empty());

    @Test
    void anAdlsLocationIsNamedAsPurviewScansNameIt() {
        assertThat(entities.qualifiedName(SALES, Optional.of("abfss://lake@Acct.dfs.core.windows.net/valid/dealer_dw/sales/")))
                .isEqualTo("https://acct.dfs.core.windows.net/lake/valid/dealer_dw/sales");
        assertThat(entities.qualifiedName(SALES, Optional.of("abfs://lake@acct.dfs.core.windows.net")))
                .isEqualTo("https://acct.dfs.core.windows.net/lake");
    }

    @Test
    void anyOtherAssetIsNamedInTheLakesNamespace() {
        assertThat(entities.qualifiedName(SALES, Optional.of("/data/lake/valid/dealer_dw/sales")))
                .isEqualTo("sluice://lake/valid.dealer_dw.sales");
        assertThat(entities.qualifiedName(SALES.in(io.sluice.catalog.Zone.SOURCE), Optional.empty()))
                .isEqualTo("sluice://lake/source.dealer_dw.sales");
    }

    @Property
    void everyAbfsLocationMapsToItsHttpsDfsUrl(@ForAll @AlphaChars @NumericChars @StringLength(min = 3, max = 20) String container,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 3, max = 20) String account,
            @ForAll @AlphaChars @StringLength(min = 1, max = 10) String folder) {
        String location = "abfss://" + container + "@" + account + ".dfs.core.windows.net/" + folder + "/t";
        assertThat(PurviewEntities.adlsUrl(location)).contains("https://" + account.toLowerCase(java.util.Locale.ROOT)
                + ".dfs.core.windows.net/" + container + "/" + folder + "/t");
    }

    @Test
    void aNamespaceThatCannotBePartOfANameIsRefused() {
        assertThatThrownBy(() -> new PurviewEntities("my lake/x", name -> Optional.empty()))
                .isInstanceOf(CatalogException.class)
                .hasMessage("--namespace: 'my lake/x' must be 1 or more letters, digits, '_', '-' or '.'");
    }
}
