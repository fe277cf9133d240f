package io.sluice.connector.storage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalStorage} against the storage contract, in a temporary folder. */
class LocalStorageContractTest extends StorageContract {
    @TempDir
    Path folder;

    @Override
    protected Storage storage() {
        return new LocalStorage();
    }

    @Override
    protected StoragePath root() {
        return StoragePath.local(folder);
    }

    /** A local disk holds POSIX permissions: named entries are not kept. */
    @Override
    protected String aclAsStored(String written) {
        return Arrays.stream(written.split(",")).filter(e -> e.split(":", -1)[1].isEmpty())
                .collect(Collectors.joining(","));
    }
}
