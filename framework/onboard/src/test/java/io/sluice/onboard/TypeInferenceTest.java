package io.sluice.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The strictest type every value parses as, and the reason. */
class TypeInferenceTest {

    @Test
    void wholeNumbersAreIntThenLongThenDecimal() {
        assertThat(type("1", "-20", "+3")).isEqualTo("int");
        assertThat(type("1", "3000000000")).isEqualTo("long");
        assertThat(type("1", "30000000000000000000")).isEqualTo("decimal(22,0)");
    }

    @Test
    void codesWithLeadingZerosStayText() {
        assertThat(type("007", "12")).isEqualTo("string");
    }

    @Test
    void plainDecimalsGetTheirScaleAndTwoDigitsOfHeadroom() {
        assertThat(type("1.5", "12.25", "-0.125")).isEqualTo("decimal(7,3)");
        assertThat(type("1e3", "2.5")).isEqualTo("double");
    }

    @Test
    void datesAndTimestampsGetAPatternEveryValueParsesWith() {
        TypeInference.Guess date = guess("2026-02-28", "2024-02-29");
        assertThat(date.type()).isEqualTo("date");
        assertThat(date.formats()).containsExactly("yyyy-MM-dd");
        assertThat(guess("2026-02-30").type()).as("a day that does not exist").isEqualTo("string");
        assertThat(guess("Jan 1 2000", "Feb 12 2001").formats()).containsExactly("MMM d yyyy");
        assertThat(guess("31/12/2026", "01/02/2026").formats()).containsExactly("dd/MM/yyyy");
        assertThat(guess("12/31/2026", "01/02/2026").formats()).containsExactly("MM/dd/yyyy");
        assertThat(guess("01/02/2026").why()).contains("MM/dd/yyyy parses every value too");
        assertThat(guess("2026-02-28 10:15:00", "2026-03-01 00:00:59").formats())
                .containsExactly("yyyy-MM-dd HH:mm:ss");
        assertThat(guess("2026-02-28T10:15:00.123Z").formats()).containsExactly("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }

    @Test
    void booleansAreTrueAndFalseOrDeclaredTokens() {
        assertThat(type("true", "FALSE")).isEqualTo("boolean");
        assertThat(type("Y", "N")).as("without true_values: text").isEqualTo("string");
        TypeInference.Guess tokens = TypeInference.guess(List.of("Y", "N", "y"), true, false);
        assertThat(tokens.type()).isEqualTo("boolean");
        assertThat(tokens.trueValues()).containsExactly("Y");
        assertThat(tokens.falseValues()).containsExactly("N");
    }

    @Test
    void nullTokensAreThoseOfOtherwiseTypedColumns() {
        assertThat(TypeInference.nullTokensOf(Arrays.asList("1", "NA", null, "n/a", "3"), false))
                .containsExactly("NA", "n/a");
        assertThat(TypeInference.nullTokensOf(List.of("a", "NA", "b"), false)).as("text: NA is a value").isEmpty();
    }

    @Test
    void lakeNamesFollowTheSanitizeRule() {
        assertThat(LakeNames.of(List.of("Cost Total $", "cost_total", "%", "2nd", "id", "ID", "Ünit")))
                .containsExactly("cost_total", "cost_total_2", "c_", "c_2nd", "id", "ID_2", "nit");
        assertThat(LakeNames.of(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void theKeyIsAUniqueNeverMissingColumnPreferringAnIdName() {
        List<ColumnProfiles.Values> values = List.of(
                new ColumnProfiles.Values("label", List.of("x", "y", "z"), Set.of()),
                new ColumnProfiles.Values("order_id", List.of("1", "2", "3"), Set.of()));
        List<ColumnDraft> drafts = ColumnProfiles.draft(values, List.of("label", "order_id"), Set.of(), false,
                Set.of(), new java.util.ArrayList<>());

        assertThat(drafts.get(1).key()).isTrue();
        assertThat(drafts.get(0).key()).isFalse();
        assertThat(drafts.get(1).notes()).last().asString().contains("other candidates: label");
    }

    private static String type(String... values) {
        return guess(values).type();
    }

    private static TypeInference.Guess guess(String... values) {
        return TypeInference.guess(List.of(values), false, false);
    }
}
