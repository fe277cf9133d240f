package io.sluice.connector.feed;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.LandedBatch;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.LandingContext;
import io.sluice.connector.SourceDescription;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StoragePath;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code feed} connector: lands partner deliveries (sets of files that belong together) from a landing area,
 * all or nothing, once complete and checked; reads them back with its own record reader.
 *
 * <h2>One delivery per run</h2>
 * {@link FeedDataset#land} lists the deliveries of the dataset's {@code path} (through {@link Storage}, so a landing area on
 * ADLS works the same), oldest name first, and lands the first complete one that is new. Incomplete deliveries
 * are skipped (a later complete one is still landed); when nothing is new but something is incomplete the batch
 * is {@link LandedBatch.Status#WAITING} with the first incomplete delivery's reason. A delivery re-sent with the
 * same content (the same files' SHA-256 under the same name, or every file already landed) is
 * not landed again: it counts as processed and goes where {@code after_commit} says at once. A delivery under a
 * known name with other content is landed as a new {@code version}. A delivery failing a check is
 * {@link LandedBatch.Status#REJECTED}: its files are in raw, nothing is published.
 *
 * <h2>Batch attributes</h2>
 * {@code delivery} (its name), {@code version} (1 + earlier landed or rejected batches of that name) and
 * {@code content_sha256} (over the data files' names and SHA-256). A delivery is recognised by its content only:
 * a delivery kept in the landing area ({@code after_commit: keep}) is read again by every run.
 */
public final class FeedConnector implements SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnector.class);

    private final FeedConnection connection;
    private final ConnectorContext context;
    private final Clock clock;

    /**
     * @param clock the time quiet periods are measured against
     */
    public FeedConnector(FeedConnection connection, ConnectorContext context, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FeedConnection connection() {
        return connection;
    }

    @Override
    public FeedDataset bind(DatasetSpec dataset) {
        return new FeedDataset(dataset, FeedExtract.bind(dataset));
    }

    /** One dataset of a feed source, its {@code extract} block bound. */
    public final class FeedDataset implements DatasetSource {
        private final DatasetSpec dataset;
        private final FeedExtract extract;

        private FeedDataset(DatasetSpec dataset, FeedExtract extract) {
            this.dataset = dataset;
            this.extract = extract;
        }

        @Override
        public LandedBatch land(LandingContext target) {
            String root = FeedPaths.child(connection.landing(), extract.path());
            try (Storage storage = storage()) {
                List<Delivery> deliveries;
                try {
                    deliveries = Delivery.list(storage, StoragePath.of(root), extract);
                } catch (IOException e) {
                    throw FeedErrors.listingFailed(dataset.qualifiedName(), root, e);
                }
                DeliveryLanding landing = new DeliveryLanding(dataset.qualifiedName(), extract, declared(dataset),
                        storage);
                List<String> waiting = new ArrayList<>();
                for (Delivery delivery : deliveries) {
                    Optional<String> reason = delivery.waitingReason(extract, clock);
                    if (reason.isPresent()) {
                        waiting.add(reason.get());
                        continue;
                    }
                    LandedBatch batch = landing.land(delivery, target);
                    if (!batch.isEmpty()) {
                        return batch;
                    }
                    processed(batch, storage);
                }
                if (!waiting.isEmpty()) {
                    LOG.info("{}: {}", dataset.qualifiedName(), String.join("; ", waiting));
                    return LandedBatch.waiting(waiting.get(0) + (waiting.size() > 1 ? " (and "
                            + (waiting.size() - 1) + " more incomplete)" : ""));
                }
                return LandedBatch.empty();
            } catch (IOException e) {
                throw FeedErrors.listingFailed(dataset.qualifiedName(), root, e);
            }
        }

        @Override
        public Dataset<Row> read(SparkSession spark, LandedBatch batch) {
            return new FeedReader(extract, declared(dataset)).read(spark, batch);
        }

        /** Archives or deletes the batch's delivery per {@code after_commit}; a failure is logged, not thrown. */
        @Override
        public void afterCommit(LandedBatch batch) {
            try (Storage storage = storage()) {
                processed(batch, storage);
            } catch (IOException e) {
                LOG.warn("{}: could not close the landing storage ({})", dataset.qualifiedName(), e.getMessage());
            }
        }

        /** The deliveries folder and the record format as the descriptor writes it (else the connector's name). */
        @Override
        public SourceDescription describe() {
            return new SourceDescription(FeedConnectorFactory.TYPE + ":" + extract.path(),
                    dataset.extract().string("format").orElse(FeedConnectorFactory.TYPE));
        }

        private void processed(LandedBatch batch, Storage storage) {
            try {
                new Archiver(connection, storage).committed(dataset.name(), extract, batch);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: could not {} delivery {} ({}); it stays in the landing area and is tried again after"
                        + " the next run", dataset.qualifiedName(),
                        extract.afterCommit().name().toLowerCase(Locale.ROOT),
                        batch.attributes().get(DeliveryLanding.DELIVERY), e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "FeedDataset[" + dataset.qualifiedName() + ", path=" + extract.path() + "]";
        }
    }

    private Storage storage() {
        return context.storage(connection.landing());
    }

    private static List<String> declared(DatasetSpec dataset) {
        return dataset.columns().stream().map(ColumnSpec::sourceName).toList();
    }
}
