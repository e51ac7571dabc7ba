package io.genjin.app.roles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

class RolesTest {

    @Test
    void theDefaultIsEveryRoleAndAListIsReadCaseAndSpaceInsensitively() {
        assertThat(Roles.parse(String.join(",", Roles.ALL)).active()).containsExactlyInAnyOrderElementsOf(Roles.ALL);
        Roles roles = Roles.parse(" Tracking , api");
        assertThat(roles.has(Roles.TRACKING)).isTrue();
        assertThat(roles.has(Roles.GATEWAY)).isFalse();
        assertThat(roles.hasAny(Roles.GATEWAY, Roles.API)).isTrue();
    }

    @Test
    void anUnknownOrEmptyRoleListStopsTheStartWithTheKnownRoles() {
        assertThatThrownBy(() -> Roles.parse("tracking,pixel")).hasMessageContaining("unknown role 'pixel'")
                .hasMessageContaining("gateway, tracking, api, followup");
        assertThatThrownBy(() -> Roles.parse(" , ")).hasMessageContaining("empty");
    }

    /** A controller without a role would be served by every replica, a public tracking one included. */
    @Test
    void everyControllerOfTheAppBelongsToARole() {
        classes().that().resideInAPackage("io.genjin.app..")
                .and().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().beAnnotatedWith(ConditionalOnRole.class)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.genjin.app"));
    }
}
