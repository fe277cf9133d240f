package io.sluice.onboard;

import static org.apache.spark.sql.functions.lit;

import io.sluice.connector.FixedWidthLayout;
import io.sluice.connector.RawColumns;
import io.sluice.connector.files.FileExtract;
import io.sluice.connector.files.SampleRecords;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.Options;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code sluice init --sample FILE}: a draft dataset descriptor from one sample file. The file is read by the
 * files connector's own parsers ({@link SampleRecords}; Spark for Parquet and Avro), the columns are guessed
 * ({@link ColumnProfiles}), and the draft is then proven on the whole sample by the run's validation
 * ({@link DraftVerifier}).
 */
public final class FileOnboarding {
    /** Records read to guess the columns; the proof reads the whole file. */
    static final int INFER_RECORDS = 200_000;

    private FileOnboarding() {
    }

    /**
     * What to draft.
     *
     * @param source      the source's name
     * @param dataset     the dataset's name
     * @param sample      the sample file
     * @param format      the declared format, or empty to tell it from the file's name
     * @param extractPath the {@code extract.path} glob to write, relative to the source's landing folder
     * @param sourceYaml  the source's descriptor (the one about to be written, or the existing one's text)
     * @param features    the descriptor features the draft may use
     * @param layout      a fixed_width sample's columns, as {@code extract.layout} declares them; empty otherwise
     */
    public record Request(String source, String dataset, Path sample, Optional<String> format, String extractPath,
                          String sourceYaml, Set<Feature> features, Optional<List<Object>> layout) {
        public Request {
            Objects.requireNonNull(sample, "sample");
            features = Set.copyOf(features);
            layout = layout.map(List::copyOf);
        }

        public Request(String source, String dataset, Path sample, Optional<String> format, String extractPath,
                       String sourceYaml, Set<Feature> features) {
            this(source, dataset, sample, format, extractPath, sourceYaml, features, Optional.empty());
        }
    }

    /**
     * A proven draft.
     *
     * @param draft     the draft
     * @param yaml      its descriptor text
     * @param rows      records of the sample
     * @param remaining sample records the draft still rejects (0 unless some cannot be split into fields)
     */
    public record Result(DatasetDraft draft, String yaml, long rows, long remaining) {
    }

    public static Result draft(SparkSession spark, Request request) {
        if (!Files.isRegularFile(request.sample())) {
            throw OnboardErrors.unreadable(request.sample(), new IOException("no such file"));
        }
        Dialect dialect = Sniffer.sniff(request.sample(), request.format(), request.layout());
        DatasetDraft draft;
        String uri = request.sample().toAbsolutePath().toUri().toString();
        java.util.function.Function<DatasetSpec, Dataset<Row>> rows;
        Path withoutPreamble = null;
        if (dialect.isText()) {
            Text text = text(request, dialect);
            draft = text.draft();
            List<String> fields = text.fields();
            String read = uri;
            if (dialect.skipLines() > 0 && !request.features().contains(Feature.SKIP_LINES)) {
                // this build cannot skip the preamble: prove the draft on the file without it, so that the draft
                // is right once skip_lines is added by hand
                withoutPreamble = withoutPreamble(request.sample(), dialect.skipLines());
                read = withoutPreamble.toUri().toString();
            }
            String path = read;
            rows = dataset -> SampleRecords.rows(spark, path, FileExtract.bind(dataset.extract()), fields);
        } else {
            Dataset<Row> df = spark.read().format(dialect.format()).load(uri);
            draft = TypedFiles.draft(df, request, dialect);
            rows = dataset -> df.withColumn(RawColumns.SOURCE_FILE, lit(request.sample().getFileName().toString()))
                    .withColumn(RawColumns.LINE, lit(null).cast(DataTypes.LongType))
                    .withColumn(RawColumns.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType));
        }
        DraftVerifier.Verified verified;
        try {
            verified = DraftVerifier.verify(spark, request.sourceYaml(), draft, rows);
        } finally {
            if (withoutPreamble != null) {
                deleteQuietly(withoutPreamble);
            }
        }
        return new Result(verified.draft(), DraftWriter.dataset(verified.draft()), verified.rows(),
                verified.remaining());
    }

    /**
     * Reads {@code sluice init --layout FILE}: a YAML (or JSON) list of a fixed-width sample's columns, written as
     * {@code extract.layout} declares them, checked as a run checks them (each problem names the file and line).
     */
    public static List<Object> layout(Path file) {
        Options options = Options.read(file, "layout");
        if (!(options.values().get("layout") instanceof List<?> list)) {
            throw new SluiceException(OnboardErrorCode.INIT_LAYOUT, "--layout " + file + " must hold a YAML list"
                    + " of the fixed-width columns, e.g. '- { name: id, start: 1, length: 6 }' or"
                    + " '- { name: id, width: 6 }', one per line (docs/files.md, Fixed-width files)");
        }
        FixedWidthLayout.columns(options);
        return List.copyOf(list);
    }

    private static Path withoutPreamble(Path sample, int lines) {
        try (InputStream in = Sniffer.open(sample)) {
            skipLines(in, lines);
            Path copy = Files.createTempFile("sluice-init-", sample.getFileName().toString()
                    .replaceFirst("(?i)\\.gz$", ""));
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw OnboardErrors.unreadable(sample, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary copy left behind is harmless; the draft is what matters
            org.slf4j.LoggerFactory.getLogger(FileOnboarding.class).debug("could not delete {}", file, e);
        }
    }

    /** A text draft and the names a run gives the file's fields. */
    private record Text(DatasetDraft draft, List<String> fields) {
    }

    private static Text text(Request request, Dialect sniffed) {
        List<String> notes = new ArrayList<>(sniffed.notes());
        Set<Feature> features = request.features();
        Dialect dialect = sniffed;
        SampleRecords.Sample sample;
        if (dialect.isDelimited()) {
            SampleRecords.Sample all = read(request.sample(), dialect.withHeader(false, ""), dialect.skipLines());
            if (all.records().isEmpty()) {
                throw OnboardErrors.empty(request.sample());
            }
            boolean header = Headers.looksLikeHeader(all.records(), features);
            dialect = dialect.withHeader(header, header ? "the first record is a header (its cells are not values"
                    + " of their columns)" : "no header: the first record holds values like the others");
            notes.add(dialect.notes().get(dialect.notes().size() - 1));
            sample = header ? read(request.sample(), dialect, dialect.skipLines()) : all;
        } else {
            sample = read(request.sample(), dialect, 0);
        }
        if (sample.records().isEmpty()) {
            throw OnboardErrors.empty(request.sample());
        }
        if (dialect.isFixedWidth()) {
            sample = split(sample, dialect.bind(dialect.extract("sample")).fixedWidth().orElseThrow());
        }
        if (sample.more()) {
            notes.add("columns guessed from the first " + INFER_RECORDS + " records, proven on the whole file");
        }
        List<String> fields = dialect.isDelimited() && !dialect.header() ? positionalNames(sample) : sample.fields();
        List<ColumnProfiles.Values> values = values(sample, fields);
        Map<String, Object> extract = dialect.extract(request.extractPath());
        if (dialect.skipLines() > 0) {
            if (features.contains(Feature.SKIP_LINES)) {
                extract.put("skip_lines", dialect.skipLines());
            } else {
                notes.add("NEEDS extract.skip_lines: " + dialect.skipLines() + " (issue 19) to skip the preamble:"
                        + " this build cannot declare it, so a run reads the preamble as the header; the draft is"
                        + " proven on the file without its preamble");
            }
        }
        // null tokens: a list where the build takes one; else one token, as the files connector's null_value
        Set<String> tokens = ColumnProfiles.nullTokens(values, features.contains(Feature.FORMATS));
        List<String> nullValues = List.of();
        boolean exact = false;
        if (!tokens.isEmpty()) {
            if (features.contains(Feature.NULL_VALUES)) {
                nullValues = List.copyOf(tokens);
                notes.add("null tokens " + tokens + " appear in columns that are otherwise typed: null_values");
            } else if (dialect.isDelimited()) {
                String token = ColumnProfiles.mostFrequent(values, tokens);
                extract.put("null_value", token);
                exact = true;
                notes.add("null token '" + token + "' appears in columns that are otherwise typed: null_value"
                        + (tokens.size() > 1 ? " (also seen: " + tokens + "; declaring them all NEEDS null_values,"
                        + " issue 19)" : ""));
                tokens = Set.of(token);
            } else {
                notes.add("null tokens " + tokens + " NEED null_values (issue 19) in a JSON dataset");
                tokens = Set.of();
            }
        }
        List<String> lakeNames = LakeNames.of(fields);
        boolean renamed = !lakeNames.equals(fields);
        if (renamed && !features.contains(Feature.FROM) && dialect.isDelimited() && dialect.header()) {
            notes.add("header texts that are not lake names NEED from: (issue 19); this build cannot declare"
                    + " them, so the draft reads the file without its header (header: false) and the header line"
                    + " becomes a row");
            extract.put("header", false);
            fields = lakeNames;
        }
        List<ColumnDraft> columns = ColumnProfiles.draft(values, lakeNames, tokens, exact, features, notes);
        List<ColumnDraft> declared = new ArrayList<>();
        for (ColumnDraft c : columns) {
            if (c == null) {
                continue;
            }
            if (c.renamed() && !features.contains(Feature.FROM) && !(dialect.isDelimited()
                    && Boolean.FALSE.equals(extract.get("header")))) {
                notes.add("'" + c.sourceName() + "' is not a lake name and NEEDS from: (issue 19): left undeclared");
                continue;
            }
            String sourceName = Boolean.FALSE.equals(extract.get("header")) ? c.name()
                    : dialect.format().equals("json") ? jsonKey(c.sourceName()) : c.sourceName();
            declared.add(new ColumnDraft(c.name(), sourceName, c.type(), c.formats(), c.nullable(), c.key(),
                    c.allowed(), c.trueValues(), c.falseValues(), c.notes()));
        }
        DatasetDraft draft = new DatasetDraft(request.source(), request.dataset(), request.sample().getFileName()
                + " (" + sample.records().size() + " records)", extract, nullValues, declared, null, notes);
        return new Text(draft, fields);
    }

    /**
     * A fixed-width sample's records (whole lines, as the run's line parser gives them) split by the layout as a
     * run splits them: its fields are the layout's names; a line shorter than the layout is a record that cannot
     * be split, as it is an error row in a run.
     */
    private static SampleRecords.Sample split(SampleRecords.Sample lines, FixedWidthLayout layout) {
        List<SampleRecords.Record> records = new ArrayList<>();
        for (SampleRecords.Record r : lines.records()) {
            if (r.problem().isPresent()) {
                records.add(r);
                continue;
            }
            FixedWidthLayout.Parsed parsed = layout.parse(r.text());
            records.add(new SampleRecords.Record(r.line(), r.text(), null, java.util.Arrays.asList(parsed.values()),
                    null, parsed.corrupt() ? Optional.of("shorter than the layout (" + layout.recordLength()
                    + " characters)") : Optional.empty()));
        }
        return new SampleRecords.Sample(layout.names(), List.of(), records, lines.more());
    }

    /**
     * A JSON key as {@code from:} addresses it: {@code from} reads JSON paths, so a key holding {@code .},
     * {@code [}, {@code ]} or a backquote (or the empty key) is written in backquotes, a backquote doubled.
     */
    static String jsonKey(String key) {
        boolean plain = !key.isEmpty() && key.chars().noneMatch(ch -> ch == '.' || ch == '[' || ch == ']' || ch == '`');
        return plain ? key : "`" + key.replace("`", "``") + "`";
    }

    private static List<String> positionalNames(SampleRecords.Sample sample) {
        int width = sample.records().stream().filter(r -> r.problem().isEmpty()).mapToInt(r -> r.values().size())
                .max().orElse(0);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
            names.add("field_" + i);
        }
        return names;
    }

    private static List<ColumnProfiles.Values> values(SampleRecords.Sample sample, List<String> fields) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            index.putIfAbsent(fields.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<List<String>> values = new ArrayList<>();
        List<Set<String>> kinds = new ArrayList<>();
        fields.forEach(f -> {
            values.add(new ArrayList<>());
            kinds.add(new LinkedHashSet<>());
        });
        for (SampleRecords.Record r : sample.records()) {
            if (r.problem().isPresent()) {
                continue;
            }
            if (r.names() == null) {
                if (r.values().size() != fields.size()) {
                    continue;
                }
                for (int i = 0; i < fields.size(); i++) {
                    values.get(i).add(r.values().get(i));
                }
            } else {
                String[] row = new String[fields.size()];
                for (int k = 0; k < r.names().size(); k++) {
                    Integer i = index.get(r.names().get(k).toLowerCase(Locale.ROOT));
                    if (i != null) {
                        row[i] = r.values().get(k);
                        kinds.get(i).add(r.kinds().get(k));
                    }
                }
                for (int i = 0; i < fields.size(); i++) {
                    values.get(i).add(row[i]);
                }
            }
        }
        List<ColumnProfiles.Values> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            kinds.get(i).remove("null");
            out.add(new ColumnProfiles.Values(fields.get(i), values.get(i), kinds.get(i)));
        }
        return out;
    }

    /** Reads the sample's records after {@code skipLines} physical lines, with the run's parser. */
    static SampleRecords.Sample read(Path file, Dialect dialect, int skipLines) {
        try (InputStream in = Sniffer.open(file)) {
            skipLines(in, skipLines);
            return SampleRecords.read(in, dialect.bind(dialect.extract("sample." + dialect.format())),
                    INFER_RECORDS);
        } catch (IOException e) {
            throw OnboardErrors.unreadable(file, e);
        }
    }

    /** Skips physical lines (ended by LF, CR or CRLF); {@code in} must support mark. */
    private static void skipLines(InputStream in, int lines) throws IOException {
        int skipped = 0;
        while (skipped < lines) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            if (b == '\n') {
                skipped++;
            } else if (b == '\r') {
                skipped++;
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
            }
        }
    }
}
