package io.sluice.cli;

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

    ProjectConfig config() {
        ProjectConfig config = ProjectConfig.load(project.toAbsolutePath().normalize());
        if (lake != null) {
            config = config.withLake(lake);
        }
        if (descriptors != null) {
            config = config.withDescriptors(descriptors.toAbsolutePath().normalize());
        }
        return config;
    }
}
