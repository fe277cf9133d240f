package io.sluice.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is registered about one dataset in one zone. Registering the same name again replaces everything here;
 * the catalog keeps when it was first and last registered (see {@link RegisteredAsset}).
 *
 * <p>The location must not carry credentials: a {@code user:password@} part or a {@code password=}-like
 * parameter is refused (see {@link Secrets#requireNoSecret}).
 *
 * @param name        zone, source and dataset
 * @param location    where the data is ({@code abfss://…}, a local path, a source table); never with credentials
 * @param format      storage format: {@code delta}, {@code csv}, {@code avro}, {@code jdbc}, …
 * @param columns     the schema, in order; names unique
 * @param owner       who answers questions about the data
 * @param tags        free labels, searchable; unique
 * @param description free text, searchable
 * @param descriptor  the descriptor file that declared the dataset, when there is one
 * @param freshness   how often new data is expected: the asset is late when no run has written rows for longer
 */
public record Asset(
        AssetName name,
        String location,
        String format,
        List<Column> columns,
        Optional<String> owner,
        List<String> tags,
        Optional<String> description,
        Optional<DescriptorRef> descriptor,
        Optional<Duration> freshness) {

    public Asset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(freshness, "freshness");
        columns = List.copyOf(columns);
        tags = List.copyOf(tags);
        Secrets.requireNoSecret(name + " location", location);
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name())) {
                throw CatalogErrors.duplicateColumn(name, column.name());
            }
        }
        if (new HashSet<>(tags).size() != tags.size()) {
            throw CatalogErrors.duplicateTag(name, tags);
        }
    }

    /** Starts an asset with a name, location and format; everything else empty. */
    public static Builder builder(AssetName name, String location, String format) {
        return new Builder(name, location, format);
    }

    /** A builder holding this asset's values, to change a few. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, location, format).columns(columns).tags(tags);
        owner.ifPresent(builder::owner);
        description.ifPresent(builder::description);
        descriptor.ifPresent(builder::descriptor);
        freshness.ifPresent(builder::freshness);
        return builder;
    }

    /** Collects an {@link Asset}'s optional parts; {@link #build()} checks them. */
    public static final class Builder {
        private final AssetName name;
        private final String location;
        private final String format;
        private final List<Column> columns = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private Optional<String> owner = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Optional<DescriptorRef> descriptor = Optional.empty();
        private Optional<Duration> freshness = Optional.empty();

        private Builder(AssetName name, String location, String format) {
            this.name = name;
            this.location = location;
            this.format = format;
        }

        public Builder column(Column column) {
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        public Builder columns(List<Column> more) {
            more.forEach(this::column);
            return this;
        }

        public Builder tags(List<String> more) {
            more.forEach(tag -> tags.add(Objects.requireNonNull(tag, "tag")));
            return this;
        }

        public Builder owner(String value) {
            owner = Optional.of(value);
            return this;
        }

        public Builder description(String value) {
            description = Optional.of(value);
            return this;
        }

        public Builder descriptor(DescriptorRef value) {
            descriptor = Optional.of(value);
            return this;
        }

        public Builder freshness(Duration value) {
            freshness = Optional.of(value);
            return this;
        }

        public Asset build() {
            return new Asset(name, location, format, columns, owner, tags, description, descriptor, freshness);
        }
    }
}
