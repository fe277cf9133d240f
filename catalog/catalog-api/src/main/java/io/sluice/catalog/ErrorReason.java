package io.sluice.catalog;

import java.util.Objects;

/**
 * One of a run's most frequent rejection reasons.
 *
 * @param reason what failed, e.g. {@code price: min 0} or {@code sold_at: not a timestamp (yyyy-MM-dd HH:mm:ss)};
 *               secrets in it are redacted
 * @param count  how many rows of the run were rejected for it
 */
public record ErrorReason(String reason, long count) {
    public ErrorReason {
        reason = Secrets.redact(Objects.requireNonNull(reason, "reason"));
        if (count < 0) {
            throw new IllegalArgumentException("error reason count must not be negative: " + count);
        }
    }
}
