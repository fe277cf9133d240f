package io.sluice.connector.files;

import io.sluice.connector.ConnectorContext;
import io.sluice.metadata.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code files} source's {@code connection} block, bound.
 *
 * @param landing the folder deliveries arrive in, as a Hadoop file system URI ({@code file:/…}, {@code abfss://…});
 *                from the {@code landing} setting, default {@code .}, relative paths resolved against the project
 */
public record FilesConnection(URI landing) {
    static final Set<String> KEYS = Set.of("landing");

    /** A URI scheme of two or more characters, so that a Windows drive ({@code C:\…}) is read as a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    public FilesConnection {
        Objects.requireNonNull(landing, "landing");
    }

    /**
     * Binds a {@code connection} block; {@code ${env:…}} references in {@code landing} are resolved here.
     *
     * @throws io.sluice.metadata.DescriptorException on an unknown key or a landing that is not a path or URI
     */
    public static FilesConnection bind(Options connection, ConnectorContext context) {
        connection.rejectUnknown(KEYS);
        String written = connection.string("landing").orElse(".");
        String landing = context.resolver(connection.origin(), connection.pointer() + "/landing").apply(written);
        if (landing.isBlank()) {
            throw connection.error("landing", "the landing folder is empty (write a path relative to the project,"
                    + " an absolute path, or a URI such as abfss://container@account.dfs.core.windows.net/landing)");
        }
        if (SCHEME.matcher(landing).matches()) {
            try {
                return new FilesConnection(new URI(landing));
            } catch (URISyntaxException e) {
                throw connection.error("landing", "'" + written + "' is not a valid URI (" + e.getReason()
                        + "); write e.g. abfss://container@account.dfs.core.windows.net/landing");
            }
        }
        return new FilesConnection(context.projectDir().resolve(landing).toAbsolutePath().normalize().toUri());
    }
}
