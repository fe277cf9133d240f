package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.jdbc.PostgresExtension;
import io.sluice.connector.jdbc.PostgresServer;
import io.sluice.testing.SparkExtension;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JDBC benchmark at a tiny scale against a real PostgreSQL server so that it never rots: both contenders
 * land every row with the same partitions, and the result carries the ratio and the task CPU. Never time.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class JdbcBenchIT {

    @Test
    void theConnectorAndPlainSparkLandEveryRowOfTheTableWithTheSamePartitions(SparkSession spark, PostgresServer pg,
                                                                                @TempDir Path dir) {
        JdbcBench.Options options = new JdbcBench.Options(5_000, 3, 1_000, 2, 0, dir, Optional.empty(), "local[2]");

        JdbcBench.Result result = new JdbcBench(spark, options).run(pg);

        assertThat(result.problems()).isEmpty();
        assertThat(pg.value("SELECT count(*) FROM lineitem")).isEqualTo("5000");
        assertThat(result.runs()).hasSize(4).allSatisfy(r -> {
            assertThat(r.rows()).as(r.contender()).isEqualTo(5_000);
            assertThat(r.taskCpuSeconds()).as(r.contender()).isPositive();
        });
        // the order alternates: each contender runs first in one of the two rounds
        assertThat(result.runs()).extracting(JdbcBench.Run::contender)
                .containsExactly("connector", "plain", "plain", "connector");
        assertThat(result.contenders()).extracting(JdbcBench.Summary::contender).containsExactly("connector", "plain");
        assertThat(result.connectorOverPlain()).isPositive();
        assertThat(JdbcBench.render(result)).contains("3 partitions, fetch size 1,000", "connector / plain rows/s",
                "correctness: OK - every run landed the 5,000 rows");
    }
}
