package io.sluice.metadata.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the column names a rule's SQL expression uses, so that a rule naming an undeclared column fails at load
 * time with its line instead of at run time inside Spark. A light scanner, not a parser: it skips literals,
 * comments, function names (a word before {@code (}), field accesses (after {@code .}), lambda parameters and
 * Spark SQL keywords; anything else is taken as a column reference.
 */
public final class SqlIdentifiers {
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "not", "in", "is", "null", "true", "false", "between", "like", "ilike", "rlike", "regexp",
            "escape", "similar", "to", "case", "when", "then", "else", "end", "distinct", "as", "cast", "interval",
            "exists", "any", "some", "all", "div", "mod", "from", "for", "both", "leading", "trailing", "placing",
            "at", "time", "zone", "local", "collate", "unknown", "over", "partition", "by", "order", "asc", "desc",
            "nulls", "first", "last", "rows", "range", "unbounded", "preceding", "following", "current", "row",
            "filter", "where", "within", "group", "date", "timestamp", "timestamp_ntz", "timestamp_ltz", "string",
            "int", "integer", "bigint", "smallint", "tinyint", "long", "short", "byte", "float", "double", "real",
            "decimal", "dec", "numeric", "boolean", "binary", "char", "varchar", "void", "array", "map", "struct",
            "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
            "second", "seconds", "millisecond", "milliseconds", "microsecond", "microseconds", "current_date",
            "current_timestamp", "current_user", "current_timezone", "current_catalog", "current_database",
            "current_schema", "session_user", "user", "x");

    private SqlIdentifiers() {
    }

    /** The column references of {@code sql}, lower-cased, in order of first use. */
    public static Set<String> columns(String sql) {
        Set<String> out = new LinkedHashSet<>();
        List<String> lambdaParameters = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '`') {
                int close = sql.indexOf('`', i + 1);
                int end = close < 0 ? n : close;
                if (!afterDot(sql, i)) {
                    out.add(sql.substring(i + 1, end).toLowerCase(Locale.ROOT));
                }
                i = end + 1;
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
                String next = sql.substring(i).stripLeading();
                if (next.startsWith("->")) {
                    lambdaParameters.add(word);
                } else if (!next.startsWith("(") && !next.startsWith("'") && !afterDot(sql, start)
                        && !KEYWORDS.contains(word)) {
                    out.add(word);
                }
            } else {
                i++;
            }
        }
        out.removeAll(lambdaParameters);
        return out;
    }

    private static boolean afterDot(String sql, int index) {
        int j = index - 1;
        while (j >= 0 && Character.isWhitespace(sql.charAt(j))) {
            j--;
        }
        return j >= 0 && sql.charAt(j) == '.';
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
