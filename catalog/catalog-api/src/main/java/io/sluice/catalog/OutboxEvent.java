package io.sluice.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run event waiting in the catalog's outbox for exporters ({@link io.sluice.catalog.export.Exporter}). The
 * catalog enqueues one in the same transaction as {@link Catalog#startRun} ({@link Type#START}) and
 * {@link Catalog#finishRun} ({@link Type#COMPLETE} or {@link Type#FAIL}), so an event exists exactly when its run
 * state does. Inputs and outputs are a snapshot taken then, from the run's lineage edges (or the dataset's latest
 * edges when the run has recorded none yet) and the registered schemas.
 *
 * @param id        the outbox's sequence number; events of one store are exported in this order
 * @param type      what happened
 * @param eventTime when it happened: the run's start for {@code START}, its end otherwise
 * @param run       the run as recorded now (a {@code START} event of a finished run sees the finished record)
 * @param inputs    assets the run read
 * @param outputs   assets the run wrote
 * @param attempts  failed delivery attempts to the sink that claimed it
 */
public record OutboxEvent(long id, Type type, Instant eventTime, RunRecord run, List<EventDataset> inputs,
        List<EventDataset> outputs, int attempts) {

    /** What happened to the run. */
    public enum Type {
        /** The run started. */
        START,
        /** The run succeeded. */
        COMPLETE,
        /** The run failed. */
        FAIL;

        /** The event a run's final status produces. */
        public static Type of(RunStatus status) {
            return switch (status) {
                case RUNNING -> START;
                case SUCCEEDED -> COMPLETE;
                case FAILED -> FAIL;
            };
        }
    }

    public OutboxEvent {
        Objects.requireNonNull(type, "type");
        eventTime = Objects.requireNonNull(eventTime, "eventTime").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(run, "run");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * An asset as it was when the event was enqueued.
     *
     * @param name     the asset
     * @param location where it is; empty when the asset was not registered (a source table, say)
     * @param format   its storage format; empty when not registered
     * @param columns  its schema; empty when not registered
     */
    public record EventDataset(AssetName name, Optional<String> location, Optional<String> format,
            List<Column> columns) {
        public EventDataset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(format, "format");
            columns = List.copyOf(columns);
        }
    }
}
