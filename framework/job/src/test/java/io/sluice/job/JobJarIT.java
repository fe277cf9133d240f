package io.sluice.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job jar holds Sluice and its own libraries, finds its plug-ins, and nothing a Spark cluster already has. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobJarIT {
    private static final Logger LOG = LoggerFactory.getLogger(JobJarIT.class);

    private Path job;
    private Set<String> entries;

    @BeforeAll
    void readTheJar() throws IOException {
        job = Path.of(System.getProperty("sluice.job.jar"));
        entries = names(job);
        LOG.info("{}: {} bytes, {} entries", job, Files.size(job), entries.size());
    }

    @Test
    void runsTheSluiceCommandOnAnyJavaRelease() throws IOException {
        try (JarFile jar = new JarFile(job.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Main-Class")).isEqualTo("io.sluice.cli.Main");
            assertThat(manifest.getValue("Multi-Release")).isEqualTo("true");
            assertThat(manifest.getValue("Implementation-Version")).isNotBlank();
        }
    }

    @Test
    void holdsSluiceAndItsOwnLibraries() {
        assertThat(entries).contains("io/sluice/cli/Main.class", "io/sluice/framework/spark/SparkSessions.class",
                "io/sluice/connector/files/FilesConnectorFactory.class", "io/sluice/catalog/store/SqliteCatalogFactory.class",
                "picocli/CommandLine.class", "org/everit/json/schema/Schema.class", "org/json/JSONObject.class",
                "org/sqlite/JDBC.class", "org/postgresql/Driver.class");
        assertThat(entries).noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"))
                .doesNotContain("module-info.class", "log4j2.properties");
    }

    @Test
    void mergesEveryServiceFileSoConnectorsStoragesCatalogsAndAvroAreFound() throws IOException {
        assertThat(service("io.sluice.connector.SourceConnectorFactory")).contains(
                "io.sluice.connector.files.FilesConnectorFactory", "io.sluice.connector.jdbc.JdbcConnectorFactory",
                "io.sluice.connector.teradata.TeradataConnectorFactory", "io.sluice.connector.feed.FeedConnectorFactory");
        assertThat(service("io.sluice.connector.storage.StorageFactory"))
                .contains("io.sluice.connector.storage.adls.AzureStorageFactory");
        // the Azure SDK finds its HTTP client this way; without it every landing-area call fails on a cluster
        assertThat(service("com.azure.core.http.HttpClientProvider")).isNotEmpty();
        assertThat(service("io.sluice.catalog.CatalogFactory")).contains(
                "io.sluice.catalog.store.SqliteCatalogFactory", "io.sluice.catalog.store.PostgresCatalogFactory");
        assertThat(service("org.apache.spark.sql.sources.DataSourceRegister"))
                .containsExactly("org.apache.spark.sql.avro.AvroFileFormat");
        assertThat(service("java.sql.Driver")).contains("org.postgresql.Driver", "org.sqlite.JDBC");
    }

    /**
     * The test classpath is what a cluster provides (Spark, Delta, Hadoop, Scala, Jackson, Log4j...): a class in
     * both would be a second, possibly different copy beside the cluster's.
     */
    @Test
    void sharesNoClassWithTheClustersRuntime() throws IOException {
        Map<String, Set<String>> shared = new TreeMap<>();
        Map<String, String> owner = new HashMap<>();
        for (Path jar : SparkDistribution.classpathJars()) {
            for (String name : names(jar)) {
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    owner.putIfAbsent(name, jar.getFileName().toString());
                }
            }
        }
        for (String name : entries) {
            String jar = owner.get(name);
            if (jar != null) {
                shared.computeIfAbsent(jar, j -> new TreeSet<>()).add(name);
            }
        }
        assertThat(shared.keySet()).as("libraries the cluster already has, yet in the job jar (first classes: %s);"
                + " declare each 'provided' in framework/job/pom.xml", firstOf(shared)).isEmpty();
    }

    private static Map<String, String> firstOf(Map<String, Set<String>> shared) {
        Map<String, String> first = new TreeMap<>();
        shared.forEach((jar, names) -> first.put(jar, names.iterator().next()));
        return first;
    }

    private List<String> service(String name) throws IOException {
        try (JarFile jar = new JarFile(job.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/services/" + name);
            assertThat(entry).as("META-INF/services/%s in %s", name, job).isNotNull();
            return new String(jar.getInputStream(entry).readAllBytes(), UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static Set<String> names(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
        }
        return names;
    }
}
