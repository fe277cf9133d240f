package io.sluice.compat.write;

/**
 * A data file written by {@link ZoneSplitWriter} and not yet part of any table.
 *
 * @param path             its absolute Hadoop path
 * @param size             bytes
 * @param modificationTime milliseconds since the epoch, as the file system reports it
 * @param records          rows, from the file's footer
 * @param stats            Delta per-file statistics (JSON: numRecords, minValues, maxValues, nullCount), from the
 *                         footer's column statistics
 */
public record StagedFile(String path, long size, long modificationTime, long records, String stats) {
}
