package io.sluice.framework.lake;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where each zone of a lake lives. The root is a Hadoop path: an absolute local path, {@code file:/…} or
 * {@code abfss://container@account.dfs.core.windows.net/…}. Every method returns a Hadoop path string.
 *
 * <pre>
 * raw/&lt;source&gt;/&lt;dataset&gt;/ingest_date=YYYY-MM-DD/run=&lt;run_id&gt;/   delivered files + _manifest.json (+ _committed)
 * valid/&lt;source&gt;/&lt;dataset&gt;                                      Delta
 * error/&lt;source&gt;/&lt;dataset&gt;                                      Delta
 * refined/&lt;name&gt;                                                 Delta
 * _sluice/reports/&lt;run_id&gt;-&lt;source&gt;.json                           run reports
 * </pre>
 */
public record LakeLayout(String root) {
    public LakeLayout {
        Objects.requireNonNull(root, "root");
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
    }

    public String raw(String source, String dataset) {
        return root + "/raw/" + source + "/" + dataset;
    }

    public String rawRun(String source, String dataset, LocalDate ingestDate, String runId) {
        return raw(source, dataset) + "/ingest_date=" + ingestDate + "/run=" + runId;
    }

    public String valid(String source, String dataset) {
        return root + "/valid/" + source + "/" + dataset;
    }

    public String error(String source, String dataset) {
        return root + "/error/" + source + "/" + dataset;
    }

    public String refined(String name) {
        return root + "/refined/" + name;
    }

    public String reports() {
        return root + "/_sluice/reports";
    }

    public String locks() {
        return root + "/_sluice/locks";
    }
}
