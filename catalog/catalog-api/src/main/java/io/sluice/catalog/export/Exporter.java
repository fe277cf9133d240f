package io.sluice.catalog.export;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the catalog's outbox into one {@link ExportSink}: oldest event first, each marked sent once the sink took
 * it, so that a second drain (in this process or another) sends nothing again. When the sink fails, the event is
 * retried by a later drain after a growing delay, and this drain stops there so that events stay in order.
 *
 * <p>{@link #drain()} never throws: an exporter runs after an ingestion run and must never fail it. Delivery is
 * exactly once unless the process dies between the sink's success and the catalog's mark; then the event is
 * sent again (at least once), which OpenLineage consumers tolerate.
 */
public final class Exporter {
    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
    /** Bounds one drain, so that a large backlog never holds up the run that triggered it for long. */
    static final int MAX_EVENTS_PER_DRAIN = 10_000;

    private final Catalog catalog;
    private final ExportSink sink;
    private final Clock clock;
    private final Duration lease;
    private final Duration firstRetry;
    private final Duration maxRetry;

    /**
     * @param lease      how long a claimed event is reserved for this exporter; longer than one send can take
     * @param firstRetry delay after a first failure; doubled after each further failure
     * @param maxRetry   the longest delay between attempts
     */
    public Exporter(Catalog catalog, ExportSink sink, Clock clock, Duration lease, Duration firstRetry,
            Duration maxRetry) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.firstRetry = Objects.requireNonNull(firstRetry, "firstRetry");
        this.maxRetry = Objects.requireNonNull(maxRetry, "maxRetry");
    }

    /** An exporter on the system clock: lease 5 minutes, retries after 30 s, 1 min, 2 min, … up to 1 hour. */
    public static Exporter of(Catalog catalog, ExportSink sink) {
        return new Exporter(catalog, sink, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofHours(1));
    }

    /** Sends every event that is due, in order, until the outbox is empty for this sink or the sink fails. */
    public ExportReport drain() {
        int sent = 0;
        int failed = 0;
        Optional<String> problem = Optional.empty();
        String id = "?";
        try {
            id = sink.id();
            while (sent < MAX_EVENTS_PER_DRAIN) {
                // One event per claim: a failure then leaves nothing else leased, and order is kept.
                List<OutboxEvent> claimed = catalog.claimEvents(id, clock.instant(), lease, 1);
                if (claimed.isEmpty()) {
                    break;
                }
                OutboxEvent event = claimed.get(0);
                try {
                    sink.send(event);
                } catch (Exception e) {
                    failed++;
                    Instant retryAt = clock.instant().plus(delay(event.attempts()));
                    String why = Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage());
                    catalog.markFailed(id, event.id(), retryAt, why);
                    problem = Optional.of("export to " + id + " failed for outbox event " + event.id() + " ("
                            + event.type() + " of " + event.run().key() + "): " + why + "; retried after " + retryAt);
                    LOG.warn("{}", problem.get());
                    break;
                }
                catalog.markSent(id, event.id(), clock.instant());
                sent++;
            }
        } catch (RuntimeException e) {
            problem = Optional.of("export to " + id + " stopped: " + Secrets.redact(String.valueOf(e.getMessage())));
            LOG.warn("{}", problem.get(), e);
        }
        return new ExportReport(id, sent, failed, pending(id), problem);
    }

    private long pending(String id) {
        try {
            return catalog.pendingEvents(id);
        } catch (RuntimeException e) {
            LOG.warn("export to {}: cannot count pending events: {}", id, e.getMessage());
            return -1;
        }
    }

    /** {@code firstRetry × 2^attempts}, at most {@code maxRetry}. */
    Duration delay(int attempts) {
        Duration delay = firstRetry;
        for (int i = 0; i < attempts && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
