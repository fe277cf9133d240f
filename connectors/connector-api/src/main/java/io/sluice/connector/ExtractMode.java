package io.sluice.connector;

/** Whether a run extracts only what is new of a dataset or everything again. */
public enum ExtractMode {
    /** Only what is new since the last landing. */
    INCREMENTAL,
    /** Everything the source holds, ignoring the watermark. */
    FULL
}
