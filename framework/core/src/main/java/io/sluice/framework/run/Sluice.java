package io.sluice.framework.run;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.Connectors;
import io.sluice.connector.storage.Storages;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.report.Registrar;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a run needs from its surroundings, passed explicitly (no static session holder).
 *
 * @param spark      the session every Spark job of the run uses
 * @param projectDir the project folder; relative descriptor paths resolve against it
 * @param lake       the lake's layout
 * @param connectors the source connectors on the class path
 * @param environment environment variables for {@code ${env:…}} / {@code ${secret:…}} references
 * @param clock      time source (run ids, timestamps)
 * @param registrar  the catalog seam
 * @param storages   the project's storages with their bound settings, for connectors' landing areas
 */
public record Sluice(SparkSession spark, Path projectDir, LakeLayout lake, Connectors connectors,
                     Function<String, String> environment, Clock clock, Registrar registrar, Storages storages) {
    public Sluice {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(connectors, "connectors");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(storages, "storages");
    }

    /** A lake without storage sections in its configuration (local disk, or ABFS configured through Spark only). */
    public Sluice(SparkSession spark, Path projectDir, LakeLayout lake, Connectors connectors,
                  Function<String, String> environment, Clock clock, Registrar registrar) {
        this(spark, projectDir, lake, connectors, environment, clock, registrar,
                Storages.bind(Map.of(), environment, Sluice.class.getClassLoader()));
    }

    public ConnectorContext connectorContext() {
        return new ConnectorContext(projectDir, environment, storages);
    }
}
