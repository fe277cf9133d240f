package io.sluice.catalog.server;

import io.sluice.catalog.Column;
import io.sluice.catalog.ColumnEdge;
import io.sluice.catalog.ErrorReason;
import io.sluice.catalog.LateAsset;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.Sample;
import io.sluice.catalog.SearchHit;
import java.util.List;
import java.util.function.Function;

/** Writes the API's JSON by hand: a few fixed shapes do not justify a JSON library on the catalog's class path. */
final class Json {
    private Json() {
    }

    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static <T> String array(List<T> items, Function<T, String> each) {
        return "[" + String.join(",", items.stream().map(each).toList()) + "]";
    }

    static String asset(RegisteredAsset registered) {
        var asset = registered.asset();
        return "{\"name\":" + string(asset.name().qualified())
                + ",\"zone\":" + string(asset.name().zone().id())
                + ",\"source\":" + string(asset.name().source())
                + ",\"dataset\":" + string(asset.name().dataset())
                + ",\"location\":" + string(asset.location())
                + ",\"format\":" + string(asset.format())
                + ",\"owner\":" + string(asset.owner().orElse(null))
                + ",\"description\":" + string(asset.description().orElse(null))
                + ",\"tags\":" + array(asset.tags(), Json::string)
                + ",\"columns\":" + array(asset.columns(), Json::column)
                + ",\"descriptor\":" + asset.descriptor().map(d -> "{\"file\":" + string(d.file()) + ",\"contentHash\":"
                        + string(d.contentHash()) + "}").orElse("null")
                + ",\"created\":" + string(registered.created().toString())
                + ",\"updated\":" + string(registered.updated().toString()) + "}";
    }

    static String column(Column column) {
        return "{\"name\":" + string(column.name()) + ",\"type\":" + string(column.type()) + ",\"nullable\":"
                + column.nullable() + ",\"description\":" + string(column.description().orElse(null)) + ",\"pii\":"
                + column.pii() + "}";
    }

    static String hit(SearchHit hit) {
        return "{\"score\":" + hit.score() + ",\"asset\":" + asset(hit.asset()) + "}";
    }

    static String run(RunRecord run) {
        return "{\"runId\":" + string(run.key().runId())
                + ",\"source\":" + string(run.key().source())
                + ",\"dataset\":" + string(run.key().dataset())
                + ",\"runDate\":" + string(run.runDate().toString())
                + ",\"started\":" + string(run.started().toString())
                + ",\"ended\":" + string(run.ended().map(Object::toString).orElse(null))
                + ",\"status\":" + string(run.status().name())
                + ",\"rows\":{\"raw\":" + run.rows().raw() + ",\"valid\":" + run.rows().valid() + ",\"error\":"
                + run.rows().error() + ",\"refined\":" + run.rows().refined() + "}"
                + ",\"errorRatio\":" + run.rows().errorRatio()
                + ",\"topErrors\":" + array(run.topErrors(), Json::reason)
                + ",\"watermark\":" + string(run.watermark().orElse(null))
                + ",\"deltaVersion\":" + (run.deltaVersion().isPresent() ? run.deltaVersion().getAsLong() : "null")
                + ",\"errorMessage\":" + string(run.errorMessage().orElse(null))
                + ",\"nothingNew\":" + run.nothingNew() + "}";
    }

    static String profiles(java.util.Map.Entry<io.sluice.catalog.RunKey, java.util.List<io.sluice.catalog.ColumnProfile>> run) {
        return "{\"runId\":" + string(run.getKey().runId()) + ",\"columns\":" + array(run.getValue(), Json::profile) + "}";
    }

    static String profile(io.sluice.catalog.ColumnProfile p) {
        return "{\"column\":" + string(p.column()) + ",\"rows\":" + p.rows() + ",\"nulls\":" + p.nulls()
                + ",\"empty\":" + p.empty() + ",\"distinct\":" + p.distinct()
                + ",\"min\":" + string(p.min().orElse(null)) + ",\"max\":" + string(p.max().orElse(null))
                + ",\"minLength\":" + p.minLength().map(String::valueOf).orElse("null")
                + ",\"maxLength\":" + p.maxLength().map(String::valueOf).orElse("null")
                + ",\"topValues\":" + array(p.topValues(), v -> "{\"value\":" + string(v.value()) + ",\"count\":"
                + v.count() + "}")
                + ",\"histogram\":" + array(p.histogram(), b -> "{\"centre\":" + b.centre() + ",\"count\":"
                + b.count() + "}") + "}";
    }

    static String columnEdge(ColumnEdge edge) {
        return "{\"from\":" + string(edge.from().qualified()) + ",\"fromColumn\":" + string(edge.fromColumn())
                + ",\"to\":" + string(edge.to().qualified()) + ",\"toColumn\":" + string(edge.toColumn()) + "}";
    }

        static String late(LateAsset late) {
        return "{\"asset\":" + string(late.name().qualified()) + ",\"freshness\":" + string(late.freshness().toString())
                + ",\"lastDelivered\":" + string(late.lastDelivered().map(Object::toString).orElse(null))
                + ",\"overdueSeconds\":" + late.overdue().toSeconds() + "}";
    }

    static String reason(ErrorReason reason) {
        return "{\"reason\":" + string(reason.reason()) + ",\"count\":" + reason.count() + "}";
    }

    static String edge(LineageEdge edge) {
        return "{\"from\":" + string(edge.from().qualified()) + ",\"to\":" + string(edge.to().qualified())
                + ",\"runId\":" + string(edge.runId()) + ",\"sql\":" + string(edge.sql().orElse(null)) + "}";
    }

    static String sample(Sample sample) {
        return "{\"name\":" + string(sample.name().qualified()) + ",\"recorded\":" + string(sample.recorded().toString())
                + ",\"columns\":" + array(sample.columns(), Json::string) + ",\"rows\":"
                + array(sample.rows(), row -> array(row, Json::string)) + "}";
    }

    static String error(String code, String message) {
        return "{\"error\":" + string(code) + ",\"message\":" + string(message) + "}";
    }
}
