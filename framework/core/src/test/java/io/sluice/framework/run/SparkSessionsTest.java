package io.sluice.framework.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    @Test
    void aLocalMasterRunsTasksInThisJvmAClusterInExecutorsWhoseOptionsSay() {
        assertThat(SparkSessions.compilesHugeMethods("local[*]", false, null, true)).isTrue();
        assertThat(SparkSessions.compilesHugeMethods("local[2]", false, "-XX:-DontCompileHugeMethods", false))
                .isFalse();
        assertThat(SparkSessions.compilesHugeMethods("spark://host:7077", false, null, true)).isFalse();
        assertThat(SparkSessions.compilesHugeMethods("spark://host:7077", false,
                "-Duser.timezone=UTC -XX:-DontCompileHugeMethods", false)).isTrue();
    }
}
