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
 * _sluice/staging/&lt;source&gt;/&lt;dataset&gt;/&lt;run_id&gt;/                   a run's files before they are committed
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

    /** Where the files of a dataset's runs wait for their commits; emptied by each publish of the dataset. */
    public String staging(String source, String dataset) {
        return root + "/_sluice/staging/" + source + "/" + dataset;
    }

    public String locks() {
        return root + "/_sluice/locks";
    }
}
