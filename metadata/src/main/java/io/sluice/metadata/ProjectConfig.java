package io.sluice.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.internal.DocumentReader;
import io.sluice.metadata.internal.LocatedDocument;
import io.sluice.metadata.internal.Nodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A project's settings, from the optional {@code sluice.yaml} in the project folder.
 *
 * <pre>
 * lake: lake                       # a path (relative to the project) or a URI (abfss://…, file:/…)
 * descriptors: descriptors         # relative to the project
 * catalog: { url: jdbc:postgresql://… }
 * spark: { master: "local[*]", conf: { spark.sql.shuffle.partitions: 8 } }
 * &lt;section&gt;: { … }                # a storage section: read by the storage factory of that name
 * </pre>
 *
 * <p>Values may hold {@code ${env:NAME}} / {@code ${secret:name}} references, resolved when the file is loaded;
 * {@link #toString()} therefore never shows the catalog URL, Spark configuration values or credentials.
 *
 * <p>Storage sections are not read here: each is kept as the user wrote it ({@link Options}, references
 * unresolved, with file and lines) and bound by the storage factory that declares the section's name. The caller
 * names the sections its storages read ({@link #load(Path, Function, Set)}); any other top-level key is an error.
 *
 * @param projectDir  the project folder, absolute
 * @param lake        root of the lake: an absolute path or a URI
 * @param descriptors the descriptor folder, absolute
 * @param catalogUrl  the catalog store, when not the embedded default
 * @param sparkMaster Spark master URL, {@code local[*]} by default
 * @param sparkConf   Spark configuration of a run: the {@code spark.conf} entries in file order, after the entries
 *                    the storages imply when the framework added them ({@link #withImpliedSparkConf})
 * @param storage     the storage sections by name, unbound; empty when none is present
 */
public record ProjectConfig(Path projectDir, String lake, Path descriptors, Optional<String> catalogUrl,
                            String sparkMaster, Map<String, String> sparkConf, Map<String, Options> storage) {
    /** The JSON Schema {@code sluice.yaml} is validated against, as a classpath resource. */
    public static final String SCHEMA_RESOURCE = "io/sluice/metadata/project.schema.json";

    /** The configuration file's name inside the project folder. */
    public static final String FILE_NAME = "sluice.yaml";

    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    public ProjectConfig {
        projectDir = projectDir.toAbsolutePath().normalize();
        lake = absoluteLake(projectDir, Objects.requireNonNull(lake, "lake"));
        descriptors = projectDir.resolve(descriptors).normalize();
        Objects.requireNonNull(catalogUrl, "catalogUrl");
        Objects.requireNonNull(sparkMaster, "sparkMaster");
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        storage = Collections.unmodifiableMap(new TreeMap<>(storage));
    }

    /** A configuration without storage sections. */
    public ProjectConfig(Path projectDir, String lake, Path descriptors, Optional<String> catalogUrl,
                         String sparkMaster, Map<String, String> sparkConf) {
        this(projectDir, lake, descriptors, catalogUrl, sparkMaster, sparkConf, Map.of());
    }

    /** The settings of a project without {@code sluice.yaml}. */
    public static ProjectConfig defaults(Path projectDir) {
        return new ProjectConfig(projectDir, "lake", Path.of("descriptors"), Optional.empty(), "local[*]", Map.of());
    }

    /**
     * Reads {@code projectDir/sluice.yaml} when present, resolving references from the process environment; a
     * storage section is an unknown field. The command line reads it through the storages instead
     * ({@code Storages.loadProject}).
     */
    public static ProjectConfig load(Path projectDir) {
        return load(projectDir, System::getenv);
    }

    /** Reads {@code projectDir/sluice.yaml} when present; a storage section is an unknown field. */
    public static ProjectConfig load(Path projectDir, Function<String, String> environment) {
        return load(projectDir, environment, Set.of());
    }

    /**
     * Reads {@code projectDir/sluice.yaml} when present.
     *
     * @param environment     looks up environment variables for {@code ${env:…}} and {@code ${secret:…}}
     * @param storageSections the names of the top-level sections storage factories read; each must be an object
     *                        and is kept unbound in {@link #storage()}
     * @throws DescriptorException listing every problem of the file (syntax, unknown keys, wrong types)
     * @throws SluiceException     code {@code REFERENCE_UNSET} when a referenced variable is not set
     */
    public static ProjectConfig load(Path projectDir, Function<String, String> environment,
                                     Set<String> storageSections) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path file = project.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults(project);
        }
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = new DocumentReader().read(file, FILE_NAME, problems);
        DescriptorLoader.failIfAny(problems);
        if (documents.isEmpty()) {
            return defaults(project);
        }
        if (documents.size() > 1) {
            throw DescriptorException.of(documents.get(1).origin(), "",
                    FILE_NAME + " holds one document; remove the '---' separators");
        }
        LocatedDocument document = documents.get(0);
        Origin origin = document.origin();
        DescriptorLoader.failIfAny(Schemas.project(storageSections).validate(document.root(), origin));
        JsonNode root = document.root();
        Function<String, Optional<String>> text = pointer -> {
            JsonNode node = root.at(pointer);
            return node.isMissingNode() ? Optional.empty()
                    : Optional.of(References.resolve(node.asText(), environment, origin, pointer));
        };
        Map<String, Options> storage = new LinkedHashMap<>();
        for (String section : storageSections) {
            if (root.has(section)) {
                String pointer = JsonPointers.child("", section);
                storage.put(section, new Options(Nodes.map(root.get(section)), origin, pointer));
            }
        }
        Map<String, String> conf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("spark").path("conf").properties()) {
            conf.put(e.getKey(), text.apply(JsonPointers.child("/spark/conf", e.getKey())).orElseThrow());
        }
        return new ProjectConfig(project, text.apply("/lake").orElse("lake"),
                Path.of(text.apply("/descriptors").orElse("descriptors")), text.apply("/catalog/url"),
                text.apply("/spark/master").orElse("local[*]"), conf, storage);
    }

    /** This configuration with another lake (a URI, or a path relative to the project folder). */
    public ProjectConfig withLake(String newLake) {
        return new ProjectConfig(projectDir, newLake, descriptors, catalogUrl, sparkMaster, sparkConf, storage);
    }

    /** This configuration with another descriptor folder (relative paths resolve against the project folder). */
    public ProjectConfig withDescriptors(Path newDescriptors) {
        return new ProjectConfig(projectDir, lake, newDescriptors, catalogUrl, sparkMaster, sparkConf, storage);
    }

    /** Whether the lake is a URI ({@code abfss://…}) rather than a local path. */
    public boolean lakeIsUri() {
        return isUri(lake);
    }

    /**
     * This configuration with the Spark settings its storages imply placed before its own {@code spark.conf}
     * entries, which win over them.
     */
    public ProjectConfig withImpliedSparkConf(Map<String, String> implied) {
        Map<String, String> conf = new LinkedHashMap<>(implied);
        conf.putAll(sparkConf);
        return new ProjectConfig(projectDir, lake, descriptors, catalogUrl, sparkMaster, conf, storage);
    }

    @Override
    public String toString() {
        return "ProjectConfig[projectDir=" + projectDir + ", lake=" + lake + ", descriptors=" + descriptors
                + ", catalogUrl=" + (catalogUrl.isPresent() ? "(set)" : "(embedded)") + ", sparkMaster=" + sparkMaster
                + ", sparkConf keys=" + sparkConf.keySet() + ", storage sections=" + storage.keySet() + "]";
    }

    private static boolean isUri(String value) {
        // two letters at least: "C:\lake" is a Windows path, not a URI with scheme "C"
        return URI.matcher(value).matches();
    }

    private static String absoluteLake(Path projectDir, String lake) {
        return isUri(lake) ? lake : projectDir.resolve(lake).toAbsolutePath().normalize().toString();
    }
}
