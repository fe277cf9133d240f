package io.sluice.connector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import io.sluice.metadata.SluiceException;

/** {@link Storage} on the local file system: the embedded default, for local {@link StoragePath}s. */
public final class LocalStorage implements Storage {

    /** The local path a {@code file:} URI or absolute path names. */
    public static Path toPath(String pathOrUri) {
        return toPath(StoragePath.of(pathOrUri));
    }

    /**
     * The local path of a location.
     *
     * @throws SluiceException code {@code STORAGE_UNSUPPORTED} when the location is not local
     */
    static Path toPath(StoragePath location) {
        return location.localPath().orElseThrow(() -> new SluiceException(StorageErrorCode.STORAGE_UNSUPPORTED,
                "the local storage cannot reach " + location + ": only local paths and file: URIs"));
    }

    @Override
    public List<StorageEntry> list(StoragePath directory) throws IOException {
        Path dir = toPath(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StorageEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                stat(child).ifPresent(entries::add);
            }
        }
        entries.sort(Comparator.comparing(StorageEntry::name));
        return entries;
    }

    @Override
    public Optional<StorageEntry> stat(StoragePath path) throws IOException {
        return stat(toPath(path));
    }

    private static Optional<StorageEntry> stat(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(new StorageEntry(StoragePath.local(path), path.getFileName().toString(), a.isDirectory(),
                    a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(StoragePath path) throws IOException {
        return Files.newInputStream(toPath(path));
    }

    @Override
    public OutputStream create(StoragePath path) throws IOException {
        Path p = toPath(path);
        Files.createDirectories(p.toAbsolutePath().getParent());
        return Files.newOutputStream(p);
    }

    @Override
    public void mkdirs(StoragePath directory) throws IOException {
        Files.createDirectories(toPath(directory));
    }

    @Override
    public void move(StoragePath from, StoragePath to) throws IOException {
        Path source = toPath(from);
        Path target = toPath(to);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(from.toString(), to.toString(), "nothing to move at " + from);
        }
        // rename(2) silently replaces an existing file: refuse first, as ADLS does with If-None-Match
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString(), from.toString(), "cannot move " + from + " to " + to
                    + ": the target exists");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(StoragePath path) throws IOException {
        Path root = toPath(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void setAcl(StoragePath path, String acl) throws IOException {
        Files.setPosixFilePermissions(toPath(path), permissions(acl));
    }

    @Override
    public String acl(StoragePath path) throws IOException {
        String rwx = PosixFilePermissions.toString(Files.getPosixFilePermissions(toPath(path)));
        return "user::" + rwx.substring(0, 3) + ",group::" + rwx.substring(3, 6) + ",other::" + rwx.substring(6, 9);
    }

    /** The owner/group/other entries of an ACL string as POSIX permissions; named entries are skipped. */
    static Set<PosixFilePermission> permissions(String acl) {
        char[] rwx = "---------".toCharArray();
        for (String entry : acl.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3 || !parts[1].isEmpty() || !parts[2].matches("[r-][w-][x-]")) {
                continue;
            }
            int offset = switch (parts[0]) {
                case "user" -> 0;
                case "group" -> 3;
                case "other" -> 6;
                default -> -1;
            };
            if (offset >= 0) {
                parts[2].getChars(0, 3, rwx, offset);
            }
        }
        return PosixFilePermissions.fromString(new String(rwx));
    }
}
