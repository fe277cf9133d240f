package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.framework.publish.DatasetPublisher;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class KeepLevelTest {
    private static final long HEAP = 2L << 30;

    @Test
    void aSmallRunInThisJvmIsKeptInMemoryALargeOneOrOneOnAClusterOnDisk() {
        assertThat(DatasetPublisher.keepLevel(HEAP / 16, HEAP, true)).isEqualTo(StorageLevel.MEMORY_AND_DISK());
        assertThat(DatasetPublisher.keepLevel(0, HEAP, true)).isEqualTo(StorageLevel.MEMORY_AND_DISK());
        assertThat(DatasetPublisher.keepLevel(HEAP / 16 + 1, HEAP, true)).isEqualTo(StorageLevel.DISK_ONLY());
        assertThat(DatasetPublisher.keepLevel(1024, HEAP, false)).isEqualTo(StorageLevel.DISK_ONLY());
    }
}
