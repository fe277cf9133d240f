package io.sluice.metadata;

import java.util.List;
import java.util.Optional;

/** One document of a descriptor file: a source, a dataset of a source, or a refined dataset. */
public sealed interface Descriptor permits SourceSpec, DatasetSpec, RefinedSpec {
    String name();

    Optional<String> description();

    List<String> tags();

    Origin origin();
}
