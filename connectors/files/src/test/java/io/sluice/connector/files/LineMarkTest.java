package io.sluice.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connector.LandedFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Line marks travel in a landed file's detail, in the JSON shape manifests up to version 3 stored them in. */
class LineMarkTest {

    @Test
    void marksRoundTripThroughTheDetail() {
        List<LineMark> marks = List.of(new LineMark(40, 3, 5), new LineMark(80, 5, 7));

        LandedFile file = file(LineMark.detail(marks));

        assertThat(LineMark.of(file)).isEqualTo(marks);
    }

    @Test
    void noMarksIsNoDetail() {
        assertThat(LineMark.detail(List.of())).isEmpty();
        assertThat(LineMark.of(file(Map.of()))).isEmpty();
    }

    @Test
    void marksOfAVersion2ManifestWithoutTheirLineAreReadWithLineZero() {
        // a version 2 manifest's marks, as the framework hands them over: the JSON text of the old field
        LandedFile file = file(Map.of("marks", "[{\"offset\":40,\"records\":3}]"));

        assertThat(LineMark.of(file)).containsExactly(new LineMark(40, 3, 0));
    }

    private static LandedFile file(Map<String, String> detail) {
        return new LandedFile("o", "p", 1, "s", 8, List.of(), detail);
    }
}
