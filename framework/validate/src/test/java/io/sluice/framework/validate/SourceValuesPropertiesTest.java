package io.sluice.framework.validate;

import static io.sluice.framework.validate.SourceColumn.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.RawColumns;
import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DriftPolicy;
import io.sluice.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Generated source values read back through the compiled validation: numbers in every separator notation, timestamps
 * in several patterns and zones, null and boolean tokens. Each try is one column setting and one small Spark job
 * over a batch of generated values, so the tries are few and each holds many values.
 */
class SourceValuesPropertiesTest {
    private static final List<String> GROUPING = List.of(",", ".", " ", "'", "_", "\u00a0", "\u202f");

    /** One raw column {@code v} plus {@code id} (the value's index), read by {@code v}'s declaration. */
    private static Map<Integer, Object> validById(Fixtures.Outcome out) {
        Map<Integer, Object> byId = new HashMap<>();
        out.valid().forEach(r -> byId.put(((Long) r.get(0)).intValue(), r.get(1)));
        return byId;
    }

    private static Set<Integer> rejectedIds(Fixtures.Outcome out) {
        Set<Integer> ids = new HashSet<>();
        out.errors().forEach(r -> ids.add((int) (r.<Long>getAs(RawColumns.LINE) - 1)));
        return ids;
    }

    private static Fixtures.Outcome run(SourceColumn value, List<String> texts) {
        SparkSession spark = TestSpark.builder().getOrCreate();
        DatasetSpec dataset = Fixtures.dataset(List.of(column("id", "long").required().spec(), value.spec()),
                List.of(), DriftPolicy.FAIL);
        String[][] rows = new String[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            rows[i] = new String[] {String.valueOf(i), texts.get(i)};
        }
        return Fixtures.run(spark, dataset, Fixtures.raw(spark, List.of("id", "v"), rows));
    }

    // --- numbers ---

    /** A number and how it is written: sign, whether its digits are grouped. */
    record Written(BigDecimal value, String sign, boolean grouped) {
        String text(String point, String grouping) {
            String plain = value.abs().toPlainString();
            int dot = plain.indexOf('.');
            String whole = dot < 0 ? plain : plain.substring(0, dot);
            String fraction = dot < 0 ? "" : point + plain.substring(dot + 1);
            if (grouped && grouping != null) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < whole.length(); i++) {
                    if (i > 0 && (whole.length() - i) % 3 == 0) {
                        out.append(grouping);
                    }
                    out.append(whole.charAt(i));
                }
                whole = out.toString();
            }
            return sign + whole + fraction;
        }
    }

    @Provide
    Arbitrary<List<Written>> numbers() {
        Arbitrary<BigDecimal> values = Combinators.combine(
                        Arbitraries.longs().between(-99_999_999_999_999L, 99_999_999_999_999L),
                        Arbitraries.integers().between(0, 4))
                .as(BigDecimal::valueOf);
        return Combinators.combine(values, Arbitraries.of("", "-", "+"), Arbitraries.of(true, true, false))
                .as((v, sign, grouped) -> new Written(v.abs(), v.signum() < 0 ? "-" : sign, grouped))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> separators() {
        // [decimal, grouping or null]
        return Arbitraries.of(".", ",").flatMap(point -> Arbitraries.of(GROUPING).injectNull(0.2)
                .filter(g -> g == null || !g.equals(point))
                .map(g -> Arrays.asList(point, g)));
    }

    @Property(tries = 12, seed = "20261207")
    void numbersWrittenWithAnySeparatorsReadBackExactlyAndMalformedOnesNever(
            @ForAll("numbers") List<Written> numbers, @ForAll("separators") List<String> separators) {
        String point = separators.get(0);
        String grouping = separators.get(1);
        List<String> texts = new ArrayList<>();
        numbers.forEach(n -> texts.add(n.text(point, grouping)));
        // every mutation of a well-formed text is refused: junk after it, a doubled or misplaced separator
        List<String> malformed = new ArrayList<>();
        for (String text : texts) {
            malformed.add(text + "x");
            malformed.add(text.replaceFirst("([0-9])([0-9])$", "$1" + point + point + "$2"));
            if (grouping != null && text.contains(grouping)) {
                int at = text.indexOf(grouping);
                malformed.add(text.substring(0, at) + grouping + text.substring(at));
                // moved one digit to the right: the first group is one digit short
                malformed.add(text.substring(0, at) + text.charAt(at + 1) + grouping + text.substring(at + 2));
            }
        }
        malformed.removeIf(m -> texts.contains(m) || !m.matches(".*[0-9].*"));
        List<String> all = new ArrayList<>(texts);
        all.addAll(malformed);

        Fixtures.Outcome out = run(column("v", "decimal(20,4)").separators(point.equals(".") ? null : point,
                grouping), all);

        Map<Integer, Object> valid = validById(out);
        for (int i = 0; i < texts.size(); i++) {
            assertThat((BigDecimal) valid.get(i)).as("'%s'", texts.get(i)).isNotNull()
                    .isEqualByComparingTo(numbers.get(i).sign().equals("-") ? numbers.get(i).value().negate()
                            : numbers.get(i).value());
        }
        assertThat(rejectedIds(out)).as("malformed %s", malformed)
                .hasSize(malformed.size()).allMatch(id -> id >= texts.size());
    }

    // --- timestamps ---

    private static final List<String> PATTERNS = List.of("yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss",
            "dd.MM.yyyy HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm");
    private static final List<String> ZONES = List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "+05:30", "-03:00");

    /** An instant (whole milliseconds) and which of the column's formats writes it. */
    record Moment(Instant instant, int format) {
    }

    @Provide
    Arbitrary<List<Moment>> moments() {
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("2100-01-01T00:00:00Z").toEpochMilli())
                .map(Instant::ofEpochMilli);
        return Combinators.combine(instants, Arbitraries.integers().between(0, PATTERNS.size()))
                .as(Moment::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    @Property(tries = 10, seed = "20261207")
    void timestampsWrittenInAnyOfTheFormatsAndAZoneReadBackAsTheirInstant(@ForAll("moments") List<Moment> moments,
                                                                           @ForAll("zones") String zone) {
        ZoneId zoneId = ZoneId.of(zone);
        List<String> formats = new ArrayList<>(PATTERNS);
        formats.add(ColumnSpec.EPOCH_MILLIS);
        List<String> texts = new ArrayList<>();
        List<Instant> expected = new ArrayList<>();
        for (Moment m : moments) {
            if (m.format() == PATTERNS.size()) {
                texts.add(String.valueOf(m.instant().toEpochMilli()));
                expected.add(m.instant());
                continue;
            }
            String pattern = PATTERNS.get(m.format());
            LocalDateTime wallClock = LocalDateTime.ofInstant(m.instant(), zoneId);
            texts.add(wallClock.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT)));
            // what the text means: the pattern's precision, and for a wall-clock time the zone shows twice (the
            // hour a daylight-saving time ends) the earlier instant
            LocalDateTime shown = LocalDateTime.parse(texts.get(texts.size() - 1),
                    DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            expected.add(shown.atZone(zoneId).toInstant());
        }

        Fixtures.Outcome out = run(column("v", "timestamp").formats(formats.toArray(String[]::new)).timezone(zone),
                texts);

        assertThat(out.messages()).isEmpty();
        Map<Integer, Object> valid = validById(out);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(((Timestamp) valid.get(i)).toInstant()).as("'%s' in %s", texts.get(i), zone)
                    .isEqualTo(expected.get(i));
        }
    }

    // --- tokens ---

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withChars("aAbBnNyY01-/.é ").ofMinLength(1).ofMaxLength(4)
                .filter(t -> !SourceValues.trimSpaces(t).isEmpty());
    }

    private static String key(String token) {
        return SourceValues.trimSpaces(token).toLowerCase(Locale.ROOT);
    }

    /** Null tokens, true tokens and false tokens, distinct ignoring case and surrounding spaces. */
    @Provide
    Arbitrary<List<List<String>>> tokens() {
        return token().list().ofMinSize(3).ofMaxSize(9).uniqueElements(SourceValuesPropertiesTest::key)
                .map(all -> List.of(all.subList(0, all.size() / 3), all.subList(all.size() / 3, 2 * all.size() / 3),
                        all.subList(2 * all.size() / 3, all.size())));
    }

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> padding = Arbitraries.of("", " ", "  ");
        Arbitrary<String> cased = token().map(t -> t.toUpperCase(Locale.ROOT));
        return Combinators.combine(padding, Arbitraries.oneOf(token(), cased), padding).as((a, t, b) -> a + t + b)
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 10, seed = "20261207")
    void tokensAreNullOrTheirBooleanAndEveryOtherTextIsKeptOrRefused(@ForAll("tokens") List<List<String>> tokens,
                                                                    @ForAll("texts") List<String> generated) {
        List<String> nulls = tokens.get(0);
        List<String> trues = tokens.get(1);
        List<String> falses = tokens.get(2);
        // the tokens themselves, padded and in another case, and the generated texts
        List<String> texts = new ArrayList<>(generated);
        Stream.of(nulls, trues, falses).flatMap(List::stream).forEach(t -> {
            texts.add(" " + t + " ");
            texts.add(t.toUpperCase(Locale.ROOT));
        });
        Set<String> nullSet = new HashSet<>();
        nulls.forEach(t -> nullSet.add(SourceValues.trimSpaces(t)));
        Set<String> trueKeys = new HashSet<>(trues.stream().map(SourceValuesPropertiesTest::key).toList());
        Set<String> falseKeys = new HashSet<>(falses.stream().map(SourceValuesPropertiesTest::key).toList());

        Fixtures.Outcome strings = run(column("v", "string").nullValues(nulls.toArray(String[]::new)), texts);
        Fixtures.Outcome booleans = run(column("v", "boolean").nullValues(nulls.toArray(String[]::new))
                .booleans(trues, falses), texts);

        Map<Integer, Object> keptStrings = validById(strings);
        Map<Integer, Object> keptBooleans = validById(booleans);
        Set<Integer> refused = rejectedIds(booleans);
        assertThat(strings.errors()).isEmpty();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String trimmed = SourceValues.trimSpaces(text);
            boolean isNull = nullSet.contains(trimmed);
            assertThat(keptStrings.get(i)).as("string '%s'", text).isEqualTo(isNull ? null : text);
            String k = trimmed.toLowerCase(Locale.ROOT);
            if (isNull || trueKeys.contains(k) || falseKeys.contains(k)) {
                assertThat(keptBooleans.get(i)).as("boolean '%s'", text)
                        .isEqualTo(isNull ? null : Boolean.valueOf(trueKeys.contains(k)));
            } else {
                assertThat(refused).as("boolean '%s'", text).contains(i);
            }
        }
    }
}
