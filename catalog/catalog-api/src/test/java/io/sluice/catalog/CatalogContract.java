package io.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Catalog} store must do. A store's test extends this and returns the URL of a new, empty
 * catalog from {@link #catalogUrl()} (called once per test, after the subclass's own {@code @BeforeEach}).
 */
public abstract class CatalogContract {
    protected static final AssetName SALES = AssetName.parse("valid.dealer_dw.sales");
    protected static final Instant T0 = Instant.parse("2026-11-22T02:00:00.123Z");

    private Catalog catalog;

    /** The JDBC URL of a new, empty catalog for the current test. */
    protected abstract String catalogUrl();

    protected final Catalog catalog() {
        if (catalog == null) {
            catalog = Catalogs.open(catalogUrl());
        }
        return catalog;
    }

    @AfterEach
    final void closeCatalog() {
        if (catalog != null) {
            catalog.close();
        }
    }

    /** A realistic valid-zone asset with a schema, PII flag, tags and descriptor. */
    protected static Asset sales() {
        return Asset.builder(SALES, "/lake/valid/dealer_dw/sales", "delta")
                .column(new Column("sale_id", "long", false, Optional.of("Sale number in the dealer system"), false))
                .column(Column.of("vin", "string", true))
                .column(new Column("email", "string", true, Optional.of("Buyer contact"), true))
                .owner("sales-data@example.com")
                .tags(List.of("sales", "finance"))
                .description("Vehicle sales from the dealer data warehouse")
                .descriptor(new DescriptorRef("descriptors/dealer_dw.yaml", "sha256:0a1b"))
                .build();
    }

    protected static Asset plain(String qualified, String description, String... columns) {
        Asset.Builder builder = Asset.builder(AssetName.parse(qualified), "/lake/" + qualified.replace('.', '/'), "delta")
                .description(description);
        for (String column : columns) {
            builder.column(Column.of(column, "string", true));
        }
        return builder.build();
    }

    @Test
    void registeredAssetIsFoundAsRegistered() {
        RegisteredAsset registered = catalog().register(sales());

        assertThat(registered.asset()).isEqualTo(sales());
        assertThat(registered.created()).isEqualTo(registered.updated());
        assertThat(catalog().find(SALES)).contains(registered);
        assertThat(catalog().find(SALES.in(Zone.ERROR))).isEmpty();
    }

    @Test
    void registeringAgainReplacesValuesAndKeepsCreationTime() {
        RegisteredAsset first = catalog().register(sales());
        Asset changed = sales().toBuilder().description("Sales, deduplicated").build();
        Asset smaller = Asset.builder(SALES, "/lake2/valid/dealer_dw/sales", "delta")
                .columns(List.of(Column.of("sale_id", "long", false))).tags(List.of("archived")).build();

        catalog().register(changed);
        RegisteredAsset last = catalog().register(smaller);

        assertThat(last.asset()).isEqualTo(smaller);
        assertThat(last.created()).isEqualTo(first.created());
        assertThat(last.updated()).isAfterOrEqualTo(first.updated());
        assertThat(catalog().find(SALES).orElseThrow().asset()).isEqualTo(smaller);
    }

    @Test
    void namesListEveryRegisteredAssetInOrder() {
        assertThat(catalog().names()).isEmpty();
        catalog().register(sales());
        catalog().register(plain("refined.default.daily", "daily"));
        catalog().register(plain("error.dealer_dw.sales", "rejected"));

        assertThat(catalog().names()).extracting(AssetName::qualified)
                .containsExactly("error.dealer_dw.sales", "refined.default.daily", "valid.dealer_dw.sales");
    }

    @Test
    void assetsOfADatasetComeInZoneOrder() {
        catalog().register(sales());
        catalog().register(plain("error.dealer_dw.sales", "Rejected sales", "_errors"));
        catalog().register(plain("raw.dealer_dw.sales", "Sales as delivered"));
        catalog().register(plain("valid.dealer_dw.stores", "Stores"));

        assertThat(catalog().assetsOf("dealer_dw", "sales")).extracting(a -> a.name().qualified())
                .containsExactly("raw.dealer_dw.sales", "valid.dealer_dw.sales", "error.dealer_dw.sales");
        assertThat(catalog().assetsOf("dealer_dw", "nothing")).isEmpty();
    }

    private void registerSearchCorpus() {
        catalog().register(sales());
        catalog().register(plain("valid.crm.customers", "Customers and their sales region", "customer_id", "region"));
        catalog().register(plain("valid.hr.employees", "People employed", "employee_id", "hired_on"));
        catalog().register(plain("valid.fleet.vehicles", "Vehicles of the company fleet", "plate", "model"));
        catalog().register(plain("valid.shop.stores", "Stores and opening hours", "store_id", "city"));
        catalog().register(plain("valid.web.visits", "Web site visits", "visit_id", "page"));
    }

    @Test
    void searchRanksNameMatchesAboveDescriptionMatches() {
        registerSearchCorpus();

        List<SearchHit> hits = catalog().search("sales", 10);

        assertThat(hits).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.dealer_dw.sales", "valid.crm.customers");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits.get(0).asset().asset()).isEqualTo(sales());
    }

    @Test
    void searchFindsColumnNamesTagsAndStems() {
        registerSearchCorpus();

        assertThat(catalog().search("VIN", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.dealer_dw.sales");
        assertThat(catalog().search("finance", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.dealer_dw.sales");
        assertThat(catalog().search("vehicle", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.fleet.vehicles", "valid.dealer_dw.sales");
        assertThat(catalog().search("store_id", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.shop.stores");
    }

    @Test
    void searchNeedsEveryWordAndTreatsOperatorsAsText() {
        registerSearchCorpus();

        assertThat(catalog().search("vehicles email", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.dealer_dw.sales");
        assertThat(catalog().search("visits\" * (page:", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.web.visits");
        assertThat(catalog().search(" -- ", 10)).isEmpty();
        assertThat(catalog().search("submarine", 10)).isEmpty();
        assertThat(catalog().search("valid", 2)).hasSize(2);
    }

    @Test
    void searchFollowsReRegistration() {
        registerSearchCorpus();
        catalog().register(plain("valid.fleet.vehicles", "Trucks", "plate"));

        assertThat(catalog().search("fleet company", 10)).isEmpty();
        assertThat(catalog().search("trucks", 10)).extracting(hit -> hit.asset().name().qualified())
                .containsExactly("valid.fleet.vehicles");
    }

    @Test
    void badLimitIsRefused() {
        assertThatThrownBy(() -> catalog().search("sales", 0))
                .isInstanceOf(CatalogException.class)
                .hasMessage("limit must be between 1 and 10000, not 0");
    }

    private static RunKey run(String id) {
        return new RunKey(id, "dealer_dw", "sales");
    }

    @Test
    void runsAreKeptAsHistoryNewestFirst() {
        catalog().register(sales());
        RunRecord first = catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-20"), T0));
        RunFinish firstEnd = RunFinish.succeeded(run("r1"), T0.plusSeconds(60), RowCounts.ingested(100, 97, 3))
                .withTopErrors(List.of(new ErrorReason("price: min 0", 2), new ErrorReason("vin: pattern", 1)))
                .withWatermark("2026-11-20T23:59:59").withDeltaVersion(4);
        RunRecord firstDone = catalog().finishRun(firstEnd);
        catalog().startRun(new RunStart(run("r2"), LocalDate.parse("2026-11-21"), T0.plusSeconds(3600)));
        RunRecord failed = catalog().finishRun(RunFinish.failed(run("r2"), T0.plusSeconds(3700), "source unreachable"));
        RunRecord running = catalog().startRun(new RunStart(run("r3"), LocalDate.parse("2026-11-22"),
                T0.plusSeconds(7200)));

        assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(firstDone).isEqualTo(first.finishedBy(firstEnd));
        assertThat(failed.errorMessage()).contains("source unreachable");
        assertThat(catalog().runs("dealer_dw", "sales", 10)).containsExactly(running, failed, firstDone);
        assertThat(catalog().runs("dealer_dw", "sales", 2)).containsExactly(running, failed);
        assertThat(catalog().recentRuns(10)).containsExactly(running, failed, firstDone);
        assertThat(firstDone.rows().errorRatio()).isEqualTo(0.03);
    }

    @Test
    void anAssetIsLateWhenNoRunWroteRowsWithinItsFreshness() {
        Duration hour = Duration.ofHours(1);
        RegisteredAsset registered = catalog().register(sales().toBuilder().freshness(hour).build());
        catalog().register(plain("valid.dealer_dw.customers", "no freshness declared"));
        assertThat(registered.asset().freshness()).contains(hour);
        Instant created = registered.created();

        assertThat(catalog().late(created.plus(Duration.ofMinutes(59)))).as("registered, due in a minute").isEmpty();
        assertThat(catalog().late(created.plus(Duration.ofMinutes(90))))
                .containsExactly(new LateAsset(SALES, hour, Optional.empty(), Duration.ofMinutes(30)));

        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        catalog().finishRun(RunFinish.succeeded(run("r1"), T0.plusSeconds(60), RowCounts.ingested(10, 10, 0)));
        catalog().startRun(new RunStart(run("r2"), LocalDate.parse("2026-11-22"), T0.plusSeconds(1800)));
        RunRecord quiet = catalog().finishRun(RunFinish.succeeded(run("r2"), T0.plusSeconds(1860), RowCounts.NONE)
                .withNothingNew());
        catalog().startRun(new RunStart(run("r3"), LocalDate.parse("2026-11-22"), T0.plusSeconds(2000)));
        catalog().finishRun(RunFinish.failed(run("r3"), T0.plusSeconds(2100), "source unreachable"));

        assertThat(quiet.nothingNew()).isTrue();
        assertThat(catalog().runs("dealer_dw", "sales", 5)).extracting(RunRecord::nothingNew)
                .containsExactly(false, true, false);
        Instant delivered = T0.plusSeconds(60);
        assertThat(catalog().late(delivered.plus(Duration.ofMinutes(59)))).as("the delivery is 59 minutes old")
                .isEmpty();
        assertThat(catalog().late(delivered.plus(Duration.ofMinutes(75))))
                .as("a run that found nothing new and a failed run do not make the data fresh")
                .containsExactly(new LateAsset(SALES, hour, Optional.of(delivered), Duration.ofMinutes(15)));
        catalog().register(sales());
        assertThat(catalog().late(delivered.plus(Duration.ofDays(30)))).as("freshness no longer declared").isEmpty();
    }

    @Test
    void columnLineageIsReplacedAsAWholeAndFoundFromBothEnds() {
        AssetName stores = AssetName.parse("valid.dealer_dw.stores");
        AssetName daily = AssetName.parse("refined.default.daily");
        ColumnEdge regionEdge = new ColumnEdge(stores, "region", daily, "region");
        ColumnEdge priceEdge = new ColumnEdge(SALES, "price", daily, "revenue");
        ColumnEdge qtyEdge = new ColumnEdge(SALES, "qty", daily, "revenue");
        catalog().recordColumnLineage(daily, List.of(qtyEdge, regionEdge, priceEdge));

        assertThat(catalog().columnLineage(daily)).containsExactly(regionEdge, priceEdge, qtyEdge);
        assertThat(catalog().columnLineage(SALES)).containsExactly(priceEdge, qtyEdge);

        catalog().recordColumnLineage(daily, List.of(regionEdge));
        assertThat(catalog().columnLineage(SALES)).as("the query no longer reads sales").isEmpty();
        assertThat(catalog().columnLineage(daily)).containsExactly(regionEdge);
        assertThatThrownBy(() -> catalog().recordColumnLineage(SALES, List.of(regionEdge)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profilesAreKeptPerRunNewestFirstAndAPiiColumnKeepsNoValue() {
        catalog().register(sales());
        ColumnProfile vin = new ColumnProfile("vin", 10, 1, 0, 9, Optional.of("A1"), Optional.of("Z9"), Optional.of(17),
                Optional.of(17), List.of(new ColumnProfile.ValueCount("A1", 2)), List.of());
        ColumnProfile email = new ColumnProfile("email", 10, 0, 2, 8, Optional.of("a@x"), Optional.of("z@x"),
                Optional.of(3), Optional.of(20), List.of(new ColumnProfile.ValueCount("a@x", 3)), List.of());
        ColumnProfile id = new ColumnProfile("sale_id", 10, 0, 0, 10, Optional.of("1"), Optional.of("10"),
                Optional.empty(), Optional.empty(), List.of(), List.of(new ColumnProfile.Bin(2.5, 4), new ColumnProfile.Bin(7.5, 6)));
        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        catalog().startRun(new RunStart(run("r2"), LocalDate.parse("2026-11-23"), T0.plusSeconds(60)));
        catalog().startRun(new RunStart(run("r3"), LocalDate.parse("2026-11-24"), T0.plusSeconds(120)));
        catalog().recordProfiles(run("r1"), List.of(id, vin));
        catalog().recordProfiles(run("r2"), List.of(id, vin, email));
        catalog().recordProfiles(run("r2"), List.of(id, vin, email));

        List<java.util.Map.Entry<RunKey, List<ColumnProfile>>> latest = catalog().profiles("dealer_dw", "sales", 5);

        assertThat(latest).extracting(e -> e.getKey().runId()).as("r3 has none").containsExactly("r2", "r1");
        assertThat(latest.get(0).getValue()).containsExactly(id, vin, email.withoutValues());
        assertThat(latest.get(0).getValue().get(2).min()).as("email is PII").isEmpty();
        assertThat(latest.get(0).getValue().get(2).distinct()).isEqualTo(8);
        assertThat(latest.get(1).getValue()).containsExactly(id, vin);
        assertThat(catalog().profiles("dealer_dw", "sales", 1)).hasSize(1);
    }

    @Test
    void aRunStartsOnceAndFinishesOnce() {
        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        assertThatThrownBy(() -> catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0)))
                .isInstanceOf(RunConflictException.class)
                .hasMessage("cannot start dealer_dw.sales run r1: it was already started (status RUNNING); runs are"
                        + " history and never overwritten, give each attempt its own run id");
        catalog().finishRun(RunFinish.succeeded(run("r1"), T0, RowCounts.NONE));
        assertThatThrownBy(() -> catalog().finishRun(RunFinish.failed(run("r1"), T0, "late")))
                .isInstanceOf(RunConflictException.class)
                .hasMessage("cannot finish dealer_dw.sales run r1: it already finished as SUCCEEDED; runs are history"
                        + " and never overwritten");
        assertThatThrownBy(() -> catalog().finishRun(RunFinish.succeeded(run("r9"), T0, RowCounts.NONE)))
                .isInstanceOf(NoSuchRunException.class)
                .hasMessage("cannot finish dealer_dw.sales run r9: it was never started; call startRun first");
    }

    @Test
    void runsOfAnUnknownDatasetAreRefusedAndOfAKnownOneMayBeEmpty() {
        catalog().register(sales());

        assertThat(catalog().runs("dealer_dw", "sales", 10)).isEmpty();
        assertThatThrownBy(() -> catalog().runs("dealer_dw", "nothing", 10))
                .isInstanceOf(NoSuchAssetException.class)
                .hasMessage("no dataset dealer_dw.nothing in the catalog: it has neither assets nor runs; search for it"
                        + " with 'sluice catalog search nothing'");
    }

    @Test
    void lineageWalksUpAndDownNearestFirst() {
        AssetName source = AssetName.parse("source.dealer_dw.sales");
        AssetName raw = SALES.in(Zone.RAW);
        AssetName error = SALES.in(Zone.ERROR);
        AssetName stores = AssetName.parse("valid.shop.stores");
        AssetName daily = AssetName.parse("refined.reports.daily_sales");
        catalog().register(sales());
        catalog().register(plain(daily.qualified(), "Daily sales per store"));
        catalog().recordLineage(List.of(LineageEdge.of(source, raw, "r1"), LineageEdge.of(raw, SALES, "r1"),
                LineageEdge.of(raw, error, "r1")));
        String sql = "SELECT store_id, count(*) FROM sales JOIN stores USING (store_id) GROUP BY ALL";
        catalog().recordLineage(List.of(new LineageEdge(SALES, daily, "r2", Optional.of("old")),
                new LineageEdge(stores, daily, "r2", Optional.of("old"))));
        catalog().recordLineage(List.of(new LineageEdge(SALES, daily, "r3", Optional.of(sql))));
        catalog().recordLineage(List.of(LineageEdge.of(raw, SALES, "r1")));

        assertThat(catalog().lineage(daily, LineageDirection.UPSTREAM)).containsExactly(
                new LineageEdge(SALES, daily, "r3", Optional.of(sql)),
                new LineageEdge(stores, daily, "r2", Optional.of("old")),
                LineageEdge.of(raw, SALES, "r1"),
                LineageEdge.of(source, raw, "r1"));
        assertThat(catalog().lineage(raw, LineageDirection.DOWNSTREAM)).containsExactly(
                LineageEdge.of(raw, error, "r1"),
                LineageEdge.of(raw, SALES, "r1"),
                new LineageEdge(SALES, daily, "r3", Optional.of(sql)));
        assertThat(catalog().lineage(source, LineageDirection.UPSTREAM)).isEmpty();
    }

    @Test
    void lineageOfAnUnknownAssetIsRefused() {
        assertThatThrownBy(() -> catalog().lineage(AssetName.parse("valid.nope.nothing"), LineageDirection.UPSTREAM))
                .isInstanceOf(NoSuchAssetException.class)
                .hasMessage("no asset valid.nope.nothing in the catalog; search for it with 'sluice catalog search nothing'");
    }

    @Test
    protected void secretsNeverReachTheStore() {
        assertThatThrownBy(() -> Asset.builder(SALES.in(Zone.SOURCE), "jdbc:postgresql://bob:hunter2@dw:5432/sales",
                "jdbc").build())
                .isInstanceOf(CatalogException.class)
                .hasMessage("source.dealer_dw.sales location: 'jdbc:postgresql://bob:***@dw:5432/sales' contains"
                        + " credentials (a user:password@ part); the catalog never stores secrets: register it without"
                        + " credentials and pass them through ${env:…} or ${secret:…} instead");
        catalog().register(Asset.builder(SALES.in(Zone.SOURCE), "jdbc:postgresql://dw:5432/sales?user=bob", "jdbc")
                .build());
        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        catalog().finishRun(RunFinish.failed(run("r1"), T0,
                "Connection to jdbc:teradata://dw/USER=bob,PASSWORD=hunter2 refused"));
        catalog().recordLineage(List.of(new LineageEdge(SALES.in(Zone.SOURCE), SALES.in(Zone.RAW), "r1",
                Optional.of("SELECT * FROM t -- password=hunter2"))));

        assertThat(catalog().runs("dealer_dw", "sales", 1).get(0).errorMessage())
                .contains("Connection to jdbc:teradata://dw/USER=bob,PASSWORD=*** refused");
        assertThat(catalog().lineage(SALES.in(Zone.RAW), LineageDirection.UPSTREAM).get(0).sql())
                .contains("SELECT * FROM t -- password=***");
    }

    @Test
    void anUnknownStoreIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Catalogs.open("jdbc:h2:mem:x;PASSWORD=hunter2"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("no catalog store for 'jdbc:h2:mem:x;PASSWORD=***' (known: jdbc:postgresql:…,"
                        + " jdbc:sqlite:…); is sluice-catalog-store on the class path?");
    }

    /** A sample of {@link #sales()} with a real e-mail address in it, which must never be stored. */
    protected static final List<List<String>> SAMPLE_ROWS = List.of(
            List.of("1", "WVW123", "ann@example.com"),
            Arrays.asList("2", null, null));

    @Test
    void samplesAreStoredWithPiiColumnsMasked() {
        catalog().register(sales());

        Sample stored = catalog().recordSample(SALES, List.of("sale_id", "vin", "EMAIL"), SAMPLE_ROWS);

        assertThat(stored.rows()).containsExactly(List.of("1", "WVW123", "***"), Arrays.asList("2", null, "***"));
        assertThat(stored.columns()).containsExactly("sale_id", "vin", "EMAIL");
        assertThat(catalog().sample(SALES)).contains(stored);
        assertThat(catalog().sample(SALES.in(Zone.ERROR))).isEmpty();
    }

    @Test
    void aSampleIsReplacedAndMaskedAgainWhenAColumnBecomesPii() {
        catalog().register(sales());
        catalog().recordSample(SALES, List.of("sale_id", "vin"), List.of(List.of("1", "WVW123")));
        catalog().recordSample(SALES, List.of("sale_id", "vin"), List.of(List.of("7", "WVW777")));
        Asset vinIsPersonal = sales().toBuilder().build();
        List<Column> columns = vinIsPersonal.columns().stream()
                .map(c -> c.name().equals("vin") ? new Column("vin", "string", true, Optional.empty(), true) : c)
                .toList();
        catalog().register(Asset.builder(SALES, vinIsPersonal.location(), "delta").columns(columns).build());

        assertThat(catalog().sample(SALES).orElseThrow().rows()).containsExactly(List.of("7", "***"));
    }

    @Test
    void badSamplesAreRefused() {
        catalog().register(sales());

        assertThatThrownBy(() -> catalog().recordSample(SALES, List.of("sale_id", "vin", "email"),
                List.of(List.of("1", "a", "b"), List.of("2", "c"))))
                .isInstanceOf(CatalogException.class)
                .hasMessage("cannot record a sample of valid.dealer_dw.sales: row 2 has 2 value(s) for 3 column(s);"
                        + " a sample is at most 100 rows with one value per named column");
        assertThatThrownBy(() -> catalog().recordSample(SALES.in(Zone.RAW), List.of("x"), List.of()))
                .isInstanceOf(NoSuchAssetException.class)
                .hasMessage("no asset raw.dealer_dw.sales in the catalog; search for it with 'sluice catalog search sales'");
        assertThat(catalog().sample(SALES)).isEmpty();
    }

    @Test
    void runsEnqueueEventsWithTheirInputsAndOutputs() {
        AssetName source = SALES.in(Zone.SOURCE);
        catalog().register(sales());
        catalog().register(plain("raw.dealer_dw.sales", "Sales as delivered", "sale_id"));
        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        catalog().recordLineage(List.of(LineageEdge.of(source, SALES.in(Zone.RAW), "r1"),
                LineageEdge.of(SALES.in(Zone.RAW), SALES, "r1")));
        RunRecord done = catalog().finishRun(RunFinish.succeeded(run("r1"), T0.plusSeconds(9),
                RowCounts.ingested(2, 2, 0)));
        catalog().startRun(new RunStart(run("r2"), LocalDate.parse("2026-11-23"), T0.plusSeconds(60)));

        assertThat(catalog().pendingEvents("ol")).isEqualTo(3);
        List<OutboxEvent> events = catalog().claimEvents("ol", T0, Duration.ofMinutes(1), 10);
        assertThat(events).extracting(OutboxEvent::type).containsExactly(OutboxEvent.Type.START,
                OutboxEvent.Type.COMPLETE, OutboxEvent.Type.START);
        assertThat(events.get(0).inputs()).isEmpty();
        OutboxEvent complete = events.get(1);
        assertThat(complete.eventTime()).isEqualTo(T0.plusSeconds(9));
        assertThat(complete.run()).isEqualTo(done);
        assertThat(complete.inputs()).containsExactly(new OutboxEvent.EventDataset(source, Optional.empty(),
                Optional.empty(), List.of()));
        assertThat(complete.outputs()).extracting(d -> d.name().qualified())
                .containsExactly("raw.dealer_dw.sales", "valid.dealer_dw.sales");
        assertThat(complete.outputs().get(1).columns()).isEqualTo(sales().columns());
        assertThat(complete.outputs().get(1).location()).contains("/lake/valid/dealer_dw/sales");
        // r2 recorded no edges yet: its start event carries the dataset's latest ones.
        assertThat(events.get(2).inputs()).extracting(d -> d.name().qualified())
                .containsExactly("source.dealer_dw.sales");
    }

    @Test
    void eachSinkReceivesEachEventOnceAndFailedOnesComeBackWhenDue() {
        catalog().startRun(new RunStart(run("r1"), LocalDate.parse("2026-11-22"), T0));
        catalog().finishRun(RunFinish.failed(run("r1"), T0.plusSeconds(5), "boom"));
        Duration lease = Duration.ofMinutes(1);

        OutboxEvent start = catalog().claimEvents("ol", T0, lease, 1).get(0);
        assertThat(catalog().claimEvents("ol", T0, lease, 10)).as("the oldest is leased: order is kept").isEmpty();
        assertThat(catalog().claimEvents("other", T0, lease, 10)).as("other sinks are independent").hasSize(2);
        catalog().markSent("ol", start.id(), T0);
        assertThat(catalog().claimEvents("ol", T0, lease, 10)).extracting(OutboxEvent::type)
                .containsExactly(OutboxEvent.Type.FAIL);
        assertThat(catalog().claimEvents("ol", T0, lease, 10)).as("leased").isEmpty();
        long fail = catalog().claimEvents("ol", T0.plus(lease), lease, 10).get(0).id();
        catalog().markFailed("ol", fail, T0.plusSeconds(600), "503 from http://u:pw@host");

        assertThat(catalog().claimEvents("ol", T0.plusSeconds(599), lease, 10)).isEmpty();
        OutboxEvent retried = catalog().claimEvents("ol", T0.plusSeconds(600), lease, 10).get(0);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.run().errorMessage()).contains("boom");
        assertThat(catalog().pendingEvents("ol")).isEqualTo(1);
        catalog().markSent("ol", retried.id(), T0.plusSeconds(600));
        assertThat(catalog().pendingEvents("ol")).isZero();
        assertThat(catalog().claimEvents("ol", T0.plusSeconds(9999), lease, 10)).isEmpty();
        assertThatThrownBy(() -> catalog().pendingEvents("no spaces"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("export sink id 'no spaces' must be 1 to 64 letters, digits, '_', '-', '.' or ':'");
    }
}
