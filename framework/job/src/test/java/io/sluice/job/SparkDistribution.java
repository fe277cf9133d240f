package io.sluice.job;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Spark installation built from this module's test classpath, which holds only what a cluster provides (Spark,
 * Delta, their libraries) and the test tools: {@code home/jars} links Spark's jars, as an Apache Spark download
 * does; Delta stays outside, handed to spark-submit with {@code --jars} as on a cluster without Delta.
 *
 * @param home      the SPARK_HOME folder: an empty {@code RELEASE} file and {@code jars/}
 * @param sparkJars the jars linked in {@code home/jars}
 * @param deltaJars Delta Lake and its own libraries
 */
record SparkDistribution(Path home, List<Path> sparkJars, List<Path> deltaJars) {
    /** Path fragments of the test tools, which no cluster has. */
    private static final List<String> TEST_TOOLS = List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
            "/org/assertj/", "/net/bytebuddy/", "/org/apache/maven/surefire/");
    private static final List<String> DELTA = List.of("/io/delta/", "/io/unitycatalog/");

    SparkDistribution {
        sparkJars = List.copyOf(sparkJars);
        deltaJars = List.copyOf(deltaJars);
    }

    /**
     * Lays out a Spark home in {@code home} (replacing an earlier one) from the jars of this JVM's classpath.
     * Keep it out of a JUnit temporary folder: JUnit warns about every link it deletes there.
     */
    static SparkDistribution create(Path home) throws IOException {
        List<Path> spark = new ArrayList<>();
        List<Path> delta = new ArrayList<>();
        for (Path jar : classpathJars()) {
            String path = jar.toString().replace(File.separatorChar, '/');
            if (TEST_TOOLS.stream().anyMatch(path::contains)) {
                continue;
            }
            (DELTA.stream().anyMatch(path::contains) ? delta : spark).add(jar);
        }
        if (spark.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalStateException("no spark-core jar on the test classpath " + classpathJars()
                    + ": the failsafe plugin must run these tests with the module's provided dependencies");
        }
        deleteIfPresent(home);
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createFile(home.resolve("RELEASE"));
        for (Path jar : spark) {
            Path link = jars.resolve(jar.getFileName());
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("two jars named " + jar.getFileName() + " on the test classpath: "
                        + link.toRealPath() + " and " + jar);
            }
            Files.createSymbolicLink(link, jar);
        }
        return new SparkDistribution(home, spark, delta);
    }

    /** Removes an earlier home; its links are removed, never followed. */
    private static void deleteIfPresent(Path home) throws IOException {
        if (!Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The jars of this JVM's classpath (failsafe runs it without a manifest-only jar). */
    static List<Path> classpathJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .map(e -> Path.of(e).toAbsolutePath().normalize())
                .filter(p -> !p.startsWith(Path.of(System.getProperty("sluice.target", "target")).toAbsolutePath()))
                .toList();
    }

    /** The classpath of a JVM of this installation, as bin/spark-class builds it. */
    String classpath() {
        return home.resolve("jars") + File.separator + "*";
    }

    /** Environment of the cluster's JVMs: the worker launches executors from SPARK_HOME's jars. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    }

    /** The Java 17 flags Spark needs (from the build: Spark's JavaModuleOptions), plus lean test settings. */
    static List<String> jvmOptions(String heap) {
        List<String> options = new ArrayList<>(Arrays.asList(System.getProperty("spark.java.options", "").trim().split("\\s+")));
        options.removeIf(String::isEmpty);
        options.addAll(List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=UTC"));
        return options;
    }
}
