package io.sluice.connector.storage;

import java.net.URI;
import java.net.URISyntaxException;
import io.sluice.metadata.SluiceException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A location in a {@link Storage}: a local path ({@code /data/landing}, {@code file:/data/landing}) or a URI with
 * an authority ({@code abfss://landing@mylake.dfs.core.windows.net/feeds}).
 *
 * <p>Not a bare {@link URI}: a landing area holds names a URI cannot carry unescaped (spaces, {@code %}, unicode),
 * and local paths were always written and shown as plain paths. A {@code StoragePath} keeps the segments
 * <em>decoded</em>, so a child made with {@link #child} never passes through a parse again; {@link #toString()}
 * shows the path as people write it (local: the plain path; remote: {@code scheme://authority/path} without
 * escapes), {@link #toUri()} gives the escaped URI for libraries that need one.
 */
public final class StoragePath {
    private static final String FILE = "file";

    private final String scheme;
    private final String authority;
    private final String path;
    private final Path local;

    private StoragePath(String scheme, String authority, String path, Path local) {
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.local = local;
    }

    /**
     * Parses a path as written in a descriptor or configuration: an absolute or relative local path, a
     * {@code file:} URI, or {@code scheme://authority/path}. A remote URI that is valid is decoded
     * ({@code %20} is a space); one that is not (a raw space or {@code %} in a name) is taken literally.
     *
     * @throws SluiceException code {@code STORAGE_PATH_INVALID} when {@code pathOrUri} is blank or not a valid
     *                         local path or {@code file:} URI
     */
    public static StoragePath of(String pathOrUri) {
        Objects.requireNonNull(pathOrUri, "pathOrUri");
        if (pathOrUri.isBlank()) {
            throw new SluiceException(StorageErrorCode.STORAGE_PATH_INVALID, "a storage path must not be blank:"
                    + " write an absolute path or a URI such as abfss://<container>@<account host>/<path>");
        }
        String scheme = scheme(pathOrUri);
        if (scheme.equals(FILE)) {
            try {
                return local(pathOrUri.regionMatches(true, 0, "file:", 0, 5)
                        ? Path.of(URI.create(pathOrUri)) : Path.of(pathOrUri));
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw new SluiceException(StorageErrorCode.STORAGE_PATH_INVALID, "'" + pathOrUri + "' is not a"
                        + " local path (" + e.getMessage() + "): write an absolute path or file:/<path>", e);
            }
        }
        String rest = pathOrUri.substring(scheme.length() + 1);
        try {
            URI uri = new URI(pathOrUri);
            if (uri.getRawAuthority() != null) {
                return remote(scheme, uri.getRawAuthority(), uri.getPath() == null ? "" : uri.getPath());
            }
        } catch (URISyntaxException e) {
            // not a valid URI: a raw space, '%' or other character in a name; read it literally below
        }
        if (!rest.startsWith("//")) {
            return remote(scheme, "", rest);
        }
        int slash = rest.indexOf('/', 2);
        return slash < 0 ? remote(scheme, rest.substring(2), "")
                : remote(scheme, rest.substring(2, slash), rest.substring(slash));
    }

    /** A local path. */
    public static StoragePath local(Path path) {
        return new StoragePath(FILE, "", path.toString(), path);
    }

    /** A remote location; {@code path} is decoded, leading and trailing slashes are dropped. */
    public static StoragePath remote(String scheme, String authority, String path) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (s.equals(FILE)) {
            throw new IllegalArgumentException("file: locations are local paths: use StoragePath.local");
        }
        return new StoragePath(s, Objects.requireNonNull(authority, "authority"), trim(path), null);
    }

    /** The URI scheme, lower case; {@code file} for a local path. */
    public String scheme() {
        return scheme;
    }

    /** True for a path on the local file system. */
    public boolean isLocal() {
        return local != null;
    }

    /** The local path; empty for a remote location. */
    public Optional<Path> localPath() {
        return Optional.ofNullable(local);
    }

    /** The raw authority of a remote location ({@code landing@mylake.dfs.core.windows.net}); empty when local. */
    public String authority() {
        return authority;
    }

    /**
     * The decoded path: for a local path as written; for a remote location the part after the authority, without
     * leading or trailing slash ({@code ""} for the root of a container).
     */
    public String path() {
        return path;
    }

    /** The last segment; the authority for the root of a remote location. */
    public String name() {
        if (local != null) {
            Path name = local.getFileName();
            return name == null ? local.toString() : name.toString();
        }
        return path.isEmpty() ? authority : path.substring(path.lastIndexOf('/') + 1);
    }

    /** The parent; a root is its own parent. */
    public StoragePath parent() {
        if (local != null) {
            Path parent = local.getParent();
            return parent == null ? this : local(parent);
        }
        int slash = path.lastIndexOf('/');
        return new StoragePath(scheme, authority, slash < 0 ? "" : path.substring(0, slash), null);
    }

    /**
     * The entry {@code name} inside this directory. The name is taken literally: spaces, {@code %} and unicode
     * are kept, nothing is decoded.
     *
     * @throws IllegalArgumentException when {@code name} is empty or holds a {@code /}
     */
    public StoragePath child(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a file name (no '/', not empty, not . or ..)");
        }
        if (local != null) {
            return local(local.resolve(name));
        }
        return new StoragePath(scheme, authority, path.isEmpty() ? name : path + "/" + name, null);
    }

    /** The escaped URI ({@code file:///…} for a local path). */
    public URI toUri() {
        if (local != null) {
            return local.toUri();
        }
        try {
            return new URI(scheme, authority, "/" + path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot escape " + this + " as a URI", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePath other && scheme.equals(other.scheme) && authority.equals(other.authority)
                && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, authority, path);
    }

    /** The path as written: a plain local path, or {@code scheme://authority/path} without escapes. */
    @Override
    public String toString() {
        return local != null ? path : scheme + "://" + authority + "/" + path;
    }

    /** The scheme of a path or URI: {@code file} for a local path, a Windows drive or a URI without scheme. */
    static String scheme(String pathOrUri) {
        if (pathOrUri.startsWith("/") || pathOrUri.matches("^[A-Za-z]:\\\\.*")) {
            return FILE;
        }
        int colon = pathOrUri.indexOf(':');
        if (colon < 2 || !pathOrUri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return FILE;
        }
        return pathOrUri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static String trim(String p) {
        int from = 0;
        int to = p.length();
        while (from < to && p.charAt(from) == '/') {
            from++;
        }
        while (to > from && p.charAt(to - 1) == '/') {
            to--;
        }
        return p.substring(from, to);
    }
}
