package io.sluice.catalog.store;

import io.sluice.catalog.Asset;
import io.sluice.catalog.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The searchable words of an asset, per weighted field, and the words of a query. Both stores get plain
 * lower-case words separated by spaces: names like {@code valid.dealer_dw.sales} would otherwise be split
 * differently by SQLite's tokenizer and PostgreSQL's parser (which reads them as host names), and user text
 * could otherwise inject query syntax.
 */
record SearchText(String name, String tags, String columns, String description) {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    static SearchText of(Asset asset) {
        List<String> columnText = new ArrayList<>();
        for (Column column : asset.columns()) {
            columnText.add(column.name());
            column.description().ifPresent(columnText::add);
        }
        return new SearchText(
                String.join(" ", words(asset.name().qualified())),
                String.join(" ", words(String.join(" ", asset.tags()))),
                String.join(" ", words(String.join(" ", columnText))),
                String.join(" ", words(asset.description().orElse(""))));
    }

    /** The words of {@code text}, lower case, in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }
}
