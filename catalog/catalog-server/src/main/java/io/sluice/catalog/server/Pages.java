package io.sluice.catalog.server;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.LateAsset;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RunKey;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.SearchHit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Server-rendered HTML pages: no script, no CDN; the one style sheet comes from the jar. */
final class Pages {
    private Pages() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String link(String qualified) {
        return "<a href=\"/assets/" + URLEncoder.encode(qualified, StandardCharsets.UTF_8) + "\">" + escape(qualified)
                + "</a>";
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Sluice catalog</title><link rel=\"stylesheet\" href=\"/static/sluice.css\"></head><body>"
                + "<nav><a href=\"/\">Search</a> <a href=\"/runs\">Runs</a></nav><main>" + body + "</main></body></html>";
    }

    static String search(String query, List<SearchHit> hits) {
        return search(query, hits, List.of());
    }

    /** The home page: the late assets first (when there are any), then the search form and its results. */
    static String search(String query, List<SearchHit> hits, List<LateAsset> late) {
        StringBuilder body = new StringBuilder();
        if (!late.isEmpty()) {
            body.append("<section id=\"late\" class=\"late\"><h2>Late</h2><p class=\"muted\">Older than their "
                    + "declared freshness, most overdue first.</p><table><tr><th>Asset</th><th>Expected every</th>"
                    + "<th>Last new rows</th><th>Overdue by</th></tr>");
            for (LateAsset l : late) {
                body.append("<tr><td>").append(link(l.name().qualified())).append("</td><td>")
                        .append(escape(AssetPage.span(l.freshness()))).append("</td><td>")
                        .append(l.lastDelivered().map(Object::toString).orElse("never")).append("</td><td class=\"failed\">")
                        .append(escape(AssetPage.span(l.overdue()))).append("</td></tr>");
            }
            body.append("</table></section>");
        }
        body.append("<h1>Search the lake</h1><form action=\"/\" method=\"get\">"
                + "<input id=\"q\" name=\"q\" type=\"search\" value=\"" + escape(query) + "\" autofocus>"
                + "<button type=\"submit\">Search</button></form>");
        if (!query.isBlank()) {
            body.append("<p id=\"hit-count\">").append(hits.size()).append(" result(s)</p><ol id=\"results\">");
            for (SearchHit hit : hits) {
                var asset = hit.asset().asset();
                body.append("<li class=\"hit\">").append(link(asset.name().qualified())).append(" <span class=\"muted\">")
                        .append(escape(asset.description().orElse(""))).append("</span><br><span class=\"columns\">")
                        .append(escape(String.join(", ", asset.columns().stream().map(c -> c.name()).toList())))
                        .append("</span></li>");
            }
            body.append("</ol>");
        }
        return page("Search", body.toString());
    }

    static String runs(List<RunRecord> runs, Function<RunKey, Optional<AssetName>> pageOf) {
        return page("Runs", "<h1>Latest runs</h1>" + runTable(runs, pageOf));
    }

    /** The runs, newest first; a dataset links to {@code pageOf}'s asset when there is one. */
    static String runTable(List<RunRecord> runs, Function<RunKey, Optional<AssetName>> pageOf) {
        if (runs.isEmpty()) {
            return "<p>No runs yet.</p>";
        }
        StringBuilder table = new StringBuilder("<table class=\"runs\" id=\"runs\"><tr><th>Run</th><th>Dataset</th><th>Run date</th>"
                + "<th>Started</th><th>Status</th><th>Raw</th><th>Valid</th><th>Error</th><th>Error rate</th>"
                + "<th>Top errors</th></tr>");
        for (RunRecord run : runs) {
            String status = run.status().name().toLowerCase(Locale.ROOT);
            table.append("<tr><td>").append(escape(run.key().runId())).append("</td><td>")
                    .append(pageOf.apply(run.key()).map(name -> link(name.qualified()))
                            .orElse(escape(run.key().source() + "." + run.key().dataset()))).append("</td><td>")
                    .append(run.runDate()).append("</td><td>").append(run.started()).append("</td><td class=\"")
                    .append(status).append("\">").append(status).append(run.nothingNew() ? " (nothing new)" : "")
                    .append("</td><td>").append(run.rows().raw())
                    .append("</td><td>").append(run.rows().valid()).append("</td><td>").append(run.rows().error())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f %%", 100 * run.rows().errorRatio()))
                    .append("</td><td>");
            run.topErrors().forEach(reason -> table.append(escape(reason.reason())).append(" (")
                    .append(reason.count()).append(")<br>"));
            run.errorMessage().ifPresent(message -> table.append("<span class=\"failed\">").append(escape(message))
                    .append("</span>"));
            table.append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    static String edges(List<LineageEdge> edges) {
        if (edges.isEmpty()) {
            return "<p>None.</p>";
        }
        StringBuilder list = new StringBuilder("<ul class=\"lineage\">");
        for (LineageEdge edge : edges) {
            list.append("<li>").append(link(edge.from().qualified())).append(" → ").append(link(edge.to().qualified()))
                    .append(" <span class=\"muted\">run ").append(escape(edge.runId())).append("</span>");
            edge.sql().ifPresent(sql -> list.append("<pre>").append(escape(sql)).append("</pre>"));
            list.append("</li>");
        }
        return list.append("</ul>").toString();
    }

    static String error(int status, String message) {
        return page("Error " + status, "<h1>Error " + status + "</h1><p id=\"error\">" + escape(message) + "</p>");
    }
}
