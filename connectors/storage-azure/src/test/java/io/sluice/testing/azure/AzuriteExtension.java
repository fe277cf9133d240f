package io.sluice.testing.azure;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link Azurite} per test JVM: started on first use, kept in JUnit's root store and stopped when
 * the JVM's test run ends. Tests receive it as a parameter ({@code @ExtendWith(AzuriteExtension.class)}).
 */
public final class AzuriteExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class)
                .azurite;
    }

    /** Closed by JUnit when the root store is closed. */
    private static final class Shared implements AutoCloseable {
        private final Azurite azurite = Azurite.start();

        @Override
        public void close() throws java.io.IOException {
            // ABFS file systems talk to the account when closed: close them while Azurite still answers
            org.apache.hadoop.fs.FileSystem.closeAll();
            azurite.close();
        }
    }
}
