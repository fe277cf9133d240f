package io.sluice.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.internal.DocumentReader;
import io.sluice.metadata.internal.JsonPointers;
import io.sluice.metadata.internal.LocatedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * </pre>
 *
 * <p>Values may hold {@code ${env:NAME}} / {@code ${secret:name}} references, resolved when the file is loaded;
 * {@link #toString()} therefore never shows the catalog URL or Spark configuration values.
 *
 * @param projectDir  the project folder, absolute
 * @param lake        root of the lake: an absolute path or a URI
 * @param descriptors the descriptor folder, absolute
 * @param catalogUrl  the catalog store, when not the embedded default
 * @param sparkMaster Spark master URL, {@code local[*]} by default
 * @param sparkConf   extra Spark configuration, in file order
 */
public record ProjectConfig(Path projectDir, String lake, Path descriptors, Optional<String> catalogUrl,
                            String sparkMaster, Map<String, String> sparkConf) {
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
    }

    /** The settings of a project without {@code sluice.yaml}. */
    public static ProjectConfig defaults(Path projectDir) {
        return new ProjectConfig(projectDir, "lake", Path.of("descriptors"), Optional.empty(), "local[*]", Map.of());
    }

    /** Reads {@code projectDir/sluice.yaml} when present, resolving references from the process environment. */
    public static ProjectConfig load(Path projectDir) {
        return load(projectDir, System::getenv);
    }

    /**
     * Reads {@code projectDir/sluice.yaml} when present.
     *
     * @param environment looks up environment variables for {@code ${env:…}} and {@code ${secret:…}}
     * @throws DescriptorException listing every problem of the file (syntax, unknown keys, wrong types)
     * @throws SluiceException     code {@code REFERENCE_UNSET} when a referenced variable is not set
     */
    public static ProjectConfig load(Path projectDir, Function<String, String> environment) {
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
        DescriptorLoader.failIfAny(Schemas.project().validate(document.root(), origin));
        JsonNode root = document.root();
        Function<String, Optional<String>> text = pointer -> {
            JsonNode node = root.at(pointer);
            return node.isMissingNode() ? Optional.empty()
                    : Optional.of(References.resolve(node.asText(), environment, origin, pointer));
        };
        Map<String, String> conf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("spark").path("conf").properties()) {
            conf.put(e.getKey(), text.apply(JsonPointers.child("/spark/conf", e.getKey())).orElseThrow());
        }
        return new ProjectConfig(project, text.apply("/lake").orElse("lake"),
                Path.of(text.apply("/descriptors").orElse("descriptors")), text.apply("/catalog/url"),
                text.apply("/spark/master").orElse("local[*]"), conf);
    }

    /** This configuration with another lake (a URI, or a path relative to the project folder). */
    public ProjectConfig withLake(String newLake) {
        return new ProjectConfig(projectDir, newLake, descriptors, catalogUrl, sparkMaster, sparkConf);
    }

    /** This configuration with another descriptor folder (relative paths resolve against the project folder). */
    public ProjectConfig withDescriptors(Path newDescriptors) {
        return new ProjectConfig(projectDir, lake, newDescriptors, catalogUrl, sparkMaster, sparkConf);
    }

    /** Whether the lake is a URI ({@code abfss://…}) rather than a local path. */
    public boolean lakeIsUri() {
        return isUri(lake);
    }

    @Override
    public String toString() {
        return "ProjectConfig[projectDir=" + projectDir + ", lake=" + lake + ", descriptors=" + descriptors
                + ", catalogUrl=" + (catalogUrl.isPresent() ? "(set)" : "(embedded)") + ", sparkMaster=" + sparkMaster
                + ", sparkConf keys=" + sparkConf.keySet() + "]";
    }

    private static boolean isUri(String value) {
        // two letters at least: "C:\lake" is a Windows path, not a URI with scheme "C"
        return URI.matcher(value).matches();
    }

    private static String absoluteLake(Path projectDir, String lake) {
        return isUri(lake) ? lake : projectDir.resolve(lake).toAbsolutePath().normalize().toString();
    }
}
