package io.sluice.onboard;

import io.sluice.metadata.SluiceException;
import java.io.IOException;
import java.nio.file.Path;

/** The exceptions of {@code sluice init}, built in one place so that their messages stay alike. */
final class OnboardErrors {
    private OnboardErrors() {
    }

    static SluiceException unreadable(Path file, IOException e) {
        return new SluiceException(OnboardErrorCode.INIT_SAMPLE_UNREADABLE, "cannot read the sample " + file + ": "
                + e.getMessage() + " (give --sample a readable file, and --format if its name has no known ending)",
                e);
    }

    static SluiceException empty(Path file) {
        return new SluiceException(OnboardErrorCode.INIT_SAMPLE_EMPTY, "the sample " + file + " holds no record to"
                + " infer columns from (give a sample with data)");
    }

    static SluiceException unwritable(Path file, IOException e) {
        return new SluiceException(OnboardErrorCode.INIT_WRITE_FAILED, "cannot write the draft " + file + ": "
                + e.getMessage() + " (check that the descriptor folder is writable)", e);
    }
}
