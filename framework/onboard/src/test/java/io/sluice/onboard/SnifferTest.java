package io.sluice.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delimiter, encoding, escape and preamble, told by the files connector's own parser. */
class SnifferTest {
    @TempDir
    Path dir;

    @Test
    void aSemicolonFileInWindows1252IsToldApart() throws IOException {
        Path file = write("prices.csv", "article;prix;libellé\n1;2,50;café crème\n2;3,10;thé\n",
                Charset.forName("windows-1252"));

        Dialect d = Sniffer.sniff(file, Optional.empty());

        assertThat(d.delimiter()).isEqualTo(';');
        assertThat(d.encoding()).isEqualTo("windows-1252");
        assertThat(d.extract("p/*.csv")).containsEntry("delimiter", ";").containsEntry("encoding", "windows-1252");
    }

    @Test
    void aUtf8ByteOrderMarkIsUtf8() throws IOException {
        Path file = write("bom.csv", "\uFEFFa,b\n1,2\n", StandardCharsets.UTF_8);

        Dialect d = Sniffer.sniff(file, Optional.empty());

        assertThat(d.encoding()).isEqualTo("UTF-8");
        assertThat(d.notes()).anyMatch(n -> n.contains("byte-order mark"));
    }

    @Test
    void preambleLinesBeforeTheHeaderAreCounted() throws IOException {
        Path file = write("report.csv", "Sales report\r\nexported 2026-12-01 by ERP\r\nid,amount,region\r\n"
                + "1,2.5,north\r\n2,3.5,south\r\n3,1.0,north\r\n", StandardCharsets.UTF_8);

        Dialect d = Sniffer.sniff(file, Optional.empty());

        assertThat(d.skipLines()).isEqualTo(2);
        assertThat(d.delimiter()).isEqualTo(',');
    }

    @Test
    void backslashEscapedQuotesAreNoticed() throws IOException {
        Path file = write("esc.csv", "id,text\n1,\"say \\\"hi\\\", then go\"\n2,\"plain, text\"\n3,x\n",
                StandardCharsets.UTF_8);

        Dialect d = Sniffer.sniff(file, Optional.empty());

        assertThat(d.escape()).isEqualTo('\\');
        assertThat(d.delimiter()).isEqualTo(',');
    }

    @Test
    void aTabSeparatedFileNamedCsvIsToldByItsRecords() throws IOException {
        Path file = write("t.csv", "a\tb\tc\n1\t2\t3\n4\t5\t6\n", StandardCharsets.UTF_8);

        assertThat(Sniffer.sniff(file, Optional.empty()).extract("x")).containsEntry("delimiter", "\\t");
    }

    private Path write(String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(charset));
        return file;
    }
}
