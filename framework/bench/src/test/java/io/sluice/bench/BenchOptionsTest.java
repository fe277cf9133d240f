package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void parsesTheDocumentedCommandLine() {
        BenchOptions o = BenchOptions.parse(new String[] {"--scale", "0.1", "--rounds", "5", "--out", "r.json",
            "--contenders", "floor,sluice", "--conf", "spark.sql.shuffle.partitions=4", "--plans"});

        assertThat(o.scale()).isEqualTo(0.1);
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.tablesAtOnce()).as("side by side by default, as Sluice publishes").isEqualTo(2);
        assertThat(o.out()).isEqualTo(Optional.of(Path.of("r.json")));
        assertThat(o.contenders()).isEqualTo(List.of("floor", "sluice"));
        assertThat(o.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "4");
        assertThat(o.plans()).isTrue();
        assertThat(o.keep()).isFalse();
    }

    @Test
    void defaultsToFiveMeasuredRoundsAfterOneWarmUp() {
        BenchOptions o = BenchOptions.parse(new String[] {"--tables-at-once", "1"});

        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.tablesAtOnce()).isEqualTo(1);
    }

    @Test
    void namesTheWrongArgument() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scale", "tiny"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--scale 'tiny' is not a number (e.g. --scale 0.1)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--contenders", "floor,spark"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown contender 'spark' (expected some of: floor, sluice, baseline)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tables-at-once", "3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tables-at-once 3 must be 1 (one table after the other) or 2 (side by side)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--rounds must be at least 1 and --warmup at least 0 (got 0 and 1)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--conf", "x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--conf 'x' is not KEY=VALUE (e.g. --conf spark.sql.shuffle.partitions=4)");
    }
}
