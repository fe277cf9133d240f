package io.sluice.connector.storage.adls;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakePathClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathAccessControlEntry;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathProperties;
import com.azure.storage.file.datalake.options.DataLakePathDeleteOptions;
import com.azure.core.util.Context;
import io.sluice.connector.storage.Storage;
import io.sluice.connector.storage.StorageEntry;
import io.sluice.connector.storage.StorageErrorCode;
import io.sluice.connector.storage.StoragePath;
import io.sluice.metadata.SluiceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on ADLS Gen2 (hierarchical namespace) through the Azure {@code azure-storage-file-datalake} SDK.
 * Paths are {@code abfs(s)://<container>@<account host>/<path>} URIs; one service client per account host, built
 * on first use by the function given (see {@link AzureStorageFactory}).
 *
 * <p>Moves are one rename call (atomic on a hierarchical-namespace account) that fails when the target exists;
 * directories are real directories; ACLs are POSIX-style ADLS ACL entries.
 */
public final class AdlsStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(AdlsStorage.class);

    private final Function<String, DataLakeServiceClient> clientFactory;
    private final Map<String, DataLakeServiceClient> clients = new ConcurrentHashMap<>();

    /** @param clientFactory the service client of an account, by its dfs host */
    public AdlsStorage(Function<String, DataLakeServiceClient> clientFactory) {
        this.clientFactory = clientFactory;
    }

    @Override
    public List<StorageEntry> list(StoragePath directory) throws IOException {
        return guarded("list", directory, () -> listUnguarded(directory));
    }

    private List<StorageEntry> listUnguarded(StoragePath directory) throws IOException {
        AdlsPath dir = AdlsPath.of(directory);
        List<StorageEntry> entries = new ArrayList<>();
        try {
            ListPathsOptions options = new ListPathsOptions().setRecursive(false);
            if (!dir.path().isEmpty()) {
                options.setPath(dir.path());
            }
            for (PathItem item : fileSystem(dir).listPaths(options, null)) {
                AdlsPath child = dir.withPath(item.getName());
                entries.add(new StorageEntry(child.location(), child.name(), item.isDirectory(),
                        item.isDirectory() ? 0 : item.getContentLength(), instant(item.getLastModified())));
            }
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                return List.of();
            }
            throw failure("list", dir, e);
        }
        entries.sort(Comparator.comparing(StorageEntry::name));
        return entries;
    }

    @Override
    public Optional<StorageEntry> stat(StoragePath path) throws IOException {
        return guarded("stat", path, () -> statUnguarded(path));
    }

    private Optional<StorageEntry> statUnguarded(StoragePath path) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        try {
            if (p.path().isEmpty()) {
                var properties = fileSystem(p).getProperties();
                return Optional.of(new StorageEntry(p.location(), p.name(), true, 0,
                        instant(properties.getLastModified())));
            }
            PathProperties properties = pathClient(p).getProperties();
            return Optional.of(new StorageEntry(p.location(), p.name(), properties.isDirectory(),
                    properties.isDirectory() ? 0 : properties.getFileSize(), instant(properties.getLastModified())));
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw failure("stat", p, e);
        }
    }

    @Override
    public InputStream open(StoragePath path) throws IOException {
        return guarded("open", path, () -> openUnguarded(path));
    }

    private InputStream openUnguarded(StoragePath path) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        try {
            return fileSystem(p).getFileClient(p.path()).openInputStream().getInputStream();
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                throw new FileNotFoundException("no file at " + p + " to read");
            }
            throw failure("open", p, e);
        }
    }

    @Override
    public OutputStream create(StoragePath path) throws IOException {
        return guarded("create", path, () -> createUnguarded(path));
    }

    private OutputStream createUnguarded(StoragePath path) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        // a hierarchical-namespace account creates the parent directories with the file
        return new AdlsOutputStream(fileSystem(p).getFileClient(p.path()), p);
    }

    @Override
    public void mkdirs(StoragePath directory) throws IOException {
        guarded("create directory", directory, () -> {
            mkdirsUnguarded(directory);
            return null;
        });
    }

    private void mkdirsUnguarded(StoragePath directory) throws IOException {
        AdlsPath p = AdlsPath.of(directory);
        if (p.path().isEmpty()) {
            return;
        }
        try {
            fileSystem(p).getDirectoryClient(p.path()).createIfNotExists();
        } catch (HttpResponseException e) {
            throw failure("mkdirs", p, e);
        }
        Optional<StorageEntry> made = statUnguarded(p.location());
        if (made.isEmpty() || !made.get().directory()) {
            throw new FileAlreadyExistsException(p.toString(), null, "a file is in the way of directory " + p);
        }
    }

    @Override
    public void move(StoragePath from, StoragePath to) throws IOException {
        guarded("move", from, () -> {
            moveUnguarded(from, to);
            return null;
        });
    }

    private void moveUnguarded(StoragePath from, StoragePath to) throws IOException {
        AdlsPath source = AdlsPath.of(from);
        AdlsPath target = AdlsPath.of(to);
        if (!source.sameFileSystem(target)) {
            throw new IOException("cannot move " + source + " to " + target + ": a rename stays inside one container"
                    + " of one account; copy, then delete instead");
        }
        if (statUnguarded(source.location()).isEmpty()) {
            throw new NoSuchFileException(source.toString(), target.toString(), "nothing to move at " + source);
        }
        mkdirsUnguarded(target.parent().location());
        try {
            // If-None-Match: * on the destination: the rename fails instead of replacing an existing target
            fileSystem(source).getDirectoryClient(source.path()).renameWithResponse(target.fileSystem(), target.path(), null,
                    new DataLakeRequestConditions().setIfNoneMatch("*"), null, Context.NONE);
        } catch (HttpResponseException e) {
            if (status(e) == 409) {
                throw new FileAlreadyExistsException(target.toString(), source.toString(), "cannot move " + source + " to " + target
                        + ": the target exists (" + code(e) + ")");
            }
            throw failure("move to " + target + " from", source, e);
        }
        LOG.debug("moved {} to {}", source, target);
    }

    @Override
    public void delete(StoragePath path) throws IOException {
        guarded("delete", path, () -> {
            deleteUnguarded(path);
            return null;
        });
    }

    private void deleteUnguarded(StoragePath path) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        if (p.path().isEmpty()) {
            throw new IOException("refusing to delete the root of container " + p + ": delete its contents instead");
        }
        Optional<StorageEntry> entry = statUnguarded(p.location());
        if (entry.isEmpty()) {
            return;
        }
        try {
            DataLakeFileSystemClient fs = fileSystem(p);
            if (entry.get().directory()) {
                fs.getDirectoryClient(p.path()).deleteIfExistsWithResponse(
                        new DataLakePathDeleteOptions().setIsRecursive(true), null, Context.NONE);
            } else {
                fs.getFileClient(p.path()).deleteIfExists();
            }
        } catch (HttpResponseException e) {
            throw failure("delete", p, e);
        }
    }

    @Override
    public void setAcl(StoragePath path, String acl) throws IOException {
        guarded("set the ACL of", path, () -> {
            setAclUnguarded(path, acl);
            return null;
        });
    }

    private void setAclUnguarded(StoragePath path, String acl) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        List<PathAccessControlEntry> entries;
        try {
            entries = PathAccessControlEntry.parseList(acl);
        } catch (IllegalArgumentException e) {
            throw new SluiceException(StorageErrorCode.STORAGE_ACL_INVALID, "ACL '" + acl + "' for " + p
                    + " is not valid: " + e.getMessage()
                    + " (write entries like user::rwx,group::r-x,other::---,group:<object-id>:r-x)", e);
        }
        try {
            pathClient(p).setAccessControlList(entries, null, null);
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                throw new NoSuchFileException(p.toString(), null, "no file or directory at " + p + " to set an ACL on");
            }
            throw failure("set the ACL of", p, e);
        }
    }

    @Override
    public String acl(StoragePath path) throws IOException {
        return guarded("read the ACL of", path, () -> aclUnguarded(path));
    }

    private String aclUnguarded(StoragePath path) throws IOException {
        AdlsPath p = AdlsPath.of(path);
        try {
            return PathAccessControlEntry.serializeList(pathClient(p).getAccessControl().getAccessControlList());
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                throw new NoSuchFileException(p.toString(), null, "no file or directory at " + p + " to read the ACL of");
            }
            throw failure("read the ACL of", p, e);
        }
    }

    private DataLakeFileSystemClient fileSystem(AdlsPath p) {
        return clients.computeIfAbsent(p.host(), clientFactory).getFileSystemClient(p.fileSystem());
    }

    /** File and directory clients send the same path REST calls; a directory client serves both. */
    private DataLakePathClient pathClient(AdlsPath p) {
        return fileSystem(p).getDirectoryClient(p.path());
    }

    private static Instant instant(java.time.OffsetDateTime t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    /** The HTTP status of a service error (the datalake SDK raises blob-endpoint errors as blob exceptions). */
    static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    /** The service's error code ({@code PathNotFound}, {@code AuthenticationFailed}, …). */
    static String code(HttpResponseException e) {
        return e.getResponse() == null ? "" : String.valueOf(e.getResponse().getHeaderValue(
                com.azure.core.http.HttpHeaderName.fromString("x-ms-error-code")));
    }

    /**
     * The failure the service answered. A refusal of the credentials or the permission (401, 403) is the
     * operator's to fix and is thrown as {@code AZURE_ACCESS_DENIED}; anything else is returned as an I/O failure.
     */
    private static IOException failure(String operation, AdlsPath path, HttpResponseException e) {
        // the SDK's message holds the request URL and service error, never the credential
        int status = status(e);
        if (status == 401 || status == 403) {
            throw new SluiceException(AzureErrorCode.AZURE_ACCESS_DENIED, "ADLS refused to " + operation + " " + path
                    + ": HTTP " + status + " " + code(e) + "; check the credentials of account " + path.host()
                    + " in sluice.yaml's azure.accounts and that its identity may " + operation + " there (a data"
                    + " role such as Storage Blob Data Contributor, or an ACL entry)", e);
        }
        return new IOException("ADLS could not " + operation + " " + path + ": HTTP " + status + " " + code(e), e);
    }

    /** Runs one operation; an SDK failure that is not a service answer means the endpoint was not reached. */
    private <T> T guarded(String operation, StoragePath location, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SluiceException | HttpResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            AdlsPath p = AdlsPath.of(location);
            DataLakeServiceClient client = clients.get(p.host());
            String endpoint = client == null ? "https://" + p.host() : client.getAccountUrl();
            throw new SluiceException(AzureErrorCode.AZURE_UNREACHABLE, "ADLS account " + p.host() + " could not be"
                    + " reached at " + endpoint + " to " + operation + " " + p + " (" + rootCause(e) + "): check the"
                    + " account's endpoint in sluice.yaml and the network", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** One storage operation. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }
}
