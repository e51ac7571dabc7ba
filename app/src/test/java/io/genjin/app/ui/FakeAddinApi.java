package io.genjin.app.ui;

import io.genjin.store.CrmStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The add-in's own API ({@code /api/addin/*}) as a small fake answering exactly the shapes the
 * add-in contract gives (docs/outlook-addin.md), plus the simulated Office host's script and
 * {@code /addin/config.json}. It stands in front of the app as a servlet filter; everything else
 * (the task pane itself, sign-in, customers, tasks, stages, grades, sequences) is the real app.
 * Bearer tokens are checked against the real token store. With {@code genjin.test.fake-addin-api=false}
 * only the Office stub is served and the real add-in API and config answer (seed the store instead
 * of filling the maps below).
 */
final class FakeAddinApi extends OncePerRequestFilter {
    static final String OFFICE_STUB = "/addin-test/office-stub.js";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CrmStore store;
    private final boolean answerApi;
    final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();
    final Map<String, Map<String, Object>> unknown = new ConcurrentHashMap<>();
    final List<Map<String, Object>> snippets = new CopyOnWriteArrayList<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile boolean offline;
    /** A card asked for this address waits for {@link #gate} before it answers. */
    volatile String slowAddress;
    volatile CountDownLatch gate = new CountDownLatch(0);

    record Call(String method, String path, String query, String authorization, String body) {
    }

    FakeAddinApi(CrmStore store, boolean answerApi) {
        this.store = store;
        this.answerApi = answerApi;
    }

    void reset() {
        customers.clear();
        unknown.clear();
        snippets.clear();
        calls.clear();
        offline = false;
        slowAddress = null;
        gate = new CountDownLatch(0);
    }

    /** A customer card in the contract's shape, listed under each of its addresses. */
    void customer(Map<String, Object> card, String... addresses) {
        for (String address : addresses) {
            customers.put(address, card);
        }
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.equals(OFFICE_STUB)) {
            try (InputStream in = getClass().getResourceAsStream("/addin-test/office-stub.js")) {
                response.setContentType("text/javascript;charset=UTF-8");
                in.transferTo(response.getOutputStream());
            }
            return;
        }
        if (!answerApi) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        if (path.equals("/addin/config.json")) {
            json(response, 200, Map.of("apiBase", origin, "webBase", origin, "officeJsUrl", origin + OFFICE_STUB,
                    "naa", Map.of("enabled", false)));
            return;
        }
        if (!path.startsWith("/api/addin/")) {
            chain.doFilter(request, response);
            return;
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = request.getHeader("Authorization");
        calls.add(new Call(request.getMethod(), path, request.getQueryString(), authorization, body));
        if (offline) {
            response.sendError(503);
            return;
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || store.apiTokens().resolve(authorization.substring(7)).isEmpty()) {
            problem(response, 401, "Unauthorized");
            return;
        }
        switch (request.getMethod() + " " + path) {
            case "GET /api/addin/card" -> card(request, response);
            case "POST /api/addin/messages" -> json(response, 201, Map.of("status", "STORED", "messageId", "m1", "companyId", "c1"));
            case "POST /api/addin/compose/track" -> {
                Map<?, ?> in = JSON.readValue(body, Map.class);
                json(response, 200, Map.of("html", in.get("html") + "<img src=\"/t/o/signed-pixel\" alt=\"\">",
                        "header", Map.of("name", "X-Genjin-Track", "value", "signed-track-id"), "trackingId", "tr1"));
            }
            case "POST /api/addin/compose/check" -> json(response, 200, Map.of("remind", false));
            case "GET /api/addin/snippets" -> json(response, 200, snippets);
            default -> problem(response, 404, "Not Found");
        }
    }

    private void card(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] addresses = request.getParameterValues("address");
        List<String> asked = addresses == null ? List.of() : Arrays.asList(addresses);
        if (slowAddress != null && asked.contains(slowAddress)) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<Object, Map<String, Object>> found = new LinkedHashMap<>();
        List<Map<String, Object>> strangers = new ArrayList<>();
        for (String address : asked) {
            Map<String, Object> customer = customers.get(address);
            if (customer != null) {
                found.putIfAbsent(customer.get("companyId"), customer);
            } else {
                strangers.add(unknown.getOrDefault(address, unknownAddress(address)));
            }
        }
        json(response, 200, Map.of("customers", List.copyOf(found.values()), "unknown", strangers));
    }

    private static Map<String, Object> unknownAddress(String address) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("address", address);
        u.put("name", null);
        u.put("freeMail", false);
        u.put("guess", null);
        return u;
    }

    private static void problem(HttpServletResponse response, int status, String title) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(Map.of("status", status, "title", title)));
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        FakeAddinApi fakeAddinApi(CrmStore store,
                @org.springframework.beans.factory.annotation.Value("${genjin.test.fake-addin-api:true}") boolean answerApi) {
            return new FakeAddinApi(store, answerApi);
        }

        @Bean
        FilterRegistrationBean<FakeAddinApi> fakeAddinApiFilter(FakeAddinApi fake) {
            FilterRegistrationBean<FakeAddinApi> registration = new FilterRegistrationBean<>(fake);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
