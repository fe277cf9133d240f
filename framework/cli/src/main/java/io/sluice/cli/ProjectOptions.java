package io.sluice.cli;

import io.sluice.connector.storage.Storages;
import io.sluice.metadata.ProjectConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the project and its lake are; shared by every command. */
final class ProjectOptions {
    @Option(names = "--project", paramLabel = "DIR", description = "Project folder holding sluice.yaml (default: current folder).")
    Path project = Path.of(".");

    @Option(names = "--lake", paramLabel = "DIR|URI", description = "Lake location, overriding sluice.yaml's 'lake'.")
    String lake;

    @Option(names = "--descriptors", paramLabel = "DIR", description = "Descriptor folder, overriding sluice.yaml's 'descriptors'.")
    Path descriptors;

    /**
     * The project configuration, its storage sections bound by their factories: its Spark configuration starts
     * with what the storages imply.
     */
    ProjectConfig config() {
        ProjectConfig config = Storages.loadProject(project.toAbsolutePath().normalize(), System::getenv,
                ProjectOptions.class.getClassLoader());
        if (lake != null) {
            config = config.withLake(lake);
        }
        if (descriptors != null) {
            config = config.withDescriptors(descriptors.toAbsolutePath().normalize());
        }
        return config;
    }

    /** The storages of a configuration {@link #config()} read, each with the settings it bound. */
    static Storages storages(ProjectConfig config) {
        return Storages.bind(config.storage(), System::getenv, ProjectOptions.class.getClassLoader());
    }
}
