package io.sluice.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one SparkSession per test JVM: built lazily on first use, kept in JUnit's root store and stopped
 * when the JVM's test run ends. Tests receive it as a parameter and never stop it.
 */
public final class SparkExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedSession.class, k -> new SharedSession(), SharedSession.class)
                .session;
    }

    /** Closed by JUnit when the root store is closed, at the end of the JVM's test run. */
    private static final class SharedSession implements AutoCloseable {
        private final SparkSession session = TestSpark.builder().getOrCreate();

        @Override
        public void close() {
            session.stop();
        }
    }
}
