package io.sluice.connector.feed;

import io.sluice.connector.feed.DeliveryLanding.FileFacts;
import io.sluice.connector.feed.FeedExtract.ControlSource;
import io.sluice.connector.feed.FeedExtract.ControlTotal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The declared checks of one landed delivery; each failure is one short sentence of the rejection reason. */
final class DeliveryChecks {

    /** A parsed manifest, or why there is none. */
    record ManifestOrProblem(Optional<Manifest> manifest, Optional<String> problem) {
        static ManifestOrProblem of(Manifest manifest) {
            return new ManifestOrProblem(Optional.of(manifest), Optional.empty());
        }

        static ManifestOrProblem problem(String problem) {
            return new ManifestOrProblem(Optional.empty(), Optional.of(problem));
        }
    }

    private final FeedExtract extract;
    private final Delivery delivery;
    private final List<String> names;
    private final Optional<ManifestOrProblem> manifest;

    DeliveryChecks(FeedExtract extract, Delivery delivery, List<String> names, Optional<ManifestOrProblem> manifest) {
        this.extract = extract;
        this.delivery = delivery;
        this.names = List.copyOf(names);
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    List<String> problems(List<FileFacts> facts) {
        List<String> problems = new ArrayList<>();
        if (facts.isEmpty()) {
            problems.add("no file matches '" + extract.files() + "'");
        }
        for (String expected : extract.checks().expectedFiles()) {
            if (delivery.matching(expected).isEmpty()) {
                problems.add("expected file '" + expected + "' is missing");
            }
        }
        if (extract.format() instanceof FeedFormat.AdobeTsv && extract.columnHeaders().isPresent()
                && names.isEmpty()) {
            problems.add("the column headers file (" + extract.columnHeaders().get() + ") is missing or empty");
        }
        facts.forEach(f -> f.failure().ifPresent(why -> problems.add(f.entry().name() + " cannot be read (" + why
                + ")")));
        Optional<ControlSource> count = extract.checks().recordCount();
        Optional<ControlTotal> total = extract.checks().controlTotal();
        boolean needsManifest = extract.checks().checksums() || count.equals(Optional.of(ControlSource.MANIFEST))
                || total.filter(t -> t.from() == ControlSource.MANIFEST).isPresent();
        if (needsManifest && manifest.isPresent()) {
            manifest.get().problem().ifPresent(problems::add);
            manifest.get().manifest().ifPresent(m -> manifestProblems(m, facts, problems));
        }
        for (FileFacts f : facts) {
            if (count.isPresent() && count.get() != ControlSource.MANIFEST) {
                control(f, count.get(), "count").ifPresent(text -> {
                    long expected = Long.parseLong(text.strip());
                    if (expected != f.records()) {
                        problems.add(f.entry().name() + " holds " + f.records() + " records but its "
                                + where(count.get()) + " says " + expected);
                    }
                }, problems);
            }
            if (total.isPresent() && total.get().from() != ControlSource.MANIFEST) {
                control(f, total.get().from(), "total").ifPresent(text -> compareTotal(f, total.get(), text,
                        "its " + where(total.get().from()), problems), problems);
            }
        }
        return problems.stream().distinct().toList();
    }

    private void manifestProblems(Manifest m, List<FileFacts> facts, List<String> problems) {
        Set<String> delivered = facts.stream().map(f -> f.entry().name()).collect(Collectors.toSet());
        for (Manifest.Entry e : m.files().values()) {
            if (FeedPaths.matches(extract.files(), delivery.name(), e.name()) && !delivered.contains(e.name())) {
                problems.add("the manifest lists " + e.name() + " but the delivery lacks it");
            }
        }
        long records = 0;
        for (FileFacts f : facts) {
            String name = f.entry().name();
            Manifest.Entry e = m.files().get(name);
            if (e == null) {
                problems.add(name + " is not listed in the manifest");
                continue;
            }
            records += f.records();
            if (extract.checks().checksums()) {
                e.md5().filter(h -> !h.equals(f.md5())).ifPresent(h -> problems.add(name + " has MD5 " + f.md5()
                        + " but the manifest says " + h));
                e.sha256().filter(h -> !h.equals(f.sha256())).ifPresent(h -> problems.add(name + " has SHA-256 "
                        + f.sha256() + " but the manifest says " + h));
                e.size().ifPresent(s -> {
                    if (s != f.size()) {
                        problems.add(name + " is " + f.size() + " bytes but the manifest says " + s);
                    }
                });
            }
            if (extract.checks().recordCount().equals(Optional.of(ControlSource.MANIFEST))) {
                OptionalLong expected = e.records();
                if (expected.isEmpty()) {
                    problems.add("the manifest gives no record count for " + name);
                } else if (expected.getAsLong() != f.records()) {
                    problems.add(name + " holds " + f.records() + " records but the manifest says "
                            + expected.getAsLong());
                }
            }
            extract.checks().controlTotal().filter(t -> t.from() == ControlSource.MANIFEST).ifPresent(t -> {
                if (e.total().isEmpty()) {
                    problems.add("the manifest gives no control total for " + name);
                } else {
                    compareTotal(f, t, e.total().get().toPlainString(), "the manifest", problems);
                }
            });
        }
        Set<String> dataFiles = m.files().values().stream().filter(Manifest.Entry::data).map(Manifest.Entry::name)
                .collect(Collectors.toSet());
        if (extract.checks().recordCount().equals(Optional.of(ControlSource.MANIFEST))
                && m.totalRecords().isPresent() && dataFiles.equals(delivered)
                && m.totalRecords().getAsLong() != records) {
            problems.add("the data files hold " + records + " records but the manifest's Total-Records says "
                    + m.totalRecords().getAsLong());
        }
    }

    private static void compareTotal(FileFacts f, ControlTotal t, String text, String source, List<String> problems) {
        BigDecimal expected;
        try {
            expected = new BigDecimal(text.strip()).movePointLeft(t.impliedDecimals());
        } catch (NumberFormatException e) {
            problems.add("the control total '" + text + "' of " + f.entry().name() + " is not a number");
            return;
        }
        if (expected.compareTo(f.total()) != 0) {
            problems.add("the " + t.column() + " values of " + f.entry().name() + " sum to " + f.total().toPlainString()
                    + " but " + source + " says " + expected.toPlainString()
                    + (f.notNumbers() > 0 ? " (" + f.notNumbers() + " empty or non-numeric values left out)" : ""));
        }
    }

    /** The text of group {@code group} in the header or trailer record of a file, or a problem. */
    private Found control(FileFacts f, ControlSource from, String group) {
        List<String> records = from == ControlSource.HEADER ? f.headers() : f.trailers();
        Pattern pattern = (from == ControlSource.HEADER ? extract.headerPattern() : extract.trailerPattern())
                .orElseThrow();
        String what = where(from);
        if (records.isEmpty()) {
            return Found.problem(f.entry().name() + " has no " + what + " record");
        }
        String record = from == ControlSource.HEADER ? records.get(0) : records.get(records.size() - 1);
        Matcher m = pattern.matcher(record);
        if (!m.find()) {
            return Found.problem("the " + what + " of " + f.entry().name() + " ('" + record + "') does not match "
                    + what + "_pattern");
        }
        String text = m.group(group);
        if (group.equals("count") && (text == null || !text.strip().matches("\\d+"))) {
            return Found.problem("the " + what + " of " + f.entry().name() + " gives count '" + text
                    + "', not a whole number");
        }
        return Found.text(text == null ? "" : text);
    }

    private static String where(ControlSource from) {
        return from.name().toLowerCase(Locale.ROOT);
    }

    /** A control value, or the problem that prevented reading it. */
    private record Found(Optional<String> value, Optional<String> problem) {
        static Found text(String value) {
            return new Found(Optional.of(value), Optional.empty());
        }

        static Found problem(String problem) {
            return new Found(Optional.empty(), Optional.of(problem));
        }

        void ifPresent(java.util.function.Consumer<String> check, List<String> problems) {
            value.ifPresent(check);
            problem.ifPresent(problems::add);
        }
    }
}
