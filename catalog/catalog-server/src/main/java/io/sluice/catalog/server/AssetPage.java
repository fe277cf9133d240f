package io.sluice.catalog.server;

import static io.sluice.catalog.server.Pages.escape;

import io.sluice.catalog.Asset;
import io.sluice.catalog.Column;
import io.sluice.catalog.ErrorReason;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import io.sluice.catalog.Sample;
import io.sluice.catalog.Zone;
import io.sluice.catalog.AssetName;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.ColumnProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dataset page: what it is, whether to trust it (freshness, rows and error rate of the last runs, top
 * error reasons), where it comes from and goes to, what it looks like (masked sample) and how to query it.
 */
final class AssetPage {
    private static final int TOP_REASONS = 10;

    /** Everything the page shows; runs newest first. */
    record View(RegisteredAsset asset, List<RunRecord> runs, List<LineageEdge> upstream, List<LineageEdge> downstream,
            Optional<Sample> sample, Instant now, List<ColumnEdge> columnLineage,
            List<Map.Entry<RunKey, List<ColumnProfile>>> profiles) {
    }

    private AssetPage() {
    }

    static String render(View view, Function<RunKey, Optional<AssetName>> pageOf) {
        Asset asset = view.asset().asset();
        String name = asset.name().qualified();
        StringBuilder body = new StringBuilder("<h1 id=\"asset-name\">").append(escape(name)).append("</h1>");
        body.append("<p id=\"description\">").append(escape(asset.description().orElse("(no description)")))
                .append("</p><dl class=\"facts\"><dt>Owner</dt><dd id=\"owner\">")
                .append(escape(asset.owner().orElse("(none)"))).append("</dd><dt>Tags</dt><dd id=\"tags\">");
        asset.tags().forEach(tag -> body.append("<span class=\"tag\">").append(escape(tag)).append("</span> "));
        body.append("</dd><dt>Freshness</dt><dd id=\"freshness\">").append(escape(freshness(view.runs(), view.now())));
        asset.freshness().ifPresent(expected -> body.append(lateness(expected, view)));
        body
                .append("</dd><dt>Location</dt><dd><code>").append(escape(asset.location())).append("</code> (")
                .append(escape(asset.format())).append(")</dd><dt>Registered</dt><dd>").append(view.asset().updated())
                .append("</dd>");
        asset.descriptor().ifPresent(d -> body.append("<dt>Descriptor</dt><dd><code>").append(escape(d.file()))
                .append("</code></dd>"));
        body.append("</dl>");
        body.append("<h2>Schema</h2>").append(schema(asset.columns()));
        body.append("<h2>Query</h2>").append(query(asset.name()));
        body.append("<h2>Sample rows</h2>").append(sample(view.sample(), asset));
        if (!view.profiles().isEmpty()) {
            body.append("<h2>Profile</h2>").append(profile(view.profiles(), asset));
        }
        body.append("<h2>Quality</h2>");
        if (view.runs().isEmpty()) {
            body.append("<p>No runs yet.</p>");
        } else {
            // a run that found nothing new wrote nothing: drawn as a 0-row run it would look like an empty delivery
            List<RunRecord> drawn = view.runs().stream().filter(r -> !r.nothingNew()).toList();
            long quiet = view.runs().size() - drawn.size();
            body.append("<p class=\"muted\">Rows per run (valid <span class=\"key-valid\">■</span>, rejected"
                    + " <span class=\"key-error\">■</span>) and error rate (<span class=\"key-rate\">●</span>), last ")
                    .append(drawn.size()).append(" run(s) that ingested something, oldest left")
                    .append(quiet > 0 ? "; " + quiet + " run(s) that found nothing new are not drawn" : "")
                    .append(".</p>")
                    .append(drawn.isEmpty() ? "" : Svg.runChart(drawn))
                    .append("<h3>Top error reasons</h3>").append(reasons(view.runs()));
        }
        body.append("<h2>Lineage</h2>");
        if (view.upstream().isEmpty() && view.downstream().isEmpty()) {
            body.append("<p>No lineage recorded.</p>");
        } else {
            body.append(Svg.lineageGraph(asset.name(), view.upstream(), view.downstream()));
        }
        body.append("<h3>Upstream</h3>").append(Pages.edges(view.upstream())).append("<h3>Downstream</h3>")
                .append(Pages.edges(view.downstream()));
        body.append(columnLineage(asset.name(), view.columnLineage()));
        body.append("<h2>Runs</h2>").append(Pages.runTable(view.runs(), pageOf));
        return Pages.page(name, body.toString());
    }

    /** Time since the last successful run ended. */
    /**
     * The latest run's profile of each column, with the null share of the runs before it (oldest first): what an
     * analyst checks before trusting a column. A PII column shows counts and lengths, never a value.
     */
    static String profile(List<Map.Entry<RunKey, List<ColumnProfile>>> newestFirst, Asset asset) {
        Map.Entry<RunKey, List<ColumnProfile>> latest = newestFirst.get(0);
        java.util.Set<String> pii = new java.util.HashSet<>();
        asset.columns().stream().filter(c -> c.pii()).forEach(c -> pii.add(c.name()));
        StringBuilder html = new StringBuilder("<p class=\"muted\">Valid rows of run ")
                .append(escape(latest.getKey().runId())).append(" (").append(newestFirst.size())
                .append(" run(s) profiled); distinct counts are approximate.</p><div class=\"scroll\"><table id=\"profile\">"
                        + "<tr><th>Column</th><th>Rows</th><th>Null</th><th>Empty</th><th>Distinct</th><th>Min</th>"
                        + "<th>Max</th><th>Length</th><th>Top values</th><th>Histogram</th><th>Null share, oldest run first</th></tr>");
        for (ColumnProfile p : latest.getValue()) {
            boolean personal = pii.contains(p.column());
            html.append("<tr data-column=\"").append(escape(p.column())).append("\"><td>").append(escape(p.column()))
                    .append(personal ? " <span class=\"pii\">PII</span>" : "").append("</td><td>").append(p.rows())
                    .append("</td><td>").append(percent(p.nullShare())).append("</td><td>")
                    .append(percent(p.emptyShare())).append("</td><td>≈").append(p.distinct()).append("</td><td>")
                    .append(escape(personal ? "" : p.min().orElse(""))).append("</td><td>")
                    .append(escape(personal ? "" : p.max().orElse(""))).append("</td><td>")
                    .append(p.minLength().map(min -> min + "–" + p.maxLength().orElse(min)).orElse("")).append("</td><td>");
            if (!personal) {
                p.topValues().forEach(v -> html.append(escape(v.value())).append(" (").append(v.count()).append(")<br>"));
            }
            html.append("</td><td>").append(personal ? "" : Svg.histogram(p.histogram())).append("</td><td>");
            List<String> trend = new java.util.ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                newestFirst.get(i).getValue().stream().filter(q -> q.column().equals(p.column())).findFirst()
                        .ifPresent(q -> trend.add(percent(q.nullShare())));
            }
            html.append(String.join(" → ", trend)).append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * share);
    }

    /**
     * Which columns feed each of this asset's columns (a refined table: from its SQL's analyzed plan), and which
     * columns of other assets this one's columns feed.
     */
    private static String columnLineage(AssetName name, List<ColumnEdge> edges) {
        if (edges.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h3>Column lineage</h3>");
        java.util.Map<String, List<String>> from = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<String>> to = new java.util.LinkedHashMap<>();
        for (ColumnEdge e : edges) {
            if (e.to().equals(name)) {
                from.computeIfAbsent(e.toColumn(), c -> new java.util.ArrayList<>())
                        .add(Pages.link(e.from().qualified()) + "." + escape(e.fromColumn()));
            } else {
                to.computeIfAbsent(e.fromColumn(), c -> new java.util.ArrayList<>())
                        .add(Pages.link(e.to().qualified()) + "." + escape(e.toColumn()));
            }
        }
        if (!from.isEmpty()) {
            html.append("<table id=\"column-lineage\"><tr><th>Column</th><th>Computed from</th></tr>");
            from.forEach((column, sources) -> html.append("<tr><td>").append(escape(column)).append("</td><td>")
                    .append(String.join("<br>", sources)).append("</td></tr>"));
            html.append("</table>");
        }
        if (!to.isEmpty()) {
            html.append("<table id=\"column-feeds\"><tr><th>Column</th><th>Feeds</th></tr>");
            to.forEach((column, targets) -> html.append("<tr><td>").append(escape(column)).append("</td><td>")
                    .append(String.join("<br>", targets)).append("</td></tr>"));
            html.append("</table>");
        }
        return html.toString();
    }

    /** Whether the asset is within its declared freshness, counted from the last run that wrote rows. */
    private static String lateness(Duration expected, View view) {
        Instant since = view.runs().stream().filter(r -> r.status() == RunStatus.SUCCEEDED && !r.nothingNew())
                .map(RunRecord::ended).flatMap(Optional::stream).findFirst().orElse(view.asset().created());
        Duration overdue = Duration.between(since.plus(expected), view.now());
        return overdue.isNegative() || overdue.isZero()
                ? " <span id=\"lateness\" class=\"succeeded\">(expected every " + escape(span(expected)) + ": on time)</span>"
                : " <span id=\"lateness\" class=\"failed\">(expected every " + escape(span(expected)) + ": LATE by "
                        + escape(span(overdue)) + ")</span>";
    }

    /** {@code 1 d 2 h}, {@code 26 h}, {@code 45 min}: a span of time as a reader says it. */
    static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(" d ");
        }
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (minutes > 0 || text.isEmpty()) {
            text.append(minutes).append(" min");
        }
        return text.toString().strip();
    }

    static String freshness(List<RunRecord> newestFirst, Instant now) {
        for (RunRecord run : newestFirst) {
            if (run.status() == RunStatus.SUCCEEDED && run.ended().isPresent() && !run.nothingNew()) {
                Instant ended = run.ended().get();
                return "updated " + ago(Duration.between(ended, now)) + " (run " + run.key().runId() + " of "
                        + run.runDate() + ", ended " + ended + ")";
            }
        }
        return "no successful run yet";
    }

    static String ago(Duration duration) {
        if (duration.isNegative() || duration.toMinutes() < 1) {
            return "just now";
        }
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h ago";
        }
        return (hours > 0 ? hours + " h " : "") + minutes + " min ago";
    }

    private static String schema(List<Column> columns) {
        StringBuilder table = new StringBuilder("<table id=\"schema\"><tr><th>Column</th><th>Type</th><th>Nullable</th>"
                + "<th>PII</th><th>Description</th></tr>");
        for (Column column : columns) {
            table.append("<tr><td>").append(escape(column.name())).append("</td><td>").append(escape(column.type()))
                    .append("</td><td>").append(column.nullable() ? "yes" : "no").append("</td><td>")
                    .append(column.pii() ? "<span class=\"pii\">PII</span>" : "").append("</td><td>")
                    .append(escape(column.description().orElse(""))).append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    private static String query(AssetName name) {
        if (name.zone() == Zone.SOURCE) {
            return "<p>The upstream system's own table: query it there.</p>";
        }
        String qualified = name.qualified();
        return "<p>From the command line:</p><pre id=\"query\">"
                + escape("sluice sql \"SELECT * FROM " + qualified + " LIMIT 10\"") + "</pre><p>From any Spark session with <code>spark.sql.catalog.lake</code> set to the"
                + " Sluice catalog:</p><pre id=\"spark-query\">SELECT * FROM lake." + escape(qualified) + "</pre>";
    }

    private static String sample(Optional<Sample> sample, Asset asset) {
        if (sample.isEmpty()) {
            return "<p>No sample recorded.</p>";
        }
        List<String> personal = asset.columns().stream().filter(Column::pii)
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
        StringBuilder table = new StringBuilder("<p class=\"muted\">").append(sample.get().rows().size())
                .append(" row(s) taken ").append(sample.get().recorded())
                .append("; columns flagged PII are masked.</p><div class=\"scroll\"><table id=\"sample\"><tr>");
        for (String column : sample.get().columns()) {
            boolean pii = personal.contains(column.toLowerCase(java.util.Locale.ROOT));
            table.append("<th>").append(escape(column)).append(pii ? " <span class=\"pii\">PII</span>" : "")
                    .append("</th>");
        }
        table.append("</tr>");
        for (List<String> row : sample.get().rows()) {
            table.append("<tr>");
            for (String value : row) {
                if (value == null) {
                    table.append("<td class=\"null\">null</td>");
                } else if (value.equals(Sample.MASK)) {
                    table.append("<td class=\"masked\">").append(escape(value)).append("</td>");
                } else {
                    table.append("<td>").append(escape(value)).append("</td>");
                }
            }
            table.append("</tr>");
        }
        return table.append("</table></div>").toString();
    }

    /** Rejection reasons summed over the shown runs, most frequent first. */
    private static String reasons(List<RunRecord> runs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            for (ErrorReason reason : run.topErrors()) {
                counts.merge(reason.reason(), reason.count(), Long::sum);
            }
        }
        if (counts.isEmpty()) {
            return "<p>No rejected rows.</p>";
        }
        StringBuilder table = new StringBuilder("<table id=\"error-reasons\"><tr><th>Reason</th><th>Rows</th></tr>");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS)
                .forEach(e -> table.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
                        .append(e.getValue()).append("</td></tr>"));
        return table.append("</table>").toString();
    }
}
