package io.sluice.connector.feed;

import io.sluice.connector.LandedBatch;
import io.sluice.connector.LandedFile;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageEntry;
import io.sluice.connector.storage.StoragePath;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a processed delivery out of the landing area ({@code after_commit: archive} to
 * {@code <archive>/<path>/<delivery>}, or {@code delete}), once every dataset sharing it has committed it. Safe to
 * call again: a delivery already gone is left alone, and one whose data files changed since they were landed (a
 * re-delivery arriving under the same name) is kept for the next run.
 */
final class Archiver {
    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    /** Folder beside the deliveries holding, per delivery, one marker per dataset that committed it. */
    static final String COMMITS = "_sluice_commits";

    private final FeedConnection connection;
    private final Storage storage;

    Archiver(FeedConnection connection, Storage storage) {
        this.connection = connection;
        this.storage = storage;
    }

    void committed(String dataset, FeedExtract extract, LandedBatch batch) throws IOException {
        String name = batch.attributes().get(DeliveryLanding.DELIVERY);
        if (name == null || extract.afterCommit() == FeedExtract.AfterCommit.KEEP) {
            return;
        }
        StoragePath root = StoragePath.of(FeedPaths.child(connection.landing(), extract.path()));
        StoragePath commits = root.child(COMMITS).child(name);
        if (!extract.sharedWith().isEmpty()) {
            StoragePath marker = commits.child(dataset);
            if (storage.stat(marker).isEmpty()) {
                try (OutputStream out = storage.create(marker)) {
                    out.write(batch.attributes().getOrDefault(DeliveryLanding.VERSION, "").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            List<String> waitingFor = new ArrayList<>();
            for (String other : extract.sharedWith()) {
                if (storage.stat(commits.child(other)).isEmpty()) {
                    waitingFor.add(other);
                }
            }
            if (!waitingFor.isEmpty()) {
                LOG.info("{}: delivery {} stays in the landing area until {} committed it too", dataset, name,
                        String.join(", ", waitingFor));
                return;
            }
        }
        Optional<Delivery> delivery = Delivery.list(storage, root, extract).stream()
                .filter(d -> d.name().equals(name)).findFirst();
        if (delivery.isEmpty() || delivery.get().entries().isEmpty()) {
            LOG.info("{}: delivery {} is no longer in {}; nothing to {}", dataset, name, root,
                    extract.afterCommit().name().toLowerCase(java.util.Locale.ROOT));
            storage.delete(commits);
            return;
        }
        if (changed(delivery.get(), batch)) {
            LOG.warn("{}: delivery {} changed since it was landed; it stays in {} for the next run", dataset, name,
                    root);
            return;
        }
        if (extract.afterCommit() == FeedExtract.AfterCommit.DELETE) {
            delete(delivery.get());
            LOG.info("{}: deleted delivery {} from {}", dataset, name, root);
        } else {
            StoragePath target = archive(delivery.get(),
                    StoragePath.of(FeedPaths.child(connection.archive(), extract.path())));
            LOG.info("{}: archived delivery {} to {}", dataset, name, target);
        }
        storage.delete(commits);
    }

    /** True when a landed data file is gone or has another size: this is not the delivery that was landed. */
    private static boolean changed(Delivery delivery, LandedBatch batch) {
        Map<String, Long> sizes = new java.util.HashMap<>();
        delivery.entries().forEach(e -> sizes.put(e.path().toString(), e.size()));
        for (LandedFile f : batch.files()) {
            Long size = sizes.get(f.origin());
            if (size == null || size != f.size()) {
                return true;
            }
        }
        return false;
    }

    private void delete(Delivery delivery) throws IOException {
        if (delivery.folder().isPresent()) {
            storage.delete(delivery.folder().get());
            return;
        }
        for (StorageEntry e : delivery.entries()) {
            storage.delete(e.path());
        }
    }

    /**
     * Moves the delivery to {@code <base>/<delivery>}, or {@code <delivery>.2}, … when an earlier delivery of the
     * same name is archived there; a delivery whose files share a folder continues a move begun before a crash.
     */
    private StoragePath archive(Delivery delivery, StoragePath base) throws IOException {
        for (int n = 1; ; n++) {
            StoragePath target = base.child(delivery.name() + (n == 1 ? "" : "." + n));
            Optional<StorageEntry> existing = storage.stat(target);
            if (delivery.folder().isPresent()) {
                if (existing.isEmpty()) {
                    storage.move(delivery.folder().get(), target);
                    return target;
                }
                continue;
            }
            boolean free = true;
            for (StorageEntry e : delivery.entries()) {
                free &= storage.stat(target.child(e.name())).isEmpty();
            }
            if (free) {
                for (StorageEntry e : delivery.entries()) {
                    storage.move(e.path(), target.child(e.name()));
                }
                return target;
            }
        }
    }
}
