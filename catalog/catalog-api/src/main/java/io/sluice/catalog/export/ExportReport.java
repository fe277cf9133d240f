package io.sluice.catalog.export;

import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Exporter#drain()} did.
 *
 * @param sink    the sink's id
 * @param sent    events delivered
 * @param failed  delivery attempts that failed (the event is retried by a later drain)
 * @param pending events the sink has still not received (-1 when the catalog could not be asked)
 * @param problem why the drain stopped early, if it did
 */
public record ExportReport(String sink, int sent, int failed, long pending, Optional<String> problem) {
    public ExportReport {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(problem, "problem");
    }
}
