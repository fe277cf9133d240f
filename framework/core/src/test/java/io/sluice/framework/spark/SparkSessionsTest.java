package io.sluice.framework.spark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSessionsTest {

    @Test
    void aLocalMasterRunsTasksInThisJvmAClusterInExecutorsWhoseOptionsSay() {
        assertThat(SparkSessions.compilesHugeMethods("local[*]", null, true)).isTrue();
        assertThat(SparkSessions.compilesHugeMethods("local[2]", "-XX:-DontCompileHugeMethods", false))
                .isFalse();
        assertThat(SparkSessions.compilesHugeMethods("spark://host:7077", null, true)).isFalse();
        assertThat(SparkSessions.compilesHugeMethods("spark://host:7077",
                "-Duser.timezone=UTC -XX:-DontCompileHugeMethods", false)).isTrue();
    }
}
