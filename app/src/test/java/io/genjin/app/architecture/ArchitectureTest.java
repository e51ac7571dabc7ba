package io.genjin.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module dependencies pointing one way, as DESIGN.md's table draws them:
 * store and classifier at the bottom; gateway, tracking, followup and reports on the store;
 * the Outlook backend on store, tracking and followup; only the app on everything. Library types
 * stay inside the module that owns them.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.genjin");
    }

    @Test
    void storeDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.genjin.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.classifier..", "io.genjin.gateway..",
                        "io.genjin.tracking..", "io.genjin.followup..", "io.genjin.outlook..", "io.genjin.reports..",
                        "io.genjin.app..")
                .check(classes);
    }

    @Test
    void classifierIsAPureLibraryWithoutGenjinOrSpringDependencies() {
        noClasses().that().resideInAPackage("io.genjin.classifier..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.store..", "io.genjin.gateway..",
                        "io.genjin.tracking..", "io.genjin.followup..", "io.genjin.outlook..", "io.genjin.reports..",
                        "io.genjin.app..", "org.springframework..")
                .check(classes);
    }

    @Test
    void gatewayUsesOnlyStoreAndClassifier() {
        noClasses().that().resideInAPackage("io.genjin.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.tracking..", "io.genjin.followup..",
                        "io.genjin.outlook..", "io.genjin.reports..", "io.genjin.app..")
                .check(classes);
    }

    @Test
    void trackingFollowupAndReportsUseOnlyTheStore() {
        noClasses().that().resideInAnyPackage("io.genjin.tracking..", "io.genjin.followup..", "io.genjin.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.classifier..", "io.genjin.gateway..",
                        "io.genjin.outlook..", "io.genjin.app..")
                .check(classes);
        noClasses().that().resideInAPackage("io.genjin.tracking..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.followup..", "io.genjin.reports..")
                .check(classes);
        noClasses().that().resideInAPackage("io.genjin.followup..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.tracking..", "io.genjin.reports..")
                .check(classes);
        noClasses().that().resideInAPackage("io.genjin.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.tracking..", "io.genjin.followup..")
                .check(classes);
    }

    @Test
    void outlookBackendDoesNotReachIntoGatewayClassifierOrReports() {
        noClasses().that().resideInAPackage("io.genjin.outlook..")
                .should().dependOnClassesThat().resideInAnyPackage("io.genjin.gateway..", "io.genjin.classifier..",
                        "io.genjin.reports..", "io.genjin.app..")
                .check(classes);
    }

    @Test
    void mailLibrariesStayInTheGatewayAndClassifier() {
        noClasses().that().resideOutsideOfPackages("io.genjin.gateway..", "io.genjin.classifier..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.james.mime4j..", "jakarta.mail..",
                        "org.eclipse.angus.mail..")
                .check(classes);
    }

    @Test
    void theMongoDriverStaysInTheStoreAndTheAppWiring() {
        noClasses().that().resideOutsideOfPackages("io.genjin.store..", "io.genjin.app.store..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "de.bwaldvogel..")
                .check(classes);
    }

    @Test
    void luceneStaysBehindTheSearchInterface() {
        noClasses().that().resideOutsideOfPackage("io.genjin.app.search..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..")
                .check(classes);
    }
}
