package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class SparkSmokeTest {
    @Test
    void sharedSessionWritesAndReadsDelta(SparkSession spark, @TempDir Path dir) {
        String path = dir.resolve("t").toString();
        spark.range(5).write().format("delta").save(path);
        assertThat(spark.read().format("delta").load(path).count()).isEqualTo(5);
    }
}
