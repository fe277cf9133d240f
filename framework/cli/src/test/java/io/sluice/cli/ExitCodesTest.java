package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.framework.report.RunStatus;
import io.sluice.metadata.ErrorCategory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run and a command that fail with the same category exit with the same code: there is one mapping. */
class ExitCodesTest {
    /** docs/operations.md: "the exit code is the most severe (1 > 2 > 64 > 3 > 6 > 4 > 5 > 0)". */
    private static final List<Integer> SEVERITY = List.of(1, 2, 64, 3, 6, 4, 5, 0);

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void aDatasetFailingWithACategoryGivesTheRunTheExitCodeOfACommandFailingWithIt(ErrorCategory category) {
        RunStatus status = RunStatus.of(List.of(published("shop.ok"), failed("shop.broken", category)), List.of());

        assertThat(status.exitCode()).isEqualTo(ExitCodes.of(category));
        assertThat(status).isEqualTo(RunStatus.failedWith(category));
    }

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void aRefinedDatasetFailingWithACategoryGivesTheRunTheExitCodeOfACommandFailingWithIt(ErrorCategory category) {
        RefinedOutcome refined = new RefinedOutcome("sales_by_day", RefinedOutcome.Status.FAILED, 0, Optional.empty(),
                Map.of(), 0.1, Optional.of("failed"), Optional.of(category));

        assertThat(RunStatus.of(List.of(published("shop.ok")), List.of(refined)).exitCode())
                .isEqualTo(ExitCodes.of(category));
    }

    @Test
    void theDocumentedExitCodesOfTheCategoriesStayAsTheyAre() {
        assertThat(ExitCodes.of(ErrorCategory.INTERNAL)).isEqualTo(ExitCodes.INTERNAL).isEqualTo(1);
        assertThat(ExitCodes.of(ErrorCategory.DESCRIPTOR)).isEqualTo(ExitCodes.DESCRIPTOR).isEqualTo(2);
        assertThat(ExitCodes.of(ErrorCategory.SOURCE)).isEqualTo(ExitCodes.SOURCE).isEqualTo(3);
        assertThat(ExitCodes.of(ErrorCategory.DATA)).isEqualTo(ExitCodes.THRESHOLD).isEqualTo(4);
        assertThat(ExitCodes.of(ErrorCategory.CONFLICT)).isEqualTo(ExitCodes.ALREADY_RUNNING).isEqualTo(6);
        assertThat(ExitCodes.of(ErrorCategory.USER)).isEqualTo(ExitCodes.USAGE).isEqualTo(64);
        assertThat(RunStatus.DELIVERY_WAITING.exitCode()).isEqualTo(ExitCodes.WAITING).isEqualTo(5);
        assertThat(RunStatus.SUCCEEDED.exitCode()).isEqualTo(ExitCodes.SUCCESS).isEqualTo(0);
    }

    @Test
    void whenDatasetsEndDifferentlyTheMostSevereExitCodeInTheDocumentedOrderWins() {
        List<List<DatasetOutcome>> single = new ArrayList<>();
        Arrays.stream(ErrorCategory.values()).forEach(c -> single.add(List.of(failed("shop.a", c))));
        single.add(List.of(waiting("shop.a")));
        single.add(List.of(published("shop.a")));
        for (List<DatasetOutcome> first : single) {
            for (List<DatasetOutcome> second : single) {
                int a = RunStatus.of(first, List.of()).exitCode();
                int b = RunStatus.of(second, List.of()).exitCode();
                List<DatasetOutcome> both = new ArrayList<>(first);
                both.addAll(second);
                int expected = SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
                assertThat(RunStatus.of(both, List.of()).exitCode()).as("%s with %s", first, second)
                        .isEqualTo(expected);
            }
        }
        assertThat(Arrays.stream(RunStatus.values()).map(RunStatus::exitCode).toList())
                .as("every status has its place in the documented order").containsExactlyInAnyOrderElementsOf(SEVERITY);
    }

    @Test
    void theRunReportSchemaListsEveryStatusAndItsExitCode() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of(System.getProperty("user.dir"))
                .resolve("../../docs/run-report.schema.json").normalize().toFile());
        List<String> statuses = new ArrayList<>();
        schema.path("properties").path("status").path("enum").forEach(s -> statuses.add(s.asText()));
        List<Integer> exitCodes = new ArrayList<>();
        schema.path("properties").path("exitCode").path("enum").forEach(s -> exitCodes.add(s.asInt()));

        assertThat(statuses).containsExactlyInAnyOrderElementsOf(Arrays.stream(RunStatus.values()).map(Enum::name).toList());
        assertThat(exitCodes).containsExactlyInAnyOrderElementsOf(SEVERITY);
    }

    private static DatasetOutcome failed(String dataset, ErrorCategory category) {
        return DatasetOutcome.builder(dataset, DatasetOutcome.Status.FAILED).runId("r1").message("failed")
                .failure(category).build();
    }

    private static DatasetOutcome published(String dataset) {
        return DatasetOutcome.builder(dataset, DatasetOutcome.Status.PUBLISHED).runId("r1").raw(1).valid(1).build();
    }

    private static DatasetOutcome waiting(String dataset) {
        return DatasetOutcome.builder(dataset, DatasetOutcome.Status.WAITING).message("not complete yet").build();
    }
}
