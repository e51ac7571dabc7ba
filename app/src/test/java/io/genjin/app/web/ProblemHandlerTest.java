package io.genjin.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.genjin.store.Conflicting;
import io.genjin.store.Invalid;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Only the domain's own exceptions speak to the client; a JDK exception is a bug and says nothing of itself. */
class ProblemHandlerTest {
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ProblemHandler(messages()))
            .build();

    @Test
    void aJdkIllegalArgumentOrStateIsA500WithAReferenceAndNoneOfItsWords() throws Exception {
        for (String path : new String[] {"/argument", "/state"}) {
            MvcResult result = mvc.perform(get(path)).andReturn();
            String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(500);
            assertThat(body).doesNotContain("genjin.companies").contains("\"reference\"").contains("logged under reference");
        }
    }

    @Test
    void theUnexpectedIsToldInTheCallersLanguage() throws Exception {
        MvcResult result = mvc.perform(get("/state").header("Accept-Language", "zh-CN")).andReturn();
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("服务器内部出错");
    }

    @Test
    void theDomainsInvalidAndConflictingKeepTheirStatusAndWords() throws Exception {
        MvcResult invalid = mvc.perform(get("/invalid")).andReturn();
        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(invalid.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("occurredAt is in the future.");
        MvcResult conflicting = mvc.perform(get("/conflicting")).andReturn();
        assertThat(conflicting.getResponse().getStatus()).isEqualTo(409);
        assertThat(conflicting.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("already in an active sequence");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @RestController
    static class Failing {
        @GetMapping("/argument")
        String argument() {
            throw new IllegalArgumentException("no index on genjin.companies.domains");
        }

        @GetMapping("/state")
        String state() {
            throw new IllegalStateException("genjin.companies is locked by replica 3");
        }

        @GetMapping("/invalid")
        String invalid() {
            throw new Invalid("occurredAt is in the future.");
        }

        @GetMapping("/conflicting")
        String conflicting() {
            throw new Conflicting("This contact is already in an active sequence; stop it first.");
        }
    }
}
