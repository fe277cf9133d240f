package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LineMark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The records before every possible split start, counted from the nearest mark, against a plain line split. */
class LineTallyTest {

    /** A line as Hadoop's reader cuts it: where it starts and whether Spark makes a row of it. */
    private record Line(int start, boolean record, boolean content, boolean afterHeader) {
    }

    @Test
    void everySplitStartGetsTheRecordsBeforeItFromTheNearestMark() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            boolean header = round % 2 == 0;
            byte[] file = randomFile(random, header);
            for (long every : new long[] {1, 5, 16, 1 << 20}) {
                check(file, header, every);
            }
        }
    }

    @Test
    void marksAreTheLastLineStartsAtOrBeforeEachMultipleOfTheIntervalAndNeverInTheHeader() {
        byte[] file = "id,name\r\n1,a\r\n\r\n2,b\n   \n3,c\r4,d".getBytes(StandardCharsets.UTF_8);
        LineTally tally = LineTally.fromStart(true, true, 0, 4);
        tally.feed(file, 0, file.length);
        assertThat(tally.finish()).isEqualTo(4);
        // header up to byte 8; "1,a" at 9, "2,b" at 16, "   " at 20 (blank), "3,c" at 24, "4,d" at 28
        assertThat(tally.marks()).containsExactly(new LineMark(9, 0), new LineMark(16, 1), new LineMark(20, 2),
                new LineMark(24, 2), new LineMark(28, 3));
        assertThat(new String(tally.headerLine(), StandardCharsets.UTF_8)).isEqualTo("id,name");
    }

    private static void check(byte[] file, boolean header, long every) {
        LineTally whole = LineTally.fromStart(true, header, 0, every);
        whole.feed(file, 0, file.length);
        List<Line> lines = lines(file, header);
        long total = lines.stream().filter(Line::record).count();
        assertThat(whole.finish()).isEqualTo(total);
        List<LineMark> marks = whole.marks();
        // the landing feeds a file in buffers: a line, a blank run or a \r\n may straddle two of them
        Random chunks = new Random(file.length * 31L + every);
        LineTally pieces = LineTally.fromStart(true, header, 0, every);
        for (int at = 0; at < file.length; ) {
            int n = Math.min(file.length - at, 1 + chunks.nextInt(7));
            pieces.feed(file, at, n);
            at += n;
        }
        assertThat(pieces.finish()).as("records fed in pieces").isEqualTo(total);
        assertThat(pieces.marks()).as("marks fed in pieces").isEqualTo(marks);
        for (LineMark mark : marks) {
            long before = lines.stream().filter(l -> l.record() && l.start() < mark.offset()).count();
            assertThat(lines).as("mark %s is a line start", mark).anyMatch(l -> l.start() == mark.offset());
            assertThat(mark.records()).as("records before mark %s", mark).isEqualTo(before);
        }
        // each multiple of the interval has a mark at the last line starting at or before it (past the header)
        for (long boundary = every; boundary < file.length; boundary += every) {
            long at = boundary;
            long lastStart = lines.stream().filter(l -> l.content() && l.afterHeader() && l.start() <= at)
                    .mapToLong(Line::start).max().orElse(-1);
            if (lastStart >= 0) {
                assertThat(marks).as("a mark for byte %d", at).contains(new LineMark(lastStart,
                        lines.stream().filter(l -> l.record() && l.start() < lastStart).count()));
            }
        }
        for (int start = 1; start < file.length; start++) {
            LineMark from = null;
            for (LineMark mark : marks) {
                if (mark.offset() <= start) {
                    from = mark;
                }
            }
            LineTally tally = from == null ? LineTally.fromStart(true, header, 0, 0) : LineTally.fromMark(true, from);
            int offset = from == null ? 0 : (int) from.offset();
            long counted = tally.feedUntilLineAfter(start, file, offset, file.length - offset);
            if (counted < 0) {
                counted = tally.finish();
            }
            assertThat(counted).as("records before a split at %d of %s (marks every %d)", start,
                    new String(file, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n"), every)
                    .isEqualTo(expectedBefore(lines, start));
        }
    }

    /**
     * A split at {@code start} skips through the first line break it meets, so its first row is the first line
     * starting after {@code start}: every line starting at or before it belongs to earlier splits.
     */
    private static long expectedBefore(List<Line> lines, int start) {
        return lines.stream().filter(l -> l.record() && l.start() <= start).count();
    }

    /** Hadoop's cut: breaks at \n, \r and \r\n; Spark's rows: not blank, not starting with NUL, not the header. */
    private static List<Line> lines(byte[] file, boolean header) {
        List<Line> out = new ArrayList<>();
        boolean headerPending = header;
        int i = 0;
        while (i < file.length) {
            int start = i;
            while (i < file.length && file[i] != '\n' && file[i] != '\r') {
                i++;
            }
            int end = i;
            if (i < file.length && file[i] == '\r' && i + 1 < file.length && file[i + 1] == '\n') {
                i += 2;
            } else if (i < file.length) {
                i++;
            }
            boolean blank = true;
            for (int j = start; j < end; j++) {
                if ((file[j] & 0xff) > 0x20) {
                    blank = false;
                }
            }
            boolean record = !blank && !(end > start && file[start] == 0);
            boolean afterHeader = !headerPending;
            if (headerPending && !blank) {
                headerPending = false;
                record = false;
            }
            out.add(new Line(start, record, end > start, afterHeader));
        }
        return out;
    }

    private static byte[] randomFile(Random random, boolean header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] breaks = {"\n", "\r\n", "\r"};
        String[] bodies = {"", " ", "\t", "a", "12,x", "\0comment", "  7,y ", "long,line,with,several,fields",
            " \t \u0001 ", "\t \t z"};
        if (header) {
            out.writeBytes(("" + (random.nextBoolean() ? "\n" : "") + "h1,h2" + breaks[random.nextInt(3)])
                    .getBytes(StandardCharsets.UTF_8));
        }
        int n = 1 + random.nextInt(12);
        for (int k = 0; k < n; k++) {
            out.writeBytes(bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8));
            if (k < n - 1 || random.nextBoolean()) {
                out.writeBytes(breaks[random.nextInt(3)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
