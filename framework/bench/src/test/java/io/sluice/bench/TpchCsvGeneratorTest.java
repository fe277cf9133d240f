package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchCsvGeneratorTest {

    @Test
    void theSameSettingsGiveTheSameBytesAndTheStatedShareOfDefects(@TempDir Path dir) throws IOException {
        TpchCsvGenerator generator = new TpchCsvGenerator(0.001, 0.01, 7);

        TpchCsvGenerator.GeneratedData first = generator.generate(dir.resolve("a"));
        TpchCsvGenerator.GeneratedData second = generator.generate(dir.resolve("b"));

        assertThat(first.tables()).isEqualTo(second.tables());
        for (TpchCsvGenerator.GeneratedTable t : first.tables()) {
            for (String file : t.files()) {
                assertThat(Files.readAllBytes(Path.of(first.dir()).resolve(file)))
                        .isEqualTo(Files.readAllBytes(Path.of(second.dir()).resolve(file)));
            }
        }
        TpchCsvGenerator.GeneratedTable lineitem = first.table("lineitem");
        assertThat(lineitem.rows()).isEqualTo(6005);
        assertThat(lineitem.corrupted()).isBetween(30L, 90L);
        assertThat(lineitem.byKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(lineitem.corrupted());
        assertThat(new TpchCsvGenerator(0.001, 0.01, 8).generate(dir.resolve("c")).table("lineitem").corrupted())
                .isNotEqualTo(lineitem.corrupted());
    }

    @Test
    void aFinishedDataSetIsReusedAsItIs(@TempDir Path dir) throws IOException {
        TpchCsvGenerator generator = new TpchCsvGenerator(0.001, 0.01, 7);
        TpchCsvGenerator.GeneratedData first = generator.generate(dir);
        Path part = Path.of(first.dir()).resolve(first.table("orders").files().get(0));
        Files.writeString(part, "changed");

        TpchCsvGenerator.GeneratedData again = generator.generate(dir);

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(part)).isEqualTo("changed");
    }

    @Test
    void headerAndQuotingAreWhatSparkReadsByDefault(@TempDir Path dir) throws IOException {
        TpchCsvGenerator.GeneratedData data = new TpchCsvGenerator(0.001, 0, 7).generate(dir);

        List<String> lines = Files.readAllLines(Path.of(data.dir()).resolve(data.table("orders").files().get(0)));

        assertThat(lines.get(0)).isEqualTo("o_orderkey,o_custkey,o_orderstatus,o_totalprice,o_orderdate,"
                + "o_orderpriority,o_clerk,o_shippriority,o_comment");
        assertThat(lines.get(1)).matches("\\d+,\\d+,[FOP],\\d+\\.\\d\\d,\\d{4}-\\d\\d-\\d\\d,[1-5]-[A-Z ]+,Clerk#\\d{9},0,.*");
        assertThat(lines).filteredOn(l -> l.contains("\"")).allMatch(l -> l.matches(".*,\"[^\"]*,[^\"]*\"$"));
    }

    @Test
    void aScaleOfZeroIsRefused() {
        assertThatThrownBy(() -> new TpchCsvGenerator(0, 0.01, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale factor 0.0 must be above 0 (e.g. 0.01 or 1)");
    }
}
