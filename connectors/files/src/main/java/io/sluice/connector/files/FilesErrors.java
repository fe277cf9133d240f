package io.sluice.connector.files;

import io.sluice.metadata.ErrorCategory;
import io.sluice.metadata.SluiceException;
import java.util.List;

/** Every exception the {@code files} connector raises on purpose, with its stable code. */
final class FilesErrors {
    private FilesErrors() {
    }

    static SluiceException listingFailed(String dataset, String pattern, Exception cause) {
        return new SluiceException(ErrorCategory.SOURCE, "FILES_LISTING_FAILED", dataset + ": cannot list " + pattern
                + " (" + cause.getMessage() + "); check that the landing folder exists and is readable", cause);
    }

    static SluiceException landingMissing(String dataset, String landing) {
        return new SluiceException(ErrorCategory.SOURCE, "FILES_LANDING_MISSING", dataset + ": the landing folder "
                + landing + " does not exist; check the source's connection.landing, or that the share is mounted");
    }

    static SluiceException copyFailed(String dataset, String origin, String target, Exception cause) {
        return new SluiceException(ErrorCategory.SOURCE, "FILES_COPY_FAILED", dataset + ": cannot copy " + origin
                + " to " + target + " (" + cause.getMessage() + "); run again once the delivered file and the"
                + " lake are reachable", cause);
    }

    static SluiceException unreadable(String dataset, String format, List<String> problems) {
        return new SluiceException(ErrorCategory.SOURCE, "FILES_UNREADABLE", dataset + ": "
                + (problems.size() == 1 ? "a landed file is" : problems.size() + " landed files are") + " not readable "
                + format + ": " + String.join("; ", problems) + ". The raw zone keeps the delivered bytes; replace the"
                + " delivery with a sound file and run again");
    }
}
