package io.sluice.framework.report;

/** How many rejected rows of a run failed one rule on one column. {@code column} is null for whole-record rules. */
public record ErrorReason(String column, String rule, long count) {
}
