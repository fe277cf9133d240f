package io.sluice.connector.feed;

import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageEntry;
import io.sluice.connector.storage.StoragePath;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * One delivery in the landing area: files that belong together and are ingested all or nothing.
 *
 * @param name     the folder's name, or the {@code delivery} group of the grouping pattern
 * @param folder   the delivery's own folder; empty when its files share a folder with other deliveries
 * @param entries  every file of the delivery, uploads in progress included, sorted by name
 */
record Delivery(String name, Optional<StoragePath> folder, List<StorageEntry> entries) {
    Delivery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        entries = List.copyOf(entries);
    }

    /** The deliveries under {@code root}, sorted by name; folders and files starting with _ or . are skipped. */
    static List<Delivery> list(Storage storage, StoragePath root, FeedExtract extract) throws IOException {
        List<StorageEntry> children = storage.list(root);
        List<Delivery> out = new ArrayList<>();
        if (extract.grouping().isEmpty()) {
            for (StorageEntry child : children) {
                if (child.directory() && !FeedPaths.isTemporary(child.name())) {
                    List<StorageEntry> files = storage.list(child.path()).stream()
                            .filter(e -> !e.directory()).toList();
                    out.add(new Delivery(child.name(), Optional.of(child.path()), files));
                }
            }
            return out;
        }
        Map<String, List<StorageEntry>> byName = new TreeMap<>();
        for (StorageEntry child : children) {
            Matcher m = extract.grouping().get().matcher(child.name());
            if (!child.directory() && !child.name().startsWith("_") && !child.name().startsWith(".") && m.matches()) {
                byName.computeIfAbsent(m.group("delivery"), k -> new ArrayList<>()).add(child);
            }
        }
        byName.forEach((name, files) -> out.add(new Delivery(name, Optional.empty(), files)));
        return out;
    }

    /** Files that are not uploads in progress. */
    List<StorageEntry> files() {
        return entries.stream().filter(e -> !FeedPaths.isTemporary(e.name())).toList();
    }

    /** The files whose names match {@code glob} ({@code {delivery}} = this delivery's name). */
    List<StorageEntry> matching(String glob) {
        return files().stream().filter(e -> FeedPaths.matches(glob, name, e.name())).toList();
    }

    /** The data files of a dataset: matching its {@code files} glob, and no marker, manifest or column headers. */
    List<StorageEntry> dataFiles(FeedExtract extract) {
        return matching(extract.files()).stream()
                .filter(e -> extract.markers().stream().noneMatch(m -> FeedPaths.matches(m, name, e.name())))
                .filter(e -> extract.manifest().filter(m -> FeedPaths.matches(m, name, e.name())).isEmpty())
                .filter(e -> extract.columnHeaders().filter(m -> FeedPaths.matches(m, name, e.name())).isEmpty())
                .toList();
    }

    /** Why the delivery is not complete yet, or empty when it is. */
    Optional<String> waitingReason(FeedExtract extract, Clock clock) {
        Instant since = entries.stream().map(StorageEntry::lastModified).min(Comparator.naturalOrder())
                .orElse(clock.instant());
        return switch (extract.completion()) {
            case MARKER -> extract.markers().stream().anyMatch(m -> !matching(m).isEmpty()) ? Optional.empty()
                    : Optional.of("delivery " + name + ": waiting for a completion marker (" + String.join(", ",
                    extract.markers()) + ") since " + since);
            case MANIFEST -> !matching(extract.manifest().orElseThrow()).isEmpty() ? Optional.empty()
                    : Optional.of("delivery " + name + ": waiting for the manifest (" + extract.manifest().get()
                    + ") since " + since);
            case QUIET -> {
                Instant last = entries.stream().map(StorageEntry::lastModified).max(Comparator.naturalOrder())
                        .orElse(since);
                Instant complete = last.plus(extract.quietPeriod().orElseThrow());
                yield clock.instant().isBefore(complete) ? Optional.of("delivery " + name + ": waiting for "
                        + extract.quietPeriod().get() + " without change (last change " + last + ", complete at "
                        + complete + ")") : Optional.empty();
            }
        };
    }
}
