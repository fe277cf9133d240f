package io.sluice.catalog.server;

import io.sluice.catalog.Column;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.SearchHit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Server-rendered HTML pages: no script, no CDN; the one style sheet comes from the jar. */
final class Pages {
    private Pages() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String link(String qualified) {
        return "<a href=\"/assets/" + URLEncoder.encode(qualified, StandardCharsets.UTF_8) + "\">" + escape(qualified)
                + "</a>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Sluice catalog</title><link rel=\"stylesheet\" href=\"/static/sluice.css\"></head><body>"
                + "<nav><a href=\"/\">Search</a> <a href=\"/runs\">Runs</a></nav><main>" + body + "</main></body></html>";
    }

    static String search(String query, List<SearchHit> hits) {
        StringBuilder body = new StringBuilder("<h1>Search the lake</h1><form action=\"/\" method=\"get\">"
                + "<input id=\"q\" name=\"q\" type=\"search\" value=\"" + escape(query) + "\" autofocus>"
                + "<button type=\"submit\">Search</button></form>");
        if (!query.isBlank()) {
            body.append("<p id=\"hit-count\">").append(hits.size()).append(" result(s)</p><ol id=\"results\">");
            for (SearchHit hit : hits) {
                body.append("<li>").append(link(hit.asset().name().qualified())).append(" <span class=\"muted\">")
                        .append(escape(hit.asset().asset().description().orElse(""))).append("</span></li>");
            }
            body.append("</ol>");
        }
        return page("Search", body.toString());
    }

    static String asset(RegisteredAsset registered, List<RunRecord> runs, List<LineageEdge> upstream,
            List<LineageEdge> downstream) {
        var asset = registered.asset();
        String name = asset.name().qualified();
        StringBuilder body = new StringBuilder("<h1 id=\"asset-name\">").append(escape(name)).append("</h1>");
        body.append("<p id=\"description\">").append(escape(asset.description().orElse("(no description)")))
                .append("</p><dl><dt>Owner</dt><dd>").append(escape(asset.owner().orElse("(none)")))
                .append("</dd><dt>Tags</dt><dd>").append(escape(String.join(", ", asset.tags())))
                .append("</dd><dt>Location</dt><dd><code>").append(escape(asset.location())).append("</code> (")
                .append(escape(asset.format())).append(")</dd><dt>Updated</dt><dd>").append(registered.updated())
                .append("</dd></dl>");
        body.append("<h2>Schema</h2><table id=\"schema\"><tr><th>Column</th><th>Type</th><th>Nullable</th>"
                + "<th>PII</th><th>Description</th></tr>");
        for (Column column : asset.columns()) {
            body.append("<tr><td>").append(escape(column.name())).append("</td><td>").append(escape(column.type()))
                    .append("</td><td>").append(column.nullable() ? "yes" : "no").append("</td><td>")
                    .append(column.pii() ? "<span class=\"pii\">PII</span>" : "").append("</td><td>")
                    .append(escape(column.description().orElse(""))).append("</td></tr>");
        }
        body.append("</table><h2>Query</h2><pre id=\"query\">SELECT * FROM ").append(escape(name))
                .append(" LIMIT 100</pre>");
        body.append("<h2>Runs</h2>").append(runTable(runs));
        body.append("<h2>Lineage</h2><h3>Upstream</h3>").append(edges(upstream)).append("<h3>Downstream</h3>")
                .append(edges(downstream));
        return page(name, body.toString());
    }

    static String runs(List<RunRecord> runs) {
        return page("Runs", "<h1>Latest runs</h1>" + runTable(runs));
    }

    private static String runTable(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return "<p>No runs yet.</p>";
        }
        StringBuilder table = new StringBuilder("<table class=\"runs\"><tr><th>Run</th><th>Dataset</th><th>Run date</th>"
                + "<th>Started</th><th>Status</th><th>Raw</th><th>Valid</th><th>Error</th><th>Error rate</th>"
                + "<th>Top errors</th></tr>");
        for (RunRecord run : runs) {
            String status = run.status().name().toLowerCase(Locale.ROOT);
            table.append("<tr><td>").append(escape(run.key().runId())).append("</td><td>")
                    .append(escape(run.key().source() + "." + run.key().dataset())).append("</td><td>")
                    .append(run.runDate()).append("</td><td>").append(run.started()).append("</td><td class=\"")
                    .append(status).append("\">").append(status).append("</td><td>").append(run.rows().raw())
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

    private static String edges(List<LineageEdge> edges) {
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
