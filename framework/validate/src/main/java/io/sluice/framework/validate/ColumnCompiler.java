package io.sluice.framework.validate;

import static io.sluice.framework.validate.ErrorStructs.error;
import static io.sluice.framework.validate.ErrorStructs.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/** Binds one declared column to its source field and compiles its type and column rules. */
final class ColumnCompiler {
    /** Names the outputs use for themselves; a declared column may not take them. */
    static final Set<String> RESERVED = Set.of(ErrorStructs.ORIGINAL, ErrorStructs.ERRORS, ErrorStructs.RAW_RECORD,
            ErrorStructs.RESCUED, "_source_file", "_line", "_corrupt_record", "_run_id", "_ingested_at");

    /** The character a decoder puts in place of bytes it cannot decode. */
    static final String REPLACEMENT = "\uFFFD";

    private ColumnCompiler() {
    }

    /**
     * A compiled column, in two steps so that each value is parsed once: {@code typed} and {@code text} are
     * evaluated over the raw row and projected (as the declared name and as the column's text name); the
     * {@code checks} then refer to those two projected columns, not to the parsing expressions.
     *
     * @param typed      the value in the declared type; null when absent or not convertible
     * @param text       the value as the source gave it, as text (what the error zone keeps); empty when it is
     *                   the typed value itself (a string column read from text), which is then projected once
     * @param textColumn the projected column the checks and the error zone read the text from: the text name,
     *                   or the declared name when {@code text} is empty
     * @param checks     one check per rule of the column, in report order, over the projected columns
     * @param fails      true exactly when one of {@code checks} fails (never null), in fewer operations than the
     *                   checks' own conditions: each of those repeats whether the value is present and parsed,
     *                   which this asks once. It is what every row evaluates; the checks run for failing rows only
     */
    record CompiledColumn(Column typed, Optional<Column> text, String textColumn, List<ErrorStructs.Check> checks,
                          Column fails) {
    }

    /** Every reason {@code spec} cannot be compiled, located at {@code /schema/<index>/<field>}. */
    static List<Problem> bind(ColumnSpec spec, int index, Origin origin) {
        String at = "/schema/" + index;
        List<Problem> problems = new ArrayList<>();
        ColumnType type = spec.type();
        String name = spec.name();
        if (RESERVED.contains(name) || name.startsWith(ErrorStructs.INTERNAL_PREFIX)) {
            problems.add(origin.problem(at + "/name", "column name '" + name + "' is reserved for Sluice's own "
                    + "columns (" + String.join(", ", RESERVED.stream().sorted().toList()) + ", _sluice_*); rename it"));
        }
        if (!type.isNumeric()) {
            spec.min().ifPresent(v -> problems.add(origin.problem(at + "/min", notApplicable("min", spec, "numeric"))));
            spec.max().ifPresent(v -> problems.add(origin.problem(at + "/max", notApplicable("max", spec, "numeric"))));
        } else if (spec.min().isPresent() && spec.max().isPresent() && spec.min().get().compareTo(spec.max().get()) > 0) {
            problems.add(origin.problem(at + "/min", "min " + plain(spec.min().get()) + " is greater than max "
                    + plain(spec.max().get()) + "; swap them"));
        }
        if (type.kind() != ColumnType.Kind.STRING) {
            spec.minLength().ifPresent(v -> problems.add(origin.problem(at + "/min_length",
                    notApplicable("min_length", spec, "string"))));
            spec.maxLength().ifPresent(v -> problems.add(origin.problem(at + "/max_length",
                    notApplicable("max_length", spec, "string"))));
        } else if (spec.minLength().isPresent() && spec.maxLength().isPresent()
                && spec.minLength().get() > spec.maxLength().get()) {
            problems.add(origin.problem(at + "/min_length", "min_length " + spec.minLength().get()
                    + " is greater than max_length " + spec.maxLength().get() + "; swap them"));
        }
        spec.pattern().ifPresent(p -> {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                problems.add(origin.problem(at + "/pattern", "invalid regular expression '" + p + "': "
                        + e.getDescription() + " near index " + e.getIndex()));
            }
        });
        // formats holds format when only that is written: problems point at the field the descriptor has
        boolean single = spec.format().isPresent();
        String field = single ? "format" : "formats";
        if (!spec.formats().isEmpty() && !StrictParsers.parsesDatetime(type)) {
            problems.add(origin.problem(at + "/" + field, field + " applies to date and timestamp columns; "
                    + "column '" + name + "' is " + type + ": remove it"));
            return problems;
        }
        for (int i = 0; i < spec.formats().size(); i++) {
            String f = spec.formats().get(i);
            String pointer = at + "/" + field + (single ? "" : "/" + i);
            if (ColumnSpec.isEpoch(f)) {
                if (type.kind() != ColumnType.Kind.TIMESTAMP) {
                    problems.add(origin.problem(pointer, f + " applies to timestamp columns only, and '" + name
                            + "' is " + type));
                }
                continue;
            }
            try {
                DateTimeFormatter.ofPattern(f);
            } catch (IllegalArgumentException e) {
                problems.add(origin.problem(pointer, "invalid datetime pattern '" + f + "': "
                        + e.getMessage() + " (see Spark's datetime patterns, e.g. yyyy-MM-dd HH:mm:ss)"));
            }
        }
        return problems;
    }

    /**
     * The column's expressions; {@code source} is empty when the source lacks the column. The checks refer to the
     * typed value by the declared name and to the text by {@code textName}, both projected before they run.
     *
     * <p>{@code jsonKinds} is the raw {@code _json_kinds} column of a JSON source (key to kind, for the keys whose
     * value is neither a string nor null), if the source has one. A JSON value of another kind than string does not
     * parse into a string column (a number, a boolean, an object or an array is a type error): its typed value is
     * null, like an unparsable number's. Other columns parse the value's text as for CSV (a JSON string
     * {@code "12"} is an int), except an object or an array, which is a type error whatever its text.
     */
    static CompiledColumn compile(ColumnSpec spec, Optional<StructField> source, String textName,
                                  Optional<Column> jsonKinds) {
        String name = spec.name();
        if (source.isEmpty()) {
            return new CompiledColumn(
                    lit(null).cast(StrictParsers.sparkType(spec.type())),
                    Optional.of(lit(null).cast(DataTypes.StringType)), textName,
                    List.of(error(lit(true), name, "missing_column", lit("column '" + name + "' is missing from the "
                            + "source data" + spec.from().map(f -> " (declared from: '" + f + "')").orElse("")))),
                    lit(true));
        }
        StructField field = source.get();
        Column raw = ErrorStructs.column(field.name());
        boolean isString = spec.type().kind() == ColumnType.Kind.STRING;
        boolean fromText = field.dataType() instanceof StringType;
        Column typed;
        Column text;
        // the kind of a JSON value, null for a string or a null (the reader leaves those out of the map)
        Optional<Column> kind = fromText ? jsonKinds.map(k -> k.getItem(field.name())) : Optional.empty();
        boolean jsonString = isString && kind.isPresent();
        // null tokens are texts: they apply to values read as text (a typed source's null is already one)
        Object[] tokens = fromText ? SourceValues.nullTokens(spec) : new Object[0];
        if (fromText) {
            text = raw;
            typed = isString ? raw : StrictParsers.fromText(trim(raw), spec);
            if (kind.isPresent()) {
                Column refused = isString ? kind.get().isNotNull() : kind.get().isin("object", "array");
                typed = when(refused, lit(null).cast(StrictParsers.sparkType(spec.type()))).otherwise(typed);
            }
            if (tokens.length > 0) {
                typed = when(trim(raw).isin(tokens), lit(null).cast(StrictParsers.sparkType(spec.type())))
                        .otherwise(typed);
            }
        } else {
            text = raw.cast(DataTypes.StringType);
            typed = StrictParsers.fromTyped(raw, field.dataType(), spec);
        }
        // A string read from text is its own text: projected once, not copied into a second column per row. Not
        // a JSON one: its typed value is null for a number, whose text the error zone still needs; nor one with
        // null tokens, whose typed value is null for a token the error zone keeps as written.
        boolean sameText = fromText && isString && !jsonString && tokens.length == 0;
        String textColumn = sameText ? name : textName;
        Column typedValue = ErrorStructs.column(name);
        Column textValue = ErrorStructs.column(textColumn);
        // Surrounding spaces never make a number or a date, but they are part of a string's value. A typed
        // source's text is null exactly when its value is.
        Column absent = fromText
                ? textValue.isNull().or((isString ? textValue : trim(textValue)).equalTo(""))
                : textValue.isNull();
        if (tokens.length > 0) {
            // a token means missing: then nullable decides, and no other check looks at the value
            absent = absent.or(trim(textValue).isin(tokens));
        }
        Column present = not(absent);
        Column checkable = present.and(typedValue.isNotNull());
        Column value = isString ? textValue : trim(textValue);

        List<ErrorStructs.Check> checks = new ArrayList<>();
        List<Column> ruleFails = new ArrayList<>();
        if (!spec.nullable()) {
            checks.add(error(absent, name, "not_null", lit("value is required")));
        }
        if (!isString) {
            checks.add(error(present.and(typedValue.isNull()), name, "type", StrictParsers.typeMessage(textValue, spec)));
        } else if (jsonString) {
            checks.add(error(present.and(typedValue.isNull()), name, "type", jsonStringMessage(textValue)));
        }
        if (isString && fromText) {
            // A decoder turns bytes that are not valid in the declared encoding into U+FFFD: the value would be
            // published altered. A number or date holding one is already a type error.
            rule(checks, ruleFails, checkable, value.contains(REPLACEMENT), name, "encoding",
                    concat(quoted(value), lit(" holds U+FFFD (" + REPLACEMENT + "), what bytes that are not valid in "
                            + "the file's declared encoding become: declare the extract's encoding (e.g. "
                            + "ISO-8859-1), or fix the file")));
        }
        spec.min().ifPresent(min -> rule(checks, ruleFails, checkable, typedValue.lt(literal(min, spec.type())),
                name, "min",
                concat(value, lit(" is below the minimum " + plain(min)))));
        spec.max().ifPresent(max -> rule(checks, ruleFails, checkable, typedValue.gt(literal(max, spec.type())),
                name, "max",
                concat(value, lit(" is above the maximum " + plain(max)))));
        spec.minLength().ifPresent(n -> rule(checks, ruleFails, checkable, length(value).lt(n), name, "length",
                concat(quoted(value), lit(" is shorter than the minimum length " + n))));
        spec.maxLength().ifPresent(n -> rule(checks, ruleFails, checkable, length(value).gt(n), name, "length",
                concat(quoted(value), lit(" is longer than the maximum length " + n))));
        // Spark's rlike finds; \A…\z makes the whole value match (a $ would also accept a trailing newline).
        spec.pattern().ifPresent(p -> rule(checks, ruleFails, checkable, not(value.rlike("\\A(?:" + p + ")\\z")),
                name, "pattern", concat(quoted(value), lit(" does not match " + p))));
        if (!spec.allowed().isEmpty()) {
            rule(checks, ruleFails, checkable, not(value.isin(spec.allowed().toArray())), name, "allowed",
                    concat(quoted(value), lit(" is not one of " + spec.allowed())));
        }
        return new CompiledColumn(typed, sameText ? Optional.empty() : Optional.of(text), textColumn,
                List.copyOf(checks), fails(spec, isString, jsonString, absent, typedValue, ruleFails));
    }

    /**
     * {@code '12' is not a string (expected a JSON string, found a number)}. The kind is told from the text: in a
     * string column only a value of another kind than string fails to parse, and the text of a number, a boolean,
     * an object or an array shows which it is. So the message needs no column besides the text, which the error
     * rows keep.
     */
    private static Column jsonStringMessage(Column text) {
        Column found = when(text.startsWith("{"), lit("an object"))
                .when(text.startsWith("["), lit("an array"))
                .when(text.isin("true", "false"), lit("a boolean"))
                .otherwise(lit("a number"));
        return concat(quoted(text), lit(" is not a string (expected a JSON string, found "), found, lit(")"));
    }

    /** A rule of the column: reported when the value is checkable and {@code failsRule} holds. */
    private static void rule(List<ErrorStructs.Check> checks, List<Column> ruleFails, Column checkable,
                             Column failsRule, String name, String rule, Column message) {
        checks.add(error(checkable.and(failsRule), name, rule, message));
        ruleFails.add(failsRule);
    }

    /**
     * Whether any check of the column fails, asked once. A value that parsed is present (a blank text parses to
     * nothing), so for any other than a string column "checkable" is "parsed", and "absent or did not parse" is
     * "did not parse": a required number or date fails exactly when its typed value is null. A string's value is
     * its text, present unless null or empty; a JSON string's typed value is null also when present with another
     * kind.
     */
    private static Column fails(ColumnSpec spec, boolean isString, boolean jsonString, Column absent,
                                Column typedValue, List<Column> ruleFails) {
        // a rule that yields null passes: the coalesce below makes any null outcome false
        Column rules = ruleFails.stream().reduce(Column::or).orElse(lit(false));
        Column failed;
        if (jsonString) {
            Column present = not(absent);
            Column refused = typedValue.isNull().or(rules);
            failed = spec.nullable() ? present.and(refused) : absent.or(refused);
        } else if (isString) {
            Column present = not(absent);
            failed = spec.nullable() ? present.and(rules) : absent.or(rules);
        } else {
            Column unparsed = typedValue.isNull();
            failed = (spec.nullable() ? not(absent).and(unparsed) : unparsed).or(typedValue.isNotNull().and(rules));
        }
        return coalesce(failed, lit(false));
    }

    private static String notApplicable(String field, ColumnSpec spec, String kind) {
        return field + " applies to " + kind + " columns; column '" + spec.name() + "' is " + spec.type()
                + ": remove it" + (kind.equals("numeric") ? " or use a sql rule" : "");
    }

    /**
     * A bound of a min or max rule. For a decimal column the bound is given the column's own type when it fits
     * exactly: Spark then compares two unscaled longs, where a literal built from a BigDecimal made it convert the
     * row's value to a BigDecimal on every comparison. A bound that does not fit (more decimal places, more
     * digits) keeps its own type and compares just as correctly, more slowly.
     */
    private static Column literal(BigDecimal value, ColumnType type) {
        // Spark rejects negative decimal scales (1E+3); the same number with scale 0 compares equally.
        BigDecimal bound = value.scale() < 0 ? value.setScale(0) : value;
        if (type.kind() == ColumnType.Kind.DECIMAL && type.precision() <= Decimal.MAX_LONG_DIGITS()) {
            try {
                BigDecimal scaled = bound.setScale(type.scale());
                if (scaled.precision() <= type.precision()) {
                    return lit(Decimal.apply(scaled.unscaledValue().longValueExact(), type.precision(),
                            type.scale()));
                }
            } catch (ArithmeticException moreDecimalPlaces) {
                // falls through: compared in the bound's own type
            }
        }
        return lit(bound);
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
