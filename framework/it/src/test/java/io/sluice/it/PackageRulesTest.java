package io.sluice.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of Sluice's main code, checked on the compiled classes of every module: no package cycles
 * inside the framework, the connectors or the catalog, and arrows pointing one way between the layers (metadata at
 * the bottom, connectors and the catalog beside each other, the framework on top). Module-level rules (no Spark in
 * metadata and catalog-api) are the build's enforcer rules; these are the package-level ones the build cannot see.
 */
class PackageRulesTest {

    private static JavaClasses main;

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
                "io.sluice.framework.run", "io.sluice.framework.land", "io.sluice.cli"}) {
            org.assertj.core.api.Assertions.assertThat(main.containPackage(pkg)).as(pkg).isTrue();
        }
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
