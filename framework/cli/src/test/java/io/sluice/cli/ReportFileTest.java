package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file of {@code --report}: written whole, and a path that cannot be written is the user's to fix. */
class ReportFileTest {

    @Test
    void theReportIsWrittenWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");

        RunCommand.write(file, "{\"status\":\"SUCCEEDED\"}");

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"SUCCEEDED\"}");
    }

    @Test
    void aReportFileThatCannotBeWrittenIsAUsageErrorThatSaysWhatToDo(@TempDir Path dir) {
        Path file = dir.resolve("no-such-folder").resolve("report.json");

        assertThatThrownBy(() -> RunCommand.write(file, "{}"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("REPORT_UNWRITABLE");
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER);
                    assertThat(ExitCodes.of(e.category())).isEqualTo(64);
                })
                .hasMessageStartingWith("could not write the report " + file + ": ")
                .hasMessageEndingWith(" (the run itself is done and its report is in the lake's _sluice/reports;"
                        + " give --report a writable file)");
    }
}
