package io.sluice.metadata;

import io.sluice.metadata.internal.DescriptorMapper;
import io.sluice.metadata.internal.DocumentReader;
import io.sluice.metadata.internal.LocatedDocument;
import io.sluice.metadata.internal.ProjectChecks;
import io.sluice.metadata.internal.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every descriptor of a project into a checked {@link Project}.
 *
 * <p>Reads each {@code *.yaml}, {@code *.yml} and {@code *.json} file under the descriptor folder (recursively,
 * in path order; several YAML documents per file separated by {@code ---}) in three steps: parse, validate against
 * the published JSON Schema ({@code io/sluice/metadata/descriptor.schema.json}), then map to records with semantic
 * checks. Each step collects every problem of every file and fails with one {@link DescriptorException} whose
 * message lists them as {@code file:line: /pointer: message}; a later step runs only when the earlier ones
 * found nothing.
 */
public final class DescriptorLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorLoader.class);

    /** The JSON Schema every descriptor document is validated against, as a classpath resource. */
    public static final String SCHEMA_RESOURCE = "io/sluice/metadata/descriptor.schema.json";

    private DescriptorLoader() {
    }

    /**
     * Loads the descriptors of a project.
     *
     * @param projectDir    the project folder; file names in messages are shown relative to it
     * @param descriptorDir the folder holding the descriptors (usually {@code projectDir/descriptors}); a relative
     *                      path resolves against {@code projectDir}
     * @return every source, dataset and refined dataset, checked
     * @throws DescriptorException listing every problem of the step that failed
     * @throws SluiceException     code {@code DESCRIPTORS_NOT_FOUND} when {@code descriptorDir} is not a folder
     */
    public static Project load(Path projectDir, Path descriptorDir) {
        long started = System.nanoTime();
        Path project = projectDir.toAbsolutePath().normalize();
        Path folder = project.resolve(descriptorDir).normalize();
        if (!Files.isDirectory(folder)) {
            throw new SluiceException(StandardErrorCode.DESCRIPTORS_NOT_FOUND, "descriptor folder "
                    + shown(project, folder) + " does not exist (create it, or set descriptors: in sluice.yaml)");
        }
        DocumentReader reader = new DocumentReader();
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = new ArrayList<>();
        for (Path file : descriptorFiles(project, folder)) {
            documents.addAll(reader.read(file, shown(project, file), problems));
        }
        failIfAny(problems);

        SchemaValidator validator = Schemas.descriptor();
        for (LocatedDocument document : documents) {
            problems.addAll(validator.validate(document.root(), document.origin()));
        }
        failIfAny(problems);

        DescriptorMapper mapper = new DescriptorMapper(reader, file -> shown(project, file));
        List<Descriptor> descriptors = new ArrayList<>();
        for (LocatedDocument document : documents) {
            mapper.map(document, problems).ifPresent(descriptors::add);
        }
        Project loaded = ProjectChecks.check(descriptors, problems);
        failIfAny(problems);
        LOG.info("Loaded {} sources, {} datasets and {} refined datasets from {} in {} ms", loaded.sources().size(),
                loaded.datasets().size(), loaded.refined().size(), shown(project, folder),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /** Loads the descriptors of the folder {@code config} names. */
    public static Project load(ProjectConfig config) {
        return load(config.projectDir(), config.descriptors());
    }

    private static List<Path> descriptorFiles(Path project, Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !isHidden(folder.relativize(f)))
                    .filter(DescriptorLoader::isDescriptorFile)
                    .sorted(Comparator.comparing(f -> shown(project, f)))
                    .toList();
        } catch (IOException e) {
            throw new SluiceException(StandardErrorCode.DESCRIPTORS_UNREADABLE, "cannot list the descriptor folder "
                    + shown(project, folder) + ": " + e.getMessage() + " (check that it is readable by this user)", e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDescriptorFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** A file as messages show it: relative to the project with {@code /} separators, else absolute. */
    static String shown(Path project, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(project) ? project.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    static void failIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
            throw new DescriptorException(sorted);
        }
    }
}
