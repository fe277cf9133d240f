package io.sluice.catalog;

import java.util.Objects;

/**
 * The descriptor file an asset was declared in, and a hash of its content so a reader can tell whether the
 * catalog entry matches the file in hand.
 *
 * @param file        path of the descriptor, relative to the project root
 * @param contentHash hash of the file's bytes, e.g. {@code sha256:…}
 */
public record DescriptorRef(String file, String contentHash) {
    public DescriptorRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
