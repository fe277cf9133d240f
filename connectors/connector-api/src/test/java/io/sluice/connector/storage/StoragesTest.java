package io.sluice.connector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link Storages} finds factories, hands each its section and gathers the Spark configuration. */
class StoragesTest {

    /** Settings of the test factory: the one value its section holds. */
    record MemorySettings(String bucket) implements StorageSettings {
        @Override
        public Map<String, String> sparkConf() {
            return bucket.isEmpty() ? Map.of() : Map.of("spark.hadoop.fs.mem.bucket", bucket);
        }
    }

    /** A factory reading section {@code mem}; the section's {@code bucket} value becomes its Spark conf. */
    public static class MemoryStorageFactory implements StorageFactory<MemorySettings> {
        @Override
        public String section() {
            return "mem";
        }

        @Override
        public boolean supports(String scheme) {
            return scheme.equals("mem");
        }

        @Override
        public MemorySettings bind(Options section, Function<String, String> environment) {
            section.rejectUnknown(java.util.Set.of("bucket"));
            return new MemorySettings(section.resolvedString("bucket", environment).orElse(""));
        }

        @Override
        public Storage open(StoragePath root, MemorySettings settings, Function<String, String> environment) {
            return new LocalStorage();
        }
    }

    /** A second factory claiming the same section. */
    public static class OtherMemoryStorageFactory extends MemoryStorageFactory {
    }

    private static ClassLoader withFactories(Path folder, Class<?>... factories) throws IOException {
        Path services = folder.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder names = new StringBuilder();
        for (Class<?> f : factories) {
            names.append(f.getName()).append('\n');
        }
        Files.writeString(services.resolve(StorageFactory.class.getName()), names);
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, StoragesTest.class.getClassLoader());
    }

    @Test
    void eachFactoryBindsItsOwnSectionAndItsSparkConfIsGathered(@TempDir Path folder) throws IOException {
        ClassLoader loader = withFactories(folder, MemoryStorageFactory.class);
        Origin origin = new Origin("sluice.yaml", 1, Map.of("/mem", 4, "/mem/bucket", 5, "/mem/bukket", 6));
        Options section = new Options(Map.of("bucket", "${env:BUCKET}"), origin, "/mem");

        Storages storages = Storages.bind(Map.of("mem", section), Map.of("BUCKET", "b1")::get, loader);

        assertThat(Storages.sections(loader)).contains("mem");
        assertThat(storages.sparkConf()).containsEntry("spark.hadoop.fs.mem.bucket", "b1");
        assertThat(storages.open("mem://x/y")).isInstanceOf(LocalStorage.class);
        assertThat(Storages.bind(Map.of(), name -> null, loader).sparkConf())
                .doesNotContainKey("spark.hadoop.fs.mem.bucket");
        Options typo = new Options(Map.of("bukket", "b1"), origin, "/mem");
        assertThatThrownBy(() -> Storages.bind(Map.of("mem", typo), name -> null, loader))
                .isInstanceOf(SluiceException.class)
                .hasMessage("sluice.yaml:6: /mem/bukket: unknown field 'bukket' (expected one of: bucket)");
    }

    @Test
    void twoFactoriesForOneSectionAreRefusedNamingBoth(@TempDir Path folder) throws IOException {
        ClassLoader loader = withFactories(folder, MemoryStorageFactory.class, OtherMemoryStorageFactory.class);

        assertThatThrownBy(() -> Storages.sections(loader))
                .isInstanceOf(SluiceException.class)
                .hasMessage("two storage factories read section 'mem' of sluice.yaml: "
                        + MemoryStorageFactory.class.getName() + " and " + OtherMemoryStorageFactory.class.getName()
                        + "; remove one from the class path")
                .extracting(e -> ((SluiceException) e).errorCode())
                .isEqualTo(StorageErrorCode.STORAGE_FACTORY_CONFLICT);
    }
}
