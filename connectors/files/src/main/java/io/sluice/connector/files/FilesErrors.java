package io.sluice.connector.files;

import io.sluice.metadata.SluiceException;

/** Every exception the {@code files} connector raises on purpose, with its stable code. */
final class FilesErrors {
    private FilesErrors() {
    }

    static SluiceException listingFailed(String dataset, String pattern, Exception cause) {
        return new SluiceException(FilesErrorCode.FILES_LISTING_FAILED, dataset + ": cannot list " + pattern
                + " (" + cause.getMessage() + "); check that the landing folder exists and is readable", cause);
    }

    static SluiceException landingMissing(String dataset, String landing) {
        return new SluiceException(FilesErrorCode.FILES_LANDING_MISSING, dataset + ": the landing folder "
                + landing + " does not exist; check the source's connection.landing, or that the share is mounted");
    }

    static SluiceException copyFailed(String dataset, String origin, String target, Exception cause) {
        return new SluiceException(FilesErrorCode.FILES_COPY_FAILED, dataset + ": cannot copy " + origin
                + " to " + target + " (" + cause.getMessage() + "); run again once the delivered file and the"
                + " lake are reachable", cause);
    }

    static SluiceException rawReadFailed(String dataset, String path, Exception cause) {
        return new SluiceException(FilesErrorCode.FILES_RAW_READ_FAILED, dataset + ": cannot read the landed"
                + " file " + path + " to count its records again (" + cause.getMessage() + "); check that the raw"
                + " zone is reachable and run again", cause);
    }
}
