package io.sluice.catalog.server;

import static io.sluice.catalog.server.Pages.escape;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.RunStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inline SVG drawn on the server: the run history chart and the lineage graph. No script, no library; colours
 * come from classes in {@code sluice.css} so the page's Content-Security-Policy (no inline style) holds.
 */
final class Svg {
    private static final int BOX_WIDTH = 220;
    private static final int BOX_HEIGHT = 34;
    private static final int COLUMN_GAP = 70;
    private static final int ROW_GAP = 16;
    private static final int MAX_LABEL = 30;

    private Svg() {
    }

    /**
     * Rows per run as stacked bars (valid below, rejected on top) and the error rate as a line, oldest run on the
     * left. Failed runs show a red mark at the base.
     */
    static String runChart(List<RunRecord> newestFirst) {
        List<RunRecord> runs = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(runs);
        int width = 640;
        int height = 200;
        int left = 84;
        int right = 56;
        int top = 14;
        int bottom = 30;
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        long maxRows = 1;
        double maxRate = 0.01;
        for (RunRecord run : runs) {
            maxRows = Math.max(maxRows, good(run) + run.rows().error());
            maxRate = Math.max(maxRate, run.rows().errorRatio());
        }
        double slot = (double) plotWidth / Math.max(1, runs.size());
        double barWidth = Math.max(3, Math.min(28, slot - 6));
        StringBuilder svg = new StringBuilder("<svg id=\"run-chart\" class=\"chart\""
                + " width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
                + "\" role=\"img\" aria-label=\"Rows and error rate of the last runs\">");
        svg.append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, "axis"));
        svg.append(text(left - 6, top + 10, "end", "axis-label", String.format(Locale.ROOT, "%,d rows", maxRows)));
        svg.append(text(left - 6, top + plotHeight, "end", "axis-label", "0"));
        svg.append(text(left + plotWidth + 6, top + 10, "start", "axis-label rate",
                String.format(Locale.ROOT, "%.1f %%", 100 * maxRate)));
        svg.append(text(left + plotWidth + 6, top + plotHeight, "start", "axis-label rate", "0 %"));
        StringBuilder ratePoints = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            double center = left + slot * i + slot / 2;
            double x = center - barWidth / 2;
            double validHeight = plotHeight * (double) good(run) / maxRows;
            double errorHeight = plotHeight * (double) run.rows().error() / maxRows;
            double base = top + plotHeight;
            svg.append("<g class=\"run\"><title>").append(escape(describe(run))).append("</title>");
            svg.append(rect(x, base - validHeight, barWidth, validHeight, "bar-valid"));
            svg.append(rect(x, base - validHeight - errorHeight, barWidth, errorHeight, "bar-error"));
            if (run.status() == RunStatus.FAILED) {
                svg.append(text(center, base - 3, "middle", "failed-mark", "✕"));
            }
            svg.append("</g>");
            double rateY = top + plotHeight * (1 - run.rows().errorRatio() / maxRate);
            ratePoints.append(ratePoints.length() == 0 ? "" : " ").append(fmt(center)).append(',').append(fmt(rateY));
            svg.append("<circle class=\"rate-point\" cx=\"").append(fmt(center)).append("\" cy=\"").append(fmt(rateY))
                    .append("\" r=\"3\"/>");
            if (runs.size() <= 12 || i % Math.ceil(runs.size() / 12.0) == 0) {
                svg.append(text(center, height - 10, "middle", "axis-label", run.runDate().toString().substring(5)));
            }
        }
        if (runs.size() > 1) {
            svg.append("<polyline class=\"rate-line\" points=\"").append(ratePoints).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** Rows a run made usable: valid rows of an ingestion, rows of a refined build. */
    private static long good(RunRecord run) {
        return run.rows().valid() + run.rows().refined();
    }

    private static String describe(RunRecord run) {
        return String.format(Locale.ROOT, "run %s of %s (%s): %s, raw %d, valid %d, error %d, refined %d, error rate"
                        + " %.2f %%", run.key().runId(), run.runDate(), run.started(),
                run.status().name().toLowerCase(Locale.ROOT), run.rows().raw(), run.rows().valid(), run.rows().error(),
                run.rows().refined(), 100 * run.rows().errorRatio());
    }

    /**
     * Boxes and arrows: upstream assets in columns to the left of {@code center}, downstream to the right, one
     * column per step. Each box links to its asset's page.
     */
    static String lineageGraph(AssetName center, List<LineageEdge> upstream, List<LineageEdge> downstream) {
        Map<AssetName, Integer> column = new LinkedHashMap<>();
        column.put(center, 0);
        // Edges come nearest first, so the near end of each edge already has its column.
        for (LineageEdge edge : upstream) {
            column.putIfAbsent(edge.from(), column.getOrDefault(edge.to(), 0) - 1);
        }
        for (LineageEdge edge : downstream) {
            column.putIfAbsent(edge.to(), column.getOrDefault(edge.from(), 0) + 1);
        }
        TreeMap<Integer, List<AssetName>> byColumn = new TreeMap<>();
        column.forEach((name, c) -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(name));
        int first = byColumn.firstKey();
        int rows = byColumn.values().stream().mapToInt(List::size).max().orElse(1);
        int width = byColumn.size() * BOX_WIDTH + (byColumn.size() - 1) * COLUMN_GAP + 20;
        int height = rows * BOX_HEIGHT + (rows - 1) * ROW_GAP + 20;
        Map<AssetName, double[]> at = new LinkedHashMap<>();
        byColumn.forEach((c, names) -> {
            double x = 10 + (c - first) * (BOX_WIDTH + COLUMN_GAP);
            double offset = (height - names.size() * BOX_HEIGHT - (names.size() - 1) * ROW_GAP) / 2.0;
            for (int i = 0; i < names.size(); i++) {
                at.put(names.get(i), new double[] {x, offset + i * (BOX_HEIGHT + ROW_GAP)});
            }
        });
        StringBuilder svg = new StringBuilder("<svg id=\"lineage-graph\" class=\"lineage-graph\""
                + " width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" role=\"img\" aria-label=\"Lineage of " + escape(center.qualified()) + "\">"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"arrow-head\" d=\"M 0 0 L 10 5 L 0 10 z\"/>"
                + "</marker></defs>");
        List<LineageEdge> all = new ArrayList<>(upstream);
        all.addAll(downstream);
        for (LineageEdge edge : all) {
            double[] from = at.get(edge.from());
            double[] to = at.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            double x1 = from[0] + BOX_WIDTH;
            double y1 = from[1] + BOX_HEIGHT / 2.0;
            double x2 = to[0];
            double y2 = to[1] + BOX_HEIGHT / 2.0;
            svg.append("<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M ").append(fmt(x1)).append(' ')
                    .append(fmt(y1)).append(" C ").append(fmt(x1 + COLUMN_GAP / 2.0)).append(' ').append(fmt(y1))
                    .append(", ").append(fmt(x2 - COLUMN_GAP / 2.0)).append(' ').append(fmt(y2)).append(", ")
                    .append(fmt(x2)).append(' ').append(fmt(y2)).append("\"><title>")
                    .append(escape(edge.from() + " → " + edge.to() + " (run " + edge.runId() + ")"))
                    .append("</title></path>");
        }
        at.forEach((name, xy) -> {
            String qualified = name.qualified();
            String label = qualified.length() > MAX_LABEL ? qualified.substring(0, MAX_LABEL - 1) + "…" : qualified;
            String classes = "node zone-" + name.zone().id() + (name.equals(center) ? " current" : "");
            svg.append("<a href=\"/assets/").append(URLEncoder.encode(qualified, StandardCharsets.UTF_8))
                    .append("\"><g class=\"").append(classes).append("\" data-asset=\"").append(escape(qualified))
                    .append("\"><title>").append(escape(qualified)).append("</title>")
                    .append(rect(xy[0], xy[1], BOX_WIDTH, BOX_HEIGHT, "box"))
                    .append(text(xy[0] + BOX_WIDTH / 2.0, xy[1] + BOX_HEIGHT / 2.0 + 4, "middle", "label", label))
                    .append("</g></a>");
        });
        return svg.append("</svg>").toString();
    }

    private static String rect(double x, double y, double width, double height, String css) {
        return "<rect class=\"" + css + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(width)
                + "\" height=\"" + fmt(height) + "\" rx=\"" + (css.equals("box") ? 6 : 1) + "\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return "<line class=\"" + css + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\""
                + fmt(y2) + "\"/>";
    }

    private static String text(double x, double y, String anchor, String css, String content) {
        return "<text class=\"" + css + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">"
                + escape(content) + "</text>";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A histogram as small bars (bin centres left to right), its bins' counts in the bars' titles. */
    static String histogram(List<io.sluice.catalog.ColumnProfile.Bin> bins) {
        if (bins.isEmpty()) {
            return "";
        }
        double most = bins.stream().mapToDouble(io.sluice.catalog.ColumnProfile.Bin::count).max().orElse(1);
        int width = 8;
        int height = 24;
        StringBuilder svg = new StringBuilder("<svg class=\"histogram\" width=\"" + bins.size() * width
                + "\" height=\"" + height + "\" role=\"img\">");
        for (int i = 0; i < bins.size(); i++) {
            io.sluice.catalog.ColumnProfile.Bin bin = bins.get(i);
            double h = most <= 0 ? 0 : Math.max(1, height * bin.count() / most);
            svg.append("<rect class=\"bar\" x=\"").append(i * width).append("\" y=\"").append(fmt(height - h))
                    .append("\" width=\"").append(width - 1).append("\" height=\"").append(fmt(h)).append("\"><title>")
                    .append(escape(String.format(java.util.Locale.ROOT, "around %.4g: %.0f", bin.centre(), bin.count())))
                    .append("</title></rect>");
        }
        return svg.append("</svg>").toString();
    }
}
