package io.sluice.framework.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.framework.land.RawZone;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run reports of a lake ({@code _sluice/reports/<run_id>-<source>.json}) and whether the catalog has them.
 *
 * <p>A run writes its report as it goes (after each dataset's outcome is known, before that dataset's raw run is
 * marked committed), then registers it in the catalog, then writes {@code <report>.registered}. A run killed
 * anywhere in between leaves a report without that marker; the next run of the source registers it first, so
 * the catalog never misses a run whose data is committed. Registering again is harmless: the catalog keeps runs
 * it already has.
 */
public final class RunReports {
    private static final Logger LOG = LoggerFactory.getLogger(RunReports.class);
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final String REGISTERED = ".registered";

    private final LakeLayout lake;
    private final Configuration conf;

    public RunReports(LakeLayout lake, Configuration conf) {
        this.lake = lake;
        this.conf = conf;
    }

    /** Writes (or rewrites) a report atomically; a failure is logged, never fails the run. */
    public void write(RunReport report) {
        Path target = path(report);
        try {
            RawZone.writeAtomically(target, conf, out -> JSON.writeValue(out, report));
        } catch (IOException e) {
            LOG.error("Could not write the run report {}: {}", target, e.getMessage());
        }
    }

    public void markRegistered(RunReport report) {
        Path marker = new Path(path(report).toString() + REGISTERED);
        try {
            RawZone.writeAtomically(marker, conf, out -> { });
        } catch (IOException e) {
            LOG.warn("Could not mark run report {} registered: {} (the next run registers it again)", marker,
                    e.getMessage());
        }
    }

    /** Reports of {@code source} that no process has registered in the catalog yet, oldest first. */
    public List<RunReport> unregistered(String source) {
        Path dir = new Path(lake.reports());
        List<RunReport> reports = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return reports;
            }
            FileStatus[] found = fs.listStatus(dir, p -> p.getName().endsWith("-" + source + ".json")
                    && !p.getName().startsWith("."));
            java.util.Arrays.sort(found, java.util.Comparator.comparing(st -> st.getPath().getName()));
            for (FileStatus st : found) {
                if (fs.exists(new Path(st.getPath().toString() + REGISTERED))) {
                    continue;
                }
                try (InputStream in = fs.open(st.getPath())) {
                    RunReport report = JSON.readValue(in, RunReport.class);
                    if (report.source().equals(source)) {
                        reports.add(report);
                    }
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable run report {}: {}", st.getPath(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list the run reports in {}: {}", dir, e.getMessage());
        }
        return reports;
    }

    private Path path(RunReport report) {
        return new Path(lake.reports(), report.runId() + "-" + report.source() + ".json");
    }
}
