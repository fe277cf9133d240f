package io.sluice.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.jdbc.JdbcExtract.WatermarkType;
import io.sluice.metadata.SluiceException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class WatermarkTest {
    private final SqlDialect ansi = SqlDialect.ansi();

    @Test
    void numbersRenderAsPlainNumericLiterals() {
        assertThat(Watermark.parse("1E+3", WatermarkType.NUMBER).literal(ansi)).isEqualTo("1000");
        assertThat(Watermark.parse("-12.50", WatermarkType.NUMBER).literal(ansi)).isEqualTo("-12.50");
        assertThat(new Watermark.Number(new BigDecimal("42")).stored()).isEqualTo("42");
    }

    @Test
    void timestampsRenderAsTypedLiteralsTruncatedToMicroseconds() {
        Watermark local = new Watermark.Timestamp(LocalDateTime.parse("2026-11-22T10:15:30.123456789"));
        assertThat(local.literal(ansi)).isEqualTo("TIMESTAMP '2026-11-22 10:15:30.123456'");
        assertThat(local.stored()).isEqualTo("2026-11-22T10:15:30.123456");
        Watermark zoned = Watermark.parse("2026-11-22T12:15:30+02:00", WatermarkType.TIMESTAMP);
        assertThat(zoned.literal(ansi)).isEqualTo("TIMESTAMP WITH TIME ZONE '2026-11-22 10:15:30.000000+00:00'");
        assertThat(zoned.stored()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(Watermark.parse(zoned.stored(), WatermarkType.TIMESTAMP)).isEqualTo(zoned);
    }

    @Test
    void storedTextThatIsNotAValueNeverReachesSql() {
        assertThatThrownBy(() -> Watermark.parse("1 OR 1=1", WatermarkType.NUMBER))
                .isInstanceOf(SluiceException.class)
                .hasMessage("the stored watermark '1 OR 1=1' is not a number; run once with --full to start the"
                        + " watermark again");
        assertThatThrownBy(() -> Watermark.parse("2026-01-01' OR '1'='1", WatermarkType.TIMESTAMP))
                .hasMessage("the stored watermark '2026-01-01' OR '1'='1' is not a timestamp; run once with --full"
                        + " to start the watermark again");
    }

    @Test
    void quotesCannotAppearInALiteral() {
        // Every literal is rebuilt from a parsed value: whatever the stored text was, only digits, separators
        // and the dialect's own keywords come out, and a quote only as the literal's own delimiters.
        String literal = Watermark.parse("2026-01-01T00:00:00.5", WatermarkType.TIMESTAMP).literal(ansi);
        assertThat(literal).isEqualTo("TIMESTAMP '2026-01-01 00:00:00.500000'");
        assertThat(literal.chars().filter(c -> c == '\'').count()).isEqualTo(2);
    }

    @Test
    void watermarksOfOneColumnCompareByValue() {
        assertThat(Watermark.parse("10", WatermarkType.NUMBER))
                .isGreaterThan(Watermark.parse("9.5", WatermarkType.NUMBER));
        assertThat(new Watermark.TimestampTz(OffsetDateTime.parse("2026-01-01T01:00:00+02:00")))
                .isLessThan(new Watermark.TimestampTz(OffsetDateTime.parse("2026-01-01T00:00:00+00:00")));
    }
}
