package io.sluice.connector;

import java.util.Objects;

/**
 * Where a source keeps a dataset, as the catalog registers it: never a connection setting or a resolved
 * reference.
 *
 * @param location the dataset in the source, prefixed with the connector's name: {@code files:inventory/*.csv}
 *                 (a landing glob), {@code jdbc:sales.orders} (a table), {@code jdbc:query} (a query)
 * @param format   the raw format the connector lands, e.g. {@code csv}, {@code avro}; the connector's name when
 *                 the descriptor does not name one
 */
public record SourceDescription(String location, String format) {
    public SourceDescription {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
    }
}
