package io.sluice.framework.land;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.framework.run.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw zone of one dataset: its run folders, their manifests and commit markers.
 *
 * <p>A run folder moves through three states. <em>Landing</em>: files are being copied, no manifest yet; such a
 * folder left by a killed run is deleted by the next run. <em>Landed</em>: {@code _manifest.json} exists, the
 * rows are not yet published; the next run publishes it again under the same run id (the zone writes are
 * idempotent per run id). <em>Committed</em>: {@code _committed} exists; its files are never ingested again.
 * The checksums of every landed or committed manifest form the ledger that keeps a re-delivered identical file
 * from being ingested twice.
 */
public final class RawZone {
    private static final Logger LOG = LoggerFactory.getLogger(RawZone.class);
    static final String MANIFEST = "_manifest.json";
    static final String COMMITTED = "_committed";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final LakeLayout lake;
    private final String source;
    private final String dataset;
    private final Configuration hadoopConf;

    public RawZone(LakeLayout lake, String source, String dataset, Configuration hadoopConf) {
        this.lake = lake;
        this.source = source;
        this.dataset = dataset;
        this.hadoopConf = hadoopConf;
    }

    /** A landed, not yet committed run, oldest first. */
    public List<Manifest> pendingRuns() {
        List<Manifest> pending = new ArrayList<>();
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() != null && !folder.committed() && !folder.manifest().rejected()) {
                pending.add(folder.manifest());
            }
        }
        pending.sort(Comparator.comparing(Manifest::landedAt).thenComparing(Manifest::runId));
        return pending;
    }

    /**
     * The attributes of every landed or rejected batch, oldest first, each with {@code _status} and
     * {@code _run_id} added: what a feed needs to number a re-delivery.
     */
    public List<java.util.Map<String, String>> earlierBatches() {
        List<Manifest> manifests = new ArrayList<>();
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() != null) {
                manifests.add(folder.manifest());
            }
        }
        manifests.sort(Comparator.comparing(Manifest::landedAt).thenComparing(Manifest::runId));
        List<java.util.Map<String, String>> batches = new ArrayList<>();
        for (Manifest m : manifests) {
            java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>(m.attributes());
            attributes.put("_status", m.status().name());
            attributes.put("_run_id", m.runId());
            batches.add(java.util.Collections.unmodifiableMap(attributes));
        }
        return batches;
    }

    /** The run date ({@code ingest_date}) a run landed under, empty when no such run folder exists. */
    public Optional<LocalDate> runDateOf(String runId) {
        Path pattern = new Path(lake.raw(source, dataset) + "/ingest_date=*/run=" + runId);
        try {
            FileStatus[] found = pattern.getFileSystem(hadoopConf).globStatus(pattern);
            if (found == null || found.length == 0) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.parse(found[0].getPath().getParent().getName().substring("ingest_date=".length())));
        } catch (IOException e) {
            throw storageError("list the raw zone " + lake.raw(source, dataset), e);
        }
    }

    /** Checksums of every file of every landed run (committed, pending or rejected). */
    public Set<String> landedChecksums() {
        Set<String> sums = new HashSet<>();
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() != null) {
                folder.manifest().files().forEach(f -> sums.add(f.sha256()));
            }
        }
        return sums;
    }

    /** The high watermark of the most recent landed run that has one, for incremental extracts. */
    public Optional<String> lastWatermark() {
        return runFolders().stream().map(RunFolder::manifest).filter(m -> m != null && m.watermark().isPresent())
                .max(Comparator.comparing(Manifest::landedAt).thenComparing(Manifest::runId))
                .flatMap(Manifest::watermark);
    }

    /** Deletes run folders that an interrupted landing left without a manifest; returns how many. */
    public int discardInterruptedLandings() {
        int n = 0;
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() == null) {
                LOG.warn("Discarding interrupted landing {}", folder.path());
                delete(new Path(folder.path()));
                n++;
            }
        }
        return n;
    }

    /** Creates the (empty) raw folder of a run; an existing folder without manifest is emptied first. */
    public String createRunFolder(LocalDate runDate, String runId) {
        Path dir = new Path(lake.rawRun(source, dataset, runDate, runId));
        try {
            FileSystem fs = dir.getFileSystem(hadoopConf);
            if (fs.exists(dir)) {
                fs.delete(dir, true);
            }
            if (!fs.mkdirs(dir)) {
                throw new IOException("mkdirs returned false");
            }
            return dir.toString();
        } catch (IOException e) {
            throw storageError("create the raw folder " + dir, e);
        }
    }

    /** Writes the manifest atomically (temporary file, then rename): from now on the run is landed. */
    public void writeManifest(String runFolder, Manifest manifest) {
        writeAtomically(new Path(runFolder, MANIFEST), out -> JSON.writeValue(out, manifest));
    }

    /** Marks a run's rows as published: its files count as ingested for good. */
    public void markCommitted(Manifest manifest) {
        Path folder = new Path(lake.rawRun(source, dataset, manifest.runDate(), manifest.runId()));
        writeAtomically(new Path(folder, COMMITTED), out -> out.write(manifest.runId().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Removes a landed run that turned out empty (nothing new delivered). */
    public void deleteRunFolder(String runFolder) {
        delete(new Path(runFolder));
    }

    private List<RunFolder> runFolders() {
        Path pattern = new Path(lake.raw(source, dataset) + "/ingest_date=*/run=*");
        try {
            FileSystem fs = pattern.getFileSystem(hadoopConf);
            FileStatus[] found = fs.globStatus(pattern);
            List<RunFolder> folders = new ArrayList<>();
            if (found == null) {
                return folders;
            }
            for (FileStatus st : found) {
                if (!st.isDirectory()) {
                    continue;
                }
                Path manifestPath = new Path(st.getPath(), MANIFEST);
                Manifest manifest = null;
                if (fs.exists(manifestPath)) {
                    try (InputStream in = fs.open(manifestPath)) {
                        manifest = JSON.readValue(in, Manifest.class);
                    }
                }
                folders.add(new RunFolder(st.getPath().toString(), manifest, fs.exists(new Path(st.getPath(), COMMITTED))));
            }
            return folders;
        } catch (IOException e) {
            throw storageError("list the raw zone " + lake.raw(source, dataset), e);
        }
    }

    private void writeAtomically(Path target, IoWriter writer) {
        try {
            writeAtomically(target, hadoopConf, writer);
        } catch (IOException e) {
            throw storageError("write " + target, e);
        }
    }

    /**
     * Writes a file so that readers see it whole or not at all: into a hidden temporary file beside it, then a
     * rename (atomic on local disks and on ADLS Gen2 with a hierarchical namespace).
     */
    public static void writeAtomically(Path target, Configuration conf, IoWriter writer) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        try (OutputStream out = fs.create(tmp, true)) {
            writer.write(out);
        }
        io.sluice.framework.run.FaultPoints.reached("atomic-write.before-rename");
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("rename " + tmp + " -> " + target + " returned false");
        }
    }

    private void delete(Path path) {
        try {
            path.getFileSystem(hadoopConf).delete(path, true);
        } catch (IOException e) {
            throw storageError("delete " + path, e);
        }
    }

    public static SluiceException storageError(String operation, IOException e) {
        return new SluiceException(ErrorCategory.SOURCE, "STORAGE_FAILED",
                "could not " + operation + ": " + e.getMessage() + " (check the lake location and its permissions)", e);
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface IoWriter {
        void write(OutputStream out) throws IOException;
    }

    private record RunFolder(String path, Manifest manifest, boolean committed) {
    }
}
