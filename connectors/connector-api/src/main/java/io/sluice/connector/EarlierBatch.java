package io.sluice.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A batch an earlier run landed (or rejected) for the same dataset, as its manifest recorded it; lets a feed
 * number a re-delivery.
 *
 * @param runId      the run that landed it
 * @param status     {@link LandedBatch.Status#LANDED} or {@link LandedBatch.Status#REJECTED}
 * @param attributes the {@link LandedBatch#attributes()} the connector recorded with it
 */
public record EarlierBatch(String runId, LandedBatch.Status status, Map<String, String> attributes) {
    public EarlierBatch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
