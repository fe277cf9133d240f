package io.sluice.cli;

import io.sluice.catalog.Catalog;
import io.sluice.catalog.LateAsset;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice catalog late}: the datasets and refined tables whose data is older than their declared
 * {@code freshness}, most overdue first. Exit {@link ExitCodes#LATE} when there is one, so that a monitor can run it.
 */
@Command(name = "late", description = "The assets older than their declared freshness, most overdue first; "
        + "exit 7 when there is one.")
final class CatalogLateCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;
    @Option(names = "--json", description = "One JSON object per late asset, one per line.")
    boolean json;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LateAsset> late;
        try (Catalog catalog = CatalogAccess.open(options.config())) {
            late = catalog.late(Instant.now());
        }
        if (late.isEmpty() && !json) {
            out.println("No asset is late.");
        }
        for (LateAsset l : late) {
            String last = l.lastDelivered().map(Instant::toString).orElse("never");
            if (json) {
                out.printf(Locale.ROOT, "{\"asset\":\"%s\",\"freshness\":\"%s\",\"last_delivered\":%s,"
                                + "\"overdue_seconds\":%d}%n", l.name().qualified(), l.freshness(),
                        l.lastDelivered().map(t -> "\"" + t + "\"").orElse("null"), l.overdue().toSeconds());
            } else {
                out.printf(Locale.ROOT, "%-40s expected every %-8s last new rows %-24s overdue by %s%n",
                        l.name().qualified(), human(l.freshness()), last, human(l.overdue()));
            }
        }
        return late.isEmpty() ? ExitCodes.SUCCESS : ExitCodes.LATE;
    }

    /** {@code 26h}, {@code 1d 2h}, {@code 45m}: a duration as an operator reads it. */
    static String human(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append("d ");
        }
        if (hours > 0) {
            text.append(hours).append("h ");
        }
        if (mins > 0 || text.isEmpty()) {
            text.append(mins).append("m");
        }
        return text.toString().strip();
    }
}
