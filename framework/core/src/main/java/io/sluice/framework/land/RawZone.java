package io.sluice.framework.land;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.framework.lake.LakeLayout;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
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
 *
 * <p>A sealed run that is not committed may also carry {@code _state.json}: it {@link RunState#FAILED failed} to
 * publish, was {@link RunState#REJECTED refused} when counted again, or was {@link RunState#DISCARDED set aside}.
 * The state file is written atomically, like the manifest, and the commit marker outranks it: a failed run that a
 * retry publishes is published, whatever the state file still says. See {@link RunState}.
 */
public final class RawZone {
    private static final Logger LOG = LoggerFactory.getLogger(RawZone.class);
    static final String MANIFEST = "_manifest.json";
    static final String COMMITTED = "_committed";
    static final String STATE = "_state.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(LandedFiles.module())
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

    /** Landed runs not yet committed and in no other state (interrupted before their commit), oldest first. */
    public List<Manifest> pendingRuns() {
        return runs().stream().filter(r -> r.state() == RunState.LANDED).map(RunRecord::manifest).toList();
    }

    /** Every sealed run of the dataset with its state, oldest first (by landing time, then run id). */
    public List<RunRecord> runs() {
        List<RunRecord> runs = new ArrayList<>();
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() != null) {
                runs.add(folder.record());
            }
        }
        runs.sort(Comparator.comparing((RunRecord r) -> r.manifest().landedAt()).thenComparing(RunRecord::runId));
        return runs;
    }

    /** One sealed run by its id. */
    public Optional<RunRecord> run(String runId) {
        return runs().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /** Records that publishing the run failed (one more failed attempt); later runs retry it. */
    public RunRecord markFailed(Manifest manifest, String reason, ErrorCategory category, Instant at) {
        return mark(manifest, RunState.FAILED, reason, Optional.of(category), at, Optional.empty(), 1);
    }

    /** Records that the run, counted again under the current descriptor, is still refused for {@code reason}. */
    public RunRecord markRejected(Manifest manifest, String reason, Instant at) {
        return mark(manifest, RunState.REJECTED, reason, Optional.empty(), at, Optional.empty(), 1);
    }

    /** Sets the run aside: kept in raw, never published, never retried. */
    public RunRecord markDiscarded(Manifest manifest, String reason, String by, Instant at) {
        return mark(manifest, RunState.DISCARDED, reason, Optional.empty(), at, Optional.of(by), 0);
    }

    private RunRecord mark(Manifest manifest, RunState state, String reason, Optional<ErrorCategory> category,
                           Instant at, Optional<String> by, int failedAttempts) {
        Path folder = new Path(lake.rawRun(source, dataset, manifest.runDate(), manifest.runId()));
        int attempts = readState(folder).map(StateFile::attempts).orElse(0) + failedAttempts;
        StateFile file = new StateFile(state, Optional.of(reason), category, attempts, at, by);
        writeAtomically(new Path(folder, STATE), out -> JSON.writeValue(out, file));
        return new RunRecord(manifest, folder.toString(), state, file.reason(), category, attempts, Optional.of(at), by);
    }

    /**
     * Replaces a sealed run's manifest (new record counts after counting its files again under the current
     * descriptor) atomically: a reader sees the old one or the new one.
     */
    public void rewriteManifest(Manifest manifest) {
        writeManifest(lake.rawRun(source, dataset, manifest.runDate(), manifest.runId()), manifest);
    }

    private Optional<StateFile> readState(Path folder) {
        Path path = new Path(folder, STATE);
        try {
            FileSystem fs = path.getFileSystem(hadoopConf);
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Optional.of(JSON.readValue(in, StateFile.class));
            }
        } catch (IOException e) {
            throw storageError("read the run state " + path, e);
        }
    }

    /** Every landed or rejected batch of the dataset, oldest first: what a feed needs to number a re-delivery. */
    public List<io.sluice.connector.EarlierBatch> earlierBatches() {
        List<Manifest> manifests = new ArrayList<>();
        for (RunFolder folder : runFolders()) {
            if (folder.manifest() != null) {
                manifests.add(folder.manifest());
            }
        }
        manifests.sort(Comparator.comparing(Manifest::landedAt).thenComparing(Manifest::runId));
        List<io.sluice.connector.EarlierBatch> batches = new ArrayList<>();
        for (Manifest m : manifests) {
            batches.add(new io.sluice.connector.EarlierBatch(m.runId(), m.status(), m.attributes()));
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
                Optional<StateFile> state = manifest == null ? Optional.empty() : readState(st.getPath());
                folders.add(new RunFolder(st.getPath().toString(), manifest, fs.exists(new Path(st.getPath(), COMMITTED)),
                        state));
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
        io.sluice.framework.fault.FaultPoints.reached("atomic-write.before-rename");
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
        return new SluiceException(StandardErrorCode.STORAGE_FAILED,
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

    /** What {@code _state.json} holds. */
    record StateFile(RunState state, Optional<String> reason, Optional<ErrorCategory> category, int attempts,
                     Instant at, Optional<String> by) {
        StateFile {
            reason = reason == null ? Optional.empty() : reason;
            category = category == null ? Optional.empty() : category;
            by = by == null ? Optional.empty() : by;
        }
    }

    private record RunFolder(String path, Manifest manifest, boolean committed, Optional<StateFile> state) {
        /** The commit marker outranks the state file, which outranks the manifest's own status. */
        RunRecord record() {
            if (committed) {
                return new RunRecord(manifest, path, RunState.PUBLISHED, Optional.empty(), Optional.empty(),
                        state.map(StateFile::attempts).orElse(0), Optional.empty(), Optional.empty());
            }
            if (state.isPresent()) {
                StateFile s = state.get();
                return new RunRecord(manifest, path, s.state(), s.reason(), s.category(), s.attempts(),
                        Optional.of(s.at()), s.by());
            }
            if (manifest.rejected()) {
                return new RunRecord(manifest, path, RunState.REJECTED, manifest.reason(), Optional.empty(), 0,
                        Optional.of(manifest.landedAt()), Optional.empty());
            }
            return new RunRecord(manifest, path, RunState.LANDED, Optional.empty(), Optional.empty(), 0,
                    Optional.of(manifest.landedAt()), Optional.empty());
        }
    }
}
