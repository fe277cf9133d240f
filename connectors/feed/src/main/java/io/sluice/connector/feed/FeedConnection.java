package io.sluice.connector.feed;

import io.sluice.connector.ConnectorContext;
import io.sluice.metadata.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code feed} source's {@code connection} block, bound.
 *
 * @param landing where deliveries arrive: {@code landing} setting, default {@code .} (the project folder); relative
 *                paths resolve against the project, a URI ({@code abfss://…}) is kept as is
 * @param archive where processed deliveries are moved: {@code archive} setting, default {@code <landing>/_archive}
 *                (names starting with {@code _} are never deliveries, so the archive may sit inside the landing)
 */
public record FeedConnection(String landing, String archive) {
    static final Set<String> KEYS = Set.of("landing", "archive");

    /** A URI scheme of two or more characters, so that a Windows drive ({@code C:\…}) is read as a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    public FeedConnection {
        Objects.requireNonNull(landing, "landing");
        Objects.requireNonNull(archive, "archive");
    }

    /**
     * Binds a {@code connection} block; {@code ${env:…}} references are resolved here.
     *
     * @throws io.sluice.metadata.DescriptorException on an unknown key or a value that is not a path or URI
     */
    public static FeedConnection bind(Options connection, ConnectorContext context) {
        connection.rejectUnknown(KEYS);
        String landing = location(connection, context, "landing", connection.string("landing").orElse("."));
        String archive = connection.has("archive")
                ? location(connection, context, "archive", connection.string("archive").orElseThrow())
                : FeedPaths.child(landing, "_archive");
        return new FeedConnection(landing, archive);
    }

    private static String location(Options connection, ConnectorContext context, String key, String written) {
        String value = context.resolver(connection.origin(), connection.pointer() + "/" + key).apply(written);
        if (value.isBlank()) {
            throw connection.error(key, "the " + key + " folder is empty (write a path relative to the project,"
                    + " an absolute path, or a URI such as abfss://container@account.dfs.core.windows.net/" + key + ")");
        }
        if (SCHEME.matcher(value).matches()) {
            try {
                return FeedPaths.trimSlash(new URI(value).toString());
            } catch (URISyntaxException e) {
                throw connection.error(key, "'" + written + "' is not a valid URI (" + e.getReason()
                        + "); write e.g. abfss://container@account.dfs.core.windows.net/" + key);
            }
        }
        return context.projectDir().resolve(value).toAbsolutePath().normalize().toString();
    }
}
