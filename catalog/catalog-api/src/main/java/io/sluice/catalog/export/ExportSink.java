package io.sluice.catalog.export;

import io.sluice.catalog.OutboxEvent;

/**
 * Where an {@link Exporter} delivers the catalog's run events: an OpenLineage file or endpoint
 * ({@code sluice-catalog-openlineage}), and later Purview/Atlas or Unity Catalog. A sink only translates and
 * sends one event; the exporter and the catalog's outbox handle order, retries and sending each event once.
 *
 * <p>Implementations need not be thread-safe: an exporter calls one sink from one thread.
 */
public interface ExportSink extends AutoCloseable {

    /**
     * Names the destination in the outbox's delivery state: 1 to 64 letters, digits, {@code _ - . :}. Keep it
     * stable: a new id receives every event in the outbox again.
     */
    String id();

    /**
     * Delivers one event. Returning normally means the destination has it; any exception means it may not, and
     * the event is offered again later. Sending an event again after a failure must be harmless at the
     * destination (OpenLineage consumers key events by run id and event type).
     */
    void send(OutboxEvent event) throws Exception;

    /** Releases what the sink holds (connections, files); the default holds nothing. */
    @Override
    default void close() throws Exception {
    }
}
