package io.sluice.connector.feed;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.Options;
import io.sluice.metadata.Problem;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A dataset's {@code extract} block for the {@code feed} connector, bound and checked. See {@code docs/feeds.md}
 * for the meaning of every field.
 *
 * @param path           folder under the source's landing where deliveries arrive
 * @param grouping       empty: each sub-folder of {@code path} is a delivery; else a pattern over file names in
 *                       {@code path} whose group {@code delivery} names the delivery a file belongs to
 * @param files          glob of this dataset's data files inside a delivery ({@code {delivery}} = its name)
 * @param completion     the signal that a delivery is complete
 * @param markers        globs of completion markers (for {@link Completion#MARKER})
 * @param quietPeriod    how long a delivery must stay unchanged (for {@link Completion#QUIET})
 * @param manifest       glob of the delivery's manifest, when it has one
 * @param manifestFormat how the manifest is written
 * @param manifestDelimiter field separator of a {@code control} manifest
 * @param format         how records are split into fields
 * @param columnHeaders  glob of the delivery file naming the fields of {@code adobe_tsv} files
 * @param encoding       character set of the data files
 * @param headerRecords  control records at the start of each data file (not data)
 * @param trailerRecords control records at the end of each data file (not data)
 * @param headerPattern  pattern over the header record with groups {@code count} and/or {@code total}
 * @param trailerPattern pattern over the trailer record with groups {@code count} and/or {@code total}
 * @param checks         what a delivery must satisfy to be published
 * @param afterCommit    what happens to a delivery once its data is committed
 * @param sharedWith     other datasets of the source reading the same deliveries; a delivery is archived or
 *                       deleted once all of them have committed it
 */
public record FeedExtract(String path, Optional<Pattern> grouping, String files, Completion completion,
                          List<String> markers, Optional<Duration> quietPeriod, Optional<String> manifest,
                          Manifest.Format manifestFormat, String manifestDelimiter, FeedFormat format,
                          Optional<String> columnHeaders, String encoding,
                          int headerRecords, int trailerRecords, Optional<Pattern> headerPattern,
                          Optional<Pattern> trailerPattern, Checks checks, AfterCommit afterCommit,
                          List<String> sharedWith) {

    static final Set<String> KEYS = Set.of("path", "delivery", "files", "complete", "marker", "quiet_period",
            "manifest", "manifest_format", "manifest_delimiter", "format", "encoding", "layout", "trim", "delimiter",
            "column_headers", "header_records", "trailer_records", "header_pattern", "trailer_pattern", "checks",
            "after_commit", "shared_with");
    static final Set<String> CHECK_KEYS = Set.of("record_count", "control_total", "checksums", "expected_files");
    static final List<String> DEFAULT_MARKERS = List.of("*.done", "*.fin", "*.ctl");

    public FeedExtract {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(completion, "completion");
        markers = List.copyOf(markers);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(columnHeaders, "columnHeaders");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(afterCommit, "afterCommit");
        sharedWith = List.copyOf(sharedWith);
    }

    /** What completes a delivery. */
    public enum Completion { MARKER, MANIFEST, QUIET }

    /** What happens to a delivery in the landing area once its data is committed. */
    public enum AfterCommit { KEEP, ARCHIVE, DELETE }

    /** Where an expected record count or control total is written. */
    public enum ControlSource { HEADER, TRAILER, MANIFEST }

    /**
     * The declared checks.
     *
     * @param recordCount   where each data file's expected record count is read from
     * @param controlTotal  which column is summed and where the expected sum is read from
     * @param checksums     verify every MD5/SHA-256 and size the manifest gives for this dataset's files
     * @param expectedFiles globs of files every delivery must hold ({@code {delivery}} = its name)
     */
    public record Checks(Optional<ControlSource> recordCount, Optional<ControlTotal> controlTotal, boolean checksums,
                         List<String> expectedFiles) {
        public Checks {
            Objects.requireNonNull(recordCount, "recordCount");
            Objects.requireNonNull(controlTotal, "controlTotal");
            expectedFiles = List.copyOf(expectedFiles);
        }
    }

    /** Sum of {@code column} over the data records, against a total with {@code impliedDecimals}. */
    public record ControlTotal(String column, ControlSource from, int impliedDecimals) {
        public ControlTotal {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(from, "from");
        }
    }

    /** The character set of the data files. */
    public Charset charset() {
        return Charset.forName(encoding);
    }

    /**
     * Binds a dataset's {@code extract} block, reporting every wrong setting at once.
     *
     * @throws DescriptorException naming the descriptor file, line and field of each problem
     */
    public static FeedExtract bind(DatasetSpec dataset) {
        Options x = dataset.extract();
        x.rejectUnknown(KEYS);
        List<Problem> problems = new ArrayList<>();
        String path = attempt(problems, () -> x.requiredString("path"), "");
        if (path.startsWith("/") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")
                || Arrays.asList(path.split("[/\\\\]")).contains("..")) {
            problems.addAll(x.error("path", "'" + path + "' must stay inside the landing folder (write a folder"
                    + " relative to the source's landing, without '..', e.g. partner/sales)").problems());
        }
        Optional<Pattern> grouping = attempt(problems, () -> grouping(x), Optional.empty());
        String files = attempt(problems, () -> x.requiredString("files"), "");
        Completion completion = attempt(problems, () -> choice(x, "complete", Completion.class, null), null);
        List<String> markers = x.has("marker") ? x.strings("marker") : DEFAULT_MARKERS;
        Optional<Duration> quiet = attempt(problems, () -> x.string("quiet_period").map(t -> duration(x, t)),
                Optional.empty());
        Optional<String> manifest = attempt(problems, () -> x.string("manifest"), Optional.empty());
        Manifest.Format manifestFormat = attempt(problems, () -> x.string("manifest_format")
                .map(t -> Manifest.Format.parse(t).orElseThrow(() -> x.error("manifest_format", "unknown manifest"
                        + " format '" + t + "' (expected one of: adobe, sums, control)")))
                .orElse(Manifest.Format.CONTROL), Manifest.Format.CONTROL);
        String manifestDelimiter = attempt(problems, () -> x.string("manifest_delimiter").orElse(","), ",");
        String encoding = attempt(problems, () -> encoding(x), "UTF-8");
        int headers = attempt(problems, () -> count(x, "header_records"), 0);
        int trailers = attempt(problems, () -> count(x, "trailer_records"), 0);
        Optional<Pattern> headerPattern = attempt(problems, () -> controlPattern(x, "header_pattern", headers),
                Optional.empty());
        Optional<Pattern> trailerPattern = attempt(problems, () -> controlPattern(x, "trailer_pattern", trailers),
                Optional.empty());
        FeedFormat format = attempt(problems, () -> FeedLayouts.format(x, dataset), null);
        AfterCommit afterCommit = attempt(problems, () -> choice(x, "after_commit", AfterCommit.class,
                AfterCommit.ARCHIVE), AfterCommit.ARCHIVE);
        if (completion == Completion.QUIET && quiet.isEmpty()) {
            problems.addAll(x.error("complete", "complete: quiet needs quiet_period (e.g. quiet_period: 15m)")
                    .problems());
        }
        if (completion == Completion.MANIFEST && manifest.isEmpty()) {
            problems.addAll(x.error("complete", "complete: manifest needs manifest (a file name such as"
                    + " '{delivery}.txt')").problems());
        }
        if (format instanceof FeedFormat.AdobeTsv && (headers > 0 || trailers > 0)) {
            problems.addAll(x.error(headers > 0 ? "header_records" : "trailer_records", "adobe_tsv files have no"
                    + " control records; remove it").problems());
        }
        Checks checks = attempt(problems, () -> checks(x, manifest, manifestFormat, headerPattern, trailerPattern,
                format, dataset), null);
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new FeedExtract(path, grouping, files, completion, markers, quiet, manifest, manifestFormat,
                manifestDelimiter, format, x.string("column_headers"), encoding, headers, trailers, headerPattern, trailerPattern, checks,
                afterCommit, x.strings("shared_with"));
    }

    private static Optional<Pattern> grouping(Options x) {
        String written = x.string("delivery").orElse("folder");
        if (written.equals("folder")) {
            return Optional.empty();
        }
        try {
            Pattern p = Pattern.compile(written);
            if (!written.contains("(?<delivery>")) {
                throw x.error("delivery", "'" + written + "' has no group named delivery (write folder, or a pattern"
                        + " over file names such as '(?<delivery>sales_\\d{8})\\..*')");
            }
            return Optional.of(p);
        } catch (PatternSyntaxException e) {
            throw x.error("delivery", "'" + written + "' is not a regular expression (" + e.getDescription() + ")");
        }
    }

    /** Binds {@code checks}; {@code format} is null when it could not be bound (its problem is reported). */
    private static Checks checks(Options x, Optional<String> manifest, Manifest.Format manifestFormat,
                                 Optional<Pattern> headerPattern, Optional<Pattern> trailerPattern, FeedFormat format,
                                 DatasetSpec dataset) {
        Options c = nested(x, "checks");
        c.rejectUnknown(CHECK_KEYS);
        Optional<ControlSource> recordCount = c.has("record_count")
                ? Optional.of(choice(c, "record_count", ControlSource.class, null)) : Optional.empty();
        recordCount.ifPresent(from -> requireSource(c, "record_count", from, "count", manifest, headerPattern,
                trailerPattern));
        Optional<ControlTotal> total = Optional.empty();
        if (c.has("control_total")) {
            Options t = nested(c, "control_total");
            t.rejectUnknown(Set.of("column", "from", "implied_decimals"));
            String column = t.requiredString("column");
            ControlSource from = choice(t, "from", ControlSource.class, null);
            if (from == null) {
                throw t.error("", "missing required field 'from' (header, trailer or manifest)");
            }
            requireSource(t, "from", from, "total", manifest, headerPattern, trailerPattern);
            if (from == ControlSource.MANIFEST && manifestFormat != Manifest.Format.CONTROL) {
                throw t.error("from", "a " + manifestFormat.spelling() + " manifest has no control totals (use a"
                        + " control manifest with a 'total' column, or the header or trailer)");
            }
            List<String> known = format instanceof FeedFormat.FixedWidth fixed ? fixed.names()
                    : dataset.columns().stream().map(ColumnSpec::sourceName).toList();
            boolean headersFile = format instanceof FeedFormat.AdobeTsv && x.has("column_headers");
            if (format != null && !headersFile && !known.contains(column)) {
                throw t.error("column", "no column '" + column + "' (expected one of: " + String.join(", ", known)
                        + ")");
            }
            total = Optional.of(new ControlTotal(column, from, t.integer("implied_decimals", 0)));
        }
        boolean checksums = c.bool("checksums", manifest.isPresent());
        if (checksums && manifest.isEmpty()) {
            throw c.error("checksums", "checksums come from a manifest; declare manifest or remove checksums");
        }
        return new Checks(recordCount, total, checksums, c.strings("expected_files"));
    }

    private static void requireSource(Options o, String key, ControlSource from, String group,
                                      Optional<String> manifest, Optional<Pattern> header, Optional<Pattern> trailer) {
        Optional<Pattern> pattern = from == ControlSource.HEADER ? header : trailer;
        if (from == ControlSource.MANIFEST && manifest.isEmpty()) {
            throw o.error(key, "from manifest needs manifest (a file name such as '{delivery}.txt')");
        }
        if (from != ControlSource.MANIFEST && pattern.filter(p -> p.pattern().contains("(?<" + group + ">"))
                .isEmpty()) {
            String name = from.name().toLowerCase(Locale.ROOT);
            throw o.error(key, "from " + name + " needs " + name + "_pattern with a group named " + group + " (e.g. '^T"
                    + "(?<count>\\d{9})(?<total>\\d{15})$')");
        }
    }

    @SuppressWarnings("unchecked")
    static Options nested(Options parent, String key) {
        Object v = parent.values().get(key);
        if (v == null) {
            return Options.empty(parent.origin(), parent.pointer() + "/" + key);
        }
        if (!(v instanceof Map)) {
            throw parent.error(key, "expected an object, found '" + v + "'");
        }
        return new Options((Map<String, Object>) v, parent.origin(), parent.pointer() + "/" + key);
    }

    static <E extends Enum<E>> E choice(Options o, String key, Class<E> type, E otherwise) {
        Optional<String> written = o.string(key);
        if (written.isEmpty()) {
            if (otherwise == null) {
                throw o.error("", "missing required field '" + key + "' (expected one of: " + spellings(type) + ")");
            }
            return otherwise;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(written.get().trim())) {
                return e;
            }
        }
        throw o.error(key, "unknown value '" + written.get() + "' (expected one of: " + spellings(type) + ")");
    }

    private static <E extends Enum<E>> String spellings(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT15M}). */
    static Duration duration(Options x, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw x.error("quiet_period", "'" + text + "' is not a duration (write e.g. 30s, 15m, 2h, 1d or PT15M)");
        }
    }

    private static String encoding(Options x) {
        String written = x.string("encoding").orElse("UTF-8");
        try {
            Charset charset = Charset.forName(written);
            if (!Arrays.equals("\n\r\\\t".getBytes(charset), "\n\r\\\t".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw x.error("encoding", "encoding '" + written + "' does not write newlines, tabs and backslashes"
                        + " as ASCII does; feeds must (e.g. UTF-8, ISO-8859-1, windows-1252)");
            }
            return charset.name();
        } catch (IllegalArgumentException e) {
            throw x.error("encoding", "unknown encoding '" + written + "' (expected a Java charset name such as"
                    + " UTF-8, ISO-8859-1, windows-1252)");
        }
    }

    private static int count(Options x, String key) {
        int n = x.integer(key, 0);
        if (n < 0) {
            throw x.error(key, "must be 0 or more, found " + n);
        }
        return n;
    }

    private static Optional<Pattern> controlPattern(Options x, String key, int records) {
        Optional<String> written = x.string(key);
        if (written.isPresent() && records == 0) {
            String of = key.replace("_pattern", "_records");
            throw x.error(key, key + " needs " + of + " (1 or more)");
        }
        try {
            return written.map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw x.error(key, "'" + written.get() + "' is not a regular expression (" + e.getDescription() + ")");
        }
    }

    static <T> T attempt(List<Problem> problems, Supplier<T> binding, T otherwise) {
        try {
            return binding.get();
        } catch (DescriptorException e) {
            problems.addAll(e.problems());
            return otherwise;
        }
    }
}
