package io.sluice.connector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The manifest formats, without Spark. */
class ManifestTest {
    static final String ADOBE = """
            Datafeed-Manifest-Version: 1.0
            \tLookup-Files: 1
            \tData-Files: 1
            \tTotal-Records: 3

            Lookup-File: browser.tsv
            \tMD5-Digest: 0123456789ABCDEF0123456789abcdef
            \tFile-Size: 42

            Data-File: hit_data.tsv
            \tMD5-Digest: fedcba9876543210fedcba9876543210
            \tFile-Size: 120
            \tRecord-Count: 3
            """;

    @Test
    void adobeManifestGivesEveryFileAndTheTotal() throws Exception {
        Manifest m = Manifest.adobe(ADOBE);
        assertThat(m.totalRecords()).isEqualTo(OptionalLong.of(3));
        assertThat(m.files().keySet()).containsExactly("browser.tsv", "hit_data.tsv");
        assertThat(m.files().get("browser.tsv")).isEqualTo(new Manifest.Entry("browser.tsv", false,
                OptionalLong.empty(), Optional.empty(), Optional.of("0123456789abcdef0123456789abcdef"),
                Optional.empty(), OptionalLong.of(42)));
        assertThat(m.files().get("hit_data.tsv")).isEqualTo(new Manifest.Entry("hit_data.tsv", true,
                OptionalLong.of(3), Optional.empty(), Optional.of("fedcba9876543210fedcba9876543210"),
                Optional.empty(), OptionalLong.of(120)));
    }

    @Test
    void adobeManifestProblemsNameTheLine() {
        assertThatThrownBy(() -> Manifest.adobe("Manifest-Version: 1.0\n"))
                .isInstanceOf(Manifest.MalformedException.class)
                .hasMessage("line 1: expected 'Datafeed-Manifest-Version: 1.0' first, found 'Manifest-Version: 1.0'");
        assertThatThrownBy(() -> Manifest.adobe(ADOBE.replace("Data-Files: 1", "Data-Files: 2")))
                .hasMessage("line 1: Data-Files: 2 but the manifest lists 1");
        assertThatThrownBy(() -> Manifest.adobe(ADOBE.replace("Record-Count: 3", "Record-Count: three")))
                .hasMessage("line 13: Record-Count 'three' is not a whole number");
        assertThatThrownBy(() -> Manifest.adobe(ADOBE.replace("File-Size: 42", "File-Size 42")))
                .hasMessage("line 8: 'File-Size 42' is not 'Name: value'");
    }

    @Test
    void sumsAndControlManifests() throws Exception {
        String sha = "a".repeat(64);
        Manifest sums = Manifest.sums("0123456789abcdef0123456789abcdef  a.dat\n" + sha + " *a.dat\n");
        assertThat(sums.files().get("a.dat").md5()).contains("0123456789abcdef0123456789abcdef");
        assertThat(sums.files().get("a.dat").sha256()).contains(sha);
        assertThatThrownBy(() -> Manifest.sums("xyz a.dat")).hasMessage("line 1: 'xyz a.dat' is not '<md5 or"
                + " sha256 hex>  <file name>'");
        Manifest control = Manifest.control("file|records|total\na.dat|2|10.50\n", "|");
        assertThat(control.files().get("a.dat").records()).isEqualTo(OptionalLong.of(2));
        assertThat(control.files().get("a.dat").total()).contains(new BigDecimal("10.50"));
        assertThatThrownBy(() -> Manifest.control("name,records\n", ",")).hasMessage("line 1: the header"
                + " 'name,records' has no 'file' column (expected some of: file, records, total, md5, sha256, size,"
                + " separated by ',')");
    }
}
