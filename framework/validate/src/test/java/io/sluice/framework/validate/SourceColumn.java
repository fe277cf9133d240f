package io.sluice.framework.validate;

import io.sluice.metadata.ColumnSpec;
import io.sluice.metadata.ColumnType;
import java.util.List;
import java.util.Optional;

/** A nullable column declaration with the issue 19 settings of how its source writes names and values. */
final class SourceColumn {
    private final String name;
    private final ColumnType type;
    private boolean nullable = true;
    private Optional<String> from = Optional.empty();
    private List<String> nullValues = List.of();
    private List<String> trueValues = List.of();
    private List<String> falseValues = List.of();
    private Optional<String> decimalSeparator = Optional.empty();
    private Optional<String> groupingSeparator = Optional.empty();
    private List<String> formats = List.of();
    private Optional<String> timezone = Optional.empty();

    private SourceColumn(String name, String type) {
        this.name = name;
        this.type = ColumnType.parse(type).orElseThrow();
    }

    static SourceColumn column(String name, String type) {
        return new SourceColumn(name, type);
    }

    SourceColumn required() {
        nullable = false;
        return this;
    }

    SourceColumn from(String source) {
        from = Optional.of(source);
        return this;
    }

    SourceColumn nullValues(String... tokens) {
        nullValues = List.of(tokens);
        return this;
    }

    SourceColumn booleans(List<String> trues, List<String> falses) {
        trueValues = trues;
        falseValues = falses;
        return this;
    }

    SourceColumn separators(String decimal, String grouping) {
        decimalSeparator = Optional.ofNullable(decimal);
        groupingSeparator = Optional.ofNullable(grouping);
        return this;
    }

    SourceColumn formats(String... patterns) {
        formats = List.of(patterns);
        return this;
    }

    SourceColumn timezone(String zone) {
        timezone = Optional.of(zone);
        return this;
    }

    ColumnSpec spec() {
        return new ColumnSpec(name, type, nullable, false, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                from, nullValues, trueValues, falseValues, decimalSeparator, groupingSeparator, formats, timezone);
    }
}
