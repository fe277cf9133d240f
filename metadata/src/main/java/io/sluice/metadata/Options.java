package io.sluice.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connector-specific block of a descriptor ({@code connection}, {@code extract}) as the user wrote it. Values
 * are JSON scalars, lists or maps, with {@code ${env:…}} references still unresolved. A connector factory binds
 * it once into a typed record of its own; every error it raises points at the descriptor line.
 *
 * @param values  the block's entries in declaration order
 * @param origin  the document the block belongs to
 * @param pointer JSON pointer of the block inside its document, e.g. {@code /extract}
 */
public record Options(Map<String, Object> values, Origin origin, String pointer) {
    public Options {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pointer, "pointer");
    }

    public static Options empty(Origin origin, String pointer) {
        return new Options(Map.of(), origin, pointer);
    }

    /**
     * A YAML or JSON file that holds one option's value, outside any descriptor (e.g. {@code sluice init --layout}),
     * as the single entry {@code key} of an options block at the document's root: an error raised while binding it
     * names the file and the line, as one in a descriptor would.
     *
     * @throws DescriptorException when the file cannot be read or parsed, or holds no document or several
     */
    public static Options read(java.nio.file.Path file, String key) {
        List<Problem> problems = new ArrayList<>();
        String shown = file.toString();
        List<io.sluice.metadata.internal.LocatedDocument> documents =
                new io.sluice.metadata.internal.DocumentReader().read(file, shown, problems);
        if (problems.isEmpty() && documents.size() != 1) {
            problems.add(new Problem(shown, 0, "", "expected one YAML or JSON document, found " + documents.size()));
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        io.sluice.metadata.internal.LocatedDocument document = documents.get(0);
        Map<String, Integer> lines = new LinkedHashMap<>();
        document.lines().forEach((pointer, line) -> lines.put(JsonPointers.child("", key) + pointer, line));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(key, document.value());
        return new Options(values, new Origin(shown, document.line(), lines), "");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a text value, found " + (v instanceof Map ? "an object" : "a list"));
        }
        return Optional.of(String.valueOf(v));
    }

    /**
     * The text at {@code key} with its {@code ${env:…}} / {@code ${secret:…}} references resolved. Call it where
     * the value is used (opening a connection), keep the result out of logs, messages and records.
     */
    public Optional<String> resolvedString(String key, java.util.function.Function<String, String> environment) {
        return string(key).map(v -> References.resolve(v, environment, origin, pointer + "/" + key));
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> error("", "missing required field '" + key + "'"));
    }

    public boolean bool(String key, boolean otherwise) {
        Object v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false, found '" + v + "'");
    }

    public int integer(String key, int otherwise) {
        Object v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        throw error(key, "expected a whole number, found '" + v + "'");
    }

    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        return List.of(String.valueOf(v));
    }

    /** Fails, naming every unknown key and the known ones, when the block has keys outside {@code known}. */
    public void rejectUnknown(Set<String> known) {
        List<Problem> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problems.add(origin.problem(pointer + "/" + key,
                        "unknown field '" + key + "' (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
    }

    /** A descriptor error located at {@code key} of this block ({@code ""} for the block itself). */
    public DescriptorException error(String key, String message) {
        return DescriptorException.of(origin, key.isEmpty() ? pointer : pointer + "/" + key, message);
    }
}
