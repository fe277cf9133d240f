package io.sluice.onboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes draft descriptors, never over an existing file. */
public final class DraftFiles {
    private DraftFiles() {
    }

    /**
     * What happened to one file.
     *
     * @param file    the file
     * @param written true when written, false when it existed and was left as it was
     */
    public record Outcome(Path file, boolean written) {
    }

    /** Writes {@code text} to {@code file} unless the file exists (then nothing is written). */
    public static Outcome write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new Outcome(file, true);
        } catch (FileAlreadyExistsException e) {
            return new Outcome(file, false);
        } catch (IOException e) {
            throw OnboardErrors.unwritable(file, e);
        }
    }
}
