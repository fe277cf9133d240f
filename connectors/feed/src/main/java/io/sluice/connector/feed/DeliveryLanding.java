package io.sluice.connector.feed;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.EarlierBatch;
import io.sluice.connector.LandingContext;
import io.sluice.connector.feed.FeedFormat.Parsed;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one complete delivery for one dataset: copies its data files into the run folder (each read once, while
 * its checksums, records and control total are computed), keeps its manifest, markers and column headers beside
 * them under {@code _delivery/}, recognises a re-sent delivery, and runs the declared checks.
 */
final class DeliveryLanding {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLanding.class);
    /** Attribute naming the delivery; with {@link #VERSION} what the run report and later runs see. */
    static final String DELIVERY = "delivery";
    static final String VERSION = "version";
    static final String CONTENT = "content_sha256";
    static final String DUPLICATE = "duplicate";

    /** What landing one data file found. */
    record FileFacts(StorageEntry entry, String raw, long size, String md5, String sha256, long records,
                     BigDecimal total, long notNumbers, List<String> headers, List<String> trailers,
                     Optional<String> failure) {
    }

    private final String dataset;
    private final FeedExtract extract;
    private final List<String> declared;
    private final Storage storage;

    DeliveryLanding(String dataset, FeedExtract extract, List<String> declared, Storage storage) {
        this.dataset = dataset;
        this.extract = extract;
        this.declared = List.copyOf(declared);
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * Lands {@code delivery}. A delivery landed before with the same content gives an empty batch whose
     * attributes say {@code duplicate}; one failing a check gives a rejected batch.
     */
    LandedBatch land(Delivery delivery, LandingContext target) {
        List<StorageEntry> data = delivery.dataFiles(extract);
        List<Map<String, String>> earlier = target.earlierBatches().stream().map(EarlierBatch::attributes)
                .filter(b -> delivery.name().equals(b.get(DELIVERY))).toList();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(DELIVERY, delivery.name());
        Path folder = new Path(target.directory());
        FileSystem lake = lake(folder, target);
        List<String> names = fieldNames(delivery);
        List<FileFacts> facts = new ArrayList<>();
        for (StorageEntry file : data) {
            facts.add(copy(file, new Path(folder, file.name()), lake, names));
        }
        String content = sha256(String.join("\n", facts.stream().map(f -> f.entry().name() + "\t" + f.sha256())
                .toList()));
        boolean sameContent = earlier.stream().anyMatch(b -> content.equals(b.get(CONTENT)));
        if (!facts.isEmpty() && (sameContent || facts.stream().allMatch(f -> target.alreadyLanded().test(f.sha256())))) {
            LOG.info("{}: delivery {} holds the same files as one landed before; skipping it", dataset,
                    delivery.name());
            facts.forEach(f -> delete(lake, new Path(f.raw())));
            attributes.put(DUPLICATE, "true");
            return LandedBatch.landed(List.of(), attributes);
        }
        keepCompanions(delivery, data, new Path(folder, "_delivery"), lake);
        attributes.put(VERSION, Integer.toString(earlier.size() + 1));
        attributes.put(CONTENT, content);
        List<LandedFile> landed = facts.stream().map(f -> new LandedFile(f.entry().path().toString(), f.raw(), f.size(),
                f.sha256(), f.records(), names)).toList();
        List<String> problems = new DeliveryChecks(extract, delivery, names, manifest(delivery)).problems(facts);
        if (!problems.isEmpty()) {
            String reason = "delivery " + delivery.name() + ": " + String.join("; ", problems);
            LOG.warn("{}: {}; its files are kept in {}", dataset, reason, folder);
            return LandedBatch.rejected(landed, reason, attributes);
        }
        return LandedBatch.landed(landed, attributes);
    }

    /** The field names of the data files: the layout's, the column headers file's, or the declared columns. */
    private List<String> fieldNames(Delivery delivery) {
        if (extract.format() instanceof FeedFormat.FixedWidth fixed) {
            return fixed.names();
        }
        if (extract.format() instanceof FeedFormat.AdobeTsv && extract.columnHeaders().isPresent()) {
            List<StorageEntry> found = delivery.matching(extract.columnHeaders().get());
            if (found.isEmpty()) {
                return List.of();
            }
            try (InputStream in = storage.open(found.get(0).path());
                 FeedRecords records = FeedRecords.of(in, found.get(0).name(), extract.charset(), true, 0, 0)) {
                return records.hasNext() ? FeedFormat.AdobeTsv.splitEscaped(records.next().text(), '\t') : List.of();
            } catch (IOException | UncheckedIOException e) {
                throw FeedErrors.copyFailed(dataset, found.get(0).path().toString(), "memory", e);
            }
        }
        return declared;
    }

    /** The parsed manifest, or why it could not be had; empty when none is declared. */
    private Optional<DeliveryChecks.ManifestOrProblem> manifest(Delivery delivery) {
        if (extract.manifest().isEmpty()) {
            return Optional.empty();
        }
        List<StorageEntry> found = delivery.matching(extract.manifest().get());
        if (found.isEmpty()) {
            return Optional.of(DeliveryChecks.ManifestOrProblem.problem("the manifest (" + extract.manifest().get()
                    + ") is missing"));
        }
        StorageEntry file = found.get(0);
        try (InputStream in = storage.open(file.path())) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(DeliveryChecks.ManifestOrProblem.of(Manifest.parse(extract.manifestFormat(), text,
                    extract.manifestDelimiter())));
        } catch (Manifest.MalformedException e) {
            return Optional.of(DeliveryChecks.ManifestOrProblem.problem("manifest " + file.name() + " is not a "
                    + extract.manifestFormat().spelling() + " manifest: " + e.getMessage()));
        } catch (IOException e) {
            throw FeedErrors.copyFailed(dataset, file.path().toString(), "memory", e);
        }
    }

    private FileFacts copy(StorageEntry file, Path copy, FileSystem lake, List<String> names) {
        int totalColumn = extract.checks().controlTotal().map(t -> names.indexOf(t.column())).orElse(-1);
        try (InputStream in = storage.open(file.path()); OutputStream out = lake.create(copy, false)) {
            CopyingInputStream tee = new CopyingInputStream(in, out);
            long records = 0;
            long notNumbers = 0;
            BigDecimal total = BigDecimal.ZERO;
            List<String> headers = List.of();
            List<String> trailers = List.of();
            Optional<String> failure = Optional.empty();
            try (FeedRecords parsed = FeedRecords.of(tee, file.name(), extract.charset(), extract.format().escaped(),
                    extract.headerRecords(), extract.trailerRecords())) {
                headers = parsed.headers();
                while (parsed.hasNext()) {
                    FeedRecords.Record r = parsed.next();
                    records++;
                    if (totalColumn >= 0) {
                        Parsed p = extract.format().parse(r.text(), names.size());
                        try {
                            total = total.add(new BigDecimal(p.values()[totalColumn].strip()));
                        } catch (RuntimeException e) {
                            notNumbers++;
                        }
                    }
                }
                trailers = parsed.trailers();
            } catch (IOException | UncheckedIOException e) {
                failure = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            tee.drain();
            return new FileFacts(file, copy.toString(), tee.bytes(), tee.md5(), tee.sha256(), records, total,
                    notNumbers, headers, trailers, failure);
        } catch (IOException e) {
            delete(lake, copy);
            throw FeedErrors.copyFailed(dataset, file.path().toString(), copy.toString(), e);
        }
    }

    /** The delivery's manifest, markers and column headers, kept as evidence beside the data, never read. */
    private void keepCompanions(Delivery delivery, List<StorageEntry> data, Path folder, FileSystem lake) {
        List<String> globs = new ArrayList<>(extract.markers());
        extract.manifest().ifPresent(globs::add);
        extract.columnHeaders().ifPresent(globs::add);
        for (StorageEntry file : delivery.files()) {
            if (data.contains(file) || globs.stream().noneMatch(g -> FeedPaths.matches(g, delivery.name(),
                    file.name()))) {
                continue;
            }
            Path copy = new Path(folder, file.name());
            try (InputStream in = storage.open(file.path()); OutputStream out = lake.create(copy, false)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw FeedErrors.copyFailed(dataset, file.path().toString(), copy.toString(), e);
            }
        }
    }

    private FileSystem lake(Path folder, LandingContext target) {
        try {
            return folder.getFileSystem(target.hadoopConf());
        } catch (IOException e) {
            throw FeedErrors.copyFailed(dataset, "the delivery", folder.toString(), e);
        }
    }

    private void delete(FileSystem fs, Path path) {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("{}: could not remove {} ({}); remove it by hand", dataset, path, e.getMessage());
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(CopyingInputStream.digest("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
