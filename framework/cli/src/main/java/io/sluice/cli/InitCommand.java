package io.sluice.cli;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.files.FilesConnection;
import io.sluice.framework.spark.SparkSessions;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import io.sluice.metadata.SourceSpec;
import io.sluice.onboard.ColumnDraft;
import io.sluice.onboard.DatabaseOnboarding;
import io.sluice.onboard.DatasetDraft;
import io.sluice.onboard.DraftFiles;
import io.sluice.onboard.DraftWriter;
import io.sluice.onboard.Feature;
import io.sluice.onboard.FileOnboarding;
import io.sluice.onboard.OnboardErrorCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice init}: writes draft descriptors to hand-edit, from a sample file or from a database's catalogue.
 * Never overwrites a descriptor file.
 */
@Command(name = "init", description = "Draft descriptors from a sample file (--sample) or a database's tables"
        + " (--tables); prints what it guessed and why. Existing descriptor files are never overwritten.")
final class InitCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions options;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "The source: a new one is written as a files source (with --sample).")
    String source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--sample", paramLabel = "FILE", description = "A sample file (csv, tsv, json, parquet, avro).")
        Path sample;

        @Option(names = "--tables", paramLabel = "PATTERN",
                description = "Tables of a jdbc or teradata source: SCHEMA.TABLE with * and ? wildcards, e.g. 'SALES.*'.")
        String tables;
    }

    @Option(names = "--dataset", paramLabel = "DATASET", description = "The dataset's name (default: from the file name).")
    String dataset;

    @Option(names = "--format", paramLabel = "FORMAT", description = "The sample's format when its name does not tell"
            + " (csv, tsv, json, parquet, avro; fixed_width with --layout).")
    String format;

    @Option(names = "--layout", paramLabel = "FILE", description = "A fixed_width sample's columns: a YAML list as"
            + " extract.layout declares them, e.g. '- { name: id, start: 1, length: 6 }'.")
    Path layout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProjectConfig config = options.config();
        Project project = Files.isDirectory(config.descriptors())
                ? DescriptorLoader.load(config.projectDir(), config.descriptors())
                : new Project(List.of(), List.of(), List.of());
        PrintWriter out = spec.commandLine().getOut();
        checkName("--source", source);
        if (dataset != null) {
            checkName("--dataset", dataset);
        }
        Set<Feature> features = Feature.available();
        if (what.tables != null) {
            return tables(config, project, out, features);
        }
        return sample(config, project, out, features);
    }

    private int sample(ProjectConfig config, Project project, PrintWriter out, Set<Feature> features) {
        Path sample = what.sample.toAbsolutePath().normalize();
        String name = dataset != null ? dataset : datasetName(sample);
        Optional<SourceSpec> existing = project.source(source);
        if (existing.isPresent() && !existing.get().connector().equals("files")) {
            throw new SluiceException(OnboardErrorCode.INIT_SOURCE_NOT_FILES, "source '" + source + "' reads with"
                    + " connector " + existing.get().connector() + ", not files: --sample drafts datasets of a files"
                    + " source (use --tables for a database, or another --source)");
        }
        // a landing folder on remote storage (abfss://) cannot hold the local sample: the glob is then the default
        Path landing = existing.map(s -> FilesConnection.bind(s.connection(),
                        new ConnectorContext(config.projectDir(), System::getenv)).landing())
                .filter(uri -> "file".equals(uri.getScheme())).map(Path::of)
                .orElse(config.projectDir().resolve("landing"));
        String extension = extension(sample);
        String glob;
        if (sample.startsWith(landing)) {
            Path folder = landing.relativize(sample.getParent());
            glob = (folder.toString().isEmpty() ? "" : folder.toString().replace('\\', '/') + "/") + "*" + extension;
        } else {
            glob = name + "/*" + extension;
        }
        Path datasetFile = config.descriptors().resolve(source).resolve(name + ".yaml");
        if (project.dataset(source + "." + name).isPresent() || Files.exists(datasetFile)) {
            out.printf("%s: dataset %s.%s is already declared: nothing written (remove it, or give --dataset"
                    + " another name)%n", relative(config, datasetFile), source, name);
            return ExitCodes.SUCCESS;
        }
        String sourceYaml = DraftWriter.source(source, "landing", sample.getFileName().toString());
        SparkSession spark = SparkSessions.create("sluice init", config.sparkMaster(), config.sparkConf());
        FileOnboarding.Result result;
        try {
            result = FileOnboarding.draft(spark, new FileOnboarding.Request(source, name, sample,
                    Optional.ofNullable(format), glob, sourceYaml, features,
                    Optional.ofNullable(layout).map(FileOnboarding::layout)));
        } finally {
            spark.stop();
        }
        if (existing.isEmpty()) {
            report(out, config, DraftFiles.write(config.descriptors().resolve(source + ".yaml"), sourceYaml),
                    "source " + source + " (connector files, landing folder landing/)");
        }
        report(out, config, DraftFiles.write(datasetFile, result.yaml()), "dataset " + source + "." + name);
        summary(out, result.draft());
        out.printf("proven on the sample: %d record(s), %d rejected%n", result.rows(), result.remaining());
        if (!sample.startsWith(landing)) {
            out.printf("deliveries are read from %s/%s: copy the sample there to run it%n",
                    relative(config, landing), glob);
        }
        out.printf("next: edit the draft, then 'sluice validate' and 'sluice run --source %s'%n", source);
        return ExitCodes.SUCCESS;
    }

    private int tables(ProjectConfig config, Project project, PrintWriter out, Set<Feature> features) {
        SourceSpec spec = project.source(source).orElseThrow(() -> new SluiceException(
                OnboardErrorCode.INIT_SOURCE_NOT_DATABASE, "source '" + source + "' is not declared: --tables drafts"
                + " datasets of a declared jdbc or teradata source (write its descriptor first, see docs/jdbc.md)"));
        List<DatasetDraft> drafts = DatabaseOnboarding.draft(spec, what.tables, System::getenv);
        for (DatasetDraft draft : drafts) {
            Path file = config.descriptors().resolve(source).resolve(draft.name() + ".yaml");
            if (project.dataset(draft.qualifiedName()).isPresent()) {
                out.printf("%s: dataset %s is already declared: nothing written%n", relative(config, file),
                        draft.qualifiedName());
                continue;
            }
            report(out, config, DraftFiles.write(file, DraftWriter.dataset(draft)),
                    "dataset " + draft.qualifiedName() + " from " + draft.origin());
            summary(out, draft);
        }
        out.printf("next: edit the drafts, then 'sluice validate' and 'sluice run --source %s'%n", source);
        return ExitCodes.SUCCESS;
    }

    private static void checkName(String option, String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new SluiceException(OnboardErrorCode.INIT_NAME_INVALID, option + " '" + name + "' is not a valid"
                    + " name (write lower-case letters, digits and _, starting with a letter, e.g. "
                    + DraftWriter.sanitize(name) + ")");
        }
    }

    private static void report(PrintWriter out, ProjectConfig config, DraftFiles.Outcome outcome, String what) {
        out.printf(outcome.written() ? "wrote %s: %s%n" : "%s exists: left as it is (%s not written)%n",
                relative(config, outcome.file()), what);
    }

    private static void summary(PrintWriter out, DatasetDraft draft) {
        draft.notes().forEach(n -> out.println("  " + n));
        for (ColumnDraft c : draft.columns()) {
            out.printf("  %-24s %-14s %s%n", c.name() + (c.renamed() ? " <- " + c.sourceName() : ""),
                    c.type() + (c.key() ? " key" : ""), String.join("; ", c.notes()));
        }
    }

    private static String relative(ProjectConfig config, Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.startsWith(config.projectDir()) ? config.projectDir().relativize(p).toString() : p.toString();
    }

    /** {@code .csv}, or {@code .csv.gz} for a compressed sample. */
    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? n.lastIndexOf('.', n.length() - 4)
                : n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot);
    }

    /** {@code Seattle-Weather 2024.csv} gives {@code seattle_weather_2024}. */
    static String datasetName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.indexOf('.');
        return DraftWriter.sanitize(dot > 0 ? n.substring(0, dot) : n);
    }
}
