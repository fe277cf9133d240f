package io.sluice.framework.validate;

import static io.sluice.framework.validate.ErrorStructs.column;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.DriftPolicy;
import io.sluice.metadata.Problem;
import io.sluice.metadata.RuleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a dataset's declared schema and rules into Spark column expressions (built-in functions only: no
 * UDF, no per-row JSON, nothing collected to the driver). The result checks a raw DataFrame in two projections
 * (plus one window per unique rule); valid and error rows are two filters of that one checked DataFrame.
 *
 * <h2>Parsing</h2>
 * Each column reads the source field named by its {@code from} (its source name; else its name), exactly or else
 * ignoring case; outputs and messages use its (lake) name. Text values (CSV, JSON) equal to one of the column's
 * {@code null_values} (surrounding spaces aside) are missing, in every type. The others are parsed strictly;
 * surrounding spaces are ignored except in string columns:
 * <ul>
 * <li>int, long: {@code [+-]digits} within the type's range ({@code 1.23} is not an int, nothing is truncated);</li>
 * <li>decimal(p,s): plain notation ({@code -12.5}, {@code .5}, {@code 5.}), at most s fractional digits (no
 *     rounding), fitting p; no exponent;</li>
 * <li>double: decimal or scientific notation ({@code 1.5}, {@code -2e10}); {@code NaN}, {@code Infinity},
 *     hexadecimal and Java suffixes ({@code 1d}) are refused, as is an overflow to infinity;</li>
 * <li>numbers with the column's {@code decimal_separator} and {@code grouping_separator}: the same notations, the
 *     digits before the decimal separator either plain or in well-formed groups of three
 *     ({@code 1.234.567,89}; not {@code 1.23.4} nor {@code 1..234});</li>
 * <li>boolean: {@code true} or {@code false}, any case, or else the column's {@code true_values} and
 *     {@code false_values} (any case);</li>
 * <li>date: the column's {@code formats} (the first that parses wins), default {@code yyyy-MM-dd}, resolved
 *     strictly ({@code 2026-02-30} and {@code 2026-2-3} are not dates);</li>
 * <li>timestamp: the column's {@code formats} (patterns, {@code epoch_seconds}, {@code epoch_millis}), else Spark's
 *     timestamp text forms (ISO 8601, with or without time and zone); a value without zone is in the column's
 *     {@code timezone}, else the session time zone.</li>
 * </ul>
 * ({@code SourceValues} has the details.)
 * Typed sources (Avro, Parquet, JDBC) convert numbers to numbers and dates to timestamps (and back) only when the
 * value survives the round trip unchanged (a long beyond int, 1.2345 into decimal(12,2), a timestamp with a time
 * into a date are type errors); any other source type is converted through its text, strictly, so a source type
 * change yields row errors, never a crash. A missing value is null, or an empty text (for non-string columns also
 * a blank one); in a nullable non-string column it becomes null, in a nullable string column an empty text stays
 * empty. Column rules run only on a present value that parsed, so one bad value is one error.
 * <p>JSON: when the raw rows have {@code _json_kinds} (key to the kind of a value neither string nor null), a
 * string column takes JSON strings only: a number, boolean, object or array in it is a type error (there is no
 * option to accept them: the column options belong to the engine-free descriptor model, and a source that sends
 * numbers declares a numeric column). Any other column parses the value's text as above, so a JSON number
 * {@code 12} and a JSON string {@code "12"} are both an int; an object or array is a type error in every column.
 * The kind is looked up with a built-in map access, no UDF. Date and timestamp parsing needs {@code spark.sql.legacy.timeParserPolicy=CORRECTED}, Spark's default;
 * {@link #compile} refuses another policy.
 *
 * <h2>Error catalogue</h2>
 * Each entry of {@code _errors} is {@code {column, rule, message}}; a row lists every failure, in this order:
 * parse (alone: nothing else is checked on such a row), then each declared column in declared order
 * (missing_column or not_null or type, then encoding, min, max, length, pattern, allowed), then the dataset rules
 * in declared order. Values longer than 100 characters are cut and end with {@code …}.
 * <table>
 * <caption>messages</caption>
 * <tr><th>column</th><th>rule</th><th>message</th></tr>
 * <tr><td>null</td><td>parse</td><td>{@code record could not be split into fields (wrong number of fields or broken
 *     quoting)}; JSON (the raw rows have {@code _json_kinds}): {@code record is not one JSON object (broken syntax,
 *     a duplicate key, a second value, or not an object)}</td></tr>
 * <tr><td>c</td><td>missing_column</td><td>{@code column 'c' is missing from the source data}, with a source name
 *     {@code (declared from: 'C $')} after it</td></tr>
 * <tr><td>c</td><td>not_null</td><td>{@code value is required}</td></tr>
 * <tr><td>c</td><td>type</td><td>{@code '1.23' is not an int}; {@code 'x' is not a long};
 *     {@code '12' is not a string (expected a JSON string, found a number)} (also {@code a boolean},
 *     {@code an object}, {@code an array});
 *     {@code 'x' is not a double}; {@code '1.234' is not a decimal(12,2) (expected plain notation, at most 2 decimal
 *     places, within ±9999999999.99)}; {@code '1.5' is not a decimal(5,0) (expected a whole number within ±99999)};
 *     {@code 'yes' is not a boolean (expected true or false)}, with tokens {@code (expected Y or 1 for true, N or 0
 *     for false)}; with separators {@code '1.23.4' is not an int (grouping separator '.')};
 *     {@code '2026-02-30' is not a date (expected yyyy-MM-dd)}; {@code 'x' is not a timestamp (expected
 *     yyyy-MM-dd HH:mm:ss)}, without format: {@code (expected an ISO 8601 date-time such as 2026-11-22 10:15:00)},
 *     with several: {@code '31/02/2024' is not a date in any of: dd/MM/yyyy, yyyy-MM-dd}
 *     </td></tr>
 * <tr><td>c</td><td>encoding</td><td>{@code 'caf\uFFFD' holds U+FFFD (\uFFFD), what bytes that are not valid in
 *     the file's declared encoding become: declare the extract's encoding (e.g. ISO-8859-1), or fix the file}
 *     (string columns read from text: the value would otherwise be published altered)</td></tr>
 * <tr><td>c</td><td>min</td><td>{@code -5 is below the minimum 0}</td></tr>
 * <tr><td>c</td><td>max</td><td>{@code 1200 is above the maximum 1000}</td></tr>
 * <tr><td>c</td><td>length</td><td>{@code 'ab' is shorter than the minimum length 3};
 *     {@code 'abcdef' is longer than the maximum length 5}</td></tr>
 * <tr><td>c</td><td>pattern</td><td>{@code 'XYZ' does not match ^[A-Z]{2}$} (the pattern as declared; the whole
 *     value must match)</td></tr>
 * <tr><td>c</td><td>allowed</td><td>{@code 'purple' is not one of [red, green]} (compared as written)</td></tr>
 * <tr><td>a, b</td><td>the rule's name</td><td>{@code duplicate key (a=5, b=x) within the run}: every row
 *     sharing a complete key within the run</td></tr>
 * <tr><td>null</td><td>the rule's name</td><td>{@code rule price_sane failed: price < 1000000} (false fails, null
 *     passes)</td></tr>
 * </table>
 */
public final class ValidationCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationCompiler.class);
    private static final Set<String> BOOKKEEPING =
            Set.of(RawColumns.SOURCE_FILE, RawColumns.LINE, RawColumns.CORRUPT_RECORD, RawColumns.JSON_KINDS);
    private static final Column EMPTY_MAP =
            map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    private static final String CORRUPT_MESSAGE =
            "record could not be split into fields (wrong number of fields or broken quoting)";
    private static final String CORRUPT_JSON_MESSAGE =
            "record is not one JSON object (broken syntax, a duplicate key, a second value, or not an object)";

    private ValidationCompiler() {
    }

    /**
     * Binds the dataset's columns and rules to the raw schema.
     *
     * @param spark     the session, used to analyze SQL rules (nothing runs)
     * @param dataset   the declared schema, rules and drift policy
     * @param rawSchema schema of the connector's read result: source fields plus {@link RawColumns} bookkeeping
     * @throws DescriptorException naming file, line and pointer of every column or rule that cannot bind (a SQL
     *                             rule on an unknown column or not boolean, min on a date column, a bad pattern…)
     * @throws io.sluice.metadata.SluiceException {@code DRIFT_UNEXPECTED_COLUMNS} (DATA) when drift is fail and
     *                             the source has undeclared fields, or when drift is evolve and an undeclared
     *                             field has the lake name of a column read from another field;
     *                             {@code SPARK_TIME_PARSER_POLICY} (DESCRIPTOR) when
     *                             dates must be parsed under a non-default time parser policy
     */
    public static CompiledValidation compile(SparkSession spark, DatasetSpec dataset, StructType rawSchema) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(rawSchema, "rawSchema");
        List<ColumnSpec> columns = dataset.columns();
        StructType typedSchema = new StructType();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            problems.addAll(ColumnCompiler.bind(c, i, dataset.origin()));
            // Spark resolves names case-insensitively by default: Price and price could not both be referenced.
            Integer first = seen.putIfAbsent(c.name().toLowerCase(Locale.ROOT), i);
            if (first != null) {
                problems.add(dataset.origin().problem("/schema/" + i + "/name", "column '" + c.name()
                        + "' is already declared at /schema/" + first + " (names are compared ignoring case)"));
                continue;
            }
            typedSchema = typedSchema.add(c.name(), StrictParsers.sparkType(c.type()), true);
        }
        problems.addAll(DatasetRules.bind(spark, dataset, typedSchema));
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }

        Map<String, StructField> sourceFields = new LinkedHashMap<>();
        for (StructField f : rawSchema.fields()) {
            if (!BOOKKEEPING.contains(f.name())) {
                sourceFields.put(f.name(), f);
            }
        }
        Map<String, StructField> bound = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ColumnSpec c : columns) {
            // the source's name for the column; everything downstream knows it by its lake name
            Optional<StructField> field = match(c.sourceName(), sourceFields);
            field.ifPresentOrElse(f -> {
                bound.put(c.name(), f);
                sourceFields.remove(f.name());
            }, () -> missing.add(c.name()));
        }
        List<String> unexpected = List.copyOf(sourceFields.keySet());
        if (dataset.drift() == DriftPolicy.EVOLVE) {
            // a field read by another name (from) leaves its lake name free in the source: an undeclared field
            // may carry it, and evolving it would give the valid table two columns of one name
            Set<String> lakeNames = new HashSet<>();
            columns.forEach(c -> lakeNames.add(c.name().toLowerCase(Locale.ROOT)));
            List<String> taken = unexpected.stream().filter(n -> lakeNames.contains(n.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!taken.isEmpty()) {
                throw ValidationErrors.evolvedNamesTaken(dataset, taken);
            }
        }
        if (!unexpected.isEmpty()) {
            if (dataset.drift() == DriftPolicy.FAIL) {
                throw ValidationErrors.unexpectedColumns(dataset, unexpected);
            }
            LOG.warn("dataset {}: source columns not declared in {}: {} (drift: {})", dataset.qualifiedName(),
                    dataset.origin().file(), unexpected, dataset.drift().name().toLowerCase(Locale.ROOT));
        }
        if (!missing.isEmpty()) {
            LOG.warn("dataset {}: declared columns missing from the source, every row will be rejected: {}",
                    dataset.qualifiedName(), missing);
        }
        requireStrictTimeParser(spark, columns, bound);
        return build(dataset, rawSchema, bound, unexpected, missing);
    }

    /**
     * Two projections, so that each value is parsed once and a valid row never builds a message:
     * <ol>
     * <li>parse: every declared column typed (its declared name) and as text ({@code _sluice_text_<i>}; a string
     *     column read from text is its own text and is projected once), and the bookkeeping columns; then one
     *     window count per unique rule;</li>
     * <li>the checked row: {@code _sluice_failed}, one {@code greatest} over one boolean per column and per
     *     dataset rule (evaluated once per row: Spark shares the repeated expression); only a failing row builds
     *     its {@code _original} struct of texts. A valid row gets a null {@code _original}.</li>
     * </ol>
     * The messages ({@code _errors}) are built by {@link CompiledValidation#errors}, over the failing rows of the
     * checked ones: the texts come back from {@code _original} under their text names and the checks run again.
     * The checked projection thus holds no lambda ({@code array_compact} is one), and Spark compiles the scan and
     * both projections into one generated method, without copying each row between them.
     */
    private static CompiledValidation build(DatasetSpec dataset, StructType rawSchema, Map<String, StructField> bound,
                                            List<String> unexpected, List<String> missing) {
        Set<String> rawNames = Set.of(rawSchema.fieldNames());
        Optional<Column> jsonKinds = rawNames.contains(RawColumns.JSON_KINDS)
                ? Optional.of(column(RawColumns.JSON_KINDS))
                : Optional.empty();
        List<Column> parsed = new ArrayList<>();
        List<Column> texts = new ArrayList<>();
        List<ErrorStructs.Check> columnChecks = new ArrayList<>();
        List<Column> columnFails = new ArrayList<>();
        Map<String, String> textNames = new LinkedHashMap<>();
        List<ColumnSpec> columns = dataset.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            String textName = ErrorStructs.INTERNAL_PREFIX + "text_" + i;
            ColumnCompiler.CompiledColumn compiled =
                    ColumnCompiler.compile(c, Optional.ofNullable(bound.get(c.name())), textName, jsonKinds);
            parsed.add(compiled.typed().as(c.name()));
            compiled.text().ifPresent(text -> parsed.add(text.as(textName)));
            if (compiled.text().isPresent()) {
                textNames.put(c.name(), textName);
            }
            texts.add(column(compiled.textColumn()).as(c.name()));
            columnChecks.addAll(compiled.checks());
            columnFails.add(compiled.fails());
        }
        List<Column> drift = new ArrayList<>();
        List<String> driftNames = new ArrayList<>();
        if (dataset.drift() == DriftPolicy.RESCUE) {
            drift.add(rescued(unexpected).as(ErrorStructs.RESCUED));
            driftNames.add(ErrorStructs.RESCUED);
        } else if (dataset.drift() == DriftPolicy.EVOLVE) {
            for (String name : unexpected) {
                drift.add(column(name).cast(DataTypes.StringType).as(name));
                driftNames.add(name);
            }
        }

        List<Column> projection = new ArrayList<>(parsed);
        projection.add(bookkeeping(rawNames, RawColumns.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType))
                .cast(DataTypes.StringType).as(ErrorStructs.RAW_RECORD));
        projection.add(bookkeeping(rawNames, RawColumns.SOURCE_FILE, lit(null).cast(DataTypes.StringType))
                .as(RawColumns.SOURCE_FILE));
        projection.add(bookkeeping(rawNames, RawColumns.LINE, lit(null).cast(DataTypes.LongType)).as(RawColumns.LINE));
        projection.addAll(drift);

        List<Column> windows = new ArrayList<>();
        List<String> windowNames = new ArrayList<>();
        List<ErrorStructs.Check> ruleChecks = new ArrayList<>();
        for (RuleSpec rule : dataset.rules()) {
            if (rule instanceof RuleSpec.Unique unique) {
                String countColumn = ErrorStructs.INTERNAL_PREFIX + "unique_" + windows.size();
                windows.add(DatasetRules.uniqueCount(unique).as(countColumn));
                windowNames.add(countColumn);
                ruleChecks.add(DatasetRules.uniqueError(unique, column(countColumn)));
            } else if (rule instanceof RuleSpec.Sql sql) {
                ruleChecks.add(DatasetRules.sqlError(sql));
            } else {
                throw new IllegalStateException("unhandled rule kind: " + rule);
            }
        }
        Column corrupt = column(ErrorStructs.RAW_RECORD).isNotNull();
        // What every row evaluates: one flag per column (ColumnCompiler asks whether a value is present and
        // parsed once per column, not once per check), then the dataset rules.
        List<Column> flags = new ArrayList<>(columnFails);
        ruleChecks.forEach(c -> flags.add(ErrorStructs.fails(c)));
        Column failed = corrupt.or(ErrorStructs.anyTrue(flags));
        ErrorStructs.Check parse = ErrorStructs.error(lit(true), null, "parse",
                lit(jsonKinds.isPresent() ? CORRUPT_JSON_MESSAGE : CORRUPT_MESSAGE));
        List<ErrorStructs.Check> allChecks = new ArrayList<>(columnChecks);
        allChecks.addAll(ruleChecks);
        Column errors = when(corrupt, ErrorStructs.entries(List.of(parse))).otherwise(ErrorStructs.entries(allChecks));
        // Per reason, whether a rejected row reports it: the condition of its checks (a row that could not be
        // split reports parse alone). Counted while the error rows are written, with no look into _errors.
        Map<CompiledValidation.Reason, Column> reports = new LinkedHashMap<>();
        reports.put(parse.reason(), corrupt);
        for (ErrorStructs.Check c : allChecks) {
            Column fails = not(corrupt).and(ErrorStructs.fails(c));
            reports.merge(c.reason(), fails, Column::or);
        }

        List<String> declared = columns.stream().map(ColumnSpec::name).toList();
        List<Column> checked = new ArrayList<>();
        declared.forEach(n -> checked.add(column(n)));
        // The same expression twice: Spark evaluates it once per row (subexpression elimination).
        checked.add(when(failed, struct(texts.toArray(Column[]::new))).as(ErrorStructs.ORIGINAL));
        checked.add(column(ErrorStructs.RAW_RECORD));
        checked.add(column(RawColumns.SOURCE_FILE));
        // only the error table has it: a valid row neither works out its line number nor keeps it
        checked.add(when(failed, column(RawColumns.LINE)).as(RawColumns.LINE));
        driftNames.forEach(n -> checked.add(column(n)));
        // the error messages of a unique rule need its count, which only the window gives
        windowNames.forEach(n -> checked.add(column(n)));
        checked.add(failed.as(ErrorStructs.FAILED));

        // The error rows get their messages from the kept columns: the texts back under the names the checks
        // read them by, then the checks again, on the failing rows only.
        List<Column> reread = new ArrayList<>();
        reread.add(col("*"));
        textNames.forEach((name, textName) -> reread.add(column(ErrorStructs.ORIGINAL).getField(name).as(textName)));

        List<Column> valid = new ArrayList<>();
        declared.forEach(n -> valid.add(column(n)));
        valid.add(column(RawColumns.SOURCE_FILE));
        driftNames.forEach(n -> valid.add(column(n)));

        List<Column> rejected = new ArrayList<>();
        declared.forEach(n -> rejected.add(column(ErrorStructs.ORIGINAL).getField(n).as(n)));
        rejected.add(column(ErrorStructs.RAW_RECORD));
        // never null, and declared so: every branch of errors is an array literal or a concat of them
        rejected.add(errors.as(ErrorStructs.ERRORS));
        rejected.add(column(RawColumns.SOURCE_FILE));
        rejected.add(column(RawColumns.LINE));

        return new CompiledValidation(rawSchema, projection, windows, checked, valid, reread, rejected,
                reports, unexpected, missing);
    }

    /** Exact name first, then the first case-insensitive match (sources disagree on case, Spark mostly ignores it). */
    private static Optional<StructField> match(String name, Map<String, StructField> fields) {
        StructField exact = fields.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return fields.values().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Column bookkeeping(Set<String> rawNames, String name, Column otherwise) {
        return rawNames.contains(name) ? column(name) : otherwise;
    }

    /** Undeclared fields as text, absent (null) ones left out so the map holds only what was delivered. */
    private static Column rescued(List<String> unexpected) {
        if (unexpected.isEmpty()) {
            return EMPTY_MAP;
        }
        // one single-entry map per delivered field, joined: no lambda (map_filter is one), so Spark generates code
        List<Column> entries = new ArrayList<>();
        for (String name : unexpected) {
            Column value = column(name).cast(DataTypes.StringType);
            entries.add(when(value.isNotNull(), map(lit(name), value)).otherwise(EMPTY_MAP));
        }
        return entries.size() == 1 ? entries.get(0) : map_concat(entries.toArray(Column[]::new));
    }

    private static void requireStrictTimeParser(SparkSession spark, List<ColumnSpec> columns,
                                                Map<String, StructField> bound) {
        boolean parsesText = columns.stream().anyMatch(c -> StrictParsers.parsesDatetime(c.type())
                && bound.containsKey(c.name()) && !isDatetime(bound.get(c.name())));
        String policy = spark.conf().get(ValidationErrors.TIME_PARSER_POLICY_KEY);
        if (parsesText && !"CORRECTED".equalsIgnoreCase(policy)) {
            throw ValidationErrors.timeParserPolicy(policy);
        }
    }

    private static boolean isDatetime(StructField field) {
        return field.dataType() instanceof DateType || field.dataType() instanceof TimestampType
                || field.dataType() instanceof TimestampNTZType;
    }
}
