package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.catalog.CatalogErrorCode;
import io.sluice.connector.ConnectorErrorCode;
import io.sluice.connector.feed.FeedErrorCode;
import io.sluice.connector.files.FilesErrorCode;
import io.sluice.connector.jdbc.JdbcErrorCode;
import io.sluice.connector.storage.StorageErrorCode;
import io.sluice.connector.storage.adls.AzureErrorCode;
import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.ErrorCode;
import io.sluice.metadata.StandardErrorCode;
import io.sluice.onboard.OnboardErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error code is documented once in docs/operations.md ("Error codes") with the exit code its category gives
 * and what to do; no enum of codes is forgotten, and the table lists no code that exists nowhere.
 */
class ErrorCodesDocumentedTest {
    /** Every enum of error codes; a new module's enum is added here (the source scan below insists). */
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(StandardErrorCode.class, CatalogErrorCode.class,
            ConnectorErrorCode.class, StorageErrorCode.class, AzureErrorCode.class, FilesErrorCode.class, FeedErrorCode.class,
            JdbcErrorCode.class, OnboardErrorCode.class);

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Pattern ENUM = Pattern.compile("\\benum\\s+(\\w+)\\s+implements\\s+[^{]*\\bErrorCode\\b");
    /** A row: | `CODE` | category (exit) | when | what to do | */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([A-Z][A-Z0-9_]*)` \\| ([a-z]+) \\((\\d+)\\) \\| (.*?) \\| (.*?) \\|$");
    /** The deprecated constructor, or a code named by its string, in main code. */
    private static final Pattern STRING_CODE = Pattern.compile(
            "(?:new \\w*Exception\\(|super\\(|ErrorCode\\.of\\()\\s*(?:ErrorCategory\\.([A-Z]+),\\s*\"([A-Z][A-Z0-9_]*)\""
                    + "|\"([A-Z][A-Z0-9_]*)\",\\s*ErrorCategory\\.([A-Z]+))");
    private static final Pattern NON_LITERAL_CODE = Pattern.compile(
            "(?:new \\w*Exception\\(|super\\()\\s*ErrorCategory\\.[A-Z]+,\\s*[^\"\\s]");

    private static Map<String, List<Row>> documented;
    private static Map<Path, String> mainSources;

    record Row(String code, String category, int exitCode, String when, String whatToDo) {
    }

    @BeforeAll
    static void read() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"), StandardCharsets.UTF_8);
        int start = operations.indexOf("\n## Error codes\n");
        assertThat(start).as("docs/operations.md has a section '## Error codes'").isNotNegative();
        int end = operations.indexOf("\n## ", start + 1);
        String section = operations.substring(start, end < 0 ? operations.length() : end);
        documented = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                documented.computeIfAbsent(m.group(1), c -> new ArrayList<>()).add(new Row(m.group(1), m.group(2),
                        Integer.parseInt(m.group(3)), m.group(4).trim(), m.group(5).trim()));
            } else if (line.startsWith("| `")) {
                throw new AssertionError("a row of the error-code table does not read "
                        + "| `CODE` | category (exit) | when | what to do |: " + line);
            }
        }
        mainSources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> ROOT.relativize(p).toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> !ROOT.relativize(p).startsWith("framework/bench")).sorted().toList()) {
                mainSources.put(ROOT.relativize(f), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertThat(mainSources).as("main sources found under %s", ROOT).hasSizeGreaterThan(100);
    }

    @Test
    void everyEnumOfErrorCodesInTheRepositoryIsWalkedByThisTest() {
        Set<String> declared = new TreeSet<>();
        mainSources.values().forEach(source -> {
            Matcher m = ENUM.matcher(source);
            while (m.find()) {
                declared.add(m.group(1));
            }
        });

        assertThat(declared).as("enums implementing ErrorCode in src/main/java; add new ones to ENUMS")
                .containsExactlyInAnyOrderElementsOf(ENUMS.stream().map(Class::getSimpleName).toList());
    }

    @Test
    void everyCodeOfEveryEnumIsDocumentedOnceWithItsExitCodeAndWhatToDo() {
        List<ErrorCode> codes = codes();
        assertThat(codes).isNotEmpty();
        for (ErrorCode code : codes) {
            assertDocumented(code.code(), code.category());
        }
        assertThat(codes.stream().map(ErrorCode::code)).as("each code string is declared once").doesNotHaveDuplicates();
    }

    @Test
    void everyCodeStillNamedByItsStringIsDocumentedToo() {
        Map<String, ErrorCategory> named = stringCodes();
        named.forEach(this::assertDocumented);
        List<String> unreadable = new ArrayList<>();
        mainSources.forEach((file, source) -> {
            if (NON_LITERAL_CODE.matcher(source).find()) {
                unreadable.add(file.toString());
            }
        });
        assertThat(unreadable).as("code strings passed as variables cannot be checked: declare them in an enum")
                .isEmpty();
    }

    @Test
    void theTableListsNoCodeThatExistsNowhere() {
        Set<String> existing = new TreeSet<>(stringCodes().keySet());
        codes().forEach(c -> existing.add(c.code()));

        assertThat(documented.keySet()).as("documented codes").isSubsetOf(existing);
    }

    @Test
    void everyConstantHasAJavadocLine() {
        for (Class<? extends Enum<?>> type : ENUMS) {
            String source = mainSources.entrySet().stream()
                    .filter(e -> e.getKey().getFileName().toString().equals(type.getSimpleName() + ".java"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            List<String> lines = Arrays.asList(source.split("\n"));
            for (Enum<?> constant : type.getEnumConstants()) {
                int at = indexOf(lines, "    " + constant.name() + "(");
                assertThat(at).as("%s.%s declared", type.getSimpleName(), constant.name()).isPositive();
                int previous = at - 1;
                while (lines.get(previous).isBlank()) {
                    previous--;
                }
                assertThat(lines.get(previous).trim()).as("javadoc before %s.%s", type.getSimpleName(), constant.name())
                        .endsWith("*/");
            }
        }
    }

    private void assertDocumented(String code, ErrorCategory category) {
        List<Row> rows = documented.getOrDefault(code, List.of());
        assertThat(rows).as("rows of %s in docs/operations.md's error-code table", code).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.category()).as("category of %s", code).isEqualTo(category.name().toLowerCase(Locale.ROOT));
        assertThat(row.exitCode()).as("exit code of %s", code).isEqualTo(category.exitCode());
        assertThat(row.when()).as("when %s happens", code).isNotBlank();
        assertThat(row.whatToDo()).as("what to do on %s", code).isNotBlank();
    }

    private static List<ErrorCode> codes() {
        List<ErrorCode> codes = new ArrayList<>();
        for (Class<? extends Enum<?>> type : ENUMS) {
            for (Enum<?> constant : type.getEnumConstants()) {
                codes.add((ErrorCode) constant);
            }
        }
        return codes;
    }

    /** Codes still given as strings (the deprecated constructor): the connectors' until they have their enums. */
    private static Map<String, ErrorCategory> stringCodes() {
        Map<String, ErrorCategory> named = new LinkedHashMap<>();
        mainSources.forEach((file, source) -> {
            Matcher m = STRING_CODE.matcher(source);
            while (m.find()) {
                String code = m.group(2) != null ? m.group(2) : m.group(3);
                ErrorCategory category = ErrorCategory.valueOf(m.group(1) != null ? m.group(1) : m.group(4));
                ErrorCategory before = named.putIfAbsent(code, category);
                assertThat(before == null || before == category).as("%s has one category (%s)", code, file).isTrue();
            }
        });
        return named.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, LinkedHashMap::new));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
