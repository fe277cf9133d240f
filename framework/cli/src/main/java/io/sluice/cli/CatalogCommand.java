package io.sluice.cli;

import io.sluice.catalog.AssetName;
import io.sluice.catalog.Catalog;
import io.sluice.catalog.Column;
import io.sluice.catalog.LineageDirection;
import io.sluice.catalog.LineageEdge;
import io.sluice.catalog.RegisteredAsset;
import io.sluice.catalog.RunRecord;
import io.sluice.catalog.SearchHit;
import io.sluice.catalog.Zone;
import io.sluice.catalog.export.ExportReport;
import io.sluice.catalog.export.ExportSink;
import io.sluice.catalog.export.Exporter;
import io.sluice.catalog.export.SecretOption;
import io.sluice.catalog.openlineage.OpenLineageEvents;
import io.sluice.catalog.openlineage.OpenLineageFileSink;
import io.sluice.catalog.openlineage.OpenLineageHttpSink;
import io.sluice.catalog.purview.PurviewCredentials;
import io.sluice.catalog.purview.PurviewEntities;
import io.sluice.catalog.purview.PurviewSink;
import io.sluice.catalog.server.CatalogServer;
import io.sluice.catalog.unity.UnitySink;
import io.sluice.catalog.unity.UnityTables;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice catalog search|show|lineage|serve|export}: what analysts use to find and trust a dataset. */
@Command(name = "catalog", description = "Browse the lake's catalog: search, show, lineage, serve.",
        subcommands = {CatalogCommand.Search.class, CatalogCommand.Show.class, CatalogCommand.Lineage.class,
                CatalogCommand.Serve.class, CatalogCommand.Export.class, CatalogLateCommand.class})
final class CatalogCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Resolves a user's name: a qualified {@code zone.source.dataset}, or {@code source.dataset} meaning valid. */
    static AssetName assetName(String text) {
        String[] parts = text.split("\\.");
        if (parts.length == 2) {
            return AssetName.of(Zone.VALID, parts[0], parts[1]);
        }
        return AssetName.parse(text);
    }

    @Command(name = "search", description = "Ranked full-text search over names, descriptions, columns and tags.")
    static final class Search implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Words to look for.")
        List<String> words;
        @Option(names = "--limit", defaultValue = "20", description = "Most results (default ${DEFAULT-VALUE}).")
        int limit;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Catalog catalog = CatalogAccess.open(options.config())) {
                List<SearchHit> hits = catalog.search(String.join(" ", words), limit);
                if (hits.isEmpty()) {
                    out.println("No asset matches '" + String.join(" ", words) + "'.");
                }
                for (SearchHit hit : hits) {
                    RegisteredAsset a = hit.asset();
                    out.printf(Locale.ROOT, "%-40s %-7s %s%n", a.name().qualified(), a.asset().format(),
                            a.asset().description().orElse(""));
                }
            }
            return ExitCodes.SUCCESS;
        }
    }

    @Command(name = "show", description = "Schema, zones, freshness, last runs, error rate, lineage and a query of a dataset.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Parameters(paramLabel = "NAME", description = "source.dataset, or zone.source.dataset.")
        String name;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AssetName asset = assetName(name);
            try (Catalog catalog = CatalogAccess.open(options.config())) {
                RegisteredAsset a = catalog.find(asset).orElseThrow(() -> CatalogAccess.notFound(asset));
                out.println(a.name().qualified() + "  (" + a.asset().format() + ")");
                a.asset().description().ifPresent(d -> out.println("  " + d));
                out.println("  owner:    " + a.asset().owner().orElse("-"));
                out.println("  tags:     " + String.join(", ", a.asset().tags()));
                out.println("  location: " + a.asset().location());
                a.asset().descriptor().ifPresent(d -> out.println("  descriptor: " + d.file()));
                out.println("  zones:    " + catalog.assetsOf(asset.source(), asset.dataset()).stream()
                        .map(z -> z.name().zone().id()).toList());
                out.println("Schema:");
                for (Column c : a.asset().columns()) {
                    out.printf(Locale.ROOT, "  %-24s %-16s %-8s %s%s%n", c.name(), c.type(), c.nullable() ? "null" : "not null",
                            c.pii() ? "[PII] " : "", c.description().orElse(""));
                }
                if (asset.zone() == Zone.VALID) {
                    printProfiles(out, catalog.profiles(asset.source(), asset.dataset(), 5));
                }
                List<RunRecord> runs = catalog.runs(asset.source(), asset.dataset(), 5);
                out.println("Last runs:");
                if (runs.isEmpty()) {
                    out.println("  none");
                }
                for (RunRecord r : runs) {
                    out.printf(Locale.ROOT, "  %-26s %-10s raw %-8d valid %-8d error %-8d (%.1f%%) %s%n", r.key().runId(),
                            r.status(), r.rows().raw(), r.rows().valid(), r.rows().error(), 100 * r.rows().errorRatio(),
                            r.ended().map(e -> "ended " + ago(e)).orElse("running"));
                    r.topErrors().stream().limit(3).forEach(e -> out.println("      " + e.reason() + " x" + e.count()));
                }
                printLineage(out, catalog, asset);
                out.println("Query:");
                out.println("  sluice sql \"SELECT * FROM " + asset.qualified() + " LIMIT 10\"");
            }
            return ExitCodes.SUCCESS;
        }
    }

    @Command(name = "lineage", description = "Where a dataset comes from and what is built from it.")
    static final class Lineage implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Parameters(paramLabel = "NAME", description = "source.dataset, or zone.source.dataset.")
        String name;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AssetName asset = assetName(name);
            try (Catalog catalog = CatalogAccess.open(options.config())) {
                printLineage(spec.commandLine().getOut(), catalog, asset);
            }
            return ExitCodes.SUCCESS;
        }
    }

    @Command(name = "serve", description = "Serve the catalog's web pages and JSON API (read-only).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Option(names = "--port", defaultValue = "8470", description = "Port (default ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--bind", defaultValue = CatalogServer.DEFAULT_BIND, description = "Address to bind (default ${DEFAULT-VALUE}).")
        String bind;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Catalog catalog = CatalogAccess.open(options.config());
            CatalogServer server = CatalogServer.start(catalog, new InetSocketAddress(bind, port));
            spec.commandLine().getOut().println("Catalog at " + server.uri() + " (Ctrl-C to stop)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                catalog.close();
                stopped.countDown();
            }));
            stopped.await();
            return ExitCodes.SUCCESS;
        }
    }

    @Command(name = "export", description = "Send pending run events to OpenLineage, Microsoft Purview or Unity Catalog"
            + " (each event once; idempotent).")
    static final class Export implements Callable<Integer> {
        @Mixin
        ProjectOptions options;
        @Option(names = "--openlineage", paramLabel = "FILE|URL",
                description = "A file (one JSON event per line) or an http(s) OpenLineage endpoint.")
        String openLineage;
        @Option(names = "--namespace", defaultValue = "sluice",
                description = "Namespace of Sluice's jobs and datasets in OpenLineage and Purview (default ${DEFAULT-VALUE}).")
        String namespace;
        @Option(names = "--purview", paramLabel = "URL", description = "A Purview account, https://<account>.purview.azure.com.")
        java.net.URI purview;
        @Option(names = "--purview-tenant-id", paramLabel = "ID", description = "Entra ID tenant of the service principal.")
        String purviewTenantId;
        @Option(names = "--purview-client-id", paramLabel = "ID", description = "Application (client) id of the service principal.")
        String purviewClientId;
        @Option(names = "--purview-client-secret", paramLabel = "REF",
                description = "The client secret as a reference: $${env:NAME} or $${secret:name}.")
        String purviewClientSecret;
        @Option(names = "--purview-certificate", paramLabel = "FILE", description = "Or the principal's certificate (.pem, .pfx).")
        java.nio.file.Path purviewCertificate;
        @Option(names = "--purview-certificate-password", paramLabel = "REF", description = "The .pfx password as a reference.")
        String purviewCertificatePassword;
        @Option(names = "--purview-collection", paramLabel = "ID", description = "Collection for new entities (default: root).")
        String purviewCollection;
        @Option(names = "--unity", paramLabel = "URL",
                description = "A Databricks workspace or Unity Catalog server, e.g. https://adb-1.2.azuredatabricks.net.")
        java.net.URI unity;
        @Option(names = "--unity-catalog", paramLabel = "NAME", description = "Unity Catalog catalog of the tables.")
        String unityCatalog;
        @Option(names = "--unity-schema", paramLabel = "NAME", description = "Schema of the tables in that catalog.")
        String unitySchema;
        @Option(names = "--unity-token", paramLabel = "REF", description = "The bearer token as a reference: $${env:NAME} or $${secret:name}.")
        String unityToken;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            long targets = java.util.stream.Stream.of(openLineage, purview, unity).filter(java.util.Objects::nonNull).count();
            if (targets != 1) {
                throw io.sluice.catalog.CatalogErrors.badExportOption("sluice catalog export",
                        "give exactly one of --openlineage, --purview or --unity");
            }
            try (Catalog catalog = CatalogAccess.open(options.config());
                 ExportSink sink = sink(catalog)) {
                ExportReport report = Exporter.of(catalog, sink).drain();
                spec.commandLine().getOut().printf(Locale.ROOT, "sent %d event(s), %d failed, %d pending%s%n",
                        report.sent(), report.failed(), report.pending(),
                        report.problem().map(p -> " (" + p + ")").orElse(""));
                return report.failed() == 0 ? ExitCodes.SUCCESS : ExitCodes.SOURCE;
            }
        }

        private ExportSink sink(Catalog catalog) {
            if (purview != null) {
                PurviewCredentials principal = new PurviewCredentials(purviewTenantId, purviewClientId,
                        java.util.Optional.ofNullable(purviewClientSecret), java.util.Optional.ofNullable(purviewCertificate),
                        java.util.Optional.ofNullable(purviewCertificatePassword));
                return PurviewSink.of(purview, java.util.Optional.ofNullable(purviewCollection),
                        new PurviewEntities(namespace, catalog::find), principal.credential(System::getenv));
            }
            if (unity != null) {
                if (unityToken == null) {
                    throw io.sluice.catalog.CatalogErrors.badExportOption("--unity-token",
                            "give the bearer token as a reference, e.g. --unity-token '${env:DATABRICKS_TOKEN}'");
                }
                return UnitySink.of(unity, new UnityTables(unityCatalog, unitySchema), catalog::find,
                        SecretOption.resolve("--unity-token", unityToken, System::getenv));
            }
            OpenLineageEvents events = new OpenLineageEvents(namespace, catalog::columnLineage);
            return openLineage.startsWith("http://") || openLineage.startsWith("https://")
                    ? new OpenLineageHttpSink(java.net.URI.create(openLineage), events)
                    : new OpenLineageFileSink(java.nio.file.Path.of(openLineage), events);
        }
    }

    /**
     * The latest profiled run's columns, one line each, with the null share of the runs before it (oldest first).
     * The catalog keeps no value of a PII column, so none is printed.
     */
    static void printProfiles(PrintWriter out, List<java.util.Map.Entry<io.sluice.catalog.RunKey,
            List<io.sluice.catalog.ColumnProfile>>> newestFirst) {
        if (newestFirst.isEmpty()) {
            return;
        }
        out.println("Profile (valid rows of run " + newestFirst.get(0).getKey().runId() + "; null share of the last "
                + newestFirst.size() + " run(s), oldest first):");
        for (io.sluice.catalog.ColumnProfile p : newestFirst.get(0).getValue()) {
            List<String> trend = new java.util.ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                newestFirst.get(i).getValue().stream().filter(q -> q.column().equals(p.column())).findFirst()
                        .ifPresent(q -> trend.add(String.format(Locale.ROOT, "%.1f%%", 100 * q.nullShare())));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-24s null %5.1f%%  empty %5.1f%%"
                    + "  distinct ~%-8d", p.column(), 100 * p.nullShare(), 100 * p.emptyShare(), p.distinct()));
            if (p.min().isPresent()) {
                line.append(" min ").append(p.min().get()).append(" max ").append(p.max().orElse(""));
            }
            p.minLength().ifPresent(min -> line.append(" length ").append(min).append("-").append(p.maxLength().orElse(min)));
            if (!p.topValues().isEmpty()) {
                line.append(" top ").append(String.join(", ", p.topValues().stream().limit(5)
                        .map(v -> v.value() + " (" + v.count() + ")").toList()));
            }
            out.println(line.toString().stripTrailing());
            out.println("  " + " ".repeat(24) + " null share: " + String.join(" -> ", trend));
        }
    }

    static void printLineage(PrintWriter out, Catalog catalog, AssetName asset) {
        out.println("Upstream of " + asset.qualified() + ":");
        printEdges(out, catalog.lineage(asset, LineageDirection.UPSTREAM));
        out.println("Downstream of " + asset.qualified() + ":");
        printEdges(out, catalog.lineage(asset, LineageDirection.DOWNSTREAM));
    }

    private static void printEdges(PrintWriter out, List<LineageEdge> edges) {
        if (edges.isEmpty()) {
            out.println("  none");
        }
        edges.stream().map(e -> "  " + e.from().qualified() + " -> " + e.to().qualified()).distinct().forEach(out::println);
    }

    private static String ago(Instant then) {
        Duration d = Duration.between(then, Instant.now());
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }
}
