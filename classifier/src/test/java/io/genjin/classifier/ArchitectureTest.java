package io.genjin.classifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The classifier is a pure library: no Spring, no other Genjin module, library types kept off its face. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importOnce() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.genjin.classifier");
    }

    @Test
    void classifierShouldNotDependOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(classes);
    }

    @Test
    void classifierShouldNotDependOnOtherGenjinModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.genjin.store..", "io.genjin.gateway..",
                "io.genjin.tracking..", "io.genjin.followup..", "io.genjin.outlook..", "io.genjin.reports..", "io.genjin.app..")
                .check(classes);
    }

    @Test
    void facadeTypesShouldSpeakTheDomainNotLibraryTypes() {
        noClasses().that().resideInAPackage("io.genjin.classifier")
                .should().dependOnClassesThat().resideInAnyPackage("opennlp..", "org.apache.james..", "org.jsoup..")
                .check(classes);
    }
}
