package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the workspace forms read typed lists, and where they send the browser back to. */
class WorkspaceFormsTest {

    @Test
    void domainsAndTagsSplitOnCommasSpacesAndChinesePunctuation() {
        assertThat(new FormText(" acme.com, acme.de;acme.cn，acme.hk ").words())
                .containsExactly("acme.com", "acme.de", "acme.cn", "acme.hk");
        assertThat(new FormText("LED LED, 经销商").wordSet()).containsExactly("LED", "经销商");
        assertThat(new FormText(null).words()).isEmpty();
    }

    @Test
    void addressesAndPhonesAreOnePerLineSoPhoneNumbersKeepTheirSpaces() {
        assertThat(new FormText("+46 8 123 456\r\n\r\n +46 70 111 2222 \n").lines())
                .containsExactly("+46 8 123 456", "+46 70 111 2222");
    }

    @Test
    void blankOptionalFieldsAreAbsent() {
        assertThat(new FormText("   ").orNull()).isNull();
        assertThat(new FormText(" SE ").orNull()).isEqualTo("SE");
    }

    @Test
    void aTaskFormGoesBackOnlyToALocalPage() {
        assertThat(TaskForms.redirect("/customers/abc")).isEqualTo("redirect:/customers/abc");
        assertThat(TaskForms.redirect("/tasks/team")).isEqualTo("redirect:/tasks/team");
        assertThat(TaskForms.redirect("https://evil.example/")).isEqualTo("redirect:/tasks");
        assertThat(TaskForms.redirect("//evil.example/")).isEqualTo("redirect:/tasks");
        assertThat(TaskForms.redirect("/\\evil.example/")).isEqualTo("redirect:/tasks");
        assertThat(TaskForms.redirect(null)).isEqualTo("redirect:/tasks");
    }
}
