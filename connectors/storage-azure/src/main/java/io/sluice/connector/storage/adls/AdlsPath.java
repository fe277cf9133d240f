package io.sluice.connector.storage.adls;

import io.sluice.connector.storage.StorageErrorCode;
import io.sluice.connector.storage.StoragePath;
import io.sluice.metadata.SluiceException;
import java.util.Locale;
import java.util.Objects;

/**
 * A path in ADLS Gen2 as Hadoop writes it: {@code abfss://<file system>@<account host>/<path>}.
 *
 * @param scheme     {@code abfs} or {@code abfss}
 * @param fileSystem the file system (container)
 * @param host       the account's dfs host, lower case ({@code mylake.dfs.core.windows.net})
 * @param path       the path inside the file system, without leading or trailing slash; empty for its root
 */
public record AdlsPath(String scheme, String fileSystem, String host, String path) {
    public AdlsPath {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(fileSystem, "fileSystem");
        host = host.toLowerCase(Locale.ROOT);
        path = trim(path);
    }

    /**
     * Parses an {@code abfs://} or {@code abfss://} URI.
     *
     * @throws SluiceException code {@code STORAGE_PATH_INVALID} naming the URI and the expected form
     */
    public static AdlsPath parse(String uri) {
        return of(StoragePath.of(uri));
    }

    /**
     * The ADLS path of a storage location.
     *
     * @throws SluiceException code {@code STORAGE_PATH_INVALID} naming the location and the expected form
     */
    public static AdlsPath of(StoragePath location) {
        String scheme = location.scheme();
        String authority = location.authority();
        int at = authority.indexOf('@');
        if (!(scheme.equals("abfs") || scheme.equals("abfss")) || at <= 0 || at == authority.length() - 1) {
            throw new SluiceException(StorageErrorCode.STORAGE_PATH_INVALID, invalid(location.toString()));
        }
        String host = authority.substring(at + 1);
        int port = host.lastIndexOf(':');
        return new AdlsPath(scheme, authority.substring(0, at), port < 0 ? host : host.substring(0, port),
                location.path());
    }

    /** This path as a storage location. */
    public StoragePath location() {
        return StoragePath.remote(scheme, fileSystem + "@" + host, path);
    }

    /** The account name: the first label of the host. */
    public String account() {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /** The last path segment; the file system's name for its root. */
    public String name() {
        return path.isEmpty() ? fileSystem : path.substring(path.lastIndexOf('/') + 1);
    }

    /** The parent directory; the root is its own parent. */
    public AdlsPath parent() {
        int slash = path.lastIndexOf('/');
        return withPath(slash < 0 ? "" : path.substring(0, slash));
    }

    /** The same file system with another path inside it. */
    public AdlsPath withPath(String newPath) {
        return new AdlsPath(scheme, fileSystem, host, newPath);
    }

    /** Whether both paths are in the same file system of the same account (a rename can join them). */
    public boolean sameFileSystem(AdlsPath other) {
        return host.equals(other.host) && fileSystem.equals(other.fileSystem);
    }

    @Override
    public String toString() {
        return scheme + "://" + fileSystem + "@" + host + "/" + path;
    }

    private static String trim(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String invalid(String uri) {
        return "'" + uri + "' is not an ADLS Gen2 path: write abfss://<container>@<account>.dfs.core.windows.net/<path>";
    }
}
