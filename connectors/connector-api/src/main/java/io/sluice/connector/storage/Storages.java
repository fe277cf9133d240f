package io.sluice.connector.storage;

import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The storages of a project: every {@link StorageFactory} on the class path, each with the settings it bound from
 * its own section of {@code sluice.yaml}. Picks {@link LocalStorage} for local paths and the factory that
 * supports the scheme otherwise, and gathers the Spark configuration the settings imply. Immutable.
 */
public final class Storages {
    private final List<Bound<?>> bound;
    private final Function<String, String> environment;

    private Storages(List<Bound<?>> bound, Function<String, String> environment) {
        this.bound = List.copyOf(bound);
        this.environment = environment;
    }

    /**
     * Reads {@code projectDir/sluice.yaml} with the storage sections of the factories {@code loader} finds, binds
     * each section, and returns the configuration whose {@link ProjectConfig#sparkConf()} starts with the Spark
     * settings the storages imply (its own {@code spark.conf} entries win over them).
     *
     * @throws io.sluice.metadata.DescriptorException listing every problem of the file and its storage sections
     */
    public static ProjectConfig loadProject(Path projectDir, Function<String, String> environment,
                                            ClassLoader loader) {
        ProjectConfig config = ProjectConfig.load(projectDir, environment, sections(loader));
        return config.withImpliedSparkConf(bind(config.storage(), environment, loader).sparkConf());
    }

    /** The {@code sluice.yaml} section names of the storage factories {@code loader} finds, sorted. */
    public static Set<String> sections(ClassLoader loader) {
        return Collections.unmodifiableSet(new TreeSet<>(factories(loader).keySet()));
    }

    /**
     * Binds every factory {@code loader} finds to its section (an empty block when the section is absent).
     *
     * @param sections the project configuration's storage sections by name ({@link ProjectConfig#storage()})
     * @throws io.sluice.metadata.DescriptorException when a section is invalid, naming file, line and field
     */
    public static Storages bind(Map<String, Options> sections, Function<String, String> environment,
                                ClassLoader loader) {
        Objects.requireNonNull(environment, "environment");
        List<Bound<?>> bound = new ArrayList<>();
        for (Map.Entry<String, StorageFactory<?>> e : factories(loader).entrySet()) {
            Options section = sections.getOrDefault(e.getKey(),
                    Options.empty(Origin.unknown(ProjectConfig.FILE_NAME), "/" + e.getKey()));
            bound.add(Bound.of(e.getValue(), section, environment));
        }
        return new Storages(bound, environment);
    }

    /** Opens the storage for a path or URI as written in a descriptor. */
    public Storage open(String pathOrUri) {
        return open(StoragePath.of(pathOrUri));
    }

    /**
     * Opens the storage for {@code location}.
     *
     * @throws SluiceException code {@code STORAGE_UNSUPPORTED} naming the scheme when no factory handles it
     */
    public Storage open(StoragePath location) {
        if (location.isLocal()) {
            return new LocalStorage();
        }
        for (Bound<?> b : bound) {
            if (b.factory().supports(location.scheme())) {
                return b.open(location, environment);
            }
        }
        throw new SluiceException(StorageErrorCode.STORAGE_UNSUPPORTED, "no storage for '" + location.scheme()
                + ":' paths on the class path (for abfss: add sluice-storage-azure)");
    }

    /** The Spark configuration every storage's settings imply, factory by factory in section order. */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        bound.forEach(b -> conf.putAll(b.settings().sparkConf()));
        return conf;
    }

    @Override
    public String toString() {
        return "Storages" + bound.stream().map(b -> b.factory().section()).toList();
    }

    private static Map<String, StorageFactory<?>> factories(ClassLoader loader) {
        Map<String, StorageFactory<?>> byName = new TreeMap<>();
        for (StorageFactory<?> f : ServiceLoader.load(StorageFactory.class, loader)) {
            StorageFactory<?> other = byName.put(f.section(), f);
            if (other != null && !other.getClass().equals(f.getClass())) {
                throw new SluiceException(StorageErrorCode.STORAGE_FACTORY_CONFLICT, "two storage factories read"
                        + " section '" + f.section() + "' of "
                        + ProjectConfig.FILE_NAME + ": " + other.getClass().getName() + " and "
                        + f.getClass().getName() + "; remove one from the class path");
            }
        }
        return byName;
    }

    /** A factory with the settings it bound: keeps the two types together. */
    private record Bound<S extends StorageSettings>(StorageFactory<S> factory, S settings) {
        static <S extends StorageSettings> Bound<S> of(StorageFactory<S> factory, Options section,
                                                       Function<String, String> environment) {
            return new Bound<>(factory, factory.bind(section, environment));
        }

        Storage open(StoragePath location, Function<String, String> environment) {
            return factory.open(location, settings, environment);
        }
    }
}
