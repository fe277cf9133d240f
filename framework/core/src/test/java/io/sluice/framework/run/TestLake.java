package io.sluice.framework.run;

import io.sluice.connector.Connectors;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.plan.RunRequest;
import io.sluice.framework.report.Registrar;
import io.sluice.framework.report.RunReport;
import io.sluice.compat.delta.DeltaTables;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A throw-away project (descriptors + landing folder) and lake under a test's temporary folder. */
final class TestLake {
    final Path dir;
    final SparkSession spark;
    final LakeLayout lake;

    TestLake(SparkSession spark, Path dir) {
        this.spark = spark;
        this.dir = dir;
        this.lake = new LakeLayout(dir.resolve("lake").toString());
    }

    TestLake descriptor(String name, String yaml) {
        return write("descriptors/" + name, yaml);
    }

    TestLake deliver(String relativePath, String content) {
        return write("landing/" + relativePath, content);
    }

    TestLake write(String relativePath, String content) {
        try {
            Path file = dir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Project project() {
        return DescriptorLoader.load(dir, dir.resolve("descriptors"));
    }

    RunReport run(String source) {
        return run(source, Registrar.none());
    }

    RunReport run(String source, Registrar registrar) {
        return new SourceRunner(sluice(registrar)).run(project(), new RunRequest(source, Optional.empty(), LocalDate.of(2026, 11, 22)));
    }

    Sluice sluice(Registrar registrar) {
        return new Sluice(spark, dir, lake, Connectors.discover(getClass().getClassLoader()), name -> null,
                Clock.systemUTC(), registrar);
    }

    /** {@code sluice runs …} on this lake. */
    RunRecovery recovery() {
        return new RunRecovery(sluice(Registrar.none()));
    }

    Dataset<Row> table(String path) {
        return spark.read().format("delta").load(path);
    }

    List<Row> rows(String path, String orderBy) {
        return table(path).orderBy(orderBy).collectAsList();
    }

    long version(String path) {
        return DeltaTables.lastCommit(spark, path).orElseThrow().version();
    }
}
