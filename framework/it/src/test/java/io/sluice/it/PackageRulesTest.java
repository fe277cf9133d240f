package io.sluice.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of Sluice's main code, checked on the compiled classes of every module: no package cycles
 * inside the framework, the connectors or the catalog, and arrows pointing one way between the layers (metadata at
 * the bottom, connectors and the catalog beside each other, the framework on top), and Spark's and Delta's internals
 * used by spark-compat ({@code io.sluice.compat}) alone. Module-level rules (no Spark in metadata and catalog-api)
 * are the build's enforcer rules; these are the package-level ones the build cannot see.
 */
class PackageRulesTest {

    private static JavaClasses main;

    /**
     * The packages of Spark's and Delta's internals: no compatibility promise across versions, so that only
     * spark-compat's facades may use them and an upgrade breaks that module's pinning tests and nothing else.
     */
    private static final List<String> SPARK_AND_DELTA_INTERNALS = List.of("org.apache.spark.sql.delta..",
            "org.apache.spark.sql.catalyst..", "org.apache.spark.sql.execution..", "org.apache.spark.sql.internal..",
            "org.apache.spark.sql.classic..", "org.apache.spark.unsafe..", "io.delta.kernel.internal..");

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(PackageRulesTest::notATestJar)
                .importPackages("io.sluice");
    }

    private static boolean notATestJar(Location location) {
        return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
    }

    @Test
    void theMainCodeOfEveryModuleIsImported() {
        // a rule over no classes passes whatever the code does: make sure each layer is there
        for (String pkg : new String[] {"io.sluice.metadata", "io.sluice.connector.files", "io.sluice.catalog",
                "io.sluice.framework.run", "io.sluice.framework.land", "io.sluice.cli", "io.sluice.compat.scan",
                "io.sluice.catalog.spark", "io.sluice.framework.validate", "io.sluice.compat.delta",
                "io.sluice.framework.publish", "io.sluice.onboard", "io.sluice.catalog.purview",
                "io.sluice.catalog.unity", "io.sluice.compat.plan"}) {
            org.assertj.core.api.Assertions.assertThat(main.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    /**
     * The internal packages less the exceptions of {@code org.apache.spark.sql.catalyst.analysis}
     * ({@code NoSuchTableException}, {@code NoSuchNamespaceException}, ...): the public {@code TableCatalog} and
     * {@code SupportsNamespaces} interfaces declare them in their signatures, so a catalog plugin must name them.
     */
    private static DescribedPredicate<JavaClass> sparkOrDeltaInternals() {
        return JavaClass.Predicates.resideInAnyPackage(SPARK_AND_DELTA_INTERNALS.toArray(String[]::new))
                .and(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("org.apache.spark.sql.catalyst.analysis")
                                .and(JavaClass.Predicates.simpleNameEndingWith("Exception"))))
                .as("are in Spark's or Delta's internal packages (catalyst.analysis's catalog exceptions excepted)");
    }

    @Test
    void onlySparkCompatUsesSparkAndDeltaInternals() {
        noClasses().that().resideOutsideOfPackages("io.sluice.compat..")
                .should().dependOnClassesThat(sparkOrDeltaInternals())
                .because("an upgrade of Spark or Delta must break io.sluice.compat's pinning tests and nothing else")
                .check(main);
    }

    @Test
    void theFrameworksStepsHaveNoPackageCycles() {
        slices().matching("io.sluice.framework.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theConnectorsHaveNoPackageCycles() {
        slices().matching("io.sluice.connector.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theCatalogHasNoPackageCycles() {
        slices().matching("io.sluice.catalog.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void metadataDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("io.sluice.metadata..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.connector..", "io.sluice.catalog..",
                        "io.sluice.framework..", "io.sluice.cli..")
                .check(main);
    }

    @Test
    void metadatasInternalPackageIsUsedByMetadataAlone() {
        noClasses().that().resideOutsideOfPackage("io.sluice.metadata..")
                .should().dependOnClassesThat().resideInAPackage("io.sluice.metadata.internal..")
                .check(main);
    }

    @Test
    void connectorsDependOnNeitherTheFrameworkNorTheCatalog() {
        noClasses().that().resideInAPackage("io.sluice.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.catalog..", "io.sluice.framework..",
                        "io.sluice.cli..")
                .check(main);
    }

    @Test
    void theCatalogDependsOnNeitherConnectorsNorTheFramework() {
        noClasses().that().resideInAPackage("io.sluice.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.connector..", "io.sluice.framework..",
                        "io.sluice.cli..")
                .check(main);
    }

    @Test
    void theFrameworksLowerStepsDoNotReachUpToTheRunOrTheCli() {
        noClasses().that().resideInAnyPackage("io.sluice.framework.land..", "io.sluice.framework.publish..",
                        "io.sluice.framework.refine..", "io.sluice.framework.plan..", "io.sluice.framework.report..",
                        "io.sluice.framework.register..", "io.sluice.framework.lake..", "io.sluice.framework.spark..",
                        "io.sluice.framework.fault..", "io.sluice.framework.validate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.framework.run..", "io.sluice.cli..")
                .check(main);
    }
}
