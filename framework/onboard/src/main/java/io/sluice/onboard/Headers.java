package io.sluice.onboard;

import io.sluice.connector.files.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Tells whether a delimited file's first record is a header. */
final class Headers {
    private Headers() {
    }

    /**
     * True unless every cell of the first record is a value of its column: a column typed by the other records
     * (numbers, dates, booleans) whose first cell is of the same type. When every column is text, nothing tells
     * a header from a row, and a header is assumed (the usual case).
     */
    static boolean looksLikeHeader(List<SampleRecords.Record> records, Set<Feature> features) {
        SampleRecords.Record first = records.get(0);
        if (first.problem().isPresent() || records.size() < 2) {
            return true;
        }
        int width = first.values().size();
        boolean typed = false;
        for (int i = 0; i < width; i++) {
            List<String> rest = new ArrayList<>();
            for (SampleRecords.Record r : records.subList(1, records.size())) {
                if (r.problem().isEmpty() && r.values().size() == width) {
                    rest.add(r.values().get(i));
                }
            }
            String type = TypeInference.guess(rest, features.contains(Feature.BOOLEAN_TOKENS), false).type();
            if (type.equals("string")) {
                continue;
            }
            typed = true;
            String cell = first.values().get(i);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            List<String> with = new ArrayList<>(rest);
            with.add(cell);
            if (!TypeInference.guess(with, features.contains(Feature.BOOLEAN_TOKENS), false).type().equals(type)) {
                return true;
            }
        }
        return !typed;
    }
}
