package io.sluice.connector.jdbc;

import io.sluice.metadata.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A typed incremental watermark. It travels through the run manifest as {@link #stored()} text and reaches SQL
 * only through {@link #literal(SqlDialect)}, which renders the parsed value, never the stored text, so that a
 * tampered manifest cannot inject SQL.
 */
public sealed interface Watermark extends Comparable<Watermark> {

    /** The text kept in the run manifest. */
    String stored();

    /** The value as a SQL literal of {@code dialect}; the only way a watermark enters SQL. */
    String literal(SqlDialect dialect);

    /** For ordering two watermarks of one column. */
    Comparable<?> key();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    default int compareTo(Watermark other) {
        return ((Comparable) key()).compareTo(other.key());
    }

    /**
     * Parses a watermark the framework kept from an earlier run.
     *
     * @throws SluiceException category INTERNAL, code {@code WATERMARK_INVALID}, when the text is not of {@code type}
     */
    static Watermark parse(String stored, JdbcExtract.WatermarkType type) {
        try {
            return switch (type) {
                case NUMBER -> new Number(new BigDecimal(stored.trim()));
                case TIMESTAMP -> stored.endsWith("Z") || stored.matches(".*[+-]\\d\\d:\\d\\d$")
                        ? new TimestampTz(OffsetDateTime.parse(stored))
                        : new Timestamp(LocalDateTime.parse(stored));
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SluiceException(JdbcErrorCode.WATERMARK_INVALID, "the stored watermark '"
                    + stored.replaceAll("[\\r\\n]", " ") + "' is not a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + "; run once with --full to start the watermark again");
        }
    }

    /** An increasing number column. */
    record Number(BigDecimal value) implements Watermark {
        public Number {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String stored() {
            return value.toPlainString();
        }

        @Override
        public String literal(SqlDialect dialect) {
            return value.toPlainString();
        }

        @Override
        public Comparable<?> key() {
            return value;
        }
    }

    /** A timestamp without time zone, truncated to microseconds (downwards, so no row is skipped). */
    record Timestamp(LocalDateTime value) implements Watermark {
        public Timestamp {
            value = value.truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public String stored() {
            return value.toString();
        }

        @Override
        public String literal(SqlDialect dialect) {
            return dialect.timestampLiteral(value);
        }

        @Override
        public Comparable<?> key() {
            return value.toInstant(ZoneOffset.UTC);
        }
    }

    /** A timestamp with time zone, kept in UTC, truncated to microseconds. */
    record TimestampTz(OffsetDateTime value) implements Watermark {
        public TimestampTz {
            value = value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        }

        static TimestampTz of(Instant instant) {
            return new TimestampTz(instant.atOffset(ZoneOffset.UTC));
        }

        @Override
        public String stored() {
            return value.toString();
        }

        @Override
        public String literal(SqlDialect dialect) {
            return dialect.timestampTzLiteral(value);
        }

        @Override
        public Comparable<?> key() {
            return value.toInstant();
        }
    }
}
