package io.sluice.cli;

import io.sluice.framework.report.DatasetOutcome;
import io.sluice.framework.report.ErrorReason;
import io.sluice.framework.report.RefinedOutcome;
import io.sluice.framework.report.RunReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human summary of a run, one line per dataset. */
final class Summary {
    private Summary() {
    }

    static void print(RunReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "sluice run: source %s, run %s, run date %s%n", r.source(), r.runId(), r.runDate());
        // ERROR counts the rejected rows; SKIPPED the records the connector skipped as not data (raw = valid +
        // error + skipped); ERROR% is of the records that are data, as error.max_ratio limits it
        out.printf(Locale.ROOT, "%-28s %-18s %9s %9s %9s %9s %7s %7s  %s%n", "DATASET", "STATUS", "RAW", "VALID",
                "ERROR", "SKIPPED", "ERROR%", "TIME", "TOP ERRORS");
        for (DatasetOutcome d : r.datasets()) {
            String top = d.topErrors().stream().limit(3).map(Summary::reason).collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, "%-28s %-18s %9d %9d %9d %9d %6.1f%% %6.1fs  %s%n", d.dataset(), d.status(),
                    d.raw(), d.valid(), d.error(), d.skipped(), 100 * d.errorRatio(), d.seconds(), top);
            if (d.runId() != null && !d.runId().equals(r.runId())) {
                // a run landed earlier and retried (or set aside) now: name it, for `sluice runs`
                out.println("  run " + d.runId() + " (landed earlier)");
            }
            d.message().ifPresent(m -> out.println("  " + m));
        }
        for (RefinedOutcome f : r.refined()) {
            out.printf(Locale.ROOT, "%-28s %-18s %9s %9d %9s %9s %7s %6.1fs%n", "refined." + f.name(), f.status(),
                    "", f.rows(), "", "", "", f.seconds());
            f.message().ifPresent(m -> out.println("  " + m));
        }
        out.printf(Locale.ROOT, "%s (exit %d)%n", r.status(), r.exitCode());
    }

    private static String reason(ErrorReason e) {
        return (e.column() == null ? "" : e.column() + ":") + e.rule() + " x" + e.count();
    }
}
