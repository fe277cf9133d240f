package io.sluice.connector.storage.adls;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.SparkExtension;
import io.sluice.testing.azure.Azurite;
import io.sluice.testing.azure.AzuriteExtension;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spark and Delta Lake on {@code abfs://} paths through hadoop-azure's ABFS driver, against a real Azurite. */
@ExtendWith({SparkExtension.class, AzuriteExtension.class})
class AbfsSparkIT {

    private static String configure(SparkSession spark, Azurite azurite, TestInfo test) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        azurite.hadoopConf().forEach(conf::set);
        conf.set("mapreduce.outputcommitter.factory.scheme.abfs",
                "org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory");
        return azurite.uri("spark", test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void deltaWritesReadsAndMergesOnAbfs(SparkSession spark, Azurite azurite, TestInfo test) throws IOException {
        String table = configure(spark, azurite, test) + "/valid/orders";
        spark.sql("SELECT id, concat('v', id) AS v FROM range(0, 4)").write().format("delta").save(table);

        spark.sql("SELECT id, concat('w', id) AS v FROM range(2, 6)").createOrReplaceTempView("updates");
        spark.sql("MERGE INTO delta.`" + table + "` t USING updates s ON t.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");

        List<Row> rows = spark.read().format("delta").load(table).orderBy("id").collectAsList();
        assertThat(rows).extracting(Row::toString)
                .containsExactly("[0,v0]", "[1,v1]", "[2,w2]", "[3,w3]", "[4,w4]", "[5,w5]");
        assertThat(spark.read().format("delta").option("versionAsOf", 0).load(table).count()).isEqualTo(4);
        Path log = new Path(table + "/_delta_log/00000000000000000001.json");
        assertThat(log.getFileSystem(spark.sparkContext().hadoopConfiguration()).getClass().getName())
                .isEqualTo("org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem");
        assertThat(log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log)).isTrue();
    }

    @Test
    void nonDeltaWritesCommitThroughThePathOutputCommitter(SparkSession spark, Azurite azurite, TestInfo test) {
        String folder = configure(spark, azurite, test) + "/raw/csv";

        spark.sql("SELECT id, id * 2 AS twice FROM range(0, 3)").coalesce(1).write().option("header", "true").csv(folder);

        assertThat(spark.read().option("header", "true").csv(folder).orderBy("id").collectAsList())
                .extracting(Row::toString).containsExactly("[0,0]", "[1,2]", "[2,4]");
    }
}
